"""What the checker finds: figures read from the text and findings about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from xaydungdang.reportcheck.numbers import format_decimal

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
# A figure's status (issue 11): a clean result must not read as "verified" when nothing was checked.
VERIFIED, UNCHECKED = "verified", "unchecked"
STATUSES = (VERIFIED, ERROR, WARNING, UNCHECKED)
QUANTITIES = ("count", "percent", "ratio")


@dataclass(eq=False)  # a figure is itself: compared by identity
class Figure:
    kind: str  # "count", "percent", "ratio", "year", "period", "reference", "date"
    text: str
    start: int
    end: int
    sentence: int  # index into Report.sentences
    value: Decimal | None = None
    decimals: int = 0
    base: int | None = None  # the denominator of a ratio
    noun: str | None = None  # canonical noun key (lexicon.NOUNS)
    phrase: str = ""  # what it counts, as written: its noun or counting word, or "" (for the reader)
    qualifier: str | None = None  # "lower", "upper", "approx", "range"; None when exact
    low: Decimal | None = None  # the lower end of a range ("88–90%": 88)
    bound_word: str = ""  # the qualifier as written ("gần", "trên"): "gần 100%" is not "dưới 100%"
    role: str | None = None  # "inventory" (the unit's own count), "part"
    record_key: str | None = None  # what records would produce it (records.py providers)
    target: bool = False  # a percentage of a target ("đạt 105% chỉ tiêu"): may exceed 100
    token: int = 0  # index of the figure's first token in its sentence
    token_end: int = 0  # index of the first token after the figure and its noun
    noun_end: int = 0  # index of the first token after the figure's noun phrase (nouns listed with ",")
    position: int = 0  # index in its sentence's figures (list.index would be quadratic on a long sentence)
    status: str = UNCHECKED  # VERIFIED, ERROR, WARNING or UNCHECKED (status.assign_statuses)
    reason: str = ""  # why UNCHECKED: a code of status.REASONS ("no_base", "not_linked", …)

    @property
    def exact(self) -> bool:
        return self.qualifier is None

    @property
    def int_value(self) -> int | None:
        if self.value is None or self.decimals or self.value != self.value.to_integral_value():
            return None
        return int(self.value)

    def shown(self) -> str:
        if self.kind == "ratio" and self.value is not None and self.base is not None:
            return f"{format_decimal(self.value)}/{format_decimal(self.base)}"
        if self.kind == "percent" and self.value is not None:
            return f"{format_decimal(self.value, self.decimals)}%"
        if self.kind == "count" and self.value is not None:
            return format_decimal(self.value)
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "value": self.shown(), "noun": self.noun,
                "phrase": self.phrase, "qualifier": self.qualifier, "sentence": self.sentence,
                "start": self.start, "end": self.end, "status": self.status, "reason": self.reason or None}


@dataclass
class Finding:
    severity: str
    kind: str  # "ratio", "sum", "reachability", "duplicate", "over_100", "reference", "date", "records",
    # "no_figures" (nothing could be checked), "input" (only the first part of an oversized text was)
    sentence: str
    stated: str
    computed: str
    start: int = 0
    end: int = 0
    message: str = ""
    url: str | None = None  # the records behind a "records" finding

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"severity": self.severity, "kind": self.kind, "sentence": self.sentence,
                               "stated": self.stated, "computed": self.computed, "start": self.start,
                               "end": self.end, "message": self.message}
        if self.url:
            out["url"] = self.url
        return out

    def brief(self) -> tuple[str, str, str, str]:
        """(severity, kind, stated, computed): what the tests compare."""
        return self.severity, self.kind, self.stated, self.computed


@dataclass
class Report:
    text: str
    sentences: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_error(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    @property
    def quantities(self) -> list[Figure]:
        """The counts, percentages and ratios: the figures the summary line counts."""
        return [f for f in self.figures if f.kind in QUANTITIES]

    def summary(self) -> dict[str, int]:
        """{"figures": N, "verified": X, "error": Y, "warning": Z, "unchecked": W} over the quantities."""
        quantities = self.quantities
        out = {"figures": len(quantities)}
        out.update({status: sum(1 for f in quantities if f.status == status) for status in STATUSES})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), "findings": [f.to_dict() for f in self.findings],
                "figures": [f.to_dict() for f in self.figures]}
