"""Figures of inspection and supervision for every node of a subtree over a period [start, end].

Each row is counted where it sat in the tree on its own date (organisations/rollup.py), nothing cancelled counts:

- plans: plans adopted in the period (adopted_on), placed by the plan's committee;
- teams: teams formed in the period (formed_on) under plans not cancelled, placed by the plan's committee;
- inspections (= inspections.organisations + inspections.members): inspections begun in the period (starts_on),
  placed by their `organisation` (the organisation inspected, or the member's unit); of members: counts only;
- concluded: of those, concluded on or before the period's end;
- recommendations: recommendations of inspections not cancelled, made in the period — a recommendation's date is
  its inspection's conclusion date, else the inspection's first day (domain_outcomes.recommendation_day) — placed
  by the inspection's `organisation` on that date;
- recommendations.done: of those, carried out on or before the period's end;
- recommendations.overdue: of those, not carried out by `day` = min(period's end, today) with their deadline
  before `day` (for the current period: open past their deadline today);
- discipline.members, discipline.organisations: decisions dated in the period (decided_on), placed by their
  `organisation` (the organisation disciplined, or the member's unit on the decision date).

`by_node` reads the tree (Placement: two queries) and five grouped queries (plans, teams, inspections,
recommendations, decisions), and rolls the sums up in Python: seven queries whatever the size of the tree.
`rows` is the drill-down (every row, unscoped: callers intersect it with inspection/scoping.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, DateField, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from xaydungdang.core.dates import today as today_
from xaydungdang.inspection.models import (
    DisciplinaryDecision,
    Inspection,
    InspectionPlan,
    InspectionRecommendation,
    InspectionTeam,
)
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.queries import ids_ever_under
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, placed_under_q

PLANS, TEAMS = "plans", "teams"
INSPECTIONS, OF_ORGANISATIONS, OF_MEMBERS, CONCLUDED = (
    "inspections", "inspections.organisations", "inspections.members", "concluded")
RECOMMENDATIONS, DONE, OVERDUE = "recommendations", "recommendations.done", "recommendations.overdue"
DISCIPLINE_MEMBERS, DISCIPLINE_ORGANISATIONS = "discipline.members", "discipline.organisations"
KEYS = (PLANS, TEAMS, INSPECTIONS, OF_ORGANISATIONS, OF_MEMBERS, CONCLUDED, RECOMMENDATIONS, DONE, OVERDUE,
        DISCIPLINE_MEMBERS, DISCIPLINE_ORGANISATIONS)
# The measures whose rows concern members (listed only through inspection/scoping.py).
ABOUT_MEMBERS = frozenset({OF_MEMBERS, DISCIPLINE_MEMBERS})


def _as_int(condition: Q) -> Any:
    return Coalesce(Sum(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())), 0)


def made_on() -> Coalesce:
    """A recommendation's date: its inspection's conclusion date, else the inspection's first day."""
    return Coalesce("inspection__concluded_on", "inspection__starts_on", output_field=DateField())


def done_by_q(day: dt.date) -> Q:
    return Q(status=InspectionRecommendation.Status.DONE, followed_up_on__lte=day)


def overdue_q(day: dt.date) -> Q:
    """Not carried out by `day` and due before it."""
    return Q(due_on__lt=day) & ~done_by_q(day)


def _recommendations() -> QuerySet[Any]:
    return InspectionRecommendation.objects.filter(cancelled_on__isnull=True, inspection__cancelled_on__isnull=True
                                                   ).annotate(made_on=made_on())


def by_node(root: Organisation, start: dt.date, end: dt.date, *,
            today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """Organisation id -> {key: count} for every node of `root`'s subtree (zeros included); see the module."""
    day = min(end, today or today_())
    under = ids_ever_under(root)
    placement = Placement.load(root.pk, start, end)
    sums = NodeSums(placement, KEYS)
    sums.add(fetch(InspectionPlan.objects.filter(
        cancelled_on__isnull=True, adopted_on__gte=start, adopted_on__lte=end, organisation_id__in=under)
        .values("organisation_id", "adopted_on").annotate(n=Count("pk"))
        .values_list("organisation_id", "adopted_on", "n").order_by()), (PLANS,))
    sums.add(fetch(InspectionTeam.objects.filter(
        plan__cancelled_on__isnull=True, formed_on__gte=start, formed_on__lte=end, plan__organisation_id__in=under)
        .values("plan__organisation_id", "formed_on").annotate(n=Count("pk"))
        .values_list("plan__organisation_id", "formed_on", "n").order_by()), (TEAMS,))
    sums.add(fetch(Inspection.objects.filter(
        cancelled_on__isnull=True, starts_on__gte=start, starts_on__lte=end, organisation_id__in=under)
        .values("organisation_id", "starts_on").annotate(
            n=Count("pk"), orgs=_as_int(Q(subject_member__isnull=True)),
            members=_as_int(Q(subject_member__isnull=False)),
            concluded=_as_int(Q(status=Inspection.Status.CONCLUDED, concluded_on__lte=end)))
        .values_list("organisation_id", "starts_on", "n", "orgs", "members", "concluded").order_by()),
        (INSPECTIONS, OF_ORGANISATIONS, OF_MEMBERS, CONCLUDED))
    sums.add(fetch(_recommendations().filter(
        Q(made_on__gte=start, made_on__lte=end), inspection__organisation_id__in=under)
        .values("inspection__organisation_id", "made_on").annotate(
            n=Count("pk"), done=_as_int(done_by_q(end)), overdue=_as_int(overdue_q(day)))
        .values_list("inspection__organisation_id", "made_on", "n", "done", "overdue").order_by()),
        (RECOMMENDATIONS, DONE, OVERDUE))
    sums.add(fetch(DisciplinaryDecision.objects.filter(
        cancelled_on__isnull=True, decided_on__gte=start, decided_on__lte=end, organisation_id__in=under)
        .values("organisation_id", "decided_on").annotate(
            members=_as_int(Q(member__isnull=False)), orgs=_as_int(Q(member__isnull=True)))
        .values_list("organisation_id", "decided_on", "members", "orgs").order_by()),
        (DISCIPLINE_MEMBERS, DISCIPLINE_ORGANISATIONS))
    return sums.result()


def for_node(root: Organisation, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> dict[str, int]:
    """The figures of `root` itself (through `by_node`, so the indicators, the page and the table agree)."""
    return by_node(root, start, end, today=today).get(root.pk) or dict.fromkeys(KEYS, 0)


def rows(root: Organisation | int, start: dt.date, end: dt.date, measure: str, *,
         today: dt.date | None = None) -> QuerySet[Any]:
    """Every row behind `root`'s figure `measure` (unscoped: intersect it with inspection/scoping.py)."""
    day = min(end, today or today_())
    if measure == PLANS:
        return InspectionPlan.objects.filter(
            placed_under_q(root, date="adopted_on"), cancelled_on__isnull=True, adopted_on__gte=start,
            adopted_on__lte=end).select_related("organisation").order_by("-adopted_on", "pk")
    if measure == TEAMS:
        return InspectionTeam.objects.filter(
            placed_under_q(root, field="plan__organisation_id", date="formed_on"), plan__cancelled_on__isnull=True,
            formed_on__gte=start, formed_on__lte=end).select_related("plan__organisation").order_by("-formed_on", "pk")
    if measure in (INSPECTIONS, OF_ORGANISATIONS, OF_MEMBERS, CONCLUDED):
        found = Inspection.objects.filter(placed_under_q(root, date="starts_on"), cancelled_on__isnull=True,
                                          starts_on__gte=start, starts_on__lte=end)
        if measure == OF_ORGANISATIONS:
            found = found.filter(subject_member__isnull=True)
        elif measure == OF_MEMBERS:
            found = found.filter(subject_member__isnull=False)
        elif measure == CONCLUDED:
            found = found.filter(status=Inspection.Status.CONCLUDED, concluded_on__lte=end)
        return found.select_related("organisation").order_by("-starts_on", "pk")
    if measure in (RECOMMENDATIONS, DONE, OVERDUE):
        recs = _recommendations().filter(placed_under_q(root, field="inspection__organisation_id", date="made_on"),
                                         Q(made_on__gte=start, made_on__lte=end))
        if measure == DONE:
            recs = recs.filter(done_by_q(end))
        elif measure == OVERDUE:
            recs = recs.filter(overdue_q(day))
        return recs.select_related("inspection__organisation", "addressee").order_by("due_on", "pk")
    if measure in (DISCIPLINE_MEMBERS, DISCIPLINE_ORGANISATIONS):
        return DisciplinaryDecision.objects.filter(
            placed_under_q(root, date="decided_on"), cancelled_on__isnull=True, decided_on__gte=start,
            decided_on__lte=end, member__isnull=measure == DISCIPLINE_ORGANISATIONS).select_related(
            "decided_by", "organisation").order_by("-decided_on", "pk")
    raise ValueError(measure)


def overdue_under(root: Organisation, day: dt.date) -> QuerySet[InspectionRecommendation]:
    """Recommendations (any date) of inspections placed under `root`, not carried out and due before `day`: the
    overdue list and the home panel."""
    return _recommendations().filter(
        placed_under_q(root, field="inspection__organisation_id", date="made_on"), overdue_q(day)).select_related(
        "inspection__organisation", "addressee").order_by("due_on", "pk")
