"""Member indicators for targets and reports: members on a date, admissions and recognitions in a period.

The subtree is taken as it stood on the period's last day, or on the organisation's last day when it
ended earlier (a district dissolved on 1/7/2025 still answers for its 2024 targets).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.indicators import Indicator, IndicatorResult
from xaydungdang.members import queries
from xaydungdang.members.models import Member, MemberEvent
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation


def tree_day(organisation: Organisation, end: dt.date) -> dt.date:
    last = organisation.last_day
    return min(end, last) if last is not None else end


def _events(kind: str, organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[MemberEvent]:
    organisations = org_queries.subtree_ids_on(organisation.pk, tree_day(organisation, end))
    return MemberEvent.objects.filter(kind=kind, date__gte=start, date__lte=end, organisation_id__in=organisations)


def _members_with(kind: str, organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    events = _events(kind, organisation, start, end)

    def rows() -> QuerySet[Member]:
        return Member.objects.filter(pk__in=events.values("member_id")).select_related("person")

    return IndicatorResult(value=events.values("member_id").distinct().count(), rows=rows)


def members_count(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    day = tree_day(organisation, end)
    return IndicatorResult(value=queries.count_members_on(organisation.pk, day),
                           rows=lambda: queries.members_on(organisation.pk, day).select_related("person"))


def members_admitted(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    return _members_with(MemberEvent.Kind.ADMITTED, organisation, start, end)


def members_recognised(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    return _members_with(MemberEvent.Kind.RECOGNISED, organisation, start, end)


MEMBER_INDICATORS = [
    Indicator("members.count", _("Party members on the last day of the period"), _("members"), members_count),
    Indicator("members.admitted", _("New members admitted in the period (admission ceremonies)"), _("members"),
              members_admitted),
    Indicator("members.recognised", _("Probationary members recognised as official in the period"), _("members"),
              members_recognised),
]


def register_member_indicators() -> None:
    for indicator in MEMBER_INDICATORS:
        indicators.register(indicator)
