"""Study and political-activity indicators for targets and reports (core.indicators).

Rates (value = percentage with one decimal, numerator and denominator set), computed by activities.figures over
the sessions not cancelled dated in the period, each attendance row placed in the tree of its own date:
- activities.turns: attended rows / rows (lượt), every audience;
- activities.key_cadre_turns: the same for the key cadres' conferences (seed 000: "941/968 lượt, đạt 97,2%");
- activities.member_turns: the same for the members' sessions ("6.042/6.213 đảng viên");
- activities.member_participants: persons with an attended row / persons with a row, members' sessions.
Counts, over the sessions not cancelled held in the subtree (the tree of each session's date) in the period:
- activities.sessions: sessions held; activities.masses_turns: non-members counted at them (lượt);
- activities.rounds_held: organisations that held a session of a political activity round or a yearly theme.

The rows of a rate are the Attendance rows behind it; of a count, the sessions (or organisations) counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.core import indicators
from xaydungdang.core.indicators import Indicator, IndicatorResult
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.paths import range_q

_RATE: dict[str, Any] = {"kind": indicators.RATE}
ROUNDS = (Campaign.Kind.POLITICAL_ROUND, Campaign.Kind.YEARLY_THEME)


def _figures() -> Any:
    from xaydungdang.activities import figures  # imported when computed: figures imports nothing of ours

    return figures


def _turns(audience: str | None) -> Callable[[Organisation, dt.date, dt.date], IndicatorResult]:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        figures = _figures()
        result = figures.figures(organisation, start, end, audience=audience)

        def rows() -> QuerySet[Attendance]:
            return figures.rows(organisation, start, end, audience=audience).select_related(
                "person", "session__campaign", "organisation").order_by("date", "pk")

        return _rate(result.turns_attended, result.turns_expected, rows)

    return compute


def member_participants(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    figures = _figures()
    result = figures.figures(organisation, start, end, audience=Audience.MEMBERS)

    def rows() -> QuerySet[Attendance]:
        return figures.rows(organisation, start, end, audience=Audience.MEMBERS).select_related(
            "person", "session__campaign", "organisation").order_by("person_id", "date", "pk")

    return _rate(result.persons_attended, result.persons_expected, rows)


def _rate(numerator: int, denominator: int, rows: Callable[[], QuerySet[Any]]) -> IndicatorResult:
    return indicators.rate_result(numerator, denominator, rows)


def sessions_in(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Session]:
    """Sessions not cancelled dated in [start, end] held by an organisation that sat in `organisation`'s subtree
    on the session's own date."""
    paths = set(OrgVersion.objects.filter(organisation=organisation, valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=start)).values_list("path", flat=True))
    under = Q(pk__in=[])
    for path in paths:
        under |= range_q(path)
    placed = OrgVersion.objects.filter(under, organisation_id=OuterRef("organisation_id"),
                                       valid_from__lte=OuterRef("date")).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("date")))
    return Session.objects.filter(date__gte=start, date__lte=end, cancelled_on__isnull=True).filter(Exists(placed))


def sessions_held(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    sessions = sessions_in(organisation, start, end)
    return IndicatorResult(value=sessions.count(),
                           rows=lambda: sessions.select_related("campaign", "organisation").order_by("date", "pk"))


def masses_turns(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    sessions = sessions_in(organisation, start, end).filter(masses_count__gt=0)
    return IndicatorResult(value=sessions.aggregate(n=Sum("masses_count"))["n"] or 0,
                           rows=lambda: sessions.select_related("campaign", "organisation").order_by("date", "pk"))


def rounds_held(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    held = sessions_in(organisation, start, end).filter(campaign__kind__in=ROUNDS).values("organisation_id")
    return IndicatorResult(value=held.distinct().count(),
                           rows=lambda: Organisation.objects.filter(pk__in=held).order_by("code"))


ACTIVITY_INDICATORS = [
    Indicator("activities.turns", _("Attendance at study sessions and political activity (lượt, every audience)"),
              "%", _turns(None), **_RATE),
    Indicator("activities.key_cadre_turns", _("Key cadres' attendance at study conferences (lượt)"), "%",
              _turns(Audience.KEY_CADRES), **_RATE),
    Indicator("activities.member_turns", _("Members' attendance at study sessions (lượt)"), "%",
              _turns(Audience.MEMBERS), **_RATE),
    Indicator("activities.member_participants", _("Members who took part in study sessions (persons)"), "%",
              member_participants, **_RATE),
    Indicator("activities.sessions", _("Study and political activity sessions held"), _("sessions"),
              sessions_held),
    Indicator("activities.masses_turns", _("Non-members at study sessions (lượt, counted)"), _("lượt"),
              masses_turns),
    Indicator("activities.rounds_held", _("Organisations that held a political activity round or yearly theme"),
              _("organisations"), rounds_held),
]


def register_activity_indicators() -> None:
    for indicator in ACTIVITY_INDICATORS:
        indicators.register(indicator)
