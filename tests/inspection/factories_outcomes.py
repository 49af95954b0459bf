"""Rows for the outcome tests (I2). Plans, teams and inspections are written directly (I1's domain writes them;
tests/inspection/factories_plans.py may replace these later); recommendations and decisions through
inspection.domain_outcomes (actor None: the system), so that their audit entries are the application's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaydungdang.accounts.domain import create_member_login
from xaydungdang.inspection import domain_outcomes as domain
from xaydungdang.inspection.models import (
    DisciplinaryDecision,
    Inspection,
    InspectionPlan,
    InspectionRecommendation,
    InspectionTeam,
    TeamMember,
)
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation

ADOPTED = dt.date(2023, 1, 10)
STARTS = dt.date(2023, 3, 1)
ENDS = dt.date(2023, 3, 31)
CONCLUDED = dt.date(2023, 4, 15)
SINCE = dt.date(2015, 1, 1)


def make_plan(committee: Organisation, *, adopted_on: dt.date = ADOPTED, **extra: Any) -> InspectionPlan:
    return InspectionPlan.objects.create(organisation=committee, year=adopted_on.year, adopted_on=adopted_on,
                                         title=f"Chương trình kiểm tra năm {adopted_on.year}", **extra)


def make_team(plan: InspectionPlan, *, formed_on: dt.date = dt.date(2023, 2, 1), name: str = "Đoàn kiểm tra số 1",
              **extra: Any) -> InspectionTeam:
    return InspectionTeam.objects.create(plan=plan, name=name, formed_on=formed_on, **extra)


def make_member(unit: Organisation, name: str = "Trần Thị Hoa", *, login: str = "") -> Member:
    member = members_domain.register_member(actor=None, person={"full_name": name, "sex": "nu"}, organisation=unit,
                                            since=SINCE)
    if login:
        create_member_login(actor=None, member=member, username=login)
        member.refresh_from_db()
    return member


def on_team(team: InspectionTeam, member: Member, role: str = TeamMember.Role.MEMBER) -> TeamMember:
    return TeamMember.objects.create(team=team, member=member, role=role)


def make_inspection(team: InspectionTeam, subject: Organisation | Member, *, starts_on: dt.date = STARTS,
                    ends_on: dt.date = ENDS, concluded_on: dt.date | None = None, **extra: Any) -> Inspection:
    """An inspection of an organisation or of a member (placed at the member's unit, given as `organisation`)."""
    if isinstance(subject, Member):
        extra.setdefault("organisation", subject.memberships.order_by("-pk").first().organisation)  # type: ignore[union-attr]
        target: dict[str, Any] = {"subject_member": subject}
    else:
        extra.setdefault("organisation", subject)
        target = {"subject_organisation": subject}
    if concluded_on is not None:
        extra.update(status=Inspection.Status.CONCLUDED, concluded_on=concluded_on, conclusion="Kết luận kiểm tra.")
    return Inspection.objects.create(team=team, topic="Việc thực hiện nhiệm vụ kiểm tra", starts_on=starts_on,
                                     ends_on=ends_on, **target, **extra)


def make_recommendation(inspection: Inspection, *, due_on: dt.date = dt.date(2023, 6, 30),
                        content: str = "Khắc phục hạn chế trong sinh hoạt chi bộ", **extra: Any
                        ) -> InspectionRecommendation:
    return domain.make_recommendation(actor=None, inspection=inspection, content=content, due_on=due_on, **extra)


def follow(recommendation: InspectionRecommendation, on: dt.date, status: str = "done",
           note: str = "Đã khắc phục.") -> InspectionRecommendation:
    return domain.follow_up(actor=None, recommendation=recommendation, status=status, on=on, note=note)


def make_decision(committee: Organisation, subject: Organisation | Member, *, form: str = "reprimand",
                  decided_on: dt.date = dt.date(2023, 5, 20), decision: str = "Quyết định số 12-QĐ/UBKT",
                  **extra: Any) -> DisciplinaryDecision:
    target: dict[str, Any] = ({"member": subject} if isinstance(subject, Member)
                              else {"subject_organisation": subject})
    extra.setdefault("reason", "Vi phạm quy định")
    return domain.record_decision(actor=None, decided_by=committee, form=form, decision=decision,
                                  decided_on=decided_on, **target, **extra)
