"""Indicators: named measures that targets (chỉ tiêu) and reports refer to by code (pretix-style registry).

An app registers its indicators when it is ready (members/apps.py). A target stores only the code, so a
target may name an indicator that no app provides yet; its progress then reads "no indicator yet" until
one is registered. Each result keeps the way to list the rows behind its value (DOMAIN.md §8: every
figure comes with the rows that produce it).

An indicator is a count ("6.042 đảng viên") or a rate ("941/968 lượt, đạt 97,2%"): a rate's value is the
percentage with one decimal, rounded half-up (`rate`), and its result carries both counts. The read surface
(`xdd indicators`, GET /api/indicators, the page /chi-tieu/) computes every registered indicator through
`values_for`, with the caller's scope applied by core/indicator_reads.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.formatting import format_number, format_percent, ratio_percent

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from xaydungdang.organisations.models import Organisation

COUNT = "count"
RATE = "rate"


@dataclass(frozen=True)
class IndicatorResult:
    value: Decimal | int
    rows: Callable[[], QuerySet[Any]]  # the records behind the value, fetched only when asked
    # A rate ("941/968, đạt 97,2%") carries both counts; `value` is then the percentage (one decimal).
    numerator: int | None = None
    denominator: int | None = None


@dataclass(frozen=True)
class Indicator:
    code: str  # "members.admitted": app, then the measure
    name: Any  # Vietnamese label (gettext_lazy)
    unit: Any
    compute: Callable[[Organisation, dt.date, dt.date], IndicatorResult]  # organisation, period start, end
    capability: str = Capability.VIEW  # what a user needs to see the value and the rows
    kind: str = COUNT  # COUNT, or RATE: a percentage with its numerator and denominator
    do_not_call_in_templates: ClassVar[bool] = True  # a template reads its fields; calling it needs arguments

    def __call__(self, organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        return self.compute(organisation, start, end)


def rate(numerator: int | None, denominator: int | None) -> Decimal | None:
    """numerator/denominator as a percentage with one decimal, rounded half-up (941/968 -> 97.2); None when
    there is nothing to measure (no denominator, or zero)."""
    if numerator is None or not denominator:
        return None
    return ratio_percent(numerator, denominator)


def rate_result(numerator: int, denominator: int, rows: Callable[[], QuerySet[Any]]) -> IndicatorResult:
    """The result of a rate indicator. With nothing expected (denominator 0) the value is 0.0, so that a target
    can still compare it; the read surface shows it as no value (IndicatorValue.value is None)."""
    return IndicatorResult(value=rate(numerator, denominator) or Decimal("0.0"), rows=rows, numerator=numerator,
                           denominator=denominator)


_REGISTRY: dict[str, Indicator] = {}
# Families: one indicator per data row (a checklist item, a class type), listed when asked, so that a row
# added in the administration is an indicator at once. prefix -> lister.
_FAMILIES: dict[str, Callable[[], list[Indicator]]] = {}


def register(indicator: Indicator) -> Indicator:
    """Add an indicator; registering the same code again replaces it (app reloads in tests)."""
    _REGISTRY[indicator.code] = indicator
    return indicator


def register_family(prefix: str, lister: Callable[[], list[Indicator]]) -> None:
    """Add a family of indicators whose codes start with `prefix` + "." (its lister queries the rows)."""
    _FAMILIES[prefix] = lister


def get(code: str) -> Indicator | None:
    found = _REGISTRY.get(code)
    if found is not None:
        return found
    for prefix, lister in _FAMILIES.items():
        if code.startswith(prefix + "."):
            return next((indicator for indicator in lister() if indicator.code == code), None)
    return None


def all() -> list[Indicator]:
    family = [indicator for lister in _FAMILIES.values() for indicator in lister()]
    return sorted([*_REGISTRY.values(), *family], key=lambda indicator: indicator.code)


def matching(prefixes: Iterable[str] | None = None) -> list[Indicator]:
    """Every indicator (`all`), or those whose code starts with one of `prefixes` ("activities", "members.count").
    A family whose prefix no asked prefix can reach is not listed, so asking for "members" queries no family."""
    asked = [p for p in prefixes or () if p]
    if not asked:
        return all()
    wanted = [i for i in _REGISTRY.values() if i.code.startswith(tuple(asked))]
    for prefix, lister in _FAMILIES.items():
        if any(prefix.startswith(p) or p.startswith(prefix) for p in asked):
            wanted += [i for i in lister() if i.code.startswith(tuple(asked))]
    return sorted(wanted, key=lambda indicator: indicator.code)


class UnknownIndicator(LookupError):
    pass


def compute(code_or_indicator: str | Indicator, organisation: Organisation, start: dt.date,
            end: dt.date) -> IndicatorResult:
    """The result of one indicator, named by its code or given; UnknownIndicator for a code nobody registered."""
    indicator = get(code_or_indicator) if isinstance(code_or_indicator, str) else code_or_indicator
    if indicator is None:
        raise UnknownIndicator(code_or_indicator)
    return indicator(organisation, start, end)


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator with its result for one organisation and period, as the read surface shows it."""

    indicator: Indicator
    result: IndicatorResult

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def label(self) -> str:
        return str(self.indicator.name)

    @property
    def unit(self) -> str:
        return str(self.indicator.unit)

    @property
    def is_rate(self) -> bool:
        return self.indicator.kind == RATE or self.result.denominator is not None

    @property
    def value(self) -> int | float | None:
        """A number for JSON: the count, or the percentage of a rate (None when it has no denominator)."""
        if self.is_rate:
            percentage = rate(self.result.numerator, self.result.denominator)
            return float(percentage) if percentage is not None else None
        return int(self.result.value) if self.result.value == int(self.result.value) else float(self.result.value)

    def as_dict(self) -> dict[str, Any]:
        # Counts as int: a database sum may come back as a Decimal (PostgreSQL's SUM of a bigint is numeric).
        numerator, denominator = self.result.numerator, self.result.denominator
        return {"code": self.code, "label": self.label, "unit": self.unit, "value": self.value,
                "numerator": None if numerator is None else int(numerator),
                "denominator": None if denominator is None else int(denominator)}

    def display(self) -> str:
        """Vietnamese: "941/968 — 97,2%" for a rate ("0/0 — –" with nothing to measure), "6.042" for a count."""
        if self.is_rate:
            percentage = rate(self.result.numerator, self.result.denominator)
            return (f"{format_number(self.result.numerator or 0)}/{format_number(self.result.denominator or 0)}"
                    f" — {format_percent(percentage)}")
        return format_number(self.result.value, 0 if self.result.value == int(self.result.value) else 1)


def values_for(organisation: Organisation, start: dt.date, end: dt.date,
               codes: Iterable[str] | None = None) -> list[IndicatorValue]:
    """Every indicator (or those whose code starts with one of `codes`) computed for the organisation's subtree
    over [start, end], in code order. Unscoped: callers that answer a user go through core.indicator_reads."""
    return [IndicatorValue(indicator, indicator(organisation, start, end)) for indicator in matching(codes)]
