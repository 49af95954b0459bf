"""Meeting indicators for targets and reports (core.indicators), rates with numerator and denominator:

- meetings.regular_held: chi bộ-months with a regular meeting / chi bộ-months expected (meetings.queries);
- meetings.thematic_held: chi bộ-quarters with a thematic meeting / chi bộ-quarters expected;
- meetings.turns: attended attendance rows / rows (lượt) of the meetings not cancelled in the period;
- meetings.checklist.<item code>: chi bộ meeting the item / chi bộ expected to answer, for the year of the
  period's last day (one indicator per checklist item, listed when asked: an item added in the administration is
  an indicator at once).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.formatting import ratio_percent
from xaydungdang.core.indicators import Indicator, IndicatorResult
from xaydungdang.meetings import queries
from xaydungdang.meetings.models import ChecklistAnswer, ChecklistItem, MeetingAttendance
from xaydungdang.organisations.models import Organisation, OrgVersion

PREFIX = "meetings.checklist"


def _rate(numerator: int, denominator: int, rows: Any) -> IndicatorResult:
    return IndicatorResult(value=ratio_percent(numerator, denominator) or 0, rows=rows, numerator=numerator,
                           denominator=denominator)


def _held(kind: str, periods: Any) -> Any:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        spans = periods(start, end)
        held, expected = queries.held_counts(organisation, kind, spans)

        def rows() -> QuerySet[OrgVersion]:  # the chi bộ that missed a period, as they stood at its end
            ids = {v.pk for s, e in spans for v in queries.missing(organisation, kind, s, e).missing}
            return OrgVersion.objects.filter(pk__in=ids).select_related("organisation")

        return _rate(held, expected, rows)

    return compute


def turns(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    attended, total = queries.turns(organisation, start, end)

    def rows() -> QuerySet[MeetingAttendance]:
        return MeetingAttendance.objects.filter(queries.placed_in_subtree_q(organisation), date__gte=start,
                                                date__lte=end, meeting__cancelled_on__isnull=True,
                                                attended=False).select_related("person", "meeting")

    return _rate(attended, total, rows)


def _checklist(item: ChecklistItem) -> Any:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        year = end.year
        expected = queries.checklist_expected(organisation, year)
        total = expected.count()
        met = ChecklistAnswer.objects.filter(year=year, item=item, met=True,
                                             organisation_id__in=expected.values("organisation_id")).count()
        return _rate(met, total, lambda: OrgVersion.objects.filter(pk__in=[
            v.pk for v in queries.checklist_rows(organisation, year, item, met=True)]).select_related("organisation"))

    return compute


MEETING_INDICATORS = [
    Indicator("meetings.regular_held", _("Chi bộ-months with a regular meeting"), "%",
              _held("regular", queries.months_between)),
    Indicator("meetings.thematic_held", _("Chi bộ-quarters with a thematic meeting"), "%",
              _held("thematic", queries.quarters_between)),
    Indicator("meetings.turns", _("Attendance at chi bộ meetings (lượt)"), "%", turns),
]


def checklist_indicators() -> list[Indicator]:
    """One indicator per checklist item (queried when asked)."""
    return [Indicator(f"{PREFIX}.{item.code}", item.text, "%", _checklist(item))
            for item in ChecklistItem.objects.all()]


def register_meeting_indicators() -> None:
    for indicator in MEETING_INDICATORS:
        indicators.register(indicator)
    indicators.register_family(PREFIX, checklist_indicators)
