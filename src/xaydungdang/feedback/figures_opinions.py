"""Figures of briefings and opinions for every node of a subtree (organisations.rollup), and the rows behind them.

Period semantics (issue 13): a briefing counts in [start, end] by its date, for the committee that held it, placed
in the tree of that date; an opinion counts by `raised_on`, where it was raised (its `organisation`), placed in the
tree of that day; it is answered when answered_on <= end; it is overdue (as of `today`) when it has no answer, is
not cancelled and its deadline is before today. Cancelled briefings and opinions never count.

`by_node(root, start, end)` answers organisation id -> named counts:
  briefings, opinions, opinions_answered, opinions_overdue,
  opinions_topic_<topic code> (one per topic), opinions_source_<source group code> (one per source group)
in six queries whatever the size of the tree (topics, source groups, the tree (2), the briefings grouped, the
opinions grouped by organisation, day, topic and source group).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When

from xaydungdang.core.dates import today as current_day
from xaydungdang.feedback.models import Briefing, Opinion, OpinionTopic, SourceGroup
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, placed_under_q

BASE_KEYS = ("briefings", "opinions", "opinions_answered", "opinions_overdue")


def topic_key(code: str) -> str:
    return f"opinions_topic_{code}"


def source_key(code: str) -> str:
    return f"opinions_source_{code}"


def overdue_q(day: dt.date) -> Q:
    """Not answered, not cancelled, deadline before `day`."""
    return Q(answered_on__isnull=True, cancelled_on__isnull=True, due_on__lt=day)


def _flag(condition: Q) -> Sum:
    return Sum(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()))


def by_node(root: Organisation, start: dt.date, end: dt.date,
            today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """Every figure of this module for every node of `root`'s subtree over [start, end] (see the module)."""
    day = today or current_day()
    topics = list(OpinionTopic.objects.values_list("pk", "code"))
    sources = list(SourceGroup.objects.values_list("pk", "code"))
    keys = [*BASE_KEYS, *(topic_key(code) for _, code in topics), *(source_key(code) for _, code in sources)]
    sums = NodeSums(Placement.load(root.pk, start, end), keys)
    briefings = (Briefing.objects.filter(date__gte=start, date__lte=end, cancelled_on__isnull=True)
                 .values("organisation_id", "date").order_by().annotate(n=Count("pk"))
                 .values_list("organisation_id", "date", "n"))
    sums.add(fetch(briefings), ["briefings"])
    # One row per unit and day, a count per topic and per source group (conditional counts: a tenth of the groups
    # that grouping by topic and source too would give).
    measures: dict[str, Any] = {"n": Count("pk"), "answered": _flag(Q(answered_on__lte=end)),
                                "overdue": _flag(overdue_q(day))}
    measures |= {f"t{pk}": Count("pk", filter=Q(topic_id=pk)) for pk, _ in topics}
    measures |= {f"s{pk}": Count("pk", filter=Q(source_group_id=pk)) for pk, _ in sources}
    opinions = (Opinion.objects.filter(raised_on__gte=start, raised_on__lte=end, cancelled_on__isnull=True)
                .values("organisation_id", "raised_on").order_by().annotate(**measures)
                .values_list("organisation_id", "raised_on", *measures))
    sums.add(fetch(opinions), keys[1:])
    return sums.result()


def node_figures(organisation: Organisation, start: dt.date, end: dt.date,
                 today: dt.date | None = None) -> dict[str, int]:
    """The figures of one node (its whole subtree): through by_node, root = that node."""
    found = by_node(organisation, start, end, today=today).get(organisation.pk)
    if found is None:
        return dict.fromkeys(BASE_KEYS, 0)
    return found


# ---------------------------------------------------------------- the rows behind the figures


def briefings_under(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Briefing]:
    return Briefing.objects.filter(placed_under_q(organisation, field="organisation_id", date="date"),
                                   date__gte=start, date__lte=end, cancelled_on__isnull=True)


def opinions_under(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[Opinion]:
    """The opinions raised under `organisation` (placed on their day) in [start, end], not cancelled."""
    return Opinion.objects.filter(placed_under_q(organisation, field="organisation_id", date="raised_on"),
                                  raised_on__gte=start, raised_on__lte=end, cancelled_on__isnull=True)


def concerning_q(organisation: Organisation, day: dt.date) -> Q:
    """Opinions that concern `organisation`'s subtree: raised under it (placed on their day), or assigned to an
    organisation under it on `day` (the lists, the overdue alert and the home panel; combined with the scope)."""
    from xaydungdang.organisations import queries as org_queries

    return placed_under_q(organisation, field="organisation_id", date="raised_on") | Q(
        assigned_to_id__in=org_queries.subtree_ids_on(organisation.pk, day))
