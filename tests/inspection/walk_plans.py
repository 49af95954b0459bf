"""Values of <plan_id>, <team_id> and <inspection_id> for the permission walk (tests/core/test_permissions.py).

Each sample organisation has a plan of its own committee, a team under it, an inspection of the organisation itself
(read and written where the actor's subtree holds it) and an inspection of one of its members, which no walk actor
reads but the superuser: the walk's roles have no inspection.view, and none of their users serves on a team
(inspection/scoping.py). Written directly, dated early so that an ended grant still reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.inspection.models import Inspection, InspectionPlan, InspectionTeam
from xaydungdang.members import domain as members_domain
from xaydungdang.organisations.models import Organisation

ADOPTED_ON = dt.date(2020, 1, 10)
STARTS_ON, ENDS_ON = dt.date(2020, 3, 1), dt.date(2020, 3, 31)
EPOCH = dt.date(2015, 1, 1)


def _plan_of(code: str) -> InspectionPlan:
    organisation = Organisation.objects.get(code=code)
    found = InspectionPlan.objects.filter(organisation=organisation).first()
    return found or InspectionPlan.objects.create(organisation=organisation, year=2020, adopted_on=ADOPTED_ON,
                                                  title=f"Chương trình kiểm tra {code}")


def _team_of(code: str) -> InspectionTeam:
    plan = _plan_of(code)
    return plan.teams.first() or InspectionTeam.objects.create(plan=plan, name=f"Đoàn kiểm tra {code}",
                                                               formed_on=dt.date(2020, 2, 1))


def _inspection_of(code: str, *, of_member: bool) -> Inspection:
    team = _team_of(code)
    found = team.inspections.filter(subject_member__isnull=not of_member).first()
    if found is not None:
        return found
    organisation = team.plan.organisation
    if of_member:
        member = members_domain.register_member(actor=None, person={"full_name": f"Được kiểm tra {code}",
                                                                    "sex": "nam"},
                                                organisation=organisation, since=EPOCH)
        return Inspection.objects.create(team=team, subject_member=member, organisation=organisation,
                                         topic="Kiểm tra đảng viên", starts_on=STARTS_ON, ends_on=ENDS_ON)
    return Inspection.objects.create(team=team, subject_organisation=organisation, organisation=organisation,
                                     topic="Kiểm tra tổ chức đảng", starts_on=STARTS_ON, ends_on=ENDS_ON)


def plan_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        _inspection_of(code, of_member=True)  # listed on the plan's page to those who read it only
        yield {"plan_id": _plan_of(code).pk}, actor.covers(code)


def team_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        _inspection_of(code, of_member=True)
        yield {"team_id": _team_of(code).pk}, actor.covers(code)


def inspection_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"inspection_id": _inspection_of(code, of_member=False).pk}, actor.covers(code)
        yield {"inspection_id": _inspection_of(code, of_member=True).pk}, actor.everywhere
