"""Values of <meeting_id> for the permission walk (tests/core/test_permissions.py): a meeting held by each sample
organisation, in reach where the actor's subtree holds it. Written directly (the walk's organisations are of every
type; meetings.domain would refuse those that are not chi bộ), dated early so that an ended grant still reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.meetings.models import Meeting
from xaydungdang.organisations.models import Organisation

HELD_ON = dt.date(2020, 3, 10)


def _meeting_of(code: str) -> Meeting:
    organisation = Organisation.objects.get(code=code)
    found = Meeting.objects.filter(organisation=organisation).first()
    return found or Meeting.objects.create(organisation=organisation, date=HELD_ON, topic=f"Sinh hoạt {code}")


def meeting_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"meeting_id": _meeting_of(code).pk}, actor.covers(code)
