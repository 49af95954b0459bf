"""The report checker page: paste or upload, see every figure checked with the text highlighted.

Checking writes nothing. Comparing with the records needs an organisation in the user's scope: the form's
picker refuses one outside it as an unknown code; the API answers 404 (as everywhere).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import requires
from xaydungdang.organisations.models import Organisation
from xaydungdang.reportcheck.engine import check_text
from xaydungdang.reportcheck.forms import CheckForm
from xaydungdang.reportcheck.highlight import pieces
from xaydungdang.reportcheck.labels import STATUS_LABELS, reason_label, summary_line
from xaydungdang.reportcheck.model import Report
from xaydungdang.reportcheck.records import facts_for
from xaydungdang.reportcheck.registry import registry_lookup


def run_check(request: HttpRequest, text: str, organisation: Organisation | None, day: Any) -> Report:
    """check_text with the records of an organisation (one of the scope: the caller resolved it) and the
    document registry."""
    facts = facts_for(organisation, day) if organisation is not None and day else {}
    return check_text(text, facts=facts, registry=registry_lookup(request.scope))  # type: ignore[attr-defined]


QUANTITIES = ("count", "percent", "ratio")
KIND_LABELS = {
    "ratio": _("Percentage against its ratio"), "sum": _("Parts against the total"),
    "reachability": _("Percentage no whole count gives"), "duplicate": _("Same quantity stated twice"),
    "over_100": _("Part larger than the whole"), "reference": _("Document reference"), "date": _("Date"),
    "records": _("Against the records"), "no_figures": _("No figures"),
    "input": _("Input too large"),
}
FIGURE_LABELS = {
    "count": _("Count"), "percent": _("Percentage"), "ratio": _("Ratio"), "year": _("Year"), "period": _("Period"),
    "month": _("Month"), "date": _("Date"), "reference": _("Document reference"),
}


def _result_context(report: Report) -> dict[str, Any]:
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    labelled = [(f, FIGURE_LABELS.get(f.kind, f.kind), STATUS_LABELS.get(f.status, f.status),
                 reason_label(f.reason) if f.reason else "") for f in report.figures]
    quantities = [row for row in labelled if row[0].kind in QUANTITIES]
    others = [row for row in labelled if row[0].kind not in QUANTITIES]
    summary = report.summary()
    return {"report": report, "pieces": pieces(report), "counts": counts, "quantities": quantities, "others": others,
            "findings": [(f, KIND_LABELS.get(f.kind, f.kind)) for f in report.findings],
            "summary_line": summary_line(report),
            "nothing_checkable": bool(summary["figures"]) and summary["figures"] == summary["unchecked"]}


@requires(Capability.VIEW)
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.POST or None, request.FILES or None,
                     organisations=request.scope.organisations())  # type: ignore[attr-defined]
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = run_check(request, data["report"], data.get("organisation"), data.get("date"))
        context.update(_result_context(report))
    template = "reportcheck/_result.html" if request.headers.get("HX-Request") else "reportcheck/check.html"
    return render(request, template, context)
