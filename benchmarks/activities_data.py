"""A synthetic study campaign on the member benchmark's province, written straight to the database.

Shape (defaults): the tree and the 300,000 members of members_data (25,000 organisations, ~5,900 chi bộ, 10% of
the organisations moved on 1/7/2025), one study campaign planned by the province for 1/3/2025–31/10/2025 (so it
straddles the moves: a moved chi bộ's sessions before 1/7 count in its old district, those after in the new one),
and:

- ten grassroots sessions in every chi bộ (member audience), on dates spread over the period, 1% of them cancelled
  (their rows stay and must count nowhere); one row per member expected there on that day: the regular members of
  the chi bộ on the date, except those then attending temporarily elsewhere, who are expected at their host
  (so a person with a temporary membership, or transferred during the period, has rows in two units);
- two key-cadre conferences (level conference, audience key cadres) of the province and of every district, with
  40 cadres each (members of the district's chi bộ, their rows placed in their chi bộ);
- statuses: 94% present, 4% absent (with a reason), 2% made up later.

About 2.9 million attendance rows. Rows are generated as tuples and inserted with executemany (COPY on PostgreSQL)
with explicit ids, then the sequences are reset. Django must be set up before `ensure`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from benchmarks import members_data, tree_data

SEED = 12
START, END = dt.date(2025, 3, 1), dt.date(2025, 10, 31)
SESSIONS_PER_CHI_BO = 10
CONFERENCES = 2
CADRES = 40
CANCELLED_EVERY = 100
RECORDED = dt.datetime(2025, 11, 1, tzinfo=dt.UTC)
ATTENDANCE_COLUMNS = ("id", "session_id", "campaign_id", "date", "audience", "person_id", "organisation_id",
                      "status", "attended", "reason", "made_up_on", "recorded_by_id", "recorded_at")


@dataclass
class Plan:
    campaign_id: int = 1
    sessions: list[tuple[Any, ...]] = field(default_factory=list)  # (id, org, date, level, audience, cancelled_on)
    attendance_count: int = 0


def session_dates(org_id: int) -> list[dt.date]:
    """Ten dates spread over the period, shifted per chi bộ so that days differ between units."""
    span = (END - START).days
    return [START + dt.timedelta(days=(k * span) // SESSIONS_PER_CHI_BO + org_id % 17) for k in
            range(SESSIONS_PER_CHI_BO)]


def _active(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day < valid_to)


class Expected:
    """Who is expected at a chi bộ's member session on a day (regular members not attending elsewhere, and the
    members attending there temporarily)."""

    def __init__(self, rows: members_data.Rows) -> None:
        self.regular: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
        self.temporary: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
        self.temporary_of: dict[int, tuple[dt.date, dt.date | None]] = {}
        for m in rows.memberships:
            entry = (m["member_id"], m["valid_from"], m["valid_to"])
            if m["kind"] == "temporary":
                self.temporary[m["organisation_id"]].append(entry)
                self.temporary_of[m["member_id"]] = (m["valid_from"], m["valid_to"])
            else:
                self.regular[m["organisation_id"]].append(entry)

    def at(self, org_id: int, day: dt.date) -> list[int]:
        people = [member for member, start, end in self.regular.get(org_id, ()) if _active(start, end, day)
                  and not (member in self.temporary_of and _active(*self.temporary_of[member], day))]
        people += [member for member, start, end in self.temporary.get(org_id, ()) if _active(start, end, day)]
        return people


def plan_sessions(tree: tree_data.Plan) -> Plan:
    plan = Plan()
    sid = 0
    for spec in tree.specs:
        if spec.type_code in members_data.HOLDERS:
            for day in session_dates(spec.pk):
                sid += 1
                cancelled = day + dt.timedelta(days=1) if sid % CANCELLED_EVERY == 0 else None
                plan.sessions.append((sid, spec.pk, day, "grassroots", "members", cancelled))
    for spec in tree.specs[: 1 + tree_data.shape(len(tree.specs))[0]]:  # the province, its districts
        for k in range(CONFERENCES):
            sid += 1
            plan.sessions.append((sid, spec.pk, START + dt.timedelta(days=20 + 120 * k), "conference",
                                  "key_cadres", None))
    return plan


def attendance_rows(tree: tree_data.Plan, members: members_data.Rows, plan: Plan) -> Iterator[tuple[Any, ...]]:
    """(session, date, audience, person, organisation, status) for every row, in session order."""
    expected = Expected(members)
    holders = [s for s in tree.specs if s.type_code in members_data.HOLDERS]
    by_district: dict[int, list[int]] = defaultdict(list)
    for spec in holders:
        by_district[int(spec.path[6:12], 36)].append(spec.pk)
    rng = random.Random(SEED)
    for sid, org, day, level, audience, _cancelled in plan.sessions:
        if level == "grassroots":
            for person in expected.at(org, day):
                yield sid, day, audience, person, org, _status(rng)
            continue
        units = by_district[org] if org in by_district else [u for d in sorted(by_district) for u in by_district[d]]
        taken = 0
        for unit in units[:: max(1, len(units) // CADRES)]:
            people = expected.at(unit, day)
            if people and taken < CADRES:
                taken += 1
                yield sid, day, audience, people[0], unit, _status(rng)


def _status(rng: random.Random) -> str:
    draw = rng.random()
    return "absent" if draw < 0.04 else "made_up" if draw < 0.06 else "present"


def _db_date(value: dt.date | None, vendor: str) -> Any:
    if value is None or vendor == "postgresql":
        return value
    return value.isoformat()


def _insert(table: str, columns: tuple[str, ...], values: Iterator[tuple[Any, ...]]) -> int:
    from django.db import connection

    quoted = ", ".join(map(connection.ops.quote_name, columns))
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
        chunk: list[tuple[Any, ...]] = []
        for row in values:
            chunk.append(row)
            if len(chunk) == 50_000:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def write(tree: tree_data.Plan, members: members_data.Rows, plan: Plan) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from xaydungdang.activities import tallies
    from xaydungdang.activities.models import Attendance, Campaign, Session

    vendor = connection.vendor
    recorded = RECORDED if vendor == "postgresql" else RECORDED.isoformat()
    with transaction.atomic():
        Campaign.objects.create(pk=plan.campaign_id, title="Học tập, quán triệt Nghị quyết (benchmark)",
                                organisation_id=1, start=START, end=END, audiences=["members", "key_cadres"])
        _insert(Session._meta.db_table,
                ("id", "campaign_id", "organisation_id", "date", "level", "audience", "form", "place", "note",
                 "masses_count", "cancelled_on", "attendance_recorded_at", "created_at"),
                ((sid, plan.campaign_id, org, _db_date(day, vendor), level, audience, "in_person", "", "", 0,
                  _db_date(cancelled, vendor), recorded, recorded)
                 for sid, org, day, level, audience, cancelled in plan.sessions))
        made_up_on = _db_date(END, vendor)
        plan.attendance_count = _insert(Attendance._meta.db_table, ATTENDANCE_COLUMNS, (
            (i, sid, plan.campaign_id, _db_date(day, vendor), audience, person, org, status,
             status != "absent", "Ốm" if status == "absent" else "", made_up_on if status == "made_up" else None,
             None, recorded)
            for i, (sid, day, audience, person, org, status) in enumerate(attendance_rows(tree, members, plan), 1)))
        tallies.rebuild(plan.campaign_id)  # inserted past the domain, which keeps them
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Campaign, Session, Attendance]):
            cursor.execute(sql)


def wipe() -> None:
    from xaydungdang.activities.models import Attendance, AttendanceTally, Campaign, Session

    for model in (AttendanceTally, Attendance, Session.documents.through, Session, Campaign.documents.through,
                  Campaign):
        model.objects.all()._raw_delete(model.objects.db)


def is_loaded(plan: Plan) -> bool:
    from xaydungdang.activities.models import Attendance, Session

    return (Session.objects.filter(campaign_id=plan.campaign_id).count() == len(plan.sessions)
            and Attendance.objects.filter(campaign_id=plan.campaign_id).exists())


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in ("activities_session", "activities_attendance", "activities_attendancetally"):
                cursor.execute(f"VACUUM ANALYZE {table}")


def ensure(orgs: int = members_data.ORGS, members: int = members_data.MEMBERS, *, rebuild: bool = False) -> str:
    """Load the tree, the members and the campaign unless the database holds them; says what it did."""
    import time

    start = time.perf_counter()
    tree = tree_data.plan_tree(orgs)
    member_rows = members_data.plan_members(tree, members)
    plan = plan_sessions(tree)
    if not rebuild and is_loaded(plan) and members_data.ensure(orgs, members) == "reused":
        return "reused"
    wipe()  # first: attendance rows point at the members and organisations members_data may replace
    members_data.ensure(orgs, members, rebuild=rebuild)
    write(tree, member_rows, plan)
    analyze()
    return f"built in {time.perf_counter() - start:.1f} s ({plan.attendance_count:,} attendance rows)"
