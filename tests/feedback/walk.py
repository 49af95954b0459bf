"""Values of <briefing_id> and <opinion_id> for the permission walk (tests/core/test_permissions.py): a briefing held
by each sample organisation and an opinion raised there (not assigned), in reach where the actor's subtree holds it.
Written directly (the walk's organisations are of every type), dated early so that an ended grant still reads them.
H4 appends the recommendation cases below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.feedback.models import Briefing, Opinion, OpinionTopic, SourceGroup
from xaydungdang.organisations.models import Organisation

HELD_ON = dt.date(2020, 3, 10)


def _briefing_of(code: str) -> Briefing:
    organisation = Organisation.objects.get(code=code)
    found = Briefing.objects.filter(organisation=organisation).first()
    return found or Briefing.objects.create(organisation=organisation, date=HELD_ON, title=f"Giao ban {code}")


def _opinion_of(code: str) -> Opinion:
    briefing = _briefing_of(code)
    found = Opinion.objects.filter(briefing=briefing).first()
    return found or Opinion.objects.create(
        briefing=briefing, organisation=briefing.organisation, raised_on=briefing.date,
        topic=OpinionTopic.objects.order_by("pk").first(), source_group=SourceGroup.objects.order_by("pk").first(),
        content=f"Ý kiến tại {code}", due_on=HELD_ON)


def briefing_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"briefing_id": _briefing_of(code).pk}, actor.covers(code)


def opinion_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"opinion_id": _opinion_of(code).pk}, actor.covers(code)


# ------------------------------------------------------------------ recommendations upward (H4)


def _recommendation_of(code: str) -> Any:
    from xaydungdang.feedback.models import Recommendation

    organisation = Organisation.objects.get(code=code)
    found = Recommendation.objects.filter(organisation=organisation).first()
    return found or Recommendation.objects.create(
        organisation=organisation, sent_on=HELD_ON, to_name="Ban Tuyên giáo Trung ương",
        subject="Đề nghị mở lớp tập huấn", content="Đề nghị tiếp tục mở các lớp tập huấn, bồi dưỡng.", due_on=HELD_ON)


def recommendation_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"recommendation_id": _recommendation_of(code).pk}, actor.covers(code)
