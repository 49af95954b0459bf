"""Demo inspection and supervision (sample data): seed 002's "11 đoàn kiểm tra tại 11 đảng bộ trực thuộc".

* DEMO-HUYEN's 2021 plan (Kế hoạch kiểm tra về công tác xây dựng Đảng, in the document registry): eleven teams
  ("Đoàn kiểm tra số 1" … "số 11") formed by decisions of the committee, each of 3 to 5 key cadres of DEMO-HUYEN's
  level on the day (one leader, the others members or secretary; nobody serves on two teams), each inspecting one
  of eleven đảng bộ cơ sở of DEMO-HUYEN; two visits each, findings (a strength and a shortcoming of the
  organisation; two findings about a member – one about the member who has the demo's own log-in, one about a
  member who is then reprimanded by a disciplinary decision: rows only the inspection committee, the team and the
  member read), a conclusion and two or three recommendations with deadlines, all carried out but one not carried
  out and one still open past its deadline;
* DEMO-HUYEN's 2023 supervision plan: three supervision groups at three chi bộ cơ sở, concluded, their
  recommendations carried out;
* today's commune DEMO-XA-02's supervision plan of the current year: one supervision concluded with
  recommendations still within their deadline, one under way.

Rows are bulk-created with one audit entry (and the registry's own entries for the two plan documents).
Idempotent: nothing is added when a demo committee already has a plan.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from xaydungdang.core.audit import log_action
from xaydungdang.core.formatting import format_date
from xaydungdang.demo.documents import sample_title
from xaydungdang.demo.emulation import login_member
from xaydungdang.demo.organisations import COMMUNE, DISTRICT, MEMBER_UNIT, PROVINCE
from xaydungdang.documents import domain as documents_domain
from xaydungdang.documents.models import Document, DocumentType
from xaydungdang.inspection.models import (
    DisciplinaryDecision,
    Finding,
    Inspection,
    InspectionPlan,
    InspectionRecommendation,
    InspectionTeam,
    TeamMember,
    Visit,
)
from xaydungdang.members.models import KeyCadreRole, Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q

SEED = 20210405
TEAMS = 11
PLAN_2021 = ("45", dt.date(2021, 3, 15), "Kế hoạch kiểm tra về công tác xây dựng Đảng năm 2021 của Ban Thường vụ "
                                         "Thị ủy")
TEAMS_FORMED = dt.date(2021, 4, 5)
DECISION_DAY = dt.date(2021, 8, 20)
# The commune's plan of the current year from the first year it existed on 1 January (before April: the year before).
CURRENT_FROM = dt.date(2026, 4, 1)
PLAN_2023 = ("12", dt.date(2023, 2, 20), "Kế hoạch giám sát chuyên đề năm 2023 của Ban Thường vụ Thị ủy")
TOPIC_2021 = ("Kiểm tra việc lãnh đạo, chỉ đạo thực hiện nghị quyết đại hội đảng bộ, công tác xây dựng Đảng và "
              "việc thực hiện nguyên tắc tập trung dân chủ (mẫu)")
TOPIC_2023 = "Giám sát việc thực hiện quy chế làm việc và chế độ sinh hoạt chi bộ (mẫu)"
TOPIC_CURRENT = "Giám sát việc thực hiện nhiệm vụ kiểm tra, giám sát của chi bộ, đảng bộ cơ sở (mẫu)"
STRENGTHS = [
    "Cấp ủy ban hành đầy đủ quy chế làm việc, chương trình kiểm tra, giám sát; lãnh đạo hoàn thành chỉ tiêu nghị "
    "quyết (mẫu)",
    "Duy trì nền nếp sinh hoạt chi bộ định kỳ, nội dung sinh hoạt có chuyên đề (mẫu)",
    "Thực hiện tốt công tác phát triển đảng viên và quản lý hồ sơ đảng viên (mẫu)",
]
SHORTCOMINGS = [
    "Một số chi bộ trực thuộc sinh hoạt chưa đúng định kỳ, biên bản ghi chưa đầy đủ (mẫu)",
    "Việc thu, nộp, quản lý đảng phí ở một số chi bộ chưa đúng quy định (mẫu)",
    "Công tác tự kiểm tra của cấp ủy chưa thường xuyên, chưa có báo cáo kết quả (mẫu)",
]
MEMBER_FINDINGS = [
    (Finding.Kind.SHORTCOMING, "Đảng viên chậm đóng đảng phí ba tháng, chưa báo cáo lý do với chi bộ (mẫu)"),
    (Finding.Kind.VIOLATION, "Đảng viên vi phạm quy định về những điều đảng viên không được làm trong quản lý "
                             "tài chính của đơn vị (mẫu)"),
]
RECOMMENDATIONS = [
    "Chỉ đạo các chi bộ trực thuộc sinh hoạt đúng định kỳ, hoàn thiện biên bản sinh hoạt (mẫu)",
    "Rà soát, thu nộp đảng phí đúng quy định; báo cáo kết quả về Ủy ban Kiểm tra (mẫu)",
    "Xây dựng và thực hiện chương trình tự kiểm tra, giám sát năm (mẫu)",
    "Tổ chức kiểm điểm làm rõ trách nhiệm của tập thể, cá nhân có liên quan (mẫu)",
]
CONCLUSION = ("Đảng ủy đã lãnh đạo thực hiện cơ bản đầy đủ các nội dung được kiểm tra; còn một số hạn chế cần khắc "
              "phục theo các kiến nghị của đoàn (mẫu)")


@dataclass
class DemoInspection:
    plans: int
    teams: int
    inspections: int
    findings: int
    recommendations: int
    decisions: int


class Builder:
    def __init__(self, actor: Any, today: dt.date) -> None:
        self.actor = actor if getattr(actor, "pk", None) else None
        self.today = today
        self.rng = random.Random(SEED)
        self.district = Organisation.objects.get(code=DISTRICT)
        self.made = DemoInspection(0, 0, 0, 0, 0, 0)
        self.visits: list[Visit] = []
        self.findings: list[Finding] = []
        self.recommendations: list[InspectionRecommendation] = []

    def document(self, number: str, day: dt.date, title: str) -> Document:
        issuer = documents_domain.issuer_for_organisation(actor=self.actor, organisation=self.district,
                                                          abbreviation="TU")
        return documents_domain.register_document(
            actor=self.actor, owner=self.district, issuer=issuer, doc_type=DocumentType.objects.get(code="KH"),
            number=number, issued_on=day, title=sample_title(title), direction=Document.Direction.ISSUED)

    def plan(self, organisation: Organisation, year: int, kind: str, title: str, adopted_on: dt.date,
             document: Document | None) -> InspectionPlan:
        self.made.plans += 1
        return InspectionPlan.objects.create(
            organisation=organisation, year=year, kind=kind, title=sample_title(title), document=document,
            adopted_on=adopted_on, created_by=self.actor,
            content="Kiểm tra, giám sát theo chương trình toàn khóa; mỗi đoàn, tổ báo cáo kết quả trong 15 ngày sau "
                    "khi kết thúc (mẫu)")

    def teams(self, plan: InspectionPlan, names: list[str], formed_on: dt.date, people: list[int],
              sizes: list[int], number: int, issuer: str = "TU") -> list[InspectionTeam]:
        """Teams with their members taken in order from `people` (nobody twice): the first leads."""
        teams = InspectionTeam.objects.bulk_create([InspectionTeam(
            plan=plan, name=name, formed_on=formed_on,
            decision=f"Quyết định số {number + k}-QĐ/{issuer} ngày {format_date(formed_on)} (mẫu)")
            for k, name in enumerate(names)])
        rows, start = [], 0
        for team, size in zip(teams, sizes, strict=True):
            for k, member in enumerate(people[start:start + size]):
                role = TeamMember.Role.LEADER if k == 0 else (
                    TeamMember.Role.SECRETARY if k == size - 1 else TeamMember.Role.MEMBER)
                rows.append(TeamMember(team=team, member_id=member, role=role))
            start += size
        assert start <= len(people), (start, len(people))
        TeamMember.objects.bulk_create(rows)
        self.made.teams += len(teams)
        return teams

    def inspect(self, team: InspectionTeam, subject: int, topic: str, starts_on: dt.date, days: int,
                concluded: bool) -> Inspection:
        ends_on = starts_on + dt.timedelta(days=days)
        inspection = Inspection.objects.create(
            team=team, subject_organisation_id=subject, organisation_id=subject, topic=topic, starts_on=starts_on,
            ends_on=ends_on, status=Inspection.Status.CONCLUDED if concluded else Inspection.Status.IN_PROGRESS,
            conclusion=CONCLUSION if concluded else "",
            concluded_on=ends_on + dt.timedelta(days=10) if concluded else None, created_by=self.actor)
        self.made.inspections += 1
        for offset in (0, 7):
            day = starts_on + dt.timedelta(days=offset)
            if day <= self.today:
                self.visits.append(Visit(inspection=inspection, visited_on=day, note=(
                    "Làm việc với thường trực cấp ủy, nghe báo cáo (mẫu)" if offset == 0
                    else "Kiểm tra hồ sơ, sổ sách, làm việc với các chi bộ (mẫu)")))
        return inspection

    def find(self, inspection: Inspection, kind: str, content: str, member: int | None = None,
             day: dt.date | None = None) -> None:
        self.findings.append(Finding(inspection=inspection, kind=kind, member_id=member, content=content,
                                     recorded_on=day or inspection.ends_on, created_by=self.actor))

    def recommend(self, inspection: Inspection, content: str, due_on: dt.date, status: str) -> None:
        followed = status != InspectionRecommendation.Status.OPEN
        notes: dict[str, str] = {InspectionRecommendation.Status.DONE: "Đã thực hiện, có báo cáo kết quả (mẫu)",
                                 InspectionRecommendation.Status.NOT_DONE: "Chưa thực hiện, đã nhắc nhở (mẫu)"}
        note = notes.get(status, "")
        self.recommendations.append(InspectionRecommendation(
            inspection=inspection, content=content, addressee_id=inspection.organisation_id, due_on=due_on,
            status=status, followed_up_on=min(due_on + dt.timedelta(days=5), self.today) if followed else None,
            follow_up_note=note))

    # ------------------------------------------------------------------ the plans

    def plan_2021(self) -> None:
        number, adopted, title = PLAN_2021
        plan = self.plan(self.district, 2021, InspectionPlan.Kind.INSPECTION, title, adopted,
                         self.document(number, adopted, title))
        cadres = sorted(set(KeyCadreRole.objects.filter(active_on_q(TEAMS_FORMED), level=self.district)
                            .values_list("member_id", flat=True)))
        sizes = [self.rng.randint(3, 5) for _ in range(TEAMS)]
        teams = self.teams(plan, [f"Đoàn kiểm tra số {k + 1}" for k in range(TEAMS)], TEAMS_FORMED,
                           self.rng.sample(cadres, sum(sizes)), sizes, 101)
        bases = sorted(org_queries.subtree_ids_on(self.district.pk, TEAMS_FORMED).filter(
            organisation__org_type__code="dang-bo-co-so").values_list("organisation__code", "organisation_id"))
        first = bases[0]  # DEMO-HUYEN-DB01, where the demo member with a log-in belongs
        chosen = [first, *sorted(self.rng.sample(bases[1:], TEAMS - 1))]
        fates = [InspectionRecommendation.Status.DONE] * 40
        fates[7], fates[15] = InspectionRecommendation.Status.NOT_DONE, InspectionRecommendation.Status.OPEN
        count = 0
        for k, (team, (_code, subject)) in enumerate(zip(teams, chosen, strict=True)):
            inspection = self.inspect(team, subject, TOPIC_2021, dt.date(2021, 5, 4) + dt.timedelta(days=5 * k), 14,
                                      True)
            self.find(inspection, Finding.Kind.STRENGTH, self.rng.choice(STRENGTHS))
            self.find(inspection, Finding.Kind.SHORTCOMING, self.rng.choice(SHORTCOMINGS))
            if k == 0:
                self._about_login_member(inspection)
            if k == 1:
                self._discipline(inspection)
            for content in self.rng.sample(RECOMMENDATIONS[:3], self.rng.randint(2, 3)):
                due = dt.date(2021, 9, 30) if count % 2 else dt.date(2021, 12, 31)
                self.recommend(inspection, content, due, fates[count])
                count += 1

    def _about_login_member(self, inspection: Inspection) -> None:
        member = login_member()
        unit = Organisation.objects.filter(code=MEMBER_UNIT).values_list("pk", flat=True).first()
        if member is not None and unit is not None and Membership.objects.filter(
                active_on_q(inspection.starts_on), member_id=member, organisation_id=unit).exists():
            kind, content = MEMBER_FINDINGS[0]
            self.find(inspection, kind, content, member)

    def _discipline(self, inspection: Inspection) -> None:
        """A finding of a violation by a member of the đảng bộ inspected, then a reprimand decided by the
        district's inspection committee."""
        rows = Membership.objects.filter(
            active_on_q(inspection.starts_on), active_on_q(DECISION_DAY), kind=Membership.Kind.REGULAR,
            organisation_id__in=org_queries.subtree_ids_on(inspection.organisation_id, inspection.starts_on))
        member, unit = rows.order_by("member_id").values_list("member_id", "organisation_id")[0]
        kind, content = MEMBER_FINDINGS[1]
        self.find(inspection, kind, content, member)
        self.recommend(inspection, RECOMMENDATIONS[3], dt.date(2021, 8, 15), InspectionRecommendation.Status.DONE)
        DisciplinaryDecision.objects.create(
            inspection=inspection, member_id=member, organisation_id=unit, decided_by=self.district,
            form=DisciplinaryDecision.Form.REPRIMAND, decision="Quyết định số 12-QĐ/UBKTTU (mẫu)",
            decided_on=DECISION_DAY, created_by=self.actor,
            reason="Vi phạm quy định về quản lý tài chính của đơn vị, được đoàn kiểm tra số 2 phát hiện (mẫu)")
        self.made.decisions += 1

    def plan_2023(self) -> None:
        number, adopted, title = PLAN_2023
        plan = self.plan(self.district, 2023, InspectionPlan.Kind.SUPERVISION, title, adopted,
                         self.document(number, adopted, title))
        formed = dt.date(2023, 3, 1)
        cadres = sorted(set(KeyCadreRole.objects.filter(active_on_q(formed), level=self.district)
                            .values_list("member_id", flat=True)))
        teams = self.teams(plan, [f"Tổ giám sát số {k + 1}" for k in range(3)], formed,
                           self.rng.sample(cadres, 9), [3, 3, 3], 210)
        units = sorted(org_queries.subtree_ids_on(self.district.pk, formed).filter(
            organisation__org_type__code="chi-bo-co-so").values_list("organisation_id", flat=True))
        for k, (team, subject) in enumerate(zip(teams, self.rng.sample(units, 3), strict=True)):
            inspection = self.inspect(team, subject, TOPIC_2023, dt.date(2023, 4, 10) + dt.timedelta(days=10 * k), 10,
                                      True)
            self.find(inspection, Finding.Kind.STRENGTH, self.rng.choice(STRENGTHS[1:]))
            self.find(inspection, Finding.Kind.SHORTCOMING, self.rng.choice(SHORTCOMINGS))
            self.recommend(inspection, RECOMMENDATIONS[0], dt.date(2023, 9, 30), InspectionRecommendation.Status.DONE)

    def plan_current(self) -> None:
        """DEMO-XA-02's plan of the current year (of the last year before April): recommendations not yet due."""
        year = self.today.year if self.today.month >= 4 else self.today.year - 1
        commune = Organisation.objects.get(code=COMMUNE)
        plan = self.plan(commune, year, InspectionPlan.Kind.SUPERVISION, f"Kế hoạch giám sát năm {year} của Ban "
                         "Thường vụ Đảng ủy xã", dt.date(year, 1, 20), None)
        formed = dt.date(year, 2, 1)
        members = Membership.objects.filter(
            active_on_q(formed), kind=Membership.Kind.REGULAR,
            organisation_id__in=org_queries.subtree_ids_on(commune.pk, formed)).exclude(member_id=login_member() or 0)
        people = sorted(members.values_list("member_id", flat=True))
        (team,) = self.teams(plan, ["Tổ giám sát số 1"], formed, self.rng.sample(people, 3), [3], 15, "ĐU")
        bases = sorted(org_queries.subtree_ids_on(commune.pk, formed).filter(
            organisation__org_type__is_grassroots=True).values_list("organisation_id", flat=True))
        done = self.inspect(team, bases[-1], TOPIC_CURRENT, dt.date(year, 2, 15), 14, True)
        self.find(done, Finding.Kind.STRENGTH, STRENGTHS[0])
        self.find(done, Finding.Kind.SHORTCOMING, SHORTCOMINGS[2])
        for k, content in enumerate(RECOMMENDATIONS[1:3]):
            self.recommend(done, content, self.today + dt.timedelta(days=30 * (k + 1)),
                           InspectionRecommendation.Status.OPEN)
        under_way = self.inspect(team, bases[-2], TOPIC_CURRENT, dt.date(year, 3, 20), 0, False)
        under_way.ends_on = max(self.today + dt.timedelta(days=15), under_way.starts_on)
        under_way.save(update_fields=["ends_on"])

    def save(self) -> DemoInspection:
        Visit.objects.bulk_create(self.visits)
        Finding.objects.bulk_create(self.findings)
        InspectionRecommendation.objects.bulk_create(self.recommendations)
        self.made.findings, self.made.recommendations = len(self.findings), len(self.recommendations)
        return self.made


@transaction.atomic
def build_demo_inspection(actor: Any, today: dt.date) -> DemoInspection | None:
    """The plans, teams, inspections, findings, recommendations and the disciplinary decision of the demo (see the
    module), unless a demo committee already has a plan. Side effects: those rows, two plan documents in the
    registry (with their audit entries) and one audit entry "inspection.demo_loaded"."""
    if InspectionPlan.objects.filter(organisation__code__startswith="DEMO-").exists():
        return None
    builder = Builder(actor, today)
    builder.plan_2021()
    builder.plan_2023()
    if today >= CURRENT_FROM:
        builder.plan_current()
    result = builder.save()
    province = Organisation.objects.get(code=PROVINCE)
    log_action("inspection.demo_loaded", actor=actor, obj=province, organisation=province,
               new={"plans": result.plans, "teams": result.teams, "inspections": result.inspections,
                    "findings": result.findings, "recommendations": result.recommendations,
                    "decisions": result.decisions}, extra={"seed": SEED, "note": "Dữ liệu mẫu, hư cấu"})
    return result
