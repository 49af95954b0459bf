"""The demo's inspection records reproduce seed 002 from records: DEMO-HUYEN's 2021 plan for the work of building
the Party with 11 teams ("Đoàn kiểm tra số 1" … "số 11") at 11 of its đảng bộ cơ sở, each team of 3 to 5 key cadres
of DEMO-HUYEN's level with one leader; findings, conclusions, recommendations with their follow-up, one disciplinary
decision on a member (read only by the inspection committee, the team and the member), the 2023 supervision plan
and today's commune's plan with recommendations not yet due.

One test builds the demo (the database is per test) with only the builders these records read, checks everything
on it, and builds again to see that nothing is added.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest
from django.db.models import F
from django.test import RequestFactory

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.models import User
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.demo import activities as demo_activities
from xaydungdang.demo import build_demo
from xaydungdang.demo import emulation as demo_emulation
from xaydungdang.demo import evaluation as demo_evaluation
from xaydungdang.demo import feedback as demo_feedback
from xaydungdang.demo import inspection as demo_inspection
from xaydungdang.demo import meetings as demo_meetings
from xaydungdang.demo import members as demo_members
from xaydungdang.demo import pressing as demo_pressing
from xaydungdang.demo import training as demo_training
from xaydungdang.documents.models import Document
from xaydungdang.inspection import scoping
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

TODAY = dt.date(2026, 11, 23)
UNUSED = [(demo_activities, "build_demo_activities"), (demo_training, "build_demo_training"),
          (demo_meetings, "build_demo_meetings"), (demo_emulation, "build_demo_emulation"),
          (demo_feedback, "build_demo_feedback"), (demo_pressing, "build_demo_pressing"),
          (demo_evaluation, "build_demo_evaluation")]


def counts() -> tuple[int, ...]:
    return (InspectionPlan.objects.count(), InspectionTeam.objects.count(), TeamMember.objects.count(),
            Inspection.objects.count(), Visit.objects.count(), Finding.objects.count(),
            InspectionRecommendation.objects.count(), DisciplinaryDecision.objects.count(), Document.objects.count())


def request_of(username: str):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = User.objects.get(username=username)
    request.scope = resolve_scope(request.user)  # type: ignore[attr-defined]
    return request


@pytest.mark.django_db
def test_demo_inspection_gives_seed_002(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_members, "today", lambda: TODAY)
    for module, name in UNUSED:
        monkeypatch.setattr(module, name, lambda *args: None)  # records these do not read
    build = demo_inspection.build_demo_inspection
    took: list[float] = []

    def timed(*args: object) -> object:
        started = time.process_time()
        try:
            return build(*args)  # type: ignore[arg-type]
        finally:
            took.append(time.process_time() - started)

    monkeypatch.setattr(demo_inspection, "build_demo_inspection", timed)
    build_demo()
    assert took[0] < 2, took  # about 0,1 s of CPU

    # Seed 002: DEMO-HUYEN's 2021 plan, in the document registry.
    district = Organisation.objects.get(code="DEMO-HUYEN")
    plan = InspectionPlan.objects.get(organisation=district, year=2021)
    assert plan.kind == InspectionPlan.Kind.INSPECTION and "công tác xây dựng Đảng" in plan.title
    assert plan.title.endswith("(mẫu)") and plan.document is not None
    assert plan.document.owner == district and plan.document.issued_on == plan.adopted_on

    # 11 teams, each of 3 to 5 key cadres of DEMO-HUYEN's level that day with one leader, nobody on two teams.
    teams = list(plan.teams.order_by("pk"))
    assert [t.name for t in teams] == [f"Đoàn kiểm tra số {k}" for k in range(1, 12)]
    seen: list[int] = []
    for team in teams:
        roles = Counter(team.members.values_list("role", flat=True))
        assert 3 <= sum(roles.values()) <= 5 and roles[TeamMember.Role.LEADER] == 1, team.name
        ids = list(team.members.values_list("member_id", flat=True))
        cadres = KeyCadreRole.objects.filter(active_on_q(team.formed_on), level=district, member_id__in=ids)
        assert set(cadres.values_list("member_id", flat=True)) == set(ids), team.name
        assert team.decision.endswith("(mẫu)") and plan.adopted_on <= team.formed_on
        seen += ids
    assert len(seen) == len(set(seen))

    # Each team inspects one đảng bộ cơ sở of DEMO-HUYEN: 11 distinct ones, concluded, visited.
    inspections = Inspection.objects.filter(team__plan=plan)
    assert inspections.count() == 11
    subjects = list(inspections.values_list("subject_organisation_id", flat=True))
    assert len(set(subjects)) == 11 and not inspections.exclude(organisation_id=F("subject_organisation_id")).exists()
    for inspection in inspections:
        placed = org_queries.subtree_ids_on(district.pk, inspection.starts_on).filter(
            organisation_id=inspection.subject_organisation_id, organisation__org_type__code="dang-bo-co-so")
        assert placed.exists(), inspection.pk
        assert inspection.status == Inspection.Status.CONCLUDED and inspection.conclusion.endswith("(mẫu)")
        assert inspection.starts_on <= inspection.ends_on < inspection.concluded_on <= TODAY  # type: ignore[operator]
        visits = list(inspection.visits.values_list("visited_on", flat=True))
        assert len(visits) == 2 and all(inspection.starts_on <= d <= inspection.ends_on for d in visits)
        kinds = Counter(inspection.findings.filter(member__isnull=True).values_list("kind", flat=True))
        assert kinds == {Finding.Kind.STRENGTH: 1, Finding.Kind.SHORTCOMING: 1}, inspection.pk
        assert inspection.recommendations.count() >= 2

    # Two findings about a member, each of the đảng bộ inspected; one member reprimanded afterwards.
    about = Finding.objects.filter(member__isnull=False).select_related("inspection")
    assert about.count() == 2 and set(about.values_list("inspection__team__plan", flat=True)) == {plan.pk}
    for finding in about:
        inspection = finding.inspection
        assert Membership.objects.filter(
            active_on_q(inspection.starts_on), member_id=finding.member_id, kind=Membership.Kind.REGULAR,
            organisation_id__in=org_queries.subtree_ids_on(inspection.organisation_id, inspection.starts_on)).exists()
    (decision,) = DisciplinaryDecision.objects.all()
    assert decision.member_id in set(about.values_list("member_id", flat=True))
    assert decision.inspection is not None and decision.inspection.team.plan == plan
    assert decision.decided_by == district and decision.form == DisciplinaryDecision.Form.REPRIMAND
    assert Membership.objects.filter(active_on_q(decision.decided_on), member_id=decision.member_id,
                                     organisation_id=decision.organisation_id).exists()
    # The member with the demo log-in reads the finding about them; the inspection committee reads both and the
    # decision; the district's office reads neither.
    own = scoping.own_rows(request_of("dangvien"))
    assert own["findings"].count() == 1 and own["decisions"].count() == 0
    committee = request_of("tinh.ubkt")
    assert scoping.visible_findings(committee).filter(member__isnull=False).count() == 2
    assert scoping.visible_decisions(committee).count() == 1
    # It is the province's committee, active today: it may also record (an ended committee's grant writes nothing).
    assert committee.scope.may_write(Capability.EDIT_RECORDS) is True
    office = request_of("huyen.vanphong")
    assert not scoping.visible_findings(office).filter(member__isnull=False).exists()
    assert not scoping.visible_decisions(office).exists()

    # Recommendations: most carried out, one not, one still open past its deadline, two open and not yet due.
    recommendations = InspectionRecommendation.objects.all()
    statuses = Counter(recommendations.filter(inspection__team__plan=plan).values_list("status", flat=True))
    assert statuses[InspectionRecommendation.Status.NOT_DONE] == 1 and statuses[
        InspectionRecommendation.Status.OPEN] == 1 and statuses[InspectionRecommendation.Status.DONE] >= 20
    open_rows = recommendations.filter(status=InspectionRecommendation.Status.OPEN)
    assert open_rows.filter(due_on__lt=TODAY).count() == 1 and open_rows.filter(due_on__gte=TODAY).count() == 2
    assert not recommendations.exclude(status=InspectionRecommendation.Status.OPEN).filter(
        followed_up_on__isnull=True).exists()
    assert not recommendations.filter(followed_up_on__gt=TODAY).exists()

    # The 2023 supervision plan; the commune's plan of this year, one supervision under way.
    supervision = InspectionPlan.objects.get(organisation=district, year=2023)
    assert supervision.kind == InspectionPlan.Kind.SUPERVISION and supervision.teams.count() == 3
    current = InspectionPlan.objects.get(organisation__code="DEMO-XA-02", year=TODAY.year)
    assert Counter(Inspection.objects.filter(team__plan=current).values_list("status", flat=True)) == {
        Inspection.Status.CONCLUDED: 1, Inspection.Status.IN_PROGRESS: 1}
    assert not Visit.objects.filter(visited_on__gt=TODAY).exists()

    # Idempotent: building again adds nothing.
    before = counts()
    build_demo()
    assert counts() == before
