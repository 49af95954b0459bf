"""What the page, the API and `xdd check-report` say about statuses, in Vietnamese (the app's catalogue).

Kept apart from views.py so that the command imports no model: its start-up stays short.
"""

from __future__ import annotations

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from xaydungdang.reportcheck import summary
from xaydungdang.reportcheck.model import ERROR, UNCHECKED, VERIFIED, WARNING, Report

STATUS_LABELS = {VERIFIED: _("verified"), ERROR: _("error"), WARNING: _("warning"), UNCHECKED: _("not checkable")}
REASON_LABELS = {
    "approximate": _("approximate figure"), "target": _("share of a target or a comparison"),
    "no_base": _("no base stated"), "not_linked": _("noun not linked to a total or a rate"),
    "no_noun": _("counts nothing named"), "time": _("a year, month or period"),
    "no_registry": _("no document registry to compare with"),
}


def summary_line(report: Report) -> str:
    """The summary line in the active language (summary.summary_line)."""
    return summary.summary_line(report, _g)


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code))
