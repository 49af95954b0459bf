"""Figures of "làm theo" registrations and commitments, for every node of a subtree, and the rows behind them.

A figure over [start, end] sums the years whose counting date (EmulationYear.count_date) falls in the period. For
a year with counting date D:
- members: the regular members of the subtree on D (memberships active on D, placed in the tree of D), the
  denominator of the individual and commitment rates. Members exempted from activities (miễn sinh hoạt) on D
  ARE counted (decided): they remain members of the chi bộ and are expected to register and commit (the seed's
  rates are "against its members on 31/3"); temporary memberships are not (a member counts once, in their unit).
- individuals_registered (approved, excellent, done, not_done): those members on D who have a registration for
  the year that is not cancelled (approved / assessed with that result). A member counts where they were ON D,
  whatever unit their registration was entered in: a transfer after D does not move the figure, and a member who
  joined after D is not in the rate (nor in its denominator).
- committed / commitments_kept: those members on D with a commitment for the year not cancelled (checked "kept").
- collectives_expected: the organisations of the subtree on D (each node counts itself and those below it);
  collectives_registered / collectives_approved: the collective registrations of the year not cancelled (approved)
  of those organisations, placed in the tree of D.

Queries: the years (1), the tree over the period (organisations.rollup.Placement: 2), then per year five grouped
queries (organisations on D, memberships on D, the members' registrations and commitments each placed by the
member's unit on D, collective registrations) and the paths they need: a number that depends on the years in the
period, never on the size of the tree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from xaydungdang.core.formatting import ratio_percent
from xaydungdang.emulation.models import Commitment, EmulationYear, Holder, Registration
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, placed_on_day_q, subtree_on_day

KEYS = ("collectives_expected", "collectives_registered", "collectives_approved", "members",
        "individuals_registered", "individuals_approved", "individuals_excellent", "individuals_done",
        "individuals_not_done", "committed", "commitments_kept")


def years_in(start: dt.date, end: dt.date) -> list[EmulationYear]:
    """The rounds whose counting date is in [start, end], oldest first (one query)."""
    return list(EmulationYear.objects.filter(count_date__gte=start, count_date__lte=end).order_by("year"))


def _registrations(year: int) -> QuerySet[Registration]:
    return Registration.objects.filter(year=year, holder=Holder.INDIVIDUAL, cancelled_on__isnull=True)


def _commitments(year: int) -> QuerySet[Commitment]:
    return Commitment.objects.filter(year=year, cancelled_on__isnull=True)


def _by_unit_on(table: str, where: str, where_params: list[Any], measures: list[tuple[str, Any]], day: dt.date,
                subtree_ids: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """Rows of `table` (a member's yearly record: registration or commitment) joined to the member's regular
    membership on `day` in the subtree, counted per unit: (unit, count, one count per measure).

    Hand-written because the ORM joins through members_member (a primary-key probe per row for nothing): joining
    on member_id straight to the covering index membership_member_cover halves the time of the figure at province
    scale (300,000 rows; issue 13's benchmark). A member has one regular membership on a day."""
    try:
        inside, inside_params = subtree_ids.query.sql_with_params()
    except EmptyResultSet:
        return []
    counted = ", ".join(f"SUM(CASE WHEN r.{column} = %s THEN 1 ELSE 0 END)" for column, _ in measures)
    membership = Membership._meta.db_table
    sql = (f"SELECT ms.organisation_id, COUNT(*){', ' if measures else ''}{counted} FROM {table} r "
           f"JOIN {membership} ms ON ms.member_id = r.member_id AND ms.kind = %s AND ms.valid_from <= %s "
           f"AND (ms.valid_to IS NULL OR ms.valid_to > %s) "
           f"WHERE {where} AND ms.organisation_id IN ({inside}) GROUP BY ms.organisation_id")
    params = [value for _, value in measures] + [Membership.Kind.REGULAR, day, day] + where_params + list(inside_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _add_year(sums: NodeSums, root_id: int, rules: EmulationYear) -> None:
    """Add one year's counts of every node to `sums` (five grouped queries, read straight from the cursor)."""
    day, year = rules.count_date, rules.year
    subtree = subtree_on_day(root_id, day)  # reads the root's paths once
    subtree_ids = subtree.values("organisation_id")
    in_subtree = Q(organisation_id__in=subtree_ids)
    sums.add(((org_id, 1) for (org_id,) in fetch(subtree.values_list("organisation_id"))),
             ["collectives_expected"], day=day)
    # The denominator, then the members' registrations and commitments, each placed by the member's unit on the
    # counting date (one join to that membership; a member has at most one of each per year not cancelled).
    members = (Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR)
               .filter(in_subtree).values("organisation_id").annotate(n=Count("*"))
               .values_list("organisation_id", "n"))
    sums.add(fetch(members), ["members"], day=day)
    individuals = _by_unit_on(
        Registration._meta.db_table, "r.year = %s AND r.holder = %s AND r.cancelled_on IS NULL",
        [year, Holder.INDIVIDUAL], [("status", Registration.Status.APPROVED), ("result", Registration.Result.EXCELLENT),
                                    ("result", Registration.Result.DONE), ("result", Registration.Result.NOT_DONE)],
        day, subtree_ids)
    sums.add(individuals, ["individuals_registered", "individuals_approved", "individuals_excellent",
                                  "individuals_done", "individuals_not_done"], day=day)
    commitments = _by_unit_on(Commitment._meta.db_table, "r.year = %s AND r.cancelled_on IS NULL", [year],
                              [("check_result", Commitment.Check.KEPT)], day, subtree_ids)
    sums.add(commitments, ["committed", "commitments_kept"], day=day)
    collectives = (Registration.objects.filter(year=year, holder=Holder.COLLECTIVE, cancelled_on__isnull=True)
                   .filter(in_subtree).values("organisation_id")
                   .annotate(n=Count("id"), a=Count("id", filter=Q(status=Registration.Status.APPROVED)))
                   .values_list("organisation_id", "n", "a"))
    sums.add(fetch(collectives), ["collectives_registered", "collectives_approved"], day=day)


def year_by_node(placement: Placement, root_id: int, rules: EmulationYear) -> dict[int, dict[str, int]]:
    """One year's counts of every node of the placement (five grouped queries)."""
    sums = NodeSums(placement, KEYS)
    _add_year(sums, root_id, rules)
    return sums.result()


def by_node(root: Organisation, start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Organisation id -> the named counts (KEYS) of every node of `root`'s subtree, summed over the years whose
    counting date is in [start, end]; every node of the subtree at some time in the period is present."""
    years = years_in(start, end)
    if not years:
        return {}
    sums = NodeSums(Placement.load(root.pk, years[0].count_date, years[-1].count_date), KEYS)
    for rules in years:
        _add_year(sums, root.pk, rules)
    return sums.result()


def by_year(organisation: Organisation, years: list[EmulationYear]) -> dict[int, dict[str, int]]:
    """Year -> the counts of one organisation (its subtree), for the comparison across years."""
    result: dict[int, dict[str, int]] = {}
    for rules in years:
        placement = Placement.load(organisation.pk, rules.count_date, rules.count_date)
        counts = year_by_node(placement, organisation.pk, rules)
        result[rules.year] = counts.get(organisation.pk, dict.fromkeys(KEYS, 0))
    return result


def node(organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    """The counts of one node (the single-node indicators compute through by_node)."""
    return by_node(organisation, start, end).get(organisation.pk, dict.fromkeys(KEYS, 0))


def individual_rate(counts: dict[str, int]) -> Decimal | None:
    return ratio_percent(counts["individuals_registered"], counts["members"])


def collective_rate(counts: dict[str, int]) -> Decimal | None:
    return ratio_percent(counts["collectives_registered"], counts["collectives_expected"])


def commitment_rate(counts: dict[str, int]) -> Decimal | None:
    return ratio_percent(counts["committed"], counts["members"])


# ---------------------------------------------------------------- the rows behind the figures


def members_on_q(organisation: Organisation | int, rules: EmulationYear) -> Q:
    """Members with a regular membership on the counting date in the subtree (of the tree of that date)."""
    rows = Membership.objects.filter(active_on_q(rules.count_date), kind=Membership.Kind.REGULAR).filter(
        placed_on_day_q(organisation, rules.count_date))
    return Q(pk__in=rows.values("member_id"))


def members_rows(organisation: Organisation, years: list[EmulationYear]) -> QuerySet[Member]:
    """The members counted in the denominator of the year(s)."""
    condition = Q(pk__in=[])
    for rules in years:
        condition |= members_on_q(organisation, rules)
    return Member.objects.filter(condition)


def individual_rows(organisation: Organisation, years: list[EmulationYear],
                    extra: Q | None = None) -> QuerySet[Registration]:
    """The registrations counted as individuals registered (optionally narrowed: approved, a result)."""
    condition = Q(pk__in=[])
    for rules in years:
        members = Membership.objects.filter(active_on_q(rules.count_date), kind=Membership.Kind.REGULAR).filter(
            placed_on_day_q(organisation, rules.count_date)).values("member_id")
        condition |= Q(year=rules.year, member_id__in=members)
    rows = Registration.objects.filter(condition, holder=Holder.INDIVIDUAL, cancelled_on__isnull=True)
    return rows.filter(extra) if extra is not None else rows


def unregistered_rows(organisation: Organisation, rules: EmulationYear) -> QuerySet[Member]:
    """The members on the counting date without a registration for the year (the other side of the rate)."""
    registered = _registrations(rules.year).filter(member_id=OuterRef("pk"))
    return Member.objects.filter(members_on_q(organisation, rules)).exclude(Exists(registered))


def collective_rows(organisation: Organisation, years: list[EmulationYear],
                    extra: Q | None = None) -> QuerySet[Registration]:
    condition = Q(pk__in=[])
    for rules in years:
        condition |= Q(year=rules.year) & placed_on_day_q(organisation, rules.count_date)
    rows = Registration.objects.filter(condition, holder=Holder.COLLECTIVE, cancelled_on__isnull=True)
    return rows.filter(extra) if extra is not None else rows


def expected_collective_rows(organisation: Organisation, years: list[EmulationYear]) -> QuerySet[Organisation]:
    condition = Q(pk__in=[])
    for rules in years:
        condition |= placed_on_day_q(organisation, rules.count_date, field="pk")
    return Organisation.objects.filter(condition)


def commitment_rows(organisation: Organisation, years: list[EmulationYear],
                    extra: Q | None = None) -> QuerySet[Commitment]:
    condition = Q(pk__in=[])
    for rules in years:
        members = Membership.objects.filter(active_on_q(rules.count_date), kind=Membership.Kind.REGULAR).filter(
            placed_on_day_q(organisation, rules.count_date)).values("member_id")
        condition |= Q(year=rules.year, member_id__in=members)
    rows = Commitment.objects.filter(condition, cancelled_on__isnull=True)
    return rows.filter(extra) if extra is not None else rows


def uncommitted_rows(organisation: Organisation, rules: EmulationYear) -> QuerySet[Member]:
    committed = _commitments(rules.year).filter(member_id=OuterRef("pk"))
    return Member.objects.filter(members_on_q(organisation, rules)).exclude(Exists(committed))


def unregistered_collective_rows(organisation: Organisation, rules: EmulationYear) -> QuerySet[Any]:
    """The organisations of the subtree on the counting date without a collective registration for the year (the
    other side of the collective rate), as they stood on that date (OrgVersion: name, type, parent)."""
    from xaydungdang.organisations.queries import versions_on

    registered = Registration.objects.filter(year=rules.year, holder=Holder.COLLECTIVE, cancelled_on__isnull=True,
                                             organisation_id=OuterRef("organisation_id"))
    return (versions_on(rules.count_date).filter(placed_on_day_q(organisation, rules.count_date))
            .exclude(Exists(registered)).select_related("organisation", "org_type"))
