"""The summary line of a check, in any translation function: Django's on the page and in the command,
Python's gettext over the app's catalogue in the fast `xdd check-report` path (no Django to start)."""

from __future__ import annotations

from collections.abc import Callable

from xaydungdang.reportcheck.model import ERROR, UNCHECKED, VERIFIED, WARNING, Report


def gettext_noop(message: str) -> str:
    """Marks a msgid for extraction (makemessages reads this name); translated where it is shown."""
    return message


NOTHING_CHECKABLE = gettext_noop("Nothing could be checked: none of the %(n)s figures is linked to a total, a base "
                                 "or a ratio")
SUMMARY = gettext_noop("%(n)s figures: %(verified)s verified, %(errors)s errors, %(warnings)s warnings, "
                       "%(unchecked)s not checkable")


def nothing_checkable(report: Report) -> bool:
    counts = report.summary()
    return bool(counts["figures"]) and counts["figures"] == counts[UNCHECKED]


def summary_line(report: Report, translate: Callable[[str], str]) -> str:
    """"N số liệu: X đã kiểm chứng, Y lỗi, Z cảnh báo, W không kiểm chứng được", or that nothing was checkable
    (a "0 lỗi" over figures none of which was checked would read as a verified report)."""
    counts = report.summary()
    values = {"n": counts["figures"], "verified": counts[VERIFIED], "errors": counts[ERROR],
              "warnings": counts[WARNING], "unchecked": counts[UNCHECKED]}
    return translate(NOTHING_CHECKABLE if nothing_checkable(report) else SUMMARY) % values
