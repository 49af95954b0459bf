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

`organisations_only=True` (a reader without inspection.view over the node, and the indicators open to `view`):
nothing about a member is counted — no inspection of a member, no recommendation of one, no decision on a member —
and the member measures (ABOUT_MEMBERS) read 0; callers then leave them out (`public_keys`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, DateField, IntegerField, Max, Q, QuerySet, Sum, Value, When
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
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, placed_on_day_q, placed_under_q

PLANS, TEAMS = "plans", "teams"
INSPECTIONS, OF_ORGANISATIONS, OF_MEMBERS, CONCLUDED = (
    "inspections", "inspections.organisations", "inspections.members", "concluded")
RECOMMENDATIONS, DONE, OVERDUE = "recommendations", "recommendations.done", "recommendations.overdue"
DISCIPLINE_MEMBERS, DISCIPLINE_ORGANISATIONS = "discipline.members", "discipline.organisations"
KEYS = (PLANS, TEAMS, INSPECTIONS, OF_ORGANISATIONS, OF_MEMBERS, CONCLUDED, RECOMMENDATIONS, DONE, OVERDUE,
        DISCIPLINE_MEMBERS, DISCIPLINE_ORGANISATIONS)
# The measures whose rows concern members (listed only through inspection/scoping.py).
ABOUT_MEMBERS = frozenset({OF_MEMBERS, DISCIPLINE_MEMBERS})


def public_keys(organisations_only: bool) -> tuple[str, ...]:
    """The measures shown: without the member ones to a reader who may not see counts about members."""
    return tuple(key for key in KEYS if not (organisations_only and key in ABOUT_MEMBERS))


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


def by_node(root: Organisation, start: dt.date, end: dt.date, *, today: dt.date | None = None,
            organisations_only: bool = False) -> dict[int, dict[str, int]]:
    """Organisation id -> {key: count} for every node of `root`'s subtree (zeros included); see the module."""
    day = min(end, today or today_())
    no_member = Q(subject_member__isnull=True) if organisations_only else Q()
    no_member_rec = Q(inspection__subject_member__isnull=True) if organisations_only else Q()
    no_member_decision = Q(member__isnull=True) if organisations_only else Q()
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
        no_member, cancelled_on__isnull=True, starts_on__gte=start, starts_on__lte=end, organisation_id__in=under)
        .values("organisation_id", "starts_on").annotate(
            n=Count("pk"), orgs=_as_int(Q(subject_member__isnull=True)),
            members=_as_int(Q(subject_member__isnull=False)),
            concluded=_as_int(Q(status=Inspection.Status.CONCLUDED, concluded_on__lte=end)))
        .values_list("organisation_id", "starts_on", "n", "orgs", "members", "concluded").order_by()),
        (INSPECTIONS, OF_ORGANISATIONS, OF_MEMBERS, CONCLUDED))
    sums.add(fetch(_recommendations().filter(
        no_member_rec, Q(made_on__gte=start, made_on__lte=end), inspection__organisation_id__in=under)
        .values("inspection__organisation_id", "made_on").annotate(
            n=Count("pk"), done=_as_int(done_by_q(end)), overdue=_as_int(overdue_q(day)))
        .values_list("inspection__organisation_id", "made_on", "n", "done", "overdue").order_by()),
        (RECOMMENDATIONS, DONE, OVERDUE))
    sums.add(fetch(DisciplinaryDecision.objects.filter(
        no_member_decision, cancelled_on__isnull=True, decided_on__gte=start, decided_on__lte=end,
        organisation_id__in=under)
        .values("organisation_id", "decided_on").annotate(
            members=_as_int(Q(member__isnull=False)), orgs=_as_int(Q(member__isnull=True)))
        .values_list("organisation_id", "decided_on", "members", "orgs").order_by()),
        (DISCIPLINE_MEMBERS, DISCIPLINE_ORGANISATIONS))
    return sums.result()


def for_node(root: Organisation, start: dt.date, end: dt.date, *, today: dt.date | None = None,
             organisations_only: bool = False) -> dict[str, int]:
    """The figures of `root` itself (through `by_node`, so the indicators, the page and the table agree)."""
    return by_node(root, start, end, today=today, organisations_only=organisations_only).get(root.pk) or dict.fromkeys(
        KEYS, 0)


def rows(root: Organisation | int, start: dt.date, end: dt.date, measure: str, *,
         today: dt.date | None = None, organisations_only: bool = False) -> QuerySet[Any]:
    """Every row behind `root`'s figure `measure` (unscoped: intersect it with inspection/scoping.py)."""
    found = _rows(root, start, end, measure, today=today)
    if not organisations_only:
        return found
    if measure in ABOUT_MEMBERS:
        return found.none()
    if measure in (INSPECTIONS, OF_ORGANISATIONS, CONCLUDED):
        return found.filter(subject_member__isnull=True)
    if measure in (RECOMMENDATIONS, DONE, OVERDUE):
        return found.filter(inspection__subject_member__isnull=True)
    return found


def _rows(root: Organisation | int, start: dt.date, end: dt.date, measure: str, *,
          today: dt.date | None = None) -> QuerySet[Any]:
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


def last_year_with_data(root: Organisation, before: dt.date, *, organisations_only: bool = False) -> int | None:
    """The latest year, up to `before`, in which a plan, an inspection or a decision placed under `root` is dated
    (three queries): where the figures page opens when the default period has none."""
    of_organisations = Q(subject_member__isnull=True) if organisations_only else Q()
    on_organisations = Q(member__isnull=True) if organisations_only else Q()
    days = [
        InspectionPlan.objects.filter(placed_under_q(root, date="adopted_on"), cancelled_on__isnull=True,
                                      adopted_on__lte=before).aggregate(day=Max("adopted_on"))["day"],
        Inspection.objects.filter(of_organisations, placed_under_q(root, date="starts_on"), cancelled_on__isnull=True,
                                  starts_on__lte=before).aggregate(day=Max("starts_on"))["day"],
        DisciplinaryDecision.objects.filter(on_organisations, placed_under_q(root, date="decided_on"),
                                            cancelled_on__isnull=True, decided_on__lte=before
                                            ).aggregate(day=Max("decided_on"))["day"],
    ]
    found = [day for day in days if day is not None]
    return max(found).year if found else None


def overdue_under(root: Organisation, day: dt.date, *,
                  placed_on: dt.date | None = None) -> QuerySet[InspectionRecommendation]:
    """Recommendations (any date) of inspections whose organisation sits under `root` in the tree of `placed_on`
    (default `day`: what is open today is placed by today's tree, so a parent never shows fewer than its child),
    not carried out and due before `day`: the overdue list and the home panel."""
    return _recommendations().filter(
        placed_on_day_q(root, placed_on or day, field="inspection__organisation_id"), overdue_q(day)).select_related(
        "inspection__organisation", "addressee").order_by("due_on", "pk")
