"""What every check receives, and the helpers they share to write findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xaydungdang.reportcheck.extract import Extraction, SentenceData
from xaydungdang.reportcheck.model import Figure, Finding
from xaydungdang.reportcheck.tokens import Token


@dataclass(frozen=True)
class Fact:
    """A quantity the records give for the organisation and date the report is checked against."""

    value: int
    label: str  # what it counts, in Vietnamese
    url: str | None = None  # the rows behind it


# The parsed references -> for each, None when the registry knows it, else why not (Vietnamese).
RegistryLookup = Callable[[list[Any]], list[str | None]]


@dataclass
class Context:
    text: str
    extraction: Extraction
    today: dt.date
    facts: Mapping[str, Fact] = field(default_factory=dict)
    registry: RegistryLookup | None = None
    used: set[int] = field(default_factory=set)  # ids of percentages a check has already explained
    memos: dict[Hashable, Any] = field(default_factory=dict)  # what several checks derive from one sentence
    verified: set[int] = field(default_factory=set)  # ids of figures a relation was checked on and held
    reported: list[Finding] = field(default_factory=list)  # findings of the checks run so far (no repeats)

    def verify(self, *figures: Figure) -> None:
        """The figures took part in a relation that was checked and held (a ratio, a sum, a base)."""
        self.verified.update(id(f) for f in figures)

    def sentence_text(self, index: int) -> str:
        return self.extraction.sentences[index].sentence.text if self.extraction.sentences else ""

    def finding(self, severity: str, kind: str, figure: Figure, stated: str, computed: str, message: str,
                *, start: int | None = None, end: int | None = None, url: str | None = None) -> Finding:
        return Finding(severity, kind, self.sentence_text(figure.sentence), stated, computed,
                       figure.start if start is None else start, figure.end if end is None else end, message, url)


def clause_break(tokens: list[Token], first: int, last: int) -> bool:
    """A ";" or "." between two token positions: the figures are not in one clause."""
    return any(t.text in {";", "."} for t in tokens[first:last])


def next_figure(data: SentenceData, figure: Figure) -> Figure | None:
    position = figure.position + 1
    return data.figures[position] if position < len(data.figures) else None
