"""Mutation test of issue 11: each correct paragraph with one stated figure changed by a small amount
(±1 on a count, ±0,3 on a percentage), and the share of changes the checker catches as an error.

A figure is mutated where it is written, in the paragraph's own notation ("6.042", "2,415", "96,1%", "95.2%").
Mutated: every exact count and percentage the checker reads in the correct paragraph ("all"), and among them
those it verified there, the figures it links to another ("linked"): a change to "27 hội nghị" that nothing
relates to cannot be caught by any arithmetic, so both shares are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tests.reportcheck.corpus import CORPUS_TODAY
from xaydungdang.reportcheck.engine import check_text
from xaydungdang.reportcheck.model import ERROR, VERIFIED, Figure

PERCENT_STEP = Decimal("0.3")


@dataclass(frozen=True)
class Mutant:
    text: str
    original: str
    changed: str
    linked: bool  # the figure was verified in the correct paragraph


def _written_count(written: str, value: int) -> str | None:
    digits = re.sub(r"[.,]", "", written)
    if not digits.isdigit() or value < 0:
        return None
    if "," in written:
        return f"{value:,}"
    if "." in written:
        return f"{value:,}".replace(",", ".")
    return str(value).zfill(len(written)) if written.startswith("0") else str(value)


def _written_percent(written: str, value: Decimal) -> str:
    """"96,1%" + 0,3 -> "96,4%"; "90%" + 0,3 -> "90,3%"; "95.2%" -> "95.5%" (the notation kept)."""
    number = written.rstrip("%").strip()
    separator = "." if "." in number else ","
    decimals = max(1, len(re.split(r"[.,]", number)[1]) if re.search(r"[.,]", number) else 1)
    return f"{value:.{decimals}f}".replace(".", separator) + "%"


def _changes(figure: Figure) -> list[str]:
    if figure.kind == "count" and figure.int_value is not None and figure.int_value >= 2:
        return [w for w in (_written_count(figure.text, figure.int_value + d) for d in (1, -1)) if w]
    if figure.kind == "percent" and figure.value is not None and figure.text.endswith("%") \
            and figure.qualifier is None:
        return [_written_percent(figure.text, figure.value + d) for d in (PERCENT_STEP, -PERCENT_STEP)
                if figure.value + d >= 0]
    return []


def mutants(text: str) -> list[Mutant]:
    report = check_text(text, today=CORPUS_TODAY, use_parser=False)
    out = []
    for figure in report.quantities:
        if not figure.exact:
            continue
        for changed in _changes(figure):
            mutated = text[:figure.start] + changed + text[figure.end:]
            out.append(Mutant(mutated, figure.text, changed, figure.status == VERIFIED))
    return out


def caught(mutant: Mutant) -> bool:
    report = check_text(mutant.text, today=CORPUS_TODAY, use_parser=False)
    return any(f.severity == ERROR for f in report.findings)


def shares(paragraphs: list[str]) -> tuple[float, float, list[Mutant], list[Mutant]]:
    """(share caught over all mutants, over linked ones, all mutants, the ones missed)."""
    every = [m for text in paragraphs for m in mutants(text)]
    missed = [m for m in every if not caught(m)]
    linked = [m for m in every if m.linked]
    linked_missed = [m for m in missed if m.linked]
    return (1 - len(missed) / len(every), 1 - len(linked_missed) / len(linked) if linked else 0.0, every, missed)
