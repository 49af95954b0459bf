"""The report's text cut into pieces: each finding's span marked (first finding wins an overlap), then each
verified figure outside them, so that the reader sees what was checked and held, not only what failed."""

from __future__ import annotations

from dataclasses import dataclass

from xaydungdang.reportcheck.model import VERIFIED, Figure, Finding, Report


@dataclass(frozen=True)
class Piece:
    text: str
    finding: Finding | None = None
    number: int = 0  # the finding's row in the table (1-based)
    verified: Figure | None = None  # a verified figure (no finding covers it)


def _marks(report: Report) -> list[tuple[int, int, Finding | None, int, Figure | None]]:
    """Finding spans (in order, no overlap), then verified figures in the gaps, sorted by start."""
    marks: list[tuple[int, int, Finding | None, int, Figure | None]] = []
    cursor = 0
    for number, finding in enumerate(report.findings, start=1):
        if finding.end > finding.start >= cursor:
            marks.append((finding.start, finding.end, finding, number, None))
            cursor = finding.end
    taken = iter(marks[:])
    current = next(taken, None)
    for figure in report.quantities:
        while current is not None and current[1] <= figure.start:
            current = next(taken, None)
        inside = current is not None and current[0] < figure.end
        if figure.status == VERIFIED and not inside:
            marks.append((figure.start, figure.end, None, 0, figure))
    return sorted(marks, key=lambda mark: mark[0])


def pieces(report: Report) -> list[Piece]:
    out: list[Piece] = []
    cursor = 0
    for start, end, finding, number, figure in _marks(report):
        if start < cursor:
            continue
        if start > cursor:
            out.append(Piece(report.text[cursor:start]))
        out.append(Piece(report.text[start:end], finding, number, figure))
        cursor = end
    if cursor < len(report.text):
        out.append(Piece(report.text[cursor:]))
    return out
