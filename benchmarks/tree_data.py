"""A synthetic organisation tree for the benchmarks, written straight to the database.

Shape (for the default 250,000 organisations): one province (dang-bo-tinh) → 40
districts (dang-bo-huyen) → 150 grassroots each (two dang-bo-co-so for every
chi-bo-co-so) → chi-bo-truc-thuoc under each dang-bo-co-so with up to 3 to-dang each,
and to-dang directly under each chi-bo-co-so. Ids are handed out level by level
(breadth first), so a subtree's rows are scattered over the table as in a real,
grown database.

History: on 1/7/2025 every tenth chi-bo-truc-thuoc moves (with its to-dang) to the
grassroots at the same position in the next district, and every tenth to-dang under
a chi-bo-co-so moves likewise: about 10% of organisations get a closed version and a
new one, so every as-of-date query has history rows to filter out.

Django must be set up before `write` or `ensure` are called; `plan_tree` is pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from xaydungdang.organisations.paths import child_path, depth_of
from xaydungdang.organisations.reference import RESTRUCTURING_2025

FOUNDED = dt.date(2000, 1, 1)
MOVED_ON = RESTRUCTURING_2025
DISTRICTS = 40
GRASSROOTS_PER_DISTRICT = 150
WEIGHTS = {"dang-bo-co-so": 13, "chi-bo-co-so": 1}  # share of the organisations below a grassroots
TO_PER_CHI_BO = 3
MOVE_EVERY = 10
BATCH = 5_000
T = TypeVar("T")


class Spec(NamedTuple):
    pk: int
    parent: int | None
    type_code: str
    path: str
    name: str


@dataclass
class Plan:
    specs: list[Spec] = field(default_factory=list)
    grassroots: list[Spec] = field(default_factory=list)
    shift: int = 0  # how far (in grassroots) a moved organisation travels
    moves: dict[int, tuple[int | None, str]] = field(default_factory=dict)  # pk -> (new parent, new path)

    def add(self, parent: Spec | None, type_code: str, name: str) -> Spec:
        pk = len(self.specs) + 1
        spec = Spec(pk, parent.pk if parent else None, type_code, child_path(parent.path if parent else "", pk), name)
        self.specs.append(spec)
        return spec

    @property
    def version_count(self) -> int:
        return len(self.specs) + len(self.moves)


def shape(n: int) -> tuple[int, int]:
    """(districts, grassroots per district): 40 × 150 from 50,000 organisations up, scaled below."""
    districts = DISTRICTS if n >= 50_000 else max(1, n // 1_250)
    per_district = max(1, min(GRASSROOTS_PER_DISTRICT, (n - 1 - districts) // (districts * 40)))
    return districts, per_district


def quotas(weights: Sequence[int], total: int) -> list[int]:
    """Split `total` in proportion to `weights`, exactly (cumulative rounding)."""
    whole, running, given, out = sum(weights), 0, 0, []
    for weight in weights:
        running += weight
        share = running * total // whole
        out.append(share - given)
        given = share
    return out


def split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def plan_tree(n: int) -> Plan:
    plan = Plan()
    districts, per_district = shape(n)
    root = plan.add(None, "dang-bo-tinh", "Đảng bộ tỉnh Mẫu")
    for d in range(districts):
        plan.add(root, "dang-bo-huyen", f"Đảng bộ huyện {d + 1}")
    for d in range(districts):
        for g in range(per_district):
            kind = "chi-bo-co-so" if g % 3 == 2 else "dang-bo-co-so"
            label = "Chi bộ cơ sở" if kind == "chi-bo-co-so" else "Đảng bộ cơ sở"
            plan.grassroots.append(plan.add(plan.specs[1 + d], kind, f"{label} {d + 1}.{g + 1}"))
    below = quotas([WEIGHTS[g.type_code] for g in plan.grassroots], n - len(plan.specs))
    _add_lower_levels(plan, below)
    plan.shift = per_district if districts > 1 else 3
    plan.moves = plan_moves(plan)
    return plan


def _add_lower_levels(plan: Plan, below: list[int]) -> None:
    """Level 3 for every grassroots first, then level 4 (to-dang under chi-bo-truc-thuoc)."""
    pending: list[tuple[Spec, int]] = []
    for grassroots, quota in zip(plan.grassroots, below, strict=True):
        if grassroots.type_code == "chi-bo-co-so":
            for k in range(quota):
                plan.add(grassroots, "to-dang", f"Tổ đảng {k + 1}")
            continue
        chi_bo = -(-quota // (1 + TO_PER_CHI_BO))
        for k, to_count in enumerate(split(quota - chi_bo, chi_bo) if chi_bo else []):
            pending.append((plan.add(grassroots, "chi-bo-truc-thuoc", f"Chi bộ {k + 1}"), to_count))
    for chi_bo_spec, to_count in pending:
        for k in range(to_count):
            plan.add(chi_bo_spec, "to-dang", f"Tổ đảng {k + 1}")


def plan_moves(plan: Plan) -> dict[int, tuple[int | None, str]]:
    """Every tenth chi-bo-truc-thuoc and every tenth to-dang under a chi-bo-co-so moves (with its subtree)."""
    position = {g.pk: i for i, g in enumerate(plan.grassroots)}
    moves: dict[int, tuple[int | None, str]] = {}
    seen: dict[str, int] = {}
    for spec in plan.specs:  # breadth first: a parent's move is known before its children
        if spec.parent in moves:
            moves[spec.pk] = (spec.parent, child_path(moves[spec.parent][1], spec.pk))
        elif spec.parent in position and len(plan.grassroots) > plan.shift:
            seen[spec.type_code] = seen.get(spec.type_code, 0) + 1
            if seen[spec.type_code] % MOVE_EVERY == 1:
                target = plan.grassroots[(position[spec.parent] + plan.shift) % len(plan.grassroots)]
                moves[spec.pk] = (target.pk, child_path(target.path, spec.pk))
    return moves


def batched(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write(plan: Plan) -> None:
    """Bulk-insert the plan in one transaction (ids set explicitly, then sequences reset)."""
    from django.db import transaction

    from xaydungdang.organisations.models import OrgType, RestructuringEvent

    types = {t.code: t.pk for t in OrgType.objects.all()}
    with transaction.atomic():
        event = RestructuringEvent.objects.create(
            kind=RestructuringEvent.Kind.MOVE, effective_date=MOVED_ON, decision="Benchmark", summary=[]
        )
        _write_organisations(plan, types)
        _write_versions(plan, types, event.pk)
        through = RestructuringEvent.organisations.through
        for chunk in batched(sorted(plan.moves)):
            through.objects.bulk_create([through(restructuringevent_id=event.pk, organisation_id=pk) for pk in chunk])
    _reset_sequences()


def _write_organisations(plan: Plan, types: dict[str, int]) -> None:
    from xaydungdang.organisations.models import Organisation
    from xaydungdang.organisations.queries import search_text_for

    for chunk in batched(plan.specs):
        Organisation.objects.bulk_create([
            Organisation(pk=s.pk, code=f"BM{s.pk:07d}", name=s.name, org_type_id=types[s.type_code],
                         valid_from=FOUNDED, search_text=search_text_for(f"BM{s.pk:07d}", s.name))
            for s in chunk
        ])


def _write_versions(plan: Plan, types: dict[str, int], event_id: int) -> None:
    from xaydungdang.organisations.models import OrgVersion

    def version(pk: int, s: Spec, parent: int | None, path: str, **dates: Any) -> OrgVersion:
        return OrgVersion(pk=pk, organisation_id=s.pk, name=s.name, org_type_id=types[s.type_code],
                          parent_id=parent, path=path, depth=depth_of(path), **dates)

    for chunk in batched(plan.specs):
        OrgVersion.objects.bulk_create([
            version(s.pk, s, s.parent, s.path, valid_from=FOUNDED, valid_to=MOVED_ON if s.pk in plan.moves else None)
            for s in chunk
        ])
    moved = sorted(plan.moves.items())
    for offset in range(0, len(moved), BATCH):
        OrgVersion.objects.bulk_create([
            version(len(plan.specs) + offset + i + 1, plan.specs[pk - 1], parent, path,
                    valid_from=MOVED_ON, event_id=event_id)
            for i, (pk, (parent, path)) in enumerate(moved[offset : offset + BATCH])
        ])


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from xaydungdang.organisations.models import Organisation, OrgVersion, RestructuringEvent

    statements = connection.ops.sequence_reset_sql(no_style(), [Organisation, OrgVersion, RestructuringEvent])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def wipe() -> None:
    """Delete the organisation tables' rows (only ever on a benchmark database).

    _raw_delete is one DELETE statement: .delete() would load 275,000 rows to collect cascades.
    """
    from xaydungdang.organisations.models import Organisation, OrgVersion, RestructuringEvent

    OrgVersion.objects.all()._raw_delete(OrgVersion.objects.db)
    RestructuringEvent.organisations.through.objects.all().delete()
    RestructuringEvent.objects.all().delete()
    Organisation.objects.all()._raw_delete(Organisation.objects.db)


def is_loaded(plan: Plan) -> bool:
    from xaydungdang.organisations.models import Organisation, OrgVersion

    return Organisation.objects.count() == len(plan.specs) and OrgVersion.objects.count() == plan.version_count


def analyze() -> None:
    """On PostgreSQL, VACUUM ANALYZE as autovacuum would soon after a bulk load (statistics, visibility map).

    SQLite is left without statistics, as Django leaves a production database.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("organisations_organisation", "organisations_orgversion"):
            cursor.execute(f"VACUUM ANALYZE {table}")
