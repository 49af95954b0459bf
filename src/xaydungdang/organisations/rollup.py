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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.paths import decode_segments, range_q

Ancestry = tuple[int, ...]  # root first, down to the organisation itself


def _overlaps_q(start: dt.date, end: dt.date) -> Q:
    return Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=start))


def _paths_q(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= range_q(path)
    return condition


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
        placement = cls(root_id, start, end)
        root_paths = set(OrgVersion.objects.filter(_overlaps_q(start, end), organisation_id=root_id)
                         .values_list("path", flat=True))
        if not root_paths:
            return placement
        versions = list(OrgVersion.objects.filter(_paths_q(root_paths), _overlaps_q(start, end))
                        .values_list("organisation_id", "path", "valid_from", "valid_to"))
        counted: dict[int, int] = defaultdict(int)
        for org_id, *_ in versions:
            counted[org_id] += 1
        cache: dict[str, Ancestry] = {}
        for org_id, path, since, until in versions:
            ancestry = cache.get(path)
            if ancestry is None:
                ids = decode_segments(path)
                ancestry = cache[path] = tuple(ids[ids.index(root_id):]) if root_id in ids else ()
            whole = since <= start and (until is None or until > end)
            if whole and counted[org_id] == 1:
                placement._fixed[org_id] = ancestry
            else:
                placement._dated.setdefault(org_id, []).append((since, until, ancestry))
        placement.nodes = set(counted)
        return placement

    def ancestors(self, org_id: int, day: dt.date) -> Ancestry:
        """The nodes (root first) a row of `org_id` dated `day` counts for; () when not under the root that day."""
        found = self._fixed.get(org_id)
        if found is not None:
            return found
        for since, until, ancestry in self._dated.get(org_id, ()):
            if since <= day and (until is None or day < until):
                return ancestry
        return ()


def sum_by_node(placement: Placement, rows: Iterable[Sequence[object]], width: int) -> dict[int, list[int]]:
    """Sums of `width` measures for every node of the placement (zeros included), from rows
    (organisation id, date, measure 1, …, measure `width`), each row counted for the nodes above it on its date."""
    totals: dict[int, list[int]] = {node: [0] * width for node in placement.nodes}
    for row in rows:
        org_id, day, values = row[0], row[1], row[2:]
        if isinstance(day, str):  # a date read straight from an SQLite cursor
            day = dt.date.fromisoformat(day[:10])
        for node in placement.ancestors(int(org_id), day):  # type: ignore[call-overload, arg-type]
            sums = totals[node]
            for i, value in enumerate(values):
                sums[i] += int(value or 0)  # type: ignore[call-overload]
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


def placed_on_day_q(organisation: Organisation | int, day: dt.date, *, field: str = "organisation_id") -> Q:
    """Rows whose organisation (`field`) sat in `organisation`'s subtree on one fixed `day`."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    paths = _paths_q(set(OrgVersion.objects.filter(organisation_id=org_id, valid_from__lte=day)
                         .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day)).values_list("path", flat=True)))
    ids = OrgVersion.objects.filter(paths, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)).values("organisation_id")
    return Q(**{f"{field}__in": ids})
