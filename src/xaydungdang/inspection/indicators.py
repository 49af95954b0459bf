"""Indicators of inspection and supervision (core.indicators), computed through inspection.figures (root = the node),
so that an indicator, the figures page and by_node agree:

- inspection.plans: plans adopted in the period; inspection.teams: teams formed ("11 đoàn kiểm tra", seed 002);
- inspection.inspections: inspections of organisations begun in the period;
- inspection.inspections.concluded_rate: of those, concluded by the period's end;
- inspection.recommendations.done_rate: recommendations made in the period carried out by its end;
- inspection.recommendations.overdue: of those, not carried out and past their deadline;
- inspection.discipline.members / inspection.discipline.organisations: disciplinary decisions of the period.

Rows about members (decided here): an indicator's rows are listed without knowing the reader (core's rows page
calls `rows()` with no request), so a row about a member is listed only where the indicator's capability already
guarantees the reader may read it:
- the indicators open to `view` (the office) neither count nor list inspections of members and their
  recommendations (figures `organisations_only`: a count about members is not shown to a reader without
  inspection.view); those are read on the pages of /kiem-tra/, through inspection/scoping.py;
- inspection.discipline.members needs inspection.view over the node (the inspection committee, not the office),
  and lists the decisions decided by the node's committee or a committee under it on the decision date — those
  the reader's inspection.view covers. A decision by a committee above about a member of the node is counted
  but listed only to that committee's inspection committee.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import indicators
from xaydungdang.core.indicators import COUNT, RATE, Indicator, IndicatorResult, rate_result
from xaydungdang.inspection import figures
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q


def listed_rows(organisation: Organisation, start: dt.date, end: dt.date, measure: str) -> QuerySet[Any]:
    """The rows an indicator lists for `measure` (see the module: nothing about a member unless guaranteed)."""
    if measure == figures.DISCIPLINE_MEMBERS:
        return figures.rows(organisation, start, end, measure).filter(
            placed_under_q(organisation, field="decided_by_id", date="decided_on"))
    return figures.rows(organisation, start, end, measure, organisations_only=True)


def _rows(organisation: Organisation, start: dt.date, end: dt.date, measure: str) -> Callable[[], QuerySet[Any]]:
    return lambda: listed_rows(organisation, start, end, measure)


def _count(measure: str) -> Callable[[Organisation, dt.date, dt.date], IndicatorResult]:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        value = figures.for_node(organisation, start, end,
                                 organisations_only=measure not in figures.ABOUT_MEMBERS)[measure]
        return IndicatorResult(value=value, rows=_rows(organisation, start, end, measure))

    return compute


def _rate(numerator: str, denominator: str) -> Callable[[Organisation, dt.date, dt.date], IndicatorResult]:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        found = figures.for_node(organisation, start, end, organisations_only=True)
        return rate_result(found[numerator], found[denominator], _rows(organisation, start, end, numerator))

    return compute


INSPECTION_INDICATORS = [
    Indicator("inspection.plans", _("Inspection and supervision plans adopted"), _("plans"), _count(figures.PLANS),
              kind=COUNT),
    Indicator("inspection.teams", _("Inspection teams formed"), _("teams"), _count(figures.TEAMS), kind=COUNT),
    Indicator("inspection.inspections", _("Inspections of party organisations begun"), _("inspections"),
              _count(figures.INSPECTIONS), kind=COUNT),
    Indicator("inspection.inspections.concluded_rate", _("Inspections concluded (rate)"), "%",
              _rate(figures.CONCLUDED, figures.INSPECTIONS), kind=RATE),
    Indicator("inspection.recommendations.done_rate", _("Recommendations after inspection carried out (rate)"), "%",
              _rate(figures.DONE, figures.RECOMMENDATIONS), kind=RATE),
    Indicator("inspection.recommendations.overdue", _("Recommendations after inspection past their deadline"),
              _("recommendations"), _count(figures.OVERDUE), kind=COUNT),
    Indicator("inspection.discipline.members", _("Party members disciplined"), _("decisions"),
              _count(figures.DISCIPLINE_MEMBERS), capability=Capability.VIEW_INSPECTION, kind=COUNT),
    Indicator("inspection.discipline.organisations", _("Party organisations disciplined"), _("decisions"),
              _count(figures.DISCIPLINE_ORGANISATIONS), kind=COUNT),
]


def register_inspection_indicators() -> None:
    for indicator in INSPECTION_INDICATORS:
        indicators.register(indicator)
