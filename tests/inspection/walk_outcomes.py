"""Values of <inspection_recommendation_id>, <outcome_inspection_id> and <decision_id> for the permission walk
(tests/core/test_permissions.py). Written directly (dated early so that an ended grant still reads them), apart from
I1's walk rows (their own topic), so that a step of one walk does not change the other's rows:

- an inspection of each sample organisation under a plan of that organisation, and a recommendation made on it:
  in reach where the actor's subtree holds the organisation (written by the same, today);
- a decision on each sample organisation, decided by it: in reach likewise;
- a decision about a member of the actor's own organisation: read only by the inspection committee over the deciding
  committee, the team and the member (inspection/scoping.py); no walk actor is either (the office, the secretary,
  the leader read 404), the superuser reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.inspection.models import (
    DisciplinaryDecision,
    Inspection,
    InspectionPlan,
    InspectionRecommendation,
    InspectionTeam,
)
from xaydungdang.organisations.models import Organisation

DAY = dt.date(2020, 4, 10)
TOPIC = "Kiểm tra việc thực hiện kết luận (I2 walk)"


def _inspection_of(code: str) -> Inspection:
    organisation = Organisation.objects.get(code=code)
    found = Inspection.objects.filter(organisation=organisation, topic=TOPIC).first()
    if found is not None:
        return found
    plan = InspectionPlan.objects.create(organisation=organisation, year=DAY.year, adopted_on=DAY,
                                         title=f"Kế hoạch kiểm tra {code}")
    team = InspectionTeam.objects.create(plan=plan, name="Đoàn kiểm tra số 1", formed_on=DAY)
    return Inspection.objects.create(team=team, subject_organisation=organisation, organisation=organisation,
                                     topic=TOPIC, starts_on=DAY, ends_on=DAY)


def _recommendation_of(code: str) -> InspectionRecommendation:
    inspection = _inspection_of(code)
    found = InspectionRecommendation.objects.filter(inspection=inspection).first()
    return found or InspectionRecommendation.objects.create(inspection=inspection, content=f"Khắc phục hạn chế {code}",
                                                            due_on=dt.date(2020, 6, 30))


def _decision_of(code: str, *, member: bool = False) -> DisciplinaryDecision:
    organisation = Organisation.objects.get(code=code)
    found = DisciplinaryDecision.objects.filter(organisation=organisation, member__isnull=not member).first()
    if found is not None:
        return found
    if member:
        from tests.core.test_permissions import _member_at

        return DisciplinaryDecision.objects.create(member=_member_at(code), organisation=organisation,
                                                   decided_by=organisation, form="reprimand",
                                                   decision=f"Quyết định số 3-QĐ/UBKT {code}", decided_on=DAY)
    return DisciplinaryDecision.objects.create(subject_organisation=organisation, organisation=organisation,
                                               decided_by=organisation, form="warning",
                                               decision=f"Quyết định số 7-QĐ/UBKT {code}", decided_on=DAY)


def inspection_recommendation_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"inspection_recommendation_id": _recommendation_of(code).pk}, actor.covers(code)


def outcome_inspection_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"outcome_inspection_id": _inspection_of(code).pk}, actor.covers(code)


def decision_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"decision_id": _decision_of(code).pk}, actor.covers(code)
    own = actor.sample_codes()[0]
    yield {"decision_id": _decision_of(own, member=True).pk}, actor.everywhere
