"""Indicators of the self-criticism and criticism meetings (core.indicators). The years of a period [start, end] are
the years reviewed, from the start's year to the end's (a meeting reviewing Y is held from December of Y to March of
Y + 1); a meeting counts where its organisation sat on 31 December of the year it reviews (queries_reviews).

- evaluation.reviews.held_rate: organisation-years with a meeting (not cancelled) / organisation-years that should
  hold one: the TCCSĐ and chi bộ of the subtree on 31 December of each year. Rows: the meetings held.
- evaluation.reviews.shortcomings: shortcomings raised at the meetings of those years (not cancelled). Rows: them.
- evaluation.reviews.remedied_rate: shortcomings followed up as remedied / shortcomings followed up, at the meetings
  of those years (the follow-up of the year before's shortcomings). Rows: the remedied ones.

`by_node(root, start, end)`: the same counts for every node of the subtree, in a fixed number of grouped queries
per year of the period (organisations.rollup).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.indicators import COUNT, RATE, Indicator, IndicatorResult, rate_result
from xaydungdang.evaluation import queries_reviews as queries
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, subtree_on_day

HELD_RATE, SHORTCOMINGS, REMEDIED_RATE = ("evaluation.reviews.held_rate", "evaluation.reviews.shortcomings",
                                          "evaluation.reviews.remedied_rate")
KEYS = ("expected", "held", "shortcomings", "followed_up", "remedied")


def held_rate(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    years = queries.years_of(start, end)
    held = queries.held_meetings(organisation, years)
    return rate_result(held.count(), queries.expected_count(organisation, years), lambda: held)


def shortcomings(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    rows = queries.raised(organisation, queries.years_of(start, end))
    return IndicatorResult(value=rows.count(), rows=lambda: rows)


def remedied_rate(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
    rows = queries.followed_up(organisation, queries.years_of(start, end))
    remedied = rows.filter(status=Shortcoming.FollowUp.REMEDIED)
    return rate_result(remedied.count(), rows.count(), lambda: remedied)


REVIEW_INDICATORS = [
    Indicator(HELD_RATE, _("Self-criticism meetings held (TCCSĐ and chi bộ on 31/12 of the year)"), "%", held_rate,
              kind=RATE),
    Indicator(SHORTCOMINGS, _("Shortcomings raised at self-criticism meetings"), _("shortcomings"), shortcomings,
              kind=COUNT),
    Indicator(REMEDIED_RATE, _("Shortcomings found remedied at the next year's meeting (rate)"), "%", remedied_rate,
              kind=RATE),
]


def register() -> None:
    for indicator in REVIEW_INDICATORS:
        indicators.register(indicator)


# ---------------------------------------------------------------- every node


def by_node(root: Organisation | int, start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """{organisation id: {expected, held, shortcomings, followed_up, remedied}} for every node of `root`'s subtree
    over the years of [start, end]: the tree once, then per year four grouped queries (the expected organisations,
    the meetings held, the shortcomings raised, the follow-ups), each row placed on 31/12 of its year."""
    root_id = root if isinstance(root, int) else root.pk
    years = queries.years_of(start, end)
    if not years:
        return {}
    placement = Placement.load(root_id, queries.year_end(years[0]), queries.year_end(years[-1]))
    sums = NodeSums(placement, KEYS)
    for year in years:
        day = queries.year_end(year)
        subtree = subtree_on_day(root_id, day).values("organisation_id")
        expected = subtree_on_day(root_id, day).filter(queries.expected_q())
        sums.add(((org_id, 1) for (org_id,) in fetch(expected.values_list("organisation_id"))), ["expected"], day=day)
        held = ReviewMeeting.objects.filter(year=year, cancelled_on__isnull=True,
                                            organisation_id__in=expected.values("organisation_id"))
        sums.add(((org_id, 1) for (org_id,) in fetch(held.values_list("organisation_id"))), ["held"], day=day)
        raised = Shortcoming.objects.filter(meeting__year=year, meeting__cancelled_on__isnull=True,
                                            meeting__organisation_id__in=subtree) \
            .values("meeting__organisation_id").annotate(n=Count("pk")).values_list("meeting__organisation_id", "n")
        sums.add(fetch(raised), ["shortcomings"], day=day)
        followed = Shortcoming.objects.filter(followed_up_at__year=year, followed_up_at__cancelled_on__isnull=True,
                                              meeting__cancelled_on__isnull=True,
                                              followed_up_at__organisation_id__in=subtree) \
            .exclude(status=Shortcoming.FollowUp.OPEN).values("followed_up_at__organisation_id") \
            .annotate(n=Count("pk"), remedied=Count("pk", filter=Q(status=Shortcoming.FollowUp.REMEDIED))) \
            .values_list("followed_up_at__organisation_id", "n", "remedied")
        sums.add(fetch(followed), ["followed_up", "remedied"], day=day)
    return sums.result()
