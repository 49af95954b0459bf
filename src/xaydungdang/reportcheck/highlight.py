"""The report's text cut into pieces, each finding's span marked (first finding wins an overlap)."""

from __future__ import annotations

from dataclasses import dataclass

from xaydungdang.reportcheck.model import Finding, Report


@dataclass(frozen=True)
class Piece:
    text: str
    finding: Finding | None = None
    number: int = 0  # the finding's row in the table (1-based)


def pieces(report: Report) -> list[Piece]:
    out: list[Piece] = []
    cursor = 0
    for number, finding in enumerate(report.findings, start=1):
        if finding.end <= finding.start or finding.start < cursor:
            continue
        if finding.start > cursor:
            out.append(Piece(report.text[cursor:finding.start]))
        out.append(Piece(report.text[finding.start:finding.end], finding, number))
        cursor = finding.end
    if cursor < len(report.text):
        out.append(Piece(report.text[cursor:]))
    return out
