"""Checks of dates, document references and (inside the system) the records.

A reference dated after the day of checking, a date that does not exist (31/2), a weekday that
does not match its date, a reference the registry does not hold; and the unit's own counts
against what the records give for the organisation on the report's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from xaydungdang.reportcheck.checks import check
from xaydungdang.reportcheck.context import Context
from xaydungdang.reportcheck.model import ERROR, WARNING, Figure, Finding
from xaydungdang.reportcheck.numbers import format_decimal

WEEKDAYS = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
_DIGITS = re.compile(r"\d+")
_WEEKDAY_BEFORE = re.compile(r"(thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*,?\s*$", re.IGNORECASE)
# "Hội nghị lần thứ Năm, 20/5/2025": an ordinal, not a weekday.
_ORDINAL_BEFORE = re.compile(r"(?:lần|khóa|khoá|kỳ|kì)\s+$", re.IGNORECASE)
# Central Committee terms (khóa): years they ran, to date a "khóa XII" document.
TERMS = {"VII": (1991, 1996), "VIII": (1996, 2001), "IX": (2001, 2006), "X": (2006, 2011), "XI": (2011, 2016),
         "XII": (2016, 2021), "XIII": (2021, 2026), "XIV": (2026, 2031)}


def parse_written_date(text: str) -> tuple[int, int, int] | None:
    numbers = [int(n) for n in _DIGITS.findall(text)]
    return (numbers[0], numbers[1], numbers[2]) if len(numbers) == 3 else None


def real_date(parts: tuple[int, int, int]) -> dt.date | None:
    try:
        return dt.date(parts[2], parts[1], parts[0])
    except ValueError:
        return None


def _date_figures(ctx: Context) -> Iterator[tuple[Figure, tuple[int, int, int]]]:
    for figure in ctx.extraction.figures:
        if figure.kind == "date":
            parts = parse_written_date(figure.text)
            if parts:
                yield figure, parts


@check("date")
def impossible_dates(ctx: Context) -> Iterator[Finding]:
    for figure, parts in _date_figures(ctx):
        day = real_date(parts)
        if day is None:
            if 1 <= parts[1] <= 12 and 1 <= parts[0] <= 31:
                yield ctx.finding(ERROR, "date", figure, figure.text, "không có ngày này",
                                  f"Ngày {figure.text} không tồn tại.")
            continue
        written = _WEEKDAY_BEFORE.search(ctx.text, max(0, figure.start - 20), figure.start)
        if written and not _ORDINAL_BEFORE.search(ctx.text, max(0, written.start() - 8), written.start()):
            said = " ".join(written.group(1).lower().split())
            right = WEEKDAYS[day.weekday()]
            if said != right:
                yield ctx.finding(WARNING, "date", figure, f"{said.capitalize()}, {figure.text}", right.capitalize(),
                                  f"Ngày {figure.text} là {right}.", start=figure.start - len(written.group(0)))


def _issued(reference: object) -> dt.date | None:
    return getattr(reference, "issued_on", None)


def _reference_date_finding(ctx: Context, figure: Figure, reference: object) -> Finding | None:
    issued = _issued(reference)
    if issued is not None and issued > ctx.today:
        return ctx.finding(ERROR, "reference", figure, figure.text, f"sau ngày {ctx.today:%d/%m/%Y}",
                           "Văn bản được dẫn mang ngày ban hành trong tương lai.")
    term = getattr(reference, "term", None)
    years = TERMS.get(term or "")
    if issued is not None and years and getattr(reference, "issuer_code", None) == "TW" \
            and not years[0] <= issued.year <= years[1]:
        return ctx.finding(WARNING, "reference", figure, figure.text, f"khóa {term}: {years[0]}–{years[1]}",
                           "Ngày ban hành nằm ngoài nhiệm kỳ của khóa đã ghi.")
    return None


@check("reference")
def references(ctx: Context) -> Iterator[Finding]:
    figures = {(f.start, f.end): f for f in ctx.extraction.figures if f.kind == "reference"}
    references = ctx.extraction.references
    problems = ctx.registry(references) if ctx.registry is not None and references else [None] * len(references)
    for reference, problem in zip(references, problems, strict=True):
        figure = figures.get((reference.start, reference.end))
        if figure is None:
            continue
        found = _reference_date_finding(ctx, figure, reference)
        if found is not None:
            yield found
        elif problem:
                yield ctx.finding(WARNING, "reference", figure, figure.text, problem,
                                  "Văn bản được dẫn không có trong sổ văn bản.")


@check("records")
def against_records(ctx: Context) -> Iterator[Finding]:
    """The unit's own counts and the bases of its member ratios against the records on the date."""
    if not ctx.facts:
        return
    for figure in ctx.extraction.figures:
        key, value = figure.record_key, figure.int_value
        if figure.kind == "ratio" and figure.noun == "đảng viên" and figure.exact:
            key, value = "đảng viên", figure.base
        elif figure.role != "inventory":
            continue
        fact = ctx.facts.get(key or "")
        if fact is None or value is None:
            continue
        if value == fact.value:
            ctx.verify(figure)
            continue
        shown = format_decimal(value)
        yield ctx.finding(ERROR, "records", figure, shown, format_decimal(fact.value),
                          f"Theo hồ sơ: {fact.label} là {format_decimal(fact.value)}, báo cáo ghi {shown}.",
                          url=fact.url)
