"""Figures for every node of a subtree from grouped rows: each row placed in the tree of its own date.

A figure of node N over a period counts the rows whose organisation sat under N on the row's own date, so a chi bộ
merged or moved later still counts, for its past records, where it belonged then (DOMAIN.md: a 2022 report counts
the 2022 tree). The caller groups its rows in SQL by organisation and date (`values("organisation_id", "date")`
with sums), and `sum_by_node` rolls the sums up the paths in Python: two queries whatever the size of the tree
(the tree, the grouped rows).

`placed_under_q` is the same rule as an SQL condition, for the rows behind one node's figure (the drill-down).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from operator import add
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, CharField, Exists, IntegerField, OuterRef, Q, QuerySet, When
from django.db.models.functions import Cast

from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.paths import SEGMENT, range_q

Ancestry = tuple[int, ...]  # root first, down to the organisation itself


def _overlaps_q(start: dt.date, end: dt.date) -> Q:
    return Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=start))


def _paths_q(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= range_q(path)
    return condition


_SHARED: ContextVar[dict[tuple[int, dt.date, dt.date], Placement] | None] = ContextVar("placements", default=None)


@contextmanager
def one_tree() -> Iterator[None]:
    """Within this block, the placement of a root over a period is read once and shared (a page or a report that
    shows the figures of several modules reads the tree once, not once per module)."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def fetch(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list() queryset straight from the cursor: no per-value converters (dates may come back
    as text on SQLite; `sum_by_node` reads them only for a unit that moved), which cost more than the query itself
    over tens of thousands of groups."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a condition that matches nothing (an organisation absent on the day)
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass
class Placement:
    """Where every organisation of `root_id`'s subtree sat during [start, end]."""

    root_id: int
    start: dt.date
    end: dt.date
    nodes: set[int] = field(default_factory=set)  # every organisation under the root at some time in the period
    _fixed: dict[int, Ancestry] = field(default_factory=dict)  # one place for the whole period (nearly all)
    _dated: dict[int, list[tuple[dt.date, dt.date | None, Ancestry]]] = field(default_factory=dict)

    @classmethod
    def load(cls, root_id: int, start: dt.date, end: dt.date) -> Placement:
        shared = _SHARED.get()
        if shared is not None and (root_id, start, end) in shared:
            return shared[(root_id, start, end)]
        placement = cls._read(root_id, start, end)
        if shared is not None:
            shared[(root_id, start, end)] = placement
        return placement

    @classmethod
    def _read(cls, root_id: int, start: dt.date, end: dt.date) -> Placement:
        placement = cls(root_id, start, end)
        root_paths = set(OrgVersion.objects.filter(_overlaps_q(start, end), organisation_id=root_id)
                         .values_list("path", flat=True))
        if not root_paths:
            return placement
        # Dates as text, read only for the few versions that do not cover the whole period.
        whole = Q(valid_from__lte=start) & (Q(valid_to__isnull=True) | Q(valid_to__gt=end))
        versions = fetch(OrgVersion.objects.filter(_paths_q(root_paths), _overlaps_q(start, end)).annotate(
            whole=Case(When(whole, then=1), default=0, output_field=IntegerField()),
            since=Cast("valid_from", CharField()), until=Cast("valid_to", CharField()),
        ).values_list("organisation_id", "path", "whole", "since", "until"))
        counted: dict[int, int] = defaultdict(int)
        for org_id, *_ in versions:
            counted[org_id] += 1
        ancestry_of = _Ancestries(root_id)
        for org_id, path, whole_period, since, until in versions:
            ancestry = ancestry_of(path)
            if whole_period and counted[org_id] == 1:
                placement._fixed[org_id] = ancestry
            else:
                placement._dated.setdefault(org_id, []).append((_day(since), _day(until) if until else None, ancestry))
        placement.nodes = set(counted)
        return placement

    def ancestors(self, org_id: int, day: object) -> Ancestry:
        """The nodes (root first) a row of `org_id` dated `day` counts for; () when not under the root that day.
        `day` may be a date or its ISO text, read only for a unit that moved in the period."""
        found = self._fixed.get(org_id)
        if found is not None:
            return found
        dated = self._dated.get(org_id)
        if not dated:
            return ()
        when = _day(day)
        for since, until, ancestry in dated:
            if since <= when and (until is None or when < until):
                return ancestry
        return ()


class _Ancestries:
    """The ancestry (root first) of a path within the root's subtree, each path decoded once from its parent's."""

    def __init__(self, root_id: int) -> None:
        self.root_id = root_id
        self.cache: dict[str, Ancestry] = {}

    def __call__(self, path: str) -> Ancestry:
        found = self.cache.get(path)
        if found is None:
            own = int(path[-SEGMENT:], 36)
            if own == self.root_id:
                found = (own,)
            elif len(path) <= SEGMENT:
                found = ()
            else:
                above = self(path[:-SEGMENT])
                found = (*above, own) if above else ()
            self.cache[path] = found
        return found


def sum_by_node(placement: Placement, rows: Iterable[Sequence[object]], width: int) -> dict[int, list[int]]:
    """Sums of `width` measures for every node of the placement (zeros included), from rows
    (organisation id, date, measure 1, …, measure `width`), each row counted for the nodes above it on its date."""
    places: dict[Ancestry, list[int]] = {}
    ancestors = placement.ancestors
    for row in rows:
        ancestry = ancestors(int(row[0]), row[1])  # type: ignore[call-overload]
        if not ancestry:
            continue
        values = [int(v) if v else 0 for v in row[2:]]  # type: ignore[call-overload]
        found = places.get(ancestry)
        places[ancestry] = values if found is None else list(map(add, found, values))
    return _roll_up(placement, places, width)


class NodeSums:
    """Named counts of every node of a placement, added from several grouped queries and rolled up once.

    `add(rows, keys)` takes rows (organisation id, date, one value per key) — or, with `day`, rows (organisation id,
    value…) all of that day — and sums them per place in the tree; `result()` adds each place to the places above
    it, deepest first, and answers {organisation id: {key: count}} for every node (zeros included)."""

    def __init__(self, placement: Placement, keys: Sequence[str]) -> None:
        self.placement = placement
        self.keys = tuple(keys)
        self.index = {key: i for i, key in enumerate(self.keys)}
        self.places: dict[Ancestry, list[int]] = {}

    def add(self, rows: Iterable[Sequence[object]], keys: Sequence[str], *, day: dt.date | None = None) -> None:
        width, positions = len(self.keys), [self.index[key] for key in keys]
        ancestors, places = self.placement.ancestors, self.places
        for row in rows:
            if day is None:
                ancestry, values = ancestors(int(row[0]), row[1]), row[2:]  # type: ignore[call-overload]
            else:
                ancestry, values = ancestors(int(row[0]), day), row[1:]  # type: ignore[call-overload]
            if not ancestry:
                continue
            sums = places.get(ancestry)
            if sums is None:
                sums = places[ancestry] = [0] * width
            for position, value in zip(positions, values, strict=True):
                if value:
                    sums[position] += int(value)  # type: ignore[call-overload]

    def result(self) -> dict[int, dict[str, int]]:
        totals = _roll_up(self.placement, self.places, len(self.keys))
        keys = self.keys
        return {node: dict(zip(keys, sums, strict=True)) for node, sums in totals.items()}


def _roll_up(placement: Placement, places: dict[Ancestry, list[int]], width: int) -> dict[int, list[int]]:
    """Each place's sums added to its node and once to its parent place, deepest first: the cost grows with the
    places and the width, not with rows × depth. Every node of the placement is in the answer."""
    places = dict(places)
    zero = [0] * width
    totals: dict[int, list[int]] = {}
    by_depth: dict[int, list[Ancestry]] = defaultdict(list)
    for ancestry in places:
        by_depth[len(ancestry)].append(ancestry)
    for depth in range(max(by_depth, default=0), 0, -1):  # a parent place may be new: every depth is visited
        for ancestry in by_depth.get(depth, ()):
            sums = places[ancestry]
            node = ancestry[-1]
            found = totals.get(node)
            totals[node] = list(sums) if found is None else list(map(add, found, sums))
            if depth > 1:
                parent = ancestry[:-1]
                above = places.get(parent)
                if above is None:
                    places[parent] = sums
                    by_depth[depth - 1].append(parent)
                else:
                    places[parent] = list(map(add, above, sums))
    for node in placement.nodes:
        if node not in totals:
            totals[node] = list(zero)
    return totals


def sum_on_day(placement: Placement, rows: Iterable[Sequence[object]], width: int,
               day: dt.date) -> dict[int, list[int]]:
    """`sum_by_node` for rows that all belong to one day (members on a counting date): rows are
    (organisation id, measure 1, …)."""
    return sum_by_node(placement, ((row[0], day, *row[1:]) for row in rows), width)


def placed_under_q(organisation: Organisation | int, *, field: str = "organisation_id", date: str = "date") -> Q:
    """Rows whose organisation (`field`) sat in `organisation`'s subtree on the row's own `date` (a field name): an
    EXISTS over the organisation's version that day, its path under one of the paths `organisation` has had (a path
    names every ancestor, so such a prefix means "under it then")."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    paths = _paths_q(set(OrgVersion.objects.filter(organisation_id=org_id).values_list("path", flat=True)))
    version = OrgVersion.objects.filter(paths, organisation_id=OuterRef(field), valid_from__lte=OuterRef(date)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date)))
    return Q(Exists(version))


def subtree_on_day(organisation: Organisation | int, day: dt.date) -> QuerySet[OrgVersion]:
    """The versions of `organisation`'s subtree on one `day` (one level: a path range, no nested subquery)."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    active = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    paths = _paths_q(set(OrgVersion.objects.filter(active, organisation_id=org_id).values_list("path", flat=True)))
    return OrgVersion.objects.filter(paths, active)


def placed_on_day_q(organisation: Organisation | int, day: dt.date, *, field: str = "organisation_id") -> Q:
    """Rows whose organisation (`field`) sat in `organisation`'s subtree on one fixed `day`."""
    return Q(**{f"{field}__in": subtree_on_day(organisation, day).values("organisation_id")})
