"""Figures of recommendations upward and communication work for every node of a subtree, in a fixed number of
grouped queries (organisations.rollup: each row placed in the tree of its own date).

`by_node(root, start, end)` -> organisation id -> counts:
- recommendations: sent in [start, end] (sent_on), not withdrawn by `end`, placed in the tree of the sending date;
- recommendations_answered: of those, answered by `end` (answered_on <= end);
- recommendations_overdue: of those, not answered nor withdrawn and expected by a day before `today`
  (core.dates.today(), or the `today` passed);
- communication_articles, communication_sessions: the counts of the months in [start, end] (a month counts when
  its first day does), placed in the tree of that first day; and per channel,
  communication_articles.<channel code>, communication_sessions.<channel code>.

Queries: the placement (2), the root's paths (1), recommendations grouped (1), communication grouped (1), channels
(1): six, whatever the size of the tree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from xaydungdang.core import dates
from xaydungdang.feedback.models import Channel, CommunicationCount, Recommendation
from xaydungdang.feedback.queries_recommendations import overdue_q
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, placed_under_q

RECOMMENDATION_KEYS = ("recommendations", "recommendations_answered", "recommendations_overdue")
COMMUNICATION_KEYS = ("communication_articles", "communication_sessions")


def counted_q(start: dt.date, end: dt.date) -> Q:
    """Recommendations counted as sent in [start, end]: sent then, and not withdrawn by `end`."""
    return Q(sent_on__gte=start, sent_on__lte=end) & (Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=end))


def answered_q(end: dt.date) -> Q:
    return Q(answered_on__isnull=False, answered_on__lte=end)


def by_node(root: Organisation, start: dt.date, end: dt.date, *,
            today: dt.date | None = None) -> dict[int, dict[str, int]]:
    placement = Placement.load(root.pk, start, end)
    if not placement.nodes:
        return {}
    under = org_queries.ids_ever_under(root)
    day = today or dates.today()
    channels = list(Channel.objects.values_list("pk", "code"))
    keys = [*RECOMMENDATION_KEYS, *COMMUNICATION_KEYS]
    for _, code in channels:
        keys += [f"communication_articles.{code}", f"communication_sessions.{code}"]
    sums = NodeSums(placement, keys)
    rows = (Recommendation.objects.filter(counted_q(start, end), organisation_id__in=under)
            .values("organisation_id", "sent_on").order_by()
            .annotate(sent=Count("id"), answered=Count("id", filter=answered_q(end)),
                      overdue=Count("id", filter=overdue_q(day)))
            .values_list("organisation_id", "sent_on", "sent", "answered", "overdue"))
    sums.add(fetch(rows), RECOMMENDATION_KEYS)
    # One row per unit and month, a sum per channel (conditional sums: a sixth of the groups that grouping by
    # channel too would give).
    measures: dict[str, Any] = {"a": Sum("articles"), "s": Sum("sessions")}
    for pk, _ in channels:
        measures |= {f"a{pk}": Sum("articles", filter=Q(channel_id=pk)),
                     f"s{pk}": Sum("sessions", filter=Q(channel_id=pk))}
    grouped = (CommunicationCount.objects.filter(month__gte=start, month__lte=end, organisation_id__in=under)
               .values("organisation_id", "month").order_by().annotate(**measures)
               .values_list("organisation_id", "month", *measures))
    sums.add(fetch(grouped), keys[len(RECOMMENDATION_KEYS):])
    return sums.result()


def of_node(root: Organisation, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> dict[str, int]:
    """The figures of `root` itself (through by_node); zeros when it was not in the tree in the period."""
    found = by_node(root, start, end, today=today).get(root.pk)
    if found is not None:
        return found
    return {key: 0 for key in (*RECOMMENDATION_KEYS, *COMMUNICATION_KEYS)}


# ---------------------------------------------------------------- the rows behind a figure


def recommendation_rows(root: Organisation, start: dt.date, end: dt.date) -> QuerySet[Recommendation]:
    """The recommendations counted in `root`'s figure (sent by an organisation under it on the sending date)."""
    return (Recommendation.objects.filter(counted_q(start, end), placed_under_q(root, date="sent_on"))
            .select_related("organisation", "to_organisation").order_by("sent_on", "pk"))


def communication_rows(root: Organisation, start: dt.date, end: dt.date,
                       channel: Channel | None = None) -> QuerySet[CommunicationCount]:
    rows = CommunicationCount.objects.filter(placed_under_q(root, date="month"), month__gte=start, month__lte=end)
    if channel is not None:
        rows = rows.filter(channel=channel)
    return rows.select_related("organisation", "channel").order_by("month", "organisation__code", "channel__position")
