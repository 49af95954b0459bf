"""Indicators: named measures that targets (chỉ tiêu) and reports refer to by code (pretix-style registry).

An app registers its indicators when it is ready (members/apps.py). A target stores only the code, so a
target may name an indicator that no app provides yet; its progress then reads "no indicator yet" until
one is registered. Each result keeps the way to list the rows behind its value (DOMAIN.md §8: every
figure comes with the rows that produce it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from xaydungdang.accounts.capabilities import Capability

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from xaydungdang.organisations.models import Organisation


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
    capability: str = Capability.VIEW  # what a user needs to see the rows

    def __call__(self, organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        return self.compute(organisation, start, end)


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
