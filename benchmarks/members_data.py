"""A synthetic member registry on the benchmark tree, written straight to the database.

Shape (defaults): the tree of tree_data.plan_tree(25_000) (one province → 20 districts → 31 grassroots each →
chi bộ and tổ đảng, 10% of them moved on 1/7/2025), and 300,000 members spread over its chi bộ
(chi-bo-truc-thuoc and chi-bo-co-so, about 5,900 of them: ~50 members each), in id order so that a chi bộ's
members are scattered over the table as they would be after years of admissions.

History, so that every as-of-date query has rows to skip: 8% of members were transferred once (a closed
membership in another chi bộ, then the current one), 3% ended (struck off or deceased, their membership closed
before the measured days), 1% also hold an open temporary membership elsewhere (not counted), 5% are
probationary (admitted in 2025, official later or not yet). Profiles vary in the fields the list filters on: sex
(40% women), political theory level, birth date.

Rows are inserted with executemany (COPY on PostgreSQL) with explicit ids, then the sequences are reset: the
ORM's bulk_create would take minutes for a million rows. Django must be set up before `write` or `ensure`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from benchmarks import tree_data

SEED = 300_000
ORGS = 25_000
MEMBERS = 300_000
HOLDERS = ("chi-bo-truc-thuoc", "chi-bo-co-so")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Đào", "Trịnh", "Mai"]
MIDDLE = {"nam": ["Văn", "Đức", "Hữu", "Quang", "Minh", "Xuân", "Thế", "Công", "Ngọc", "Thanh", "Đình", "Mạnh"],
          "nu": ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Diệu", "Bích", "Mai", "Thúy"]}
GIVEN = {"nam": ["An", "Bình", "Cường", "Dũng", "Đạt", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân",
                 "Sơn", "Thắng", "Toàn", "Tuấn", "Việt", "Vinh", "Hưng", "Tài", "Lâm", "Quý", "Huy", "Trung"],
         "nu": ["Anh", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Liên", "Loan", "Nga", "Nhung", "Oanh", "Phượng",
                "Thủy", "Trang", "Tuyết", "Hạnh", "Huyền", "Ngân", "Dung", "Quyên", "Linh", "Mai", "Vân", "Yến"]}
THEORY = [("", 10), ("so-cap", 55), ("trung-cap", 28), ("cao-cap", 5), ("cu-nhan", 2)]
CREATED = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


@dataclass
class Rows:
    people: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    memberships: list[dict[str, Any]] = field(default_factory=list)


@cache
def keys(name: str) -> tuple[str, str]:
    from xaydungdang.core.text import fold, name_collation_key

    return name_collation_key(name), fold(name)


def holders(plan: tree_data.Plan) -> list[int]:
    return [s.pk for s in plan.specs if s.type_code in HOLDERS]


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days))


def plan_members(plan: tree_data.Plan, n: int = MEMBERS) -> Rows:
    """Pure: the rows for n members on the tree's chi bộ (deterministic for a given tree and n)."""
    rng, units, rows = random.Random(SEED), holders(plan), Rows()
    for pk in range(1, n + 1):
        sex = "nu" if rng.random() < 0.4 else "nam"
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
        name_key, search_name = keys(name)
        rows.people.append({"id": pk, "full_name": name, "name_key": name_key, "search_name": search_name,
                            "sex": sex, "birth_date": day_between(rng, dt.date(1940, 1, 1), dt.date(2004, 1, 1)),
                            "theory_level": rng.choices([v for v, _ in THEORY], [w for _, w in THEORY])[0]})
        _member(rng, pk, units, rows)
    return rows


def _member(rng: random.Random, pk: int, units: Sequence[int], rows: Rows) -> None:
    probationary = rng.random() < 0.05
    ceremony = day_between(rng, dt.date(2025, 1, 1), dt.date(2025, 6, 1)) if probationary else \
        day_between(rng, dt.date(1975, 1, 1), dt.date(2024, 1, 1))
    official = dt.date(ceremony.year + 1, ceremony.month, ceremony.day) if probationary and rng.random() < 0.5 \
        else None if probationary else ceremony + dt.timedelta(days=400)
    ended = not probationary and rng.random() < 0.03
    start = max(ceremony, tree_data.FOUNDED)
    state = rng.choice(["struck_off", "deceased"]) if ended else "active"
    end = day_between(rng, max(start, dt.date(2020, 1, 1)) + dt.timedelta(days=1), dt.date(2024, 6, 1)) \
        if ended else None
    rows.members.append({"id": pk, "person_id": pk, "card_number": f"{10_000_000 + pk}",
                         "lylich_number": f"{100_000 + pk:06d}BM", "admission_decision_date": ceremony,
                         "admission_ceremony_date": ceremony, "official_decision_date": official, "state": state,
                         "state_since": end or start, "created_at": CREATED})
    org = rng.choice(units)
    if not ended and start < dt.date(2022, 1, 1) and rng.random() < 0.08:
        # Transferred once: a closed membership elsewhere, the current one from a few days later.
        moved = day_between(rng, max(start, dt.date(2015, 1, 1)) + dt.timedelta(days=1), dt.date(2023, 1, 1))
        _membership(rows, pk, rng.choice(units), start, moved, "transferred")
        start = moved + dt.timedelta(days=rng.randint(3, 30))
    _membership(rows, pk, org, start, end, state if ended else "")
    if not ended and rng.random() < 0.01:
        _membership(rows, pk, rng.choice(units), dt.date(2023, 1, 1), None, "", kind="temporary")


def _membership(rows: Rows, member: int, org: int, start: dt.date, end: dt.date | None, reason: str,
                kind: str = "regular") -> None:
    rows.memberships.append({"id": len(rows.memberships) + 1, "member_id": member, "organisation_id": org,
                             "kind": kind, "valid_from": start, "valid_to": end, "end_reason": reason})


def _prepared(model: Any, rows: list[dict[str, Any]]) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Columns and values in the model's field order; fields a row omits take their default."""
    from django.db import connection, models

    fields = model._meta.concrete_fields
    defaults = {f.attname: f.get_default() for f in fields}
    dated = {f.attname for f in fields if isinstance(f, models.DateField)}  # DateTimeField too

    def value(f: Any, row: dict[str, Any]) -> Any:
        raw = row.get(f.attname, defaults[f.attname])
        return f.get_db_prep_save(raw, connection) if f.attname in dated else raw

    return [f.column for f in fields], (tuple(value(f, row) for f in fields) for row in rows)


def insert(model: Any, rows: list[dict[str, Any]]) -> None:
    from django.db import connection

    columns, values = _prepared(model, rows)
    table, quoted = connection.ops.quote_name(model._meta.db_table), ", ".join(map(connection.ops.quote_name, columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
        for chunk in tree_data.batched(list(values), 20_000):
            cursor.executemany(sql, chunk)


def write(rows: Rows) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from xaydungdang.members.models import Member, Membership, Person

    with transaction.atomic():
        insert(Person, rows.people)
        insert(Member, rows.members)
        insert(Membership, rows.memberships)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Member, Membership]):
            cursor.execute(sql)


def member_models() -> list[Any]:
    """Every table of the members app, each before the tables it points at (the order rows can be deleted in)."""
    from django.apps import apps

    left = list(apps.get_app_config("members").get_models(include_auto_created=True))
    ordered: list[Any] = []

    def referenced(model: Any) -> bool:
        return any(f.is_relation and f.related_model is model for other in left if other is not model
                   for f in other._meta.concrete_fields)

    while left:
        model = next((m for m in left if not referenced(m)), left[0])  # left[0]: a cycle, if one ever appears
        ordered.append(model)
        left.remove(model)
    return ordered


def wipe() -> None:
    """Delete the members tables' rows (only ever on a benchmark database): one DELETE per table."""
    for model in member_models():
        model.objects.all()._raw_delete(model.objects.db)


def is_loaded(rows: Rows) -> bool:
    from xaydungdang.members.models import Member, Membership, Person

    return (Person.objects.count(), Member.objects.count(), Membership.objects.count()) == (
        len(rows.people), len(rows.members), len(rows.memberships))


def analyze() -> None:
    """On PostgreSQL, VACUUM ANALYZE the new tables, as autovacuum would soon after a bulk load."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("members_person", "members_member", "members_membership"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def ensure(orgs: int = ORGS, members: int = MEMBERS, *, rebuild: bool = False) -> str:
    """Load the tree and the members unless the database holds exactly these; says what it did."""
    import time

    from xaydungdang.organisations.models import Organisation

    plan = tree_data.plan_tree(orgs)
    rows = plan_members(plan, members)
    if not rebuild and tree_data.is_loaded(plan) and is_loaded(rows):
        return "reused"
    start = time.perf_counter()
    wipe()
    if rebuild or not tree_data.is_loaded(plan):
        if Organisation.objects.exists():
            tree_data.wipe()
        tree_data.write(plan)
        tree_data.analyze()
    write(rows)
    analyze()
    return f"built in {time.perf_counter() - start:.1f} s"
