"""Inspection plans, teams and inspections for tests, through inspection.domain_plans (actor=None, the system), so
that every row is what the application would write. Dates default to 2023."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaydungdang.inspection import domain_plans
from xaydungdang.inspection.models import Finding, Inspection, InspectionPlan, InspectionTeam, TeamMember
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation

YEAR = 2023
EPOCH = dt.date(2015, 1, 1)


def member_of(organisation: Organisation, name: str = "Đảng viên", *, since: dt.date = EPOCH,
              user: Any = None) -> Member:
    """A new member of `organisation` since `since`, linked to `user` when given (a log-in)."""
    member = members_domain.register_member(actor=None, person={"full_name": f"{name} {organisation.code}",
                                                                "sex": "nam"}, organisation=organisation,
                                            since=since)
    if user is not None:
        member.user = user
        member.save(update_fields=["user"])
    return member


def plan(committee: Organisation, year: int = YEAR, *, adopted_on: dt.date | None = None,
         title: str = "", kind: str = InspectionPlan.Kind.INSPECTION) -> InspectionPlan:
    return domain_plans.adopt_plan(actor=None, organisation=committee, year=year, kind=kind,
                                   title=title or f"Chương trình kiểm tra năm {year} của {committee.code}",
                                   adopted_on=adopted_on or dt.date(year, 1, 10))


def team(the_plan: InspectionPlan, members: list[Member] | None = None, *, name: str = "Đoàn kiểm tra số 1",
         formed_on: dt.date | None = None) -> InspectionTeam:
    """A team whose first member leads it (one member of the committee made when none are given)."""
    members = members or [member_of(the_plan.organisation, "Trưởng đoàn")]
    roles = [TeamMember.Role.LEADER] + [TeamMember.Role.MEMBER] * (len(members) - 1)
    return domain_plans.form_team(actor=None, plan=the_plan, name=name, decision="Quyết định số 01-QĐ/UBKT",
                                  formed_on=formed_on or dt.date(the_plan.year, 2, 1),
                                  members=[domain_plans.NewTeamMember(m, r) for m, r in zip(members, roles,
                                                                                             strict=True)])


def inspection(the_team: InspectionTeam, *, organisation: Organisation | None = None, member: Member | None = None,
               starts_on: dt.date | None = None, ends_on: dt.date | None = None,
               topic: str = "Việc thực hiện nguyên tắc tập trung dân chủ") -> Inspection:
    """An inspection of `organisation` (the plan's committee when neither is given) or of `member`."""
    if organisation is None and member is None:
        organisation = the_team.plan.organisation
    year = the_team.plan.year
    return domain_plans.add_inspection(actor=None, team=the_team, topic=topic,
                                       starts_on=starts_on or dt.date(year, 3, 1),
                                       ends_on=ends_on or dt.date(year, 3, 31),
                                       subject_organisation=organisation, subject_member=member)


def finding(the_inspection: Inspection, *, member: Member | None = None, kind: str = Finding.Kind.SHORTCOMING,
            content: str = "Chưa ghi biên bản sinh hoạt đầy đủ", recorded_on: dt.date | None = None) -> Finding:
    return domain_plans.record_finding(actor=None, inspection=the_inspection, kind=kind, content=content,
                                       recorded_on=recorded_on or the_inspection.starts_on, member=member)


def concluded(the_inspection: Inspection, *, member: Member | None = None,
              concluded_on: dt.date | None = None) -> Inspection:
    """The inspection with a finding (about `member` when given) and concluded at the end of its period."""
    finding(the_inspection, member=member)
    return domain_plans.conclude_inspection(actor=None, inspection=the_inspection,
                                            conclusion="Tổ chức đảng thực hiện tốt, cần khắc phục hạn chế",
                                            concluded_on=concluded_on or the_inspection.ends_on)
