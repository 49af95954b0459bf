"""Participation figures of study campaigns: attended / expected, per person and per lượt (person-sessions).

The rows are the Attendance rows of sessions not cancelled dated in [start, end]. Each row is placed in the tree of
ITS OWN date: a row of chi bộ X dated D counts for every ancestor X had on D (organisations.OrgVersion), so a chi bộ
merged or moved later still counts, for its past sessions, in the district it belonged to then.

- per lượt: attended rows / rows;
- per person: distinct persons with an attended row / distinct persons with a row (a person with rows in two
  units of a subtree counts once at their common ancestors);
- sessions: sessions not cancelled held in the subtree (placed on their own date) in the period.

`figures` (one node) and `rows` (the drill-down) filter the rows with an "under this node on the row's date"
condition in SQL; `figures_by_node` (every node of a subtree) reads the tree once and the rows in one grouped query
(by organisation and person, split by the days on which the tree changed inside the period), rolling the counts up
the paths in Python: a fixed number of queries whatever the size of the tree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connections, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

from xaydungdang.activities.models import Attendance, AttendanceTally, Campaign, Session
from xaydungdang.core.formatting import ratio_percent
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.paths import decode_segments, range_q


@dataclass(frozen=True)
class Figures:
    persons_attended: int = 0
    persons_expected: int = 0
    turns_attended: int = 0
    turns_expected: int = 0
    sessions: int = 0

    @property
    def persons_rate(self) -> Decimal | None:
        """Percentage of persons, one decimal (96,1); None when nobody was expected."""
        return ratio_percent(self.persons_attended, self.persons_expected)

    @property
    def turns_rate(self) -> Decimal | None:
        """Percentage of lượt, one decimal; None when no row."""
        return ratio_percent(self.turns_attended, self.turns_expected)


# --- the rows ---------------------------------------------------------------------------------------------------


def _node_paths(organisation_id: int, start: dt.date, end: dt.date) -> list[str]:
    """The paths the node had during [start, end] (one, unless it moved inside the period)."""
    return sorted(set(OrgVersion.objects.filter(_overlaps_q(start, end), organisation_id=organisation_id)
                      .values_list("path", flat=True)))


def _overlaps_q(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": end}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": start}))


def _paths_q(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= range_q(path)
    return condition


def _subtree_ids(paths: list[str], start: dt.date, end: dt.date) -> QuerySet[OrgVersion, Any]:
    """Every organisation under one of `paths` at some time in the period, as a subquery."""
    return OrgVersion.objects.filter(_paths_q(paths), _overlaps_q(start, end)).values("organisation_id")


def _placed_under(paths: list[str], field_org: str, field_date: str) -> Exists:
    """The row's organisation sat under one of `paths` on the row's own date."""
    return Exists(OrgVersion.objects.filter(
        _paths_q(paths), organisation_id=OuterRef(field_org), valid_from__lte=OuterRef(field_date))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(field_date))))


def _sessions(start: dt.date, end: dt.date, campaign_id: int | None, level: str | None, *,
              cancelled: bool = False) -> QuerySet[Session]:
    """Sessions in the period (not cancelled, or only the cancelled ones), of the campaign and level if given."""
    sessions = Session.objects.filter(cancelled_on__isnull=not cancelled, date__gte=start, date__lte=end)
    if campaign_id is not None:
        sessions = sessions.filter(campaign_id=campaign_id)
    if level:
        sessions = sessions.filter(level=level)
    return sessions


def _rows(start: dt.date, end: dt.date, campaign_id: int | None, audience: str | None,
          level: str | None, *, dated: bool = True) -> QuerySet[Attendance]:
    """Rows in the period, of the campaign, audience and level if given, cancelled sessions included (see `rows`).
    dated=False leaves out the test of the date, for a period that holds the whole campaign."""
    queryset = Attendance.objects.filter(date__gte=start, date__lte=end) if dated else Attendance.objects.all()
    if campaign_id is not None:
        queryset = queryset.filter(campaign_id=campaign_id)
    if audience:
        queryset = queryset.filter(audience=audience)
    if level:
        queryset = queryset.filter(session_id__in=_sessions(start, end, campaign_id, level).values("id"))
    return queryset


def rows(organisation: Organisation, start: dt.date, end: dt.date, *, campaign_id: int | None = None,
         audience: str | None = None, level: str | None = None,
         attended: bool | None = None) -> QuerySet[Attendance]:
    """The rows behind a figure of `organisation` (its subtree, each row in the tree of its date).

    attended=False gives the absent list; the caller orders and selects related rows as it needs."""
    paths = _node_paths(organisation.pk, start, end)
    queryset = _rows(start, end, campaign_id, audience, level).filter(
        organisation_id__in=_subtree_ids(paths, start, end)).filter(_placed_under(paths, "organisation_id", "date"))
    queryset = queryset.exclude(session_id__in=_sessions(start, end, campaign_id, None, cancelled=True).values("id"))
    if attended is not None:
        queryset = queryset.filter(attended=attended)
    return queryset


def figures(organisation: Organisation, start: dt.date, end: dt.date, *, campaign_id: int | None = None,
            audience: str | None = None, level: str | None = None) -> Figures:
    """The figures of one node (its subtree, each row in the tree of its date)."""
    return _compute(organisation.pk, start, end, campaign_id, audience, level, only_root=True).get(
        organisation.pk, Figures())


def figures_by_node(root: Organisation, start: dt.date, end: dt.date, *, campaign_id: int | None = None,
                    audience: str | None = None, level: str | None = None) -> dict[int, Figures]:
    """Figures of every organisation of `root`'s subtree over the period (each including its own subtree): every
    organisation placed under `root` at some time in the period, with zero figures when it has no row.

    Eight queries at most whatever the size of the tree (see `_compute`)."""
    return _compute(root.pk, start, end, campaign_id, audience, level, only_root=False)


# --- the grouped computation ------------------------------------------------------------------------------------


@dataclass
class _Tree:
    """The subtree's versions over the period, cut into periods in which no organisation changed place.

    `fixed` holds the organisations with one place for the whole period (nearly all); `moving` those whose place
    changed, appeared or ended inside it, placed per period."""

    root_id: int
    root_paths: list[str]
    bounds: list[dt.date]  # the first day of each period; period i is [bounds[i], bounds[i + 1])
    fixed: dict[int, str]  # organisation -> path over the whole period
    moving: dict[tuple[int, int], str]  # (organisation, period) -> path in that period
    nodes: set[int]

    @classmethod
    def load(cls, root_id: int, start: dt.date, end: dt.date) -> _Tree:
        paths = _node_paths(root_id, start, end)
        if not paths:
            return cls(root_id, paths, [start], {}, {}, set())
        # Dates as text: tens of thousands of versions, nearly all whole-period ones whose dates are not needed.
        whole = Q(valid_from__lte=start) & (Q(valid_to__isnull=True) | Q(valid_to__gt=end))
        versions = _fetch(OrgVersion.objects.filter(_paths_q(paths), _overlaps_q(start, end)).annotate(
            whole=Case(When(whole, then=1), default=0, output_field=IntegerField()),
            since=Cast("valid_from", CharField()), until=Cast("valid_to", CharField()),
        ).values_list("organisation_id", "path", "whole", "since", "until"))
        counted: dict[int, int] = defaultdict(int)
        for org_id, *_ in versions:
            counted[org_id] += 1
        fixed: dict[int, str] = {}
        dated: list[tuple[int, str, dt.date, dt.date | None]] = []
        for org_id, path, whole_period, since, until in versions:
            if whole_period and counted[org_id] == 1:
                fixed[org_id] = path
            else:
                dated.append((org_id, path, dt.date.fromisoformat(since[:10]),
                              dt.date.fromisoformat(until[:10]) if until else None))
        cuts = {day for _, _, since, until in dated for day in (since, until)
                if day is not None and start < day <= end}
        bounds = [start, *sorted(cuts)]
        moving: dict[tuple[int, int], str] = {}
        for org_id, path, since, until in dated:
            for i, first in enumerate(bounds):
                if since <= first and (until is None or first < until):
                    moving[(org_id, i)] = path
        return cls(root_id, paths, bounds, fixed, moving, set(counted))

    def period(self) -> Case | Value:
        """The period number of a row's `date`, as an SQL expression."""
        if len(self.bounds) == 1:
            return Value(0, output_field=IntegerField())
        return Case(*[When(date__gte=day, then=i) for i, day in reversed(list(enumerate(self.bounds))) if i],
                    default=0, output_field=IntegerField())

    def moving_ids(self) -> list[int]:
        return sorted({org_id for org_id, _ in self.moving})

    def path_in(self, org_id: int, period: int) -> str | None:
        """Where a unit sat in a period; None outside the subtree."""
        path = self.fixed.get(org_id)
        return path if path is not None or not self.moving else self.moving.get((org_id, period))

    def in_period(self, i: int) -> Q:
        condition = Q(date__gte=self.bounds[i]) if i else Q()
        if i + 1 < len(self.bounds):
            condition &= Q(date__lt=self.bounds[i + 1])
        return condition


class _Ancestors:
    """The ancestors (root first, down to the node itself) of a path, within the root's subtree; cached per path."""

    def __init__(self, root_id: int) -> None:
        self.root_id = root_id
        self.cache: dict[str, tuple[int, ...]] = {}

    def __call__(self, path: str) -> tuple[int, ...]:
        found = self.cache.get(path)
        if found is None:
            ids = decode_segments(path)
            found = tuple(ids[ids.index(self.root_id):]) if self.root_id in ids else ()
            self.cache[path] = found
        return found


ATTENDED = Cast("attended", IntegerField())
# Up to this many organisations, a subtree is passed as a list of ids: the planners then choose the indexes that
# start with the organisation (a subquery leaves them guessing, and they scan the whole campaign).
LISTED_UP_TO = 1_000


def _fetch(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list() queryset straight from the cursor: no per-value converters (the values are
    integers), which cost more than the query itself over 300,000 groups."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _moving_ids(tree: _Tree, start: dt.date, end: dt.date) -> QuerySet[OrgVersion, Any]:
    """The units of the subtree whose place changed, began or ended inside the period, as a subquery."""
    inside = Q(valid_from__gt=start) | Q(valid_to__lte=end)
    return OrgVersion.objects.filter(_paths_q(tree.root_paths), _overlaps_q(start, end), inside).values(
        "organisation_id")


def _moving_rows(queryset: QuerySet[Any], tree: _Tree, start: dt.date, end: dt.date, group: list[str],
                 measures: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """(path, (*group after the organisation, *sums)) for the units that moved during the period: `queryset`
    grouped by `group` (organisation first) with one sum per period and per measure (per-row integers, None for a
    count), rather than making the period a grouping key (that would sort the rows)."""
    periods, width, size = len(tree.bounds), len(measures), len(group)
    columns = {f"{name}_{i}": Sum(Case(When(tree.in_period(i), then=ONE if expression is None else expression),
                                       default=0, output_field=IntegerField()))
               for i in range(periods) for name, expression in measures.items()}
    moved = queryset.filter(organisation_id__in=_moving_ids(tree, start, end)).values(*group).annotate(**columns)
    placed: list[tuple[str, tuple[Any, ...]]] = []
    moving = tree.moving
    for row in _fetch(moved.values_list(*group, *columns)):
        org_id, keys = row[0], row[1:size]
        parts = [(path, row[size + i * width: size + (i + 1) * width]) for i in range(periods)
                 if row[size + i * width] and (path := moving.get((org_id, i))) is not None]
        if len(parts) > 1 and len({path for path, _ in parts}) < len(parts):
            merged: dict[str, list[int]] = {}  # periods in the same place (a unit renamed in place) come out once
            for path, part in parts:
                merged[path] = [x + y for x, y in zip(merged.get(path, [0] * width), part, strict=True)]
            parts = [(path, tuple(sums)) for path, sums in merged.items()]
        placed.extend((path, (*keys, *part)) for path, part in parts)
    return placed


ONE = Value(1, output_field=IntegerField())


def _by_unit_and_special_tallied(tallied: QuerySet[AttendanceTally]) -> list[tuple[int, int, int, int, int, int]]:
    """What `_by_unit_and_special` answers, read from the tallies (activities.tallies: the rows of sessions not
    cancelled summed per person, unit and audience, a tenth of the rows) in two statements: the people with one
    tally are counted per unit by the database, those with several (`several`) come back one by one."""
    units = _fetch(tallied.filter(several=False).values("organisation_id").annotate(
        persons=Count("*"), present=Sum(Case(When(turns_attended__gt=0, then=1), default=0,
                                              output_field=IntegerField())),
        n=Sum("turns"), a=Sum("turns_attended")).values_list("organisation_id", "persons", "present", "n", "a"))
    people: dict[tuple[int, int], list[int]] = {}  # (unit, person) -> [rows, attended], over their audiences
    for org_id, person_id, n, a in _fetch(tallied.filter(several=True).values_list(
            "organisation_id", "person_id", "turns", "turns_attended")):
        sums = people.setdefault((org_id, person_id), [0, 0])
        sums[0] += n
        sums[1] += a
    # The people counted one by one are in their units' counts too, as `_by_unit_and_special` has them.
    totals = {org_id: [persons, present, n, a] for org_id, persons, present, n, a in units}
    for (org_id, _person_id), (n, a) in people.items():
        unit = totals.setdefault(org_id, [0, 0, 0, 0])
        unit[0] += 1
        unit[1] += a > 0
        unit[2] += n
        unit[3] += a
    answer = [(0, org_id, persons, present, n, a) for org_id, (persons, present, n, a) in totals.items()]
    answer += [(1, org_id, person_id, n, a, 0) for (org_id, person_id), (n, a) in people.items()]
    return answer


def _by_unit_and_special(rows_q: QuerySet[Attendance], cancelled_people: QuerySet[Any],
                         ) -> list[tuple[int, int, int, int, int, int]]:
    """One statement over the rows grouped by (organisation, person), kept once (MATERIALIZED):
    (0, organisation, persons, persons attended, rows, rows attended) for every organisation, and
    (1, organisation, person, rows, rows attended, 0) for every person with rows in several organisations or a
    row among `cancelled_people`."""
    pairs = rows_q.values("organisation_id", "person_id").annotate(n=Count("*"), a=Sum(ATTENDED)).values_list(
        "organisation_id", "person_id", "n", "a")
    pairs_sql, pairs_params = pairs.query.sql_with_params()
    people_sql, people_params = cancelled_people.query.sql_with_params()
    sql = f"""
        WITH po AS MATERIALIZED ({pairs_sql}),
        special AS MATERIALIZED (
            SELECT person_id FROM po GROUP BY person_id HAVING COUNT(*) > 1
            UNION SELECT person_id FROM ({people_sql}) cancelled)
        SELECT 0, organisation_id, COUNT(*), SUM(CASE WHEN a > 0 THEN 1 ELSE 0 END), SUM(n), SUM(a)
        FROM po GROUP BY organisation_id
        UNION ALL
        SELECT 1, organisation_id, person_id, n, a, 0 FROM po WHERE person_id IN (SELECT person_id FROM special)"""
    connection = connections[rows_q.db]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, (*pairs_params, *people_params))
            return cursor.fetchall()
    with transaction.atomic(using=rows_q.db), connection.cursor() as cursor:
        # Grouping 300,000 (organisation, person) pairs by person spills to disk with the default 4 MB.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, (*pairs_params, *people_params))
        return cursor.fetchall()


def _campaign_span(campaign_id: int | None, start: dt.date, end: dt.date) -> tuple[bool, int | None]:
    """(whether the period holds every session of the campaign, the organisation that planned it).

    A period holding the whole campaign needs no test of the rows' date (a row repeats its session's date)."""
    if campaign_id is None:
        return False, None
    found = Campaign.objects.filter(pk=campaign_id).annotate(first=Min("sessions__date"), last=Max("sessions__date")
                                                             ).values_list("organisation_id", "first", "last").first()
    if found is None:
        return False, None
    planner, first, last = found
    return first is None or (start <= first and last <= end), planner


def _compute(root_id: int, start: dt.date, end: dt.date, campaign_id: int | None, audience: str | None,
             level: str | None, *, only_root: bool) -> dict[int, Figures]:
    """The figures of every node of the subtree, in eight queries: the root's paths, the subtree's versions and the
    campaign's span (3); the rows of cancelled sessions, to subtract (1, +1 when units moved in the period); the rows
    grouped by (organisation, person) (1, +1); the sessions grouped by organisation (1, +1 — the "+1" read the units
    that moved again, by period). The counts are rolled up the paths in Python.

    Most persons have rows in one place only and are counted per place; the few with rows in several places
    (transferred, attending temporarily, or in a unit that moved during the period) are counted once at every
    ancestor of any of their places. Rows of cancelled sessions are read apart (by the session index) and
    subtracted: excluding them in the grouped query would test every row against the list of sessions."""
    tree = _Tree.load(root_id, start, end)
    if not tree.nodes:
        return {}
    ancestors = _Ancestors(root_id)
    fixed = tree.fixed
    subtree: Any = (sorted(tree.nodes) if len(tree.nodes) <= LISTED_UP_TO
                    else _subtree_ids(tree.root_paths, start, end))
    whole, planner = _campaign_span(campaign_id, start, end)
    every_row = _rows(start, end, campaign_id, audience, level, dated=not whole)
    # Every row of a campaign lies, on its date, in the subtree of the organisation that planned it (its sessions
    # are held there, and each row sits at a unit of the session's subtree or at the organiser): when that
    # organisation stays under the root all period, the subtree's test of each row is left out (a semi-join over
    # millions of rows; a row outside would find no path anyway).
    rows_q = every_row if planner in fixed else every_row.filter(organisation_id__in=subtree)
    # A whole campaign (no test of dates or levels) is read from its tallies, which sum the same rows.
    tallied: QuerySet[AttendanceTally] | None = None
    if campaign_id is not None and whole and not level:
        tallied = AttendanceTally.objects.filter(campaign_id=campaign_id)
        if audience:
            tallied = tallied.filter(audience=audience)
        if planner not in fixed:
            tallied = tallied.filter(organisation_id__in=subtree)
    measures: dict[str, Any] = {"n": None, "a": ATTENDED}
    group = ["organisation_id", "person_id"]

    # Rows of cancelled sessions: (path, person) -> [rows, attended], to subtract. A large subtree reads them by
    # the session index alone (rows outside the subtree find no path): with the subtree's condition the planner
    # would scan the campaign's rows instead.
    cancelled_q = Attendance.objects.filter(
        session_id__in=_sessions(start, end, campaign_id, level, cancelled=True).values("id"))
    if audience:
        cancelled_q = cancelled_q.filter(audience=audience)
    if tallied is not None:  # the tallies leave them out already: only the rows of moving units are read raw
        cancelled_q = cancelled_q.filter(organisation_id__in=tree.moving_ids())
    elif isinstance(subtree, list):
        cancelled_q = cancelled_q.filter(organisation_id__in=subtree)
    cancelled: dict[tuple[str, int], list[int]] = {}
    read_cancelled = tallied is None or bool(tree.moving)
    for org_id, person_id, period, a in _fetch(cancelled_q.annotate(period=tree.period()).values_list(
            "organisation_id", "person_id", "period", "attended")) if read_cancelled else ():
        path = tree.path_in(org_id, period)
        if path is not None:
            tally = cancelled.setdefault((path, person_id), [0, 0])
            tally[0] += 1
            tally[1] += bool(a)
    cancelled_persons = {person_id for _, person_id in cancelled}

    turns: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    first: dict[int, str] = {}  # person -> their place, while they have one
    attended_first: set[int] = set()  # persons who attended at that place
    several: dict[int, dict[str, bool]] = {}  # person -> {place: attended there}

    def place(path: str, person_id: int, n: int, a: int) -> None:
        if person_id in cancelled_persons and (path, person_id) in cancelled:
            minus = cancelled.pop((path, person_id))
            n, a = n - minus[0], a - minus[1]
            if not n:
                return
        tally = turns[path]
        tally[0] += n
        tally[1] += a
        seen = first.get(person_id)
        if seen is None:
            places = several.get(person_id)
            if places is None:
                first[person_id] = path
                if a:
                    attended_first.add(person_id)
            else:
                places[path] = places.get(path, False) or a > 0
        elif seen != path:
            del first[person_id]
            several[person_id] = {seen: person_id in attended_first, path: a > 0}
            attended_first.discard(person_id)
        elif a:
            attended_first.add(person_id)

    # The rows grouped by (organisation, person) and, in the same statement, by organisation: the persons with
    # rows in one unit only (nearly all) are counted per unit by the database; only the others come back one by
    # one ("special": rows in several units, or a row at a cancelled session), to be placed in Python.
    special_rows: list[tuple[int, int, int, int]] = []
    by_unit: dict[int, list[int]] = {}  # fixed unit -> [persons attended, persons, rows attended, rows]
    cancelled_people = cancelled_q.values("person_id")
    grouped = (_by_unit_and_special(rows_q, cancelled_people) if tallied is None
               else _by_unit_and_special_tallied(tallied))
    for kind, org_id, x, y, n, a in grouped:
        if kind == 0:
            if org_id in fixed:
                by_unit[org_id] = [y, x, a, n]
        else:
            special_rows.append((org_id, x, y, n))  # organisation, person, rows, attended rows
    for org_id, person_id, n, a in special_rows:
        path = fixed.get(org_id)
        if path is None:  # a unit that moved: read again by period below
            continue
        unit = by_unit[org_id]
        unit[0] -= a > 0
        unit[1] -= 1
        unit[2] -= a
        unit[3] -= n
        place(path, person_id, n, a)
    moving = tree.moving_ids()
    if moving:
        for path, (person_id, n, a) in _moving_rows(every_row, tree, start, end, group, measures):
            place(path, person_id, n, a)

    # Counts per place first, then each place's counts added to its ancestors once.
    at: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # persons a/e, turns a/e, sessions
    for org_id, counts in by_unit.items():
        mine = at[fixed[org_id]]
        for column, count in enumerate(counts):
            mine[column] += count
    for path, count in Counter(first.values()).items():
        at[path][1] += count
    for path, count in Counter(map(first.__getitem__, attended_first)).items():
        at[path][0] += count
    for path, (n, a) in turns.items():
        mine = at[path]
        mine[3] += n
        mine[2] += a

    sessions = _sessions(start, end, campaign_id, level).filter(organisation_id__in=subtree)
    if audience:
        sessions = sessions.filter(audience=audience)
    for org_id, period, n in _fetch(sessions.annotate(period=tree.period()).values("organisation_id", "period")
                                    .annotate(n=Count("*")).values_list("organisation_id", "period", "n")):
        path = tree.path_in(org_id, period)
        if path is not None:
            at[path][4] += n

    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for path, counts in at.items():
        for node in ancestors(path)[:1] if only_root else ancestors(path):
            mine = totals[node]
            for column in range(5):
                mine[column] += counts[column]
    # People in several places: once at every ancestor of any of them.
    # Members of a unit that moved share their places: each distinct set of places is rolled up once.
    for places, count in Counter(tuple(sorted(places.items())) for places in several.values()).items():
        expected: set[int] = set()
        attended: set[int] = set()
        for path, flag in places:
            expected.update(ancestors(path))
            if flag:
                attended.update(ancestors(path))
        for node in expected:
            totals[node][1] += count
        for node in attended:
            totals[node][0] += count

    if only_root:
        return {root_id: Figures(*totals[root_id])}
    nothing = Figures()
    return {node: Figures(*totals[node]) if node in totals else nothing for node in tree.nodes}
