"""One year (2025) of issue 13's records on the member benchmark's province, written straight to the database.

Shape (defaults): the tree and the 300,000 members of members_data (25,000 organisations, 20 districts, 620
grassroots, ~5,900 chi bộ, 10% of the chi bộ trực thuộc and tổ đảng moved on 1/7/2025), and for 2025:

- an EmulationYear 2025 counting on 31/3/2025 (registration open 1/1–31/3);
- registrations: an individual one for ~97% of the members in a chi bộ on 31/3 (organisation: that chi bộ), and a
  collective one for ~90% of the organisations (province and districts included); most registered in January–March,
  a fifth later in the year (some after the 1/7 moves); 95% approved, mid-year reviews, year-end results;
- commitments for ~99% of the members counted on 31/3, written January–April, 90% checked in December;
- ~3 good models (40% collective) and ~2 recognitions per grassroots organisation, placed on the grassroots or on
  one of its chi bộ, dated over the year (the individual ones on a chi bộ, which may have moved on 1/7); models
  recorded 2018–2025 (60% in 2025), 10% no longer kept up, most copied by one or two units; the recognitions cite
  the decisions of the province and of the districts (21 documents);
- monthly briefings (12 each) of every district and grassroots committee, with ~15 opinions per district briefing
  and ~3 per grassroots briefing, assigned to the committee or the one above, due in 30 days, 95% answered (a few
  late, a few after the year), 5% left open, so the open ones from before December are overdue; 1% cancelled;
- ~1 recommendation upward per grassroots committee (to its district), 80% answered;
- communication counts per month and channel (6) for every district and grassroots committee;
- ~2 pressing issues per grassroots organisation, 85% resolved with evidence, 1% cancelled, the rest in progress
  (those past their deadline overdue).

Rows are generated as dicts and inserted with executemany (COPY on PostgreSQL) through members_data.insert, with
explicit ids, then the sequences are reset. Django must be set up before `ensure`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from benchmarks import members_data, tree_data

SEED = 13
YEAR = 2025
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
COUNT_DATE = dt.date(YEAR, 3, 31)
CREATED = dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC)
GRASSROOTS_TYPES = ("dang-bo-co-so", "chi-bo-co-so")
MARK = "Benchmark H13"  # titles of the documents and briefings written here


@dataclass
class Plan:
    """Every row to insert, per model (filled by `plan_year`)."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    copies: list[tuple[int, int]] = field(default_factory=list)  # (good model, organisation that copied it)
    documents: list[int] = field(default_factory=list)  # issuing organisation of each decision, in id order

    def count(self, name: str) -> int:
        return len(self.rows[name])


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.UTC)


def member_orgs_on(members: members_data.Rows, day: dt.date) -> dict[int, int]:
    """member -> the chi bộ of their regular membership on `day` (the members counted that day)."""
    return {m["member_id"]: m["organisation_id"] for m in members.memberships
            if m["kind"] == "regular" and m["valid_from"] <= day and (m["valid_to"] is None or day < m["valid_to"])}


def _registrations(rng: random.Random, tree: tree_data.Plan, counted: dict[int, int], plan: Plan) -> None:
    def dated(row: dict[str, Any]) -> dict[str, Any]:
        late = rng.random() < 0.2  # registered after the window (some after the 1/7 moves)
        day = _day(rng, dt.date(YEAR, 4, 1), dt.date(YEAR, 9, 30)) if late else _day(rng, dt.date(YEAR, 1, 10),
                                                                                      COUNT_DATE)
        draw = rng.random()
        status = "approved" if draw < 0.95 else "returned" if draw < 0.97 else "registered"
        approved = status == "approved"
        reviewed = approved and rng.random() < 0.9
        result = rng.choices(["excellent", "done", "not_done", ""], [20, 65, 5, 10])[0] if approved else ""
        row.update(year=YEAR, registered_on=day, actions="Thực hiện nghiêm túc, nêu gương (benchmark)",
                   status=status, approved_on=day + dt.timedelta(days=rng.randint(3, 20)) if approved else None,
                   review_note="Sơ kết giữa năm" if reviewed else "", reviewed_on=dt.date(YEAR, 7, 15) if reviewed
                   else None, self_assessment="Tự đánh giá cuối năm" if result else "", result=result,
                   assessed_on=dt.date(YEAR, 12, 15) if result else None,
                   cancelled_on=day + dt.timedelta(days=5) if rng.random() < 0.003 else None,
                   created_at=_stamp(day), updated_at=_stamp(day))
        return row

    rows = plan.rows["registration"]
    for member, org in sorted(counted.items()):
        if rng.random() < 0.97:
            rows.append(dated({"id": len(rows) + 1, "holder": "individual", "organisation_id": org,
                               "member_id": member}))
    for spec in tree.specs:
        if rng.random() < 0.90:
            rows.append(dated({"id": len(rows) + 1, "holder": "collective", "organisation_id": spec.pk,
                               "member_id": None}))


def _commitments(rng: random.Random, counted: dict[int, int], plan: Plan) -> None:
    rows = plan.rows["commitment"]
    for member, org in sorted(counted.items()):
        if rng.random() >= 0.99:
            continue
        day = _day(rng, dt.date(YEAR, 1, 5), dt.date(YEAR, 3, 31))
        checked = rng.random() < 0.9
        rows.append({"id": len(rows) + 1, "year": YEAR, "member_id": member, "organisation_id": org,
                     "written_on": day, "content": "Cam kết tu dưỡng, rèn luyện, phấn đấu (benchmark)",
                     "check_result": rng.choices(["kept", "partly", "not_kept"], [85, 12, 3])[0] if checked else "",
                     "checked_on": dt.date(YEAR, 12, 20) if checked else None, "check_note": "",
                     "cancelled_on": None, "created_at": _stamp(day), "updated_at": _stamp(day)})


def _exemplars(rng: random.Random, tree: tree_data.Plan, by_unit: dict[int, list[int]], plan: Plan,
               ids: dict[str, list[int]]) -> None:
    """Good models and recognitions of every grassroots organisation (on it or on one of its chi bộ)."""
    models, recognitions = plan.rows["goodmodel"], plan.rows["recognition"]
    chi_bo_of: dict[int, list[int]] = defaultdict(list)
    for spec in tree.specs:
        if spec.type_code in members_data.HOLDERS:
            chi_bo_of[spec.pk if spec.type_code == "chi-bo-co-so" else spec.parent or 0].append(spec.pk)
    district_decision = {tree.specs[1 + k].pk: k + 2 for k in range(len(plan.documents) - 1)}  # doc 1: province
    for grassroots in tree.grassroots:
        units = chi_bo_of.get(grassroots.pk) or [grassroots.pk]
        for _ in range(rng.choice((2, 3, 3, 4))):
            collective = rng.random() < 0.4
            org = grassroots.pk if collective else rng.choice(units)
            people = by_unit.get(org, [])
            member = rng.choice(people) if not collective and people and rng.random() < 0.8 else None
            recent = rng.random() < 0.6
            day = _day(rng, START, END) if recent else _day(rng, dt.date(2018, 1, 1), dt.date(YEAR - 1, 12, 31))
            pk = len(models) + 1
            models.append({"id": pk, "name": f"Mô hình {pk} (benchmark)", "holder": "collective" if collective
                           else "individual", "field_id": rng.choice(ids["model_field"]), "description": "",
                           "organisation_id": org, "member_id": member,
                           "person_name": "" if collective or member else f"Người tiêu biểu {pk}",
                           "started_year": min(day.year, rng.randint(2016, YEAR)), "recognised_on": day,
                           "ended_on": _day(rng, day, dt.date(2026, 6, 30)) if rng.random() < 0.1 else None,
                           "created_at": _stamp(day), "updated_at": _stamp(day)})
            for unit in rng.sample(tree.grassroots, rng.choice((0, 1, 1, 2))):
                plan.copies.append((pk, unit.pk))
        for _ in range(rng.choice((1, 2, 2, 3))):
            collective = rng.random() < 0.3
            org = grassroots.pk if collective else rng.choice(units)
            people = by_unit.get(org, [])
            member = rng.choice(people) if not collective and people and rng.random() < 0.9 else None
            level = rng.choices(["grassroots", "district", "province"], [50, 35, 15])[0]
            district = int(grassroots.path[6:12], 36)
            recognitions.append({
                "id": len(recognitions) + 1, "form": rng.choice(["recorded", "commended", "rewarded"]), "level": level,
                "decision_id": 1 if level == "province" else district_decision[district], "date": _day(rng, START,
                                                                                                       END),
                "holder": "collective" if collective else "individual", "organisation_id": org, "member_id": member,
                "person_name": "" if collective or member else f"Người được biểu dương {len(recognitions) + 1}",
                "good_model_id": len(models) if rng.random() < 0.3 else None, "reason": "Điển hình làm theo",
                "cancelled_on": None, "created_at": CREATED})


def _committees(tree: tree_data.Plan) -> list[tree_data.Spec]:
    return [s for s in tree.specs if s.type_code == "dang-bo-huyen" or s.type_code in GRASSROOTS_TYPES]


def _feedback(rng: random.Random, tree: tree_data.Plan, plan: Plan, ids: dict[str, list[int]]) -> None:
    briefings, opinions = plan.rows["briefing"], plan.rows["opinion"]
    recommendations, counts = plan.rows["recommendation"], plan.rows["communicationcount"]
    for spec in _committees(tree):
        district = spec.type_code == "dang-bo-huyen"
        above = spec.parent
        for month in range(1, 13):
            day = dt.date(YEAR, month, 5 + spec.pk % 20)
            cancelled = rng.random() < 0.01
            bid = len(briefings) + 1
            briefings.append({"id": bid, "organisation_id": spec.pk, "date": day,
                              "title": f"{MARK}: giao ban tháng {month}/{YEAR}", "chaired_by": "",
                              "participants_count": rng.randint(15, 60), "summary": "",
                              "cancelled_on": day if cancelled else None, "created_at": _stamp(day)})
            for _ in range(0 if cancelled else rng.randint(12, 18) if district else rng.randint(2, 4)):
                _opinion(rng, opinions, bid, spec.pk, above, day, ids)
            for channel in ids["channel"]:
                counts.append({"id": len(counts) + 1, "organisation_id": spec.pk, "month": dt.date(YEAR, month, 1),
                               "channel_id": channel, "articles": rng.randint(0, 12), "sessions": rng.randint(0, 4),
                               "note": "", "recorded_at": _stamp(dt.date(YEAR, month, 28))})
        if not district:
            for _ in range(rng.choice((0, 1, 1, 1, 2))):
                day = _day(rng, START, END)
                answered = _day(rng, day + dt.timedelta(days=5), day + dt.timedelta(days=60)) \
                    if rng.random() < 0.8 else None
                recommendations.append({
                    "id": len(recommendations) + 1, "organisation_id": spec.pk, "sent_on": day,
                    "to_organisation_id": above, "to_name": "", "subject": "Kiến nghị (benchmark)",
                    "content": "Đề nghị cấp trên xem xét", "document_id": None, "due_on": day + dt.timedelta(days=30),
                    "answer": "Đã trả lời" if answered else "", "answered_on": answered, "answer_document_id": None,
                    "cancelled_on": None, "created_at": _stamp(day), "updated_at": _stamp(answered or day)})


def _opinion(rng: random.Random, opinions: list[dict[str, Any]], briefing: int, org: int, above: int | None,
             day: dt.date, ids: dict[str, list[int]]) -> None:
    named = rng.random() < 0.1
    due = day + dt.timedelta(days=30)
    draw = rng.random()
    answered = None if draw < 0.05 else _day(rng, due + dt.timedelta(days=1), due + dt.timedelta(days=40)) \
        if draw < 0.10 else _day(rng, day + dt.timedelta(days=2), due)  # 5% open, 5% late, 90% on time
    outside = rng.random() < 0.3
    opinions.append({
        "id": len(opinions) + 1, "briefing_id": briefing, "organisation_id": org, "raised_on": day,
        "kind": "petition" if rng.random() < 0.3 else "opinion", "topic_id": rng.choice(ids["topic"]),
        "source_group_id": rng.choice(ids["source_group"]), "content": "Ý kiến phản ánh (benchmark)",
        "wants_answer": named or rng.random() < 0.2, "consents": named, "raiser_name": "Người nêu" if named else "",
        "raiser_contact": "", "assigned_to_id": None if outside else rng.choice([org, above or org]),
        "assigned_to_name": "UBND" if outside else "", "assigned_on": day, "due_on": due,
        "answer": "Đã trả lời" if answered else "", "answered_on": answered, "answered_by_name": "",
        "answered_by_id": None, "cancelled_on": None, "created_by_id": None, "created_at": _stamp(day),
        "updated_at": _stamp(answered or day)})


def _pressing(rng: random.Random, tree: tree_data.Plan, plan: Plan, ids: dict[str, list[int]]) -> None:
    rows = plan.rows["pressingissue"]
    for grassroots in tree.grassroots:
        for _ in range(rng.choice((1, 2, 2, 3))):
            selected = _day(rng, START, dt.date(YEAR, 3, 31))
            deadline = _day(rng, dt.date(YEAR, 6, 30), END)
            draw = rng.random()
            status = "resolved" if draw < 0.85 else "in_progress" if draw < 0.99 else "selected"
            resolved = _day(rng, selected + dt.timedelta(days=30), dt.date(YEAR, 12, 20)) \
                if status == "resolved" else None
            rows.append({"id": len(rows) + 1, "organisation_id": grassroots.pk, "year": YEAR,
                         "selected_on": selected, "field_id": rng.choice(ids["issue_field"]),
                         "title": "Vấn đề nổi cộm (benchmark)", "description": "", "plan": "Kế hoạch giải quyết",
                         "owner": "Ủy ban nhân dân", "deadline": deadline, "status": status, "resolved_on": resolved,
                         "evidence": "Biên bản nghiệm thu" if resolved else "", "evidence_document_id": None,
                         "cancelled_on": selected + dt.timedelta(days=20) if status == "selected" else None,
                         "created_at": _stamp(selected), "updated_at": _stamp(resolved or selected)})


def reference_ids() -> dict[str, list[int]]:
    from xaydungdang.emulation.models import ModelField
    from xaydungdang.feedback.models import Channel, OpinionTopic, SourceGroup
    from xaydungdang.pressing.models import IssueField

    def pks(model: Any) -> list[int]:
        return sorted(model.objects.values_list("pk", flat=True))

    return {"model_field": pks(ModelField), "topic": pks(OpinionTopic), "source_group": pks(SourceGroup),
            "channel": pks(Channel), "issue_field": pks(IssueField)}


def plan_year(tree: tree_data.Plan, members: members_data.Rows, ids: dict[str, list[int]]) -> Plan:
    """Pure given the reference ids: every row of the year."""
    rng, plan = random.Random(SEED), Plan()
    plan.documents = [tree.specs[0].pk] + [s.pk for s in tree.specs[1 : 1 + tree_data.shape(len(tree.specs))[0]]]
    counted = member_orgs_on(members, COUNT_DATE)
    by_unit: dict[int, list[int]] = defaultdict(list)
    for member, org in counted.items():
        by_unit[org].append(member)
    _registrations(rng, tree, counted, plan)
    _commitments(rng, counted, plan)
    _exemplars(rng, tree, by_unit, plan, ids)
    _feedback(rng, tree, plan, ids)
    _pressing(rng, tree, plan, ids)
    return plan


def _documents(plan: Plan) -> None:
    """The decisions recognitions cite: one of the province (id 1) and one per district, issued 2/1/2025."""
    from xaydungdang.documents.models import Document, DocumentType, Issuer

    decision = DocumentType.objects.get(code="QĐ")
    issuer = Issuer.objects.create(abbreviation="BMTU", name=f"{MARK}: Tỉnh ủy", organisation_id=plan.documents[0])
    for pk, owner in enumerate(plan.documents, 1):
        title = f"{MARK}: Quyết định khen thưởng, biểu dương {pk}"
        Document.objects.create(pk=pk, owner_id=owner, issuer=issuer, doc_type=decision, number=str(pk),
                                symbol="QĐ/TU", issued_on=dt.date(YEAR, 1, 2), title=title, direction="issued",
                                search_text=title.lower(), sort_date=dt.date(YEAR, 1, 2))


def write(plan: Plan) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from xaydungdang.documents.models import Document, Issuer

    models = _models()
    with transaction.atomic():
        _documents(plan)
        from xaydungdang.emulation.models import EmulationYear

        EmulationYear.objects.create(year=YEAR, count_date=COUNT_DATE, theme_title=f"{MARK}: chuyên đề năm {YEAR}",
                                     opens_on=START, closes_on=COUNT_DATE)
        for name, model in models.items():
            members_data.insert(model, plan.rows[name])
        through = models["goodmodel"].copied_by.through
        members_data.insert(through, [{"id": k, "goodmodel_id": m, "organisation_id": o}
                                      for k, (m, o) in enumerate(plan.copies, 1)])
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Document, Issuer, *models.values(), through]):
            cursor.execute(sql)


def _models() -> dict[str, Any]:
    """The tables written here, each after the ones it points at."""
    from xaydungdang.emulation.models import Commitment, GoodModel, Recognition, Registration
    from xaydungdang.feedback.models import Briefing, CommunicationCount, Opinion, Recommendation
    from xaydungdang.pressing.models import PressingIssue

    return {"registration": Registration, "commitment": Commitment, "goodmodel": GoodModel,
            "recognition": Recognition, "briefing": Briefing, "opinion": Opinion, "recommendation": Recommendation,
            "communicationcount": CommunicationCount, "pressingissue": PressingIssue}


def wipe() -> None:
    """Delete every row of the tables written here (only ever on a benchmark database), and the decisions."""
    from xaydungdang.documents.models import Document, Issuer
    from xaydungdang.emulation.models import EmulationYear, GoodModel
    from xaydungdang.feedback.models import Briefing

    models = _models()
    doomed = [Briefing.participants.through, GoodModel.copied_by.through, *reversed(models.values()), EmulationYear]
    for model in doomed:
        model.objects.all()._raw_delete(model.objects.db)
    Document.objects.filter(issuer__abbreviation="BMTU").delete()
    Issuer.objects.filter(abbreviation="BMTU").delete()


def is_loaded(plan: Plan) -> bool:
    from xaydungdang.emulation.models import EmulationYear

    return EmulationYear.objects.filter(year=YEAR).exists() and all(
        model.objects.count() == plan.count(name) for name, model in _models().items())


def analyze() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in _models().values():
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def ensure(orgs: int = members_data.ORGS, members: int = members_data.MEMBERS, *, rebuild: bool = False) -> str:
    """Load the tree, the members and the year's records unless the database holds them; says what it did (with
    the build time of each part)."""
    import time

    start = time.perf_counter()
    tree = tree_data.plan_tree(orgs)
    member_rows = members_data.plan_members(tree, members)
    plan = plan_year(tree, member_rows, reference_ids())
    if not rebuild and is_loaded(plan) and members_data.ensure(orgs, members) == "reused":
        return "reused"
    wipe()  # first: the rows point at the members and organisations members_data may replace
    base = members_data.ensure(orgs, members, rebuild=rebuild)
    own = time.perf_counter()
    write(plan)
    analyze()
    sizes = ", ".join(f"{plan.count(name):,} {name}" for name in _models())
    return (f"built in {time.perf_counter() - start:.1f} s (tree and members: {base}; this year's records: "
            f"{time.perf_counter() - own:.1f} s): {sizes}")
