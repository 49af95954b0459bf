"""What the page, the API and `xdd check-report` say about statuses, in Vietnamese (the app's catalogue).

Kept apart from views.py so that the command imports no model: its start-up stays short.
"""

from __future__ import annotations

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from xaydungdang.reportcheck.model import ERROR, UNCHECKED, VERIFIED, WARNING, Report

STATUS_LABELS = {VERIFIED: _("verified"), ERROR: _("error"), WARNING: _("warning"), UNCHECKED: _("not checkable")}
REASON_LABELS = {
    "approximate": _("approximate figure"), "target": _("share of a target or a comparison"),
    "no_base": _("no base stated"), "not_linked": _("noun not linked to a total or a rate"),
    "no_noun": _("counts nothing named"), "time": _("a year, month or period"),
    "no_registry": _("no document registry to compare with"),
}


def summary_line(report: Report) -> str:
    """"N số liệu: X đã kiểm chứng, Y lỗi, Z cảnh báo, W không kiểm chứng được", or that nothing was checkable
    (a "0 lỗi" over figures none of which was checked would read as a verified report)."""
    counts = report.summary()
    values = {"n": counts["figures"], "verified": counts[VERIFIED], "errors": counts[ERROR],
              "warnings": counts[WARNING], "unchecked": counts[UNCHECKED]}
    if counts["figures"] and counts["figures"] == counts[UNCHECKED]:
        return _g("Nothing could be checked: none of the %(n)s figures is linked to a total, a base or a "
                  "ratio") % values
    return _g("%(n)s figures: %(verified)s verified, %(errors)s errors, %(warnings)s warnings, "
              "%(unchecked)s not checkable") % values


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code))
