"""Indicators of pressing local issues (core.indicators), computed through pressing.figures (root = the node):

- pressing.selected: issues selected for the period's years (not cancelled);
- pressing.resolved: of those, resolved by the period's end;
- pressing.resolved_rate: resolved / selected ("61/73 vụ việc, đạt 83,6%");
- pressing.overdue: of those, not resolved and past their deadline today;
- pressing.field.<field code>: resolved / selected in one field (one indicator per field, listed when asked: a field
  added in the administration is an indicator at once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.indicators import COUNT, RATE, Indicator, IndicatorResult, rate_result
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing import figures
from xaydungdang.pressing.models import IssueField, PressingIssue

FIELD_PREFIX = "pressing.field"


def _rows(organisation: Organisation, start: dt.date, end: dt.date, measure: str,
          field: str = "") -> Callable[[], QuerySet[PressingIssue]]:
    return lambda: figures.rows(organisation, start.year, end.year, measure, resolved_by=end, field=field)


def _count(measure: str) -> Callable[[Organisation, dt.date, dt.date], IndicatorResult]:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        value = figures.for_node(organisation, start, end)[measure]
        return IndicatorResult(value=value, rows=_rows(organisation, start, end, measure))

    return compute


def _rate(field: str = "") -> Callable[[Organisation, dt.date, dt.date], IndicatorResult]:
    suffix = f".{field}" if field else ""

    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        found = figures.for_node(organisation, start, end)
        return rate_result(found.get(figures.RESOLVED + suffix, 0), found.get(figures.SELECTED + suffix, 0),
                           _rows(organisation, start, end, figures.RESOLVED, field))

    return compute


PRESSING_INDICATORS = [
    Indicator("pressing.selected", _("Pressing issues selected"), _("issues"), _count(figures.SELECTED), kind=COUNT),
    Indicator("pressing.resolved", _("Pressing issues resolved"), _("issues"), _count(figures.RESOLVED), kind=COUNT),
    Indicator("pressing.resolved_rate", _("Pressing issues resolved (rate)"), "%", _rate(), kind=RATE),
    Indicator("pressing.overdue", _("Pressing issues past their deadline, not resolved"), _("issues"),
              _count(figures.OVERDUE), kind=COUNT),
]


def field_indicators() -> list[Indicator]:
    """One rate per field of pressing issues (queried when asked)."""
    return [Indicator(f"{FIELD_PREFIX}.{field.code}", _field_name(field), "%", _rate(field.code), kind=RATE)
            for field in IssueField.objects.all()]


def _field_name(field: IssueField) -> Any:
    return _("Pressing issues resolved, field: %(field)s") % {"field": field.name}


def register_pressing_indicators() -> None:
    for indicator in PRESSING_INDICATORS:
        indicators.register(indicator)
    indicators.register_family(FIELD_PREFIX, field_indicators)
