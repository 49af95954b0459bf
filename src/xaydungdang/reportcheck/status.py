"""Each figure's status after the checks: verified, error, warning, or not checkable and why.

A clean report used to read as "0 lỗi" when nothing had been checked (issue 11). A figure is verified only
when a check compared it with another figure (a ratio, a sum, a base) and the relation held; a figure a
finding's span covers takes the finding's severity; every other one is unchecked, with a reason code that
the page, the API and the command translate.
"""

from __future__ import annotations

from bisect import bisect_left

from xaydungdang.reportcheck.context import Context
from xaydungdang.reportcheck.model import ERROR, SEVERITY_ORDER, UNCHECKED, VERIFIED, WARNING, Figure, Finding

# Reason codes of an unchecked figure (translated by labels.REASON_LABELS).
REASONS = ("approximate", "target", "no_base", "not_linked", "no_noun", "time", "no_registry")
MAX_OVERLAPS = 8  # findings looked back at for one figure: spans are short, and a 1 MB text stays linear


def _reason(figure: Figure, registry: bool) -> str:
    if figure.kind in ("year", "period", "month"):
        return "time"
    if figure.kind == "reference":
        return "" if registry else "no_registry"
    if not figure.exact:
        return "approximate"
    if figure.kind == "percent":
        return "target" if figure.target else "no_base"
    if figure.kind == "count":
        return "not_linked" if figure.noun else "no_noun"
    return "no_base" if figure.base is None else "not_linked"


def _worst_overlap(figure: Figure, findings: list[Finding], starts: list[int]) -> str | None:
    worst: str | None = None
    high = bisect_left(starts, figure.end)
    for finding in findings[max(0, high - MAX_OVERLAPS):high]:
        if finding.end > figure.start and (worst is None or SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[worst]):
            worst = finding.severity
    return worst


def assign_statuses(ctx: Context, figures: list[Figure], findings: list[Finding]) -> None:
    """Set `status` and `reason` on every figure (findings: the report's, sorted by start)."""
    flagged = [f for f in findings if f.severity in (ERROR, WARNING) and f.end > f.start]
    starts = [f.start for f in flagged]
    for figure in figures:
        severity = _worst_overlap(figure, flagged, starts)
        if severity is not None:
            figure.status, figure.reason = severity, ""
        elif id(figure) in ctx.verified or figure.kind == "date":
            figure.status, figure.reason = VERIFIED, ""  # a date with no finding exists and its weekday matches
        else:
            reason = _reason(figure, ctx.registry is not None)
            figure.status, figure.reason = (UNCHECKED, reason) if reason else (VERIFIED, "")


__all__ = ["REASONS", "assign_statuses"]
