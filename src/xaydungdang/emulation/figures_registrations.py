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
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from xaydungdang.core.formatting import ratio_percent
from xaydungdang.emulation.models import Commitment, EmulationYear, Holder, Registration
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.organisations.rollup import Placement, placed_on_day_q, sum_on_day

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


def _placed_by_unit(rows: QuerySet[Any], day: dt.date) -> QuerySet[Any]:
    """`rows` (of a member) joined to the member's regular membership on `day` in the subtree (one join, used by
    the filter and by `unit`: a member has one regular membership on a day), grouped by its organisation."""
    return rows.filter(active_on_q(day, "member__memberships__"),
                       member__memberships__kind=Membership.Kind.REGULAR).annotate(
        unit=F("member__memberships__organisation_id")).values("unit")


def _add(totals: dict[int, dict[str, int]], sums: dict[int, list[int]], keys: Iterable[str]) -> None:
    names = tuple(keys)
    for node, values in sums.items():
        row = totals.setdefault(node, dict.fromkeys(KEYS, 0))
        for name, value in zip(names, values, strict=True):
            row[name] += value


def year_by_node(placement: Placement, root_id: int, rules: EmulationYear,
                 totals: dict[int, dict[str, int]] | None = None) -> dict[int, dict[str, int]]:
    """Add one year's counts of every node of the placement to `totals` (five grouped queries)."""
    totals = {} if totals is None else totals
    day, year = rules.count_date, rules.year
    in_subtree = placed_on_day_q(root_id, day, field="organisation_id")  # reads the root's paths once
    subtree = org_queries.versions_on(day).filter(in_subtree).values_list("organisation_id")
    subtree_ids = org_queries.versions_on(day).filter(in_subtree).values("organisation_id")
    _add(totals, sum_on_day(placement, ((org_id, 1) for (org_id,) in subtree), 1, day), ["collectives_expected"])
    # The denominator, then the members' registrations and commitments, each placed by the member's unit on the
    # counting date (one join to that membership; a member has at most one of each per year not cancelled).
    members = (Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR)
               .filter(in_subtree).values("organisation_id").annotate(n=Count("id"))
               .values_list("organisation_id", "n"))
    _add(totals, sum_on_day(placement, members, 1, day), ["members"])
    individuals = (_placed_by_unit(_registrations(year), day).filter(unit__in=subtree_ids).annotate(
                       n=Count("id"), a=Count("id", filter=Q(status=Registration.Status.APPROVED)),
                       e=Count("id", filter=Q(result=Registration.Result.EXCELLENT)),
                       d=Count("id", filter=Q(result=Registration.Result.DONE)),
                       x=Count("id", filter=Q(result=Registration.Result.NOT_DONE)))
                   .values_list("unit", "n", "a", "e", "d", "x"))
    _add(totals, sum_on_day(placement, individuals, 5, day), ["individuals_registered", "individuals_approved",
                                                              "individuals_excellent", "individuals_done",
                                                              "individuals_not_done"])
    commitments = (_placed_by_unit(_commitments(year), day).filter(unit__in=subtree_ids)
                   .annotate(n=Count("id"), k=Count("id", filter=Q(check_result=Commitment.Check.KEPT)))
                   .values_list("unit", "n", "k"))
    _add(totals, sum_on_day(placement, commitments, 2, day), ["committed", "commitments_kept"])
    collectives = (Registration.objects.filter(year=year, holder=Holder.COLLECTIVE, cancelled_on__isnull=True)
                   .filter(in_subtree).values("organisation_id")
                   .annotate(n=Count("id"), a=Count("id", filter=Q(status=Registration.Status.APPROVED)))
                   .values_list("organisation_id", "n", "a"))
    _add(totals, sum_on_day(placement, collectives, 2, day), ["collectives_registered", "collectives_approved"])
    return totals


def by_node(root: Organisation, start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Organisation id -> the named counts (KEYS) of every node of `root`'s subtree, summed over the years whose
    counting date is in [start, end]; every node of the subtree at some time in the period is present."""
    years = years_in(start, end)
    if not years:
        return {}
    placement = Placement.load(root.pk, years[0].count_date, years[-1].count_date)
    totals: dict[int, dict[str, int]] = {node: dict.fromkeys(KEYS, 0) for node in placement.nodes}
    for rules in years:
        year_by_node(placement, root.pk, rules, totals)
    return totals


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
