"""The results of the yearly evaluation for every node of a subtree, and the rows behind each figure.

Decisions (issue 14, §4):
- A period counts the rounds (`EvaluationRound`, one per year and subject kind) whose year ends in it (31/12 of
  the year in [start, end]): a calendar year counts its own rating, consecutive periods never count a year twice,
  and a half-year has no yearly rating ("Không có số liệu", never 0%).
- Counted: the evaluations DECIDED and not cancelled. A self-rating or a proposal is not a result; a cancelled
  rating is not one either.
- Members: a rating is placed at its `organisation` (the member's unit on the round's counting date, set by the
  ratings part), in the tree of the counting date: a member transferred after that date stays where they were.
  Members expected = the regular memberships active on the counting date in the subtree, as the emulation figures
  count them (emulation/figures_registrations.py); members exempted from activities then are expected too (they
  remain members of the chi bộ; the not-yet-rated list shows them). Not yet rated = expected − rated (never below 0).
- Organisations: the ratings of grassroots organisations (TCCSĐ: the version's `OrgType.is_grassroots` on the
  counting date), each placed at the organisation itself; expected = the TCCSĐ of the subtree on the counting date
  (a node counts itself when it is one). The chi bộ trực thuộc (`chi-bo-truc-thuoc`) are counted the same way
  under the keys `cells_*`: they are rated by their đảng bộ but are not TCCSĐ, so they are not in the TCCSĐ rates.
- Per step (1–4, the common scale: `Evaluation.step`) and per level code of the year's scheme. The level is read
  off the step when the scheme has one level per step for that subject (every scheme so far), so the grouped
  query stays on the covering index (year, subject kind, cancelled, organisation, stage, step); a scheme with two
  levels on one step would add the level to the grouping. With one round of a subject kind in the period (a year's
  figures: the pages, the API, the benchmark), the level counts are copied from the step counts after the roll-up
  instead of being summed alongside them (`Derived`): a third less to add up over 25,000 nodes.

Keys of `by_node` (each node's sums over its subtree): members_expected, members_rated, members_not_rated,
members_step_1..4, members_level_<code>; the same with organisations_ (TCCSĐ) and cells_ (chi bộ trực thuộc).

Queries: the rounds (1), the schemes' levels (1), the placement of the tree (organisations.rollup: 2), then per
round: the root's paths and the subtree on the counting date (2) and one grouped query (memberships and member
ratings for a member round: 2; organisations' ratings for an organisation round: 1). A number that depends on the
rounds in the period, never on the size of the tree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from xaydungdang.core.formatting import ratio_percent
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, EvaluationScheme, SchemeLevel, SubjectKind
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation, OrgVersion, active_on_q
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, placed_on_day_q, subtree_on_day

STEPS = (1, 2, 3, 4)
CELL_TYPE = "chi-bo-truc-thuoc"
# The subject groups of the figures: members, grassroots organisations (TCCSĐ), chi bộ trực thuộc.
MEMBERS, ORGANISATIONS, CELLS = "members", "organisations", "cells"
GROUPS = (MEMBERS, ORGANISATIONS, CELLS)


def step_key(group: str, step: int) -> str:
    return f"{group}_step_{step}"


def level_key(group: str, code: str) -> str:
    return f"{group}_level_{code}"


def rounds_in(start: dt.date, end: dt.date, kind: str | None = None) -> list[EvaluationRound]:
    """The rounds whose year ends in [start, end] (of one subject kind, or both), oldest first (one query)."""
    last = end.year if end >= dt.date(end.year, 12, 31) else end.year - 1
    rows = EvaluationRound.objects.filter(year__gte=start.year, year__lte=last)  # 31/12 of start.year >= start
    if kind is not None:
        rows = rows.filter(subject_kind=kind)
    return list(rows.order_by("year", "subject_kind"))


def scheme_for(year: int, schemes: Iterable[EvaluationScheme]) -> EvaluationScheme | None:
    for scheme in schemes:
        if scheme.first_year <= year and (scheme.last_year is None or year <= scheme.last_year):
            return scheme
    return None


def _applies(level: SchemeLevel, kind: str) -> bool:
    return level.applies_to in (SchemeLevel.AppliesTo.BOTH, kind)


@dataclass
class Levels:
    """The levels of every scheme (one query), to name the level of each step of a year."""

    schemes: list[EvaluationScheme]

    @classmethod
    def load(cls) -> Levels:
        return cls(list(EvaluationScheme.objects.prefetch_related("levels").order_by("first_year")))

    def of(self, year: int, kind: str) -> list[SchemeLevel]:
        """The levels of the year's scheme for a subject kind, highest step first."""
        scheme = scheme_for(year, self.schemes)
        if scheme is None:
            return []
        return sorted((lv for lv in scheme.levels.all() if _applies(lv, kind)), key=lambda lv: (lv.step, lv.code))

    def by_step(self, year: int, kind: str) -> dict[int, SchemeLevel] | None:
        """Step -> the level, when the year's scheme has one level per step for the subject kind; else None."""
        levels = self.of(year, kind)
        steps = [lv.step for lv in levels]
        return {lv.step: lv for lv in levels} if len(set(steps)) == len(steps) else None


Derived = dict[str, dict[int, str]]  # subject kind -> {step: level code}, level keys copied from the step keys
GROUPS_OF: dict[str, tuple[str, ...]] = {
    SubjectKind.MEMBER: (MEMBERS,), SubjectKind.ORGANISATION: (ORGANISATIONS, CELLS)}


def derived_levels(rounds: list[EvaluationRound], levels: Levels) -> Derived:
    """The subject kinds with one round in the period whose scheme has one level per step."""
    derived: Derived = {}
    for kind in (SubjectKind.MEMBER, SubjectKind.ORGANISATION):
        of_kind = [r for r in rounds if r.subject_kind == kind]
        mapping = levels.by_step(of_kind[0].year, kind) if len(of_kind) == 1 else None
        if mapping is not None:
            derived[kind] = {step: level.code for step, level in mapping.items()}
    return derived


def keys_for(rounds: Iterable[EvaluationRound], levels: Levels, derived: Derived | None = None) -> list[str]:
    keys = [f"{group}_{name}" for group in GROUPS for name in ("expected", "rated", "not_rated")]
    keys += [step_key(group, step) for group in GROUPS for step in STEPS]
    seen: set[str] = set()
    for rules in rounds:
        if rules.subject_kind in (derived or {}):
            continue
        groups = (MEMBERS,) if rules.subject_kind == SubjectKind.MEMBER else (ORGANISATIONS, CELLS)
        for level in levels.of(rules.year, rules.subject_kind):
            for group in groups:
                key = level_key(group, level.code)
                if key not in seen:
                    seen.add(key)
                    keys.append(key)
    return keys


def decided(year: int, kind: str) -> QuerySet[Evaluation]:
    """The ratings that count: decided, not cancelled."""
    return Evaluation.objects.filter(year=year, subject_kind=kind, cancelled_on__isnull=True,
                                     stage=Evaluation.Stage.DECIDED)


def _in_subtree(rows: QuerySet[Any], subtree_ids: QuerySet[Any] | None) -> QuerySet[Any]:
    """`rows` of the subtree; None: a root of the whole tree, where the filter would exclude nothing and costs a
    semi-join of every row against every organisation (NodeSums drops rows placed outside the root anyway)."""
    return rows if subtree_ids is None else rows.filter(organisation_id__in=subtree_ids)


def _per_unit(year: int, kind: str, subtree_ids: QuerySet[Any] | None) -> list[tuple[Any, ...]]:
    """(organisation, rated, rated at step 1, …, step 4) of the decided ratings of a year in the subtree: one row
    per unit, shaped as NodeSums adds it (a year whose level counts are copied from the steps)."""
    steps = {f"s{step}": Count("pk", filter=Q(step=step)) for step in STEPS}
    return fetch(_in_subtree(decided(year, kind), subtree_ids).values("organisation_id")
                 .annotate(n=Count("*"), **steps).values_list("organisation_id", "n", *steps).order_by())


def _ratings(year: int, kind: str, subtree_ids: QuerySet[Any] | None, levels: Levels, derive: bool,
             ) -> tuple[list[tuple[Any, ...]], Any]:
    """The grouped ratings, and how to shape them for a group: rows (organisation, value…) with their keys."""
    if derive:
        rows = _per_unit(year, kind, subtree_ids)
        return rows, lambda rows, group: (rows, [f"{group}_rated", *(step_key(group, s) for s in STEPS)])
    by_step = levels.by_step(year, kind)
    codes = {lv.pk: lv.code for lv in levels.of(year, kind)}
    rows = _grouped(year, kind, subtree_ids, by_step is None)
    return rows, lambda rows, group: _step_rows(rows, group, by_step, codes)


def _grouped(year: int, kind: str, subtree_ids: QuerySet[Any] | None, by_level: bool) -> list[tuple[Any, ...]]:
    """(organisation, step[, level id], count) of the decided ratings of a year in the subtree."""
    fields = ["organisation_id", "step", "level_id"] if by_level else ["organisation_id", "step"]
    return fetch(_in_subtree(decided(year, kind), subtree_ids).values(*fields)
                 .annotate(n=Count("*")).values_list(*fields, "n").order_by())


def _step_rows(rows: list[tuple[Any, ...]], group: str, by_step: dict[int, SchemeLevel] | None,
               level_codes: dict[int, str]) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Rows (organisation, rated, step 1..4, level…) with their keys from the grouped ratings."""
    codes = sorted({lv.code for lv in (by_step or {}).values()} | set(level_codes.values()))
    keys = [f"{group}_rated", *(step_key(group, s) for s in STEPS), *(level_key(group, c) for c in codes)]
    position = {code: 5 + i for i, code in enumerate(codes)}
    result = []
    for row in rows:
        org_id, step, count = int(row[0]), int(row[1]), int(row[-1])
        values = [0] * len(keys)
        values[0] = count
        if 1 <= step <= 4:
            values[step] = count
        if len(row) == 4:
            code = level_codes.get(int(row[2]) if row[2] is not None else 0)
        else:
            found = (by_step or {}).get(step)
            code = found.code if found is not None else None
        if code is not None and code in position:
            values[position[code]] = count
        result.append((org_id, *values))
    return result, keys


def _add_members(sums: NodeSums, rules: EvaluationRound, subtree_ids: QuerySet[Any] | None, levels: Levels,
                 derive: bool) -> None:
    day = rules.count_date
    members = (_in_subtree(Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR), subtree_ids)
               .values("organisation_id").annotate(n=Count("*")).values_list("organisation_id", "n").order_by())
    sums.add(fetch(members), ["members_expected"], day=day)
    grouped, shape = _ratings(rules.year, SubjectKind.MEMBER, subtree_ids, levels, derive)
    sums.add(*shape(grouped, MEMBERS), day=day)


def _add_organisations(sums: NodeSums, rules: EvaluationRound, subtree: QuerySet[OrgVersion],
                       levels: Levels, derive: bool) -> None:
    day = rules.count_date
    kinds = fetch(subtree.values_list("organisation_id", "org_type__is_grassroots", "org_type__code").order_by())
    groups: dict[int, str] = {}
    for org_id, grassroots, type_code in kinds:
        if grassroots:
            groups[int(org_id)] = ORGANISATIONS
        elif type_code == CELL_TYPE:
            groups[int(org_id)] = CELLS
    sums.add(((org_id, 1) for org_id, group in groups.items() if group == ORGANISATIONS),
             ["organisations_expected"], day=day)
    sums.add(((org_id, 1) for org_id, group in groups.items() if group == CELLS), ["cells_expected"], day=day)
    grouped, shape = _ratings(rules.year, SubjectKind.ORGANISATION, subtree.values("organisation_id"), levels, derive)
    for group in (ORGANISATIONS, CELLS):
        sums.add(*shape([r for r in grouped if groups.get(int(r[0])) == group], group), day=day)


def add_round(sums: NodeSums, root_id: int, rules: EvaluationRound, levels: Levels, derive: bool = False) -> None:
    subtree = subtree_on_day(root_id, rules.count_date)
    if rules.subject_kind == SubjectKind.MEMBER:
        top = OrgVersion.objects.filter(active_on_q(rules.count_date), organisation_id=root_id,
                                        parent__isnull=True).exists()
        _add_members(sums, rules, None if top else subtree.values("organisation_id"), levels, derive)
    else:
        _add_organisations(sums, rules, subtree, levels, derive)


def _finish(counts: dict[int, dict[str, int]], derived: Derived) -> dict[int, dict[str, int]]:
    copies = [(level_key(group, code), step_key(group, step)) for kind, mapping in derived.items()
              for group in GROUPS_OF[kind] for step, code in mapping.items()]
    for values in counts.values():
        for group in GROUPS:
            values[f"{group}_not_rated"] = max(0, values[f"{group}_expected"] - values[f"{group}_rated"])
        for level, step in copies:
            values[level] = values[step]
    return counts


def by_rounds(root_id: int, rounds: list[EvaluationRound], levels: Levels | None = None,
              ) -> dict[int, dict[str, int]]:
    """Organisation id -> the named counts of every node of the root's subtree, summed over `rounds`."""
    if not rounds:
        return {}
    levels = levels or Levels.load()
    days = sorted(rules.count_date for rules in rounds)
    derived = derived_levels(rounds, levels)
    sums = NodeSums(Placement.load(root_id, days[0], days[-1]), keys_for(rounds, levels, derived))
    for rules in rounds:
        add_round(sums, root_id, rules, levels, rules.subject_kind in derived)
    return _finish(sums.result(), derived)


def by_node(root: Organisation, start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Organisation id -> the named counts (see the module) of every node of `root`'s subtree, summed over the
    rounds whose year ends in [start, end]; every node of the subtree on a counting date is present; {} when no
    round falls in the period."""
    return by_rounds(root.pk, rounds_in(start, end))


def node(organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    """The counts of one node (its subtree): the indicators compute through it."""
    return by_node(organisation, start, end).get(organisation.pk, {})


def year_counts(organisation: Organisation, year: int) -> tuple[list[EvaluationRound], dict[int, dict[str, int]]]:
    """The year's rounds and the counts of every node under `organisation` for that year."""
    rounds = list(EvaluationRound.objects.filter(year=year).order_by("subject_kind"))
    return rounds, by_rounds(organisation.pk, rounds)


def share(counts: dict[str, int], key: str, group: str) -> Decimal | None:
    """counts[key] as a percentage of the group's rated (one decimal); None with nothing rated."""
    return ratio_percent(counts.get(key, 0), counts.get(f"{group}_rated", 0))


def at_least(counts: dict[str, int], group: str, step: int) -> int:
    """Those of the group rated at `step` or better (1 = the highest)."""
    return sum(counts.get(step_key(group, s), 0) for s in STEPS if s <= step)


# ---------------------------------------------------------------- the rows behind the figures


def grassroots_on_q(organisation: Organisation | int, day: dt.date, *, field: str = "organisation_id",
                    group: str = ORGANISATIONS) -> Q:
    """Rows whose organisation (`field`) was a TCCSĐ (or, for CELLS, a chi bộ trực thuộc) of the subtree on `day`."""
    versions = subtree_on_day(organisation, day)
    versions = (versions.filter(org_type__is_grassroots=True) if group == ORGANISATIONS
                else versions.filter(org_type__code=CELL_TYPE))
    return Q(**{f"{field}__in": versions.values("organisation_id")})


def rated_rows(organisation: Organisation | int, rules: EvaluationRound, *, group: str = MEMBERS,
               step: int | None = None, level: str = "", at_least_step: int | None = None,
               ) -> QuerySet[Evaluation]:
    """The decided ratings counted by a figure of one round: the subtree on the counting date; for organisations
    only the TCCSĐ (or the chi bộ trực thuộc); optionally one step, one level code, or a step and better."""
    rows = decided(rules.year, rules.subject_kind)
    if group == MEMBERS:
        rows = rows.filter(placed_on_day_q(organisation, rules.count_date))
    else:
        rows = rows.filter(grassroots_on_q(organisation, rules.count_date, group=group))
    if step is not None:
        rows = rows.filter(step=step)
    if at_least_step is not None:
        rows = rows.filter(step__lte=at_least_step)
    if level:
        rows = rows.filter(level__code=level)
    return rows


def expected_members(organisation: Organisation | int, rules: EvaluationRound) -> QuerySet[Member]:
    """The members expected to be rated: a regular membership on the counting date in the subtree."""
    memberships = Membership.objects.filter(active_on_q(rules.count_date), kind=Membership.Kind.REGULAR).filter(
        placed_on_day_q(organisation, rules.count_date))
    return Member.objects.filter(pk__in=memberships.values("member_id"))


def unrated_members(organisation: Organisation | int, rules: EvaluationRound) -> QuerySet[Member]:
    """The members expected without a decided rating for the year (the other side of members_rated_rate)."""
    rated = decided(rules.year, SubjectKind.MEMBER).filter(member_id=OuterRef("pk"))
    return expected_members(organisation, rules).exclude(Exists(rated))


def unrated_organisations(organisation: Organisation | int, rules: EvaluationRound,
                          group: str = ORGANISATIONS) -> QuerySet[OrgVersion]:
    """The TCCSĐ (or chi bộ trực thuộc) of the subtree on the counting date without a decided rating, as they
    stood on that date (name, type)."""
    rated = decided(rules.year, SubjectKind.ORGANISATION).filter(organisation_id=OuterRef("organisation_id"))
    versions = subtree_on_day(organisation, rules.count_date)
    versions = (versions.filter(org_type__is_grassroots=True) if group == ORGANISATIONS
                else versions.filter(org_type__code=CELL_TYPE))
    return versions.exclude(Exists(rated)).select_related("organisation", "org_type")


def exempted_on(member_ids: Iterable[int], day: dt.date) -> set[int]:
    """Those of the members exempted from activities on `day` (one query), marked on the not-yet-rated list."""
    from xaydungdang.members.models import Exemption

    return set(Exemption.objects.filter(active_on_q(day), member_id__in=list(member_ids))
               .values_list("member_id", flat=True))


def levels_by_step(levels: list[SchemeLevel]) -> dict[int, list[SchemeLevel]]:
    found: dict[int, list[SchemeLevel]] = defaultdict(list)
    for level in levels:
        found[level.step].append(level)
    return dict(found)
