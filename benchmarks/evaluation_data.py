"""One year (2023, Quy định 124-QĐ/TW) of issue 14's ratings on the member benchmark's province, written straight to
the database.

Shape (defaults): the tree and the 300,000 members of members_data (25,000 organisations, 20 districts, 620
grassroots, ~5,900 chi bộ; the 1/7/2025 moves come after the year, so 2023 sees the tree as built), plus one large
đảng bộ cơ sở under the first district (`BIG_NAME`: 40 chi bộ trực thuộc of 50 members, 2,000 members active since
before 2023: the synthetic tree has no grassroots organisation above ~600 members) for the cap check; and for 2023:

- an EvaluationRound for members and one for organisations (counting date 1/12/2023, decisions due 31/12/2023);
- a decided evaluation (scheme qd-124) of every member with a regular membership on the counting date (~290,000):
  the unit is their chi bộ, the decider their grassroots organisation (the chi bộ cơ sở itself, or the đảng bộ cơ sở
  above a chi bộ trực thuộc). Per decider, in shuffled order: 15% HTXSNV (lowered where needed to keep within the
  cap "HTXSNV at most 20% of those at HTTNV or better"), 70% HTTNV, 2% KHTNV, the rest HTNV (~13%); self-rated,
  proposed and decided in December, the self-rating one step higher for 10% of them;
- a decided evaluation of every organisation rated by the level above: the districts (decided by the province), the
  grassroots organisations (by their district) and the chi bộ trực thuộc (by their đảng bộ cơ sở), ~6,000: drawn
  20% HTXSNV, 65% HTTNV, 13% HTNV, 2% KHTNV, HTXSNV kept only where the condition holds (every member of the subtree
  at HTNV or better, at least 80% at HTTNV or better) and within the cap among the units of one decider.

Rows are inserted with executemany (COPY on PostgreSQL) through members_data.insert, with explicit ids, then the
sequences are reset. Django must be set up before `ensure`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from benchmarks import members_data, tree_data
from xaydungdang.organisations.paths import child_path, depth_of

SEED = 14
YEAR = 2023
SCHEME = "qd-124"
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
COUNT_DATE = dt.date(YEAR, 12, 1)
SELF_DUE, PROPOSAL_DUE, DECISION_DUE = dt.date(YEAR, 12, 10), dt.date(YEAR, 12, 20), dt.date(YEAR, 12, 31)
BIG_NAME = "Đảng bộ cơ sở lớn (benchmark H14)"
BIG_UNITS, BIG_PER_UNIT = 40, 50
GRASSROOTS_TYPES = ("dang-bo-co-so", "chi-bo-co-so")
LEVELS = ("htxsnv", "httnv", "htnv", "khtnv")  # step 1..4
CAP = 0.20  # HTXSNV at most 20% of those at HTTNV or better (reference.RULES)


@dataclass
class Big:
    """The large đảng bộ cơ sở added to the tree (ids after the tree's and the members')."""

    orgs: list[tree_data.Spec] = field(default_factory=list)  # the đảng bộ first, then its chi bộ
    first_version: int = 0
    rows: members_data.Rows = field(default_factory=members_data.Rows)

    @property
    def units(self) -> list[tree_data.Spec]:
        return self.orgs[1:]


@dataclass
class Plan:
    big: Big
    evaluations: list[dict[str, Any]] = field(default_factory=list)
    levels: Counter[tuple[str, str]] = field(default_factory=Counter)  # (subject kind, level code) -> count


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.UTC)


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def plan_big(tree: tree_data.Plan, members: members_data.Rows) -> Big:
    """Pure: the large đảng bộ cơ sở, its 40 chi bộ and their 2,000 members (all active, one open membership)."""
    rng, big = random.Random(SEED + 1), Big()
    district = tree.specs[1]
    pk = len(tree.specs)

    def add(parent: tree_data.Spec, type_code: str, name: str) -> tree_data.Spec:
        spec = tree_data.Spec(pk + len(big.orgs) + 1, parent.pk, type_code, child_path(parent.path, pk + len(
            big.orgs) + 1), name)
        big.orgs.append(spec)
        return spec

    top = add(district, "dang-bo-co-so", BIG_NAME)
    for k in range(BIG_UNITS):
        add(top, "chi-bo-truc-thuoc", f"Chi bộ {k + 1} (benchmark H14)")
    big.first_version = tree.version_count + 1
    person, membership = len(members.people), len(members.memberships)
    for k, unit in enumerate(u for u in big.units for _ in range(BIG_PER_UNIT)):
        pid = person + k + 1
        sex = "nu" if rng.random() < 0.4 else "nam"
        name = (f"{rng.choice(members_data.FAMILY)} {rng.choice(members_data.MIDDLE[sex])} "
                f"{rng.choice(members_data.GIVEN[sex])}")
        name_key, search_name = members_data.keys(name)
        ceremony = members_data.day_between(rng, dt.date(1980, 1, 1), dt.date(2020, 1, 1))
        start = max(ceremony, tree_data.FOUNDED)
        big.rows.people.append({"id": pid, "full_name": name, "name_key": name_key, "search_name": search_name,
                                "sex": sex, "birth_date": members_data.day_between(rng, dt.date(1950, 1, 1),
                                                                                   dt.date(1998, 1, 1)),
                                "theory_level": rng.choice(["so-cap", "trung-cap", "cao-cap"])})
        big.rows.members.append({"id": pid, "person_id": pid, "card_number": f"{10_000_000 + pid}",
                                 "lylich_number": f"{100_000 + pid:06d}BM", "admission_decision_date": ceremony,
                                 "admission_ceremony_date": ceremony,
                                 "official_decision_date": ceremony + dt.timedelta(days=400), "state": "active",
                                 "state_since": start, "created_at": members_data.CREATED})
        big.rows.memberships.append({"id": membership + k + 1, "member_id": pid, "organisation_id": unit.pk,
                                     "kind": "regular", "valid_from": start, "valid_to": None, "end_reason": ""})
    return big


def _shares(n: int) -> list[int]:
    """How many of n subjects of one decider get each level (15/70/13/2 %), HTXSNV within the cap."""
    top, good, failed = round(0.15 * n), round(0.70 * n), round(0.02 * n)
    top = min(top, int(CAP / (1 - CAP) * good + 1e-9))  # top <= 20% of (top + good)
    return [top, good, n - top - good - failed, failed]


def _evaluation(rng: random.Random, plan: Plan, ids: dict[str, int], kind: str, org: int, member: int | None,
                decider: int, code: str) -> None:
    step = LEVELS.index(code) + 1
    self_code = LEVELS[step - 2] if step > 1 and rng.random() < 0.1 else code
    self_on = _day(rng, dt.date(YEAR, 12, 2), SELF_DUE)
    proposed_on = _day(rng, self_on, PROPOSAL_DUE)
    decided_on = _day(rng, proposed_on, DECISION_DUE)
    plan.evaluations.append({
        "id": len(plan.evaluations) + 1, "year": YEAR, "scheme_id": ids["scheme"], "subject_kind": kind,
        "organisation_id": org, "member_id": member, "decider_id": decider, "stage": "decided",
        "self_assessment": "Bản tự kiểm điểm (benchmark)" if member else "", "self_level_id": ids[self_code],
        "self_on": self_on, "proposed_level_id": ids[code], "proposed_on": proposed_on, "level_id": ids[code],
        "decided_on": decided_on, "step": step, "created_at": _stamp(self_on), "updated_at": _stamp(decided_on)})
    plan.levels[(kind, code)] += 1


def plan_year(tree: tree_data.Plan, members: members_data.Rows, ids: dict[str, int]) -> Plan:
    """Pure given the reference ids (the scheme and its levels by code): every evaluation of the year."""
    from benchmarks.emulation_data import member_orgs_on

    rng = random.Random(SEED)
    big = plan_big(tree, members)
    plan = Plan(big)
    specs = {s.pk: s for s in (*tree.specs, *big.orgs)}
    counted = member_orgs_on(members, COUNT_DATE) | member_orgs_on(big.rows, COUNT_DATE)

    def grassroots(unit: int) -> int:
        spec = specs[unit]
        return unit if spec.type_code == "chi-bo-co-so" else spec.parent or unit

    by_decider: dict[int, list[int]] = defaultdict(list)
    for member in sorted(counted):
        by_decider[grassroots(counted[member])].append(member)
    member_step: dict[int, int] = {}
    for decider, people in sorted(by_decider.items()):
        rng.shuffle(people)
        codes = [code for code, n in zip(LEVELS, _shares(len(people)), strict=True) for _ in range(n)]
        for member, code in zip(people, codes, strict=True):
            member_step[member] = LEVELS.index(code) + 1
            _evaluation(rng, plan, ids, "member", counted[member], member, decider, code)
    _organisations(rng, plan, ids, specs, counted, member_step)
    return plan


def _organisations(rng: random.Random, plan: Plan, ids: dict[str, int], specs: dict[int, tree_data.Spec],
                   counted: dict[int, int], member_step: dict[int, int]) -> None:
    """The districts, grassroots organisations and chi bộ trực thuộc, each decided by its parent."""
    steps_under: dict[int, Counter[int]] = defaultdict(Counter)  # organisation -> its subtree's member steps
    for member, unit in counted.items():
        node: int | None = unit
        while node is not None:
            steps_under[node][member_step[member]] += 1
            node = specs[node].parent
    rated = [s for s in specs.values() if s.parent is not None and s.type_code != "to-dang"]
    by_decider: dict[int, list[tree_data.Spec]] = defaultdict(list)
    for spec in rated:
        by_decider[spec.parent or 0].append(spec)
    for decider, units in sorted(by_decider.items()):
        codes = [rng.choices(LEVELS, [20, 65, 13, 2])[0] for _ in units]
        for k, spec in enumerate(units):
            steps = steps_under[spec.pk]
            total = sum(steps.values())
            if codes[k] == "htxsnv" and (steps[4] or steps[1] + steps[2] < 0.8 * total):
                codes[k] = "httnv"
        top = [k for k, code in enumerate(codes) if code == "htxsnv"]
        allowed = int(CAP / (1 - CAP) * codes.count("httnv") + 1e-9)
        for k in top[allowed:]:
            codes[k] = "httnv"
        for spec, code in zip(units, codes, strict=True):
            _evaluation(rng, plan, ids, "organisation", spec.pk, None, decider, code)


def reference_ids() -> dict[str, int]:
    from xaydungdang.evaluation.models import EvaluationScheme, SchemeLevel

    scheme = EvaluationScheme.objects.get(code=SCHEME)
    found = dict(SchemeLevel.objects.filter(scheme=scheme).values_list("code", "pk"))
    return {"scheme": scheme.pk, **{code: found[code] for code in LEVELS}}


def _write_big(big: Big) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from xaydungdang.members.models import Member, Membership, Person
    from xaydungdang.organisations.models import Organisation, OrgType, OrgVersion
    from xaydungdang.organisations.queries import search_text_for

    types = {t.code: t.pk for t in OrgType.objects.all()}
    Organisation.objects.bulk_create([
        Organisation(pk=s.pk, code=f"BM{s.pk:07d}", name=s.name, org_type_id=types[s.type_code],
                     valid_from=tree_data.FOUNDED, search_text=search_text_for(f"BM{s.pk:07d}", s.name))
        for s in big.orgs])
    OrgVersion.objects.bulk_create([
        OrgVersion(pk=big.first_version + k, organisation_id=s.pk, name=s.name, org_type_id=types[s.type_code],
                   parent_id=s.parent, path=s.path, depth=depth_of(s.path), valid_from=tree_data.FOUNDED)
        for k, s in enumerate(big.orgs)])
    members_data.insert(Person, big.rows.people)
    members_data.insert(Member, big.rows.members)
    members_data.insert(Membership, big.rows.memberships)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Organisation, OrgVersion, Person, Member,
                                                                  Membership]):
            cursor.execute(sql)


def write(plan: Plan) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from xaydungdang.evaluation.models import Evaluation, EvaluationRound

    with transaction.atomic():
        _write_big(plan.big)
        for kind in ("member", "organisation"):
            EvaluationRound.objects.create(year=YEAR, subject_kind=kind, count_date=COUNT_DATE, self_due=SELF_DUE,
                                           proposal_due=PROPOSAL_DUE, decision_due=DECISION_DUE)
        members_data.insert(Evaluation, plan.evaluations)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Evaluation, EvaluationRound]):
            cursor.execute(sql)


def wipe(tree: tree_data.Plan, members: members_data.Rows) -> None:
    """Delete the evaluation tables' rows and the large đảng bộ with its members (only ever on a benchmark
    database): what remains is members_data's tree and members, which it can then check and reuse."""
    from xaydungdang.evaluation.models import Evaluation, EvaluationRound
    from xaydungdang.members.models import Member, Membership, Person
    from xaydungdang.organisations.models import Organisation, OrgVersion

    for model in (Evaluation, EvaluationRound):
        model.objects.all()._raw_delete(model.objects.db)
    people = len(members.people)
    Membership.objects.filter(member_id__gt=people)._raw_delete(Membership.objects.db)
    Member.objects.filter(pk__gt=people)._raw_delete(Member.objects.db)
    Person.objects.filter(pk__gt=people)._raw_delete(Person.objects.db)
    OrgVersion.objects.filter(organisation_id__gt=len(tree.specs))._raw_delete(OrgVersion.objects.db)
    Organisation.objects.filter(pk__gt=len(tree.specs))._raw_delete(Organisation.objects.db)


def is_loaded(tree: tree_data.Plan, members: members_data.Rows, plan: Plan) -> bool:
    from xaydungdang.evaluation.models import Evaluation, EvaluationRound
    from xaydungdang.members.models import Member, Membership, Person
    from xaydungdang.organisations.models import Organisation, OrgVersion

    big = plan.big
    expected = [(Organisation, len(tree.specs) + len(big.orgs)), (OrgVersion, tree.version_count + len(big.orgs)),
                (Person, len(members.people) + len(big.rows.people)),
                (Member, len(members.members) + len(big.rows.members)),
                (Membership, len(members.memberships) + len(big.rows.memberships)),
                (Evaluation, len(plan.evaluations)), (EvaluationRound, 2)]
    return all(model.objects.count() == count for model, count in expected) and Organisation.objects.filter(
        pk=big.orgs[0].pk, name=BIG_NAME).exists()


def analyze() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("evaluation_evaluation", "evaluation_evaluationround", "organisations_organisation",
                      "organisations_orgversion", "members_person", "members_member", "members_membership"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def big_decider() -> int:
    """The id of the large đảng bộ cơ sở (the cap check's decider)."""
    from xaydungdang.organisations.models import Organisation

    return Organisation.objects.get(name=BIG_NAME).pk


def ensure(orgs: int = members_data.ORGS, members: int = members_data.MEMBERS, *, rebuild: bool = False) -> str:
    """Load the tree, the members, the large đảng bộ and the year's evaluations unless the database holds them;
    says what it did (with the build time of each part)."""
    import time

    start = time.perf_counter()
    tree = tree_data.plan_tree(orgs)
    member_rows = members_data.plan_members(tree, members)
    plan = plan_year(tree, member_rows, reference_ids())
    if not rebuild and is_loaded(tree, member_rows, plan):
        return "reused"
    wipe(tree, member_rows)  # first: members_data checks its own counts, and the evaluations point at its rows
    base = members_data.ensure(orgs, members, rebuild=rebuild)
    own = time.perf_counter()
    write(plan)
    analyze()
    sizes = ", ".join(f"{n:,} {kind} {code}" for (kind, code), n in sorted(plan.levels.items()))
    return (f"built in {time.perf_counter() - start:.1f} s (tree and members: {base}; the large đảng bộ and the "
            f"year's {len(plan.evaluations):,} evaluations: {time.perf_counter() - own:.1f} s): {sizes}")
