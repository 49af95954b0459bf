"""Values of <review_id> and <shortcoming_id> for the permission walk (tests/core/test_permissions.py): a
self-criticism meeting of each sample organisation with one shortcoming, in reach where the actor's subtree holds it.
Written directly (the walk's organisations are of every type), dated early so that an ended grant still reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming
from xaydungdang.organisations.models import Organisation

YEAR = 2019
HELD_ON = dt.date(2020, 1, 15)


def _review_of(code: str) -> ReviewMeeting:
    organisation = Organisation.objects.get(code=code)
    found = ReviewMeeting.objects.filter(organisation=organisation).first()
    return found or ReviewMeeting.objects.create(organisation=organisation, year=YEAR, held_on=HELD_ON)


def _shortcoming_of(code: str) -> Shortcoming:
    meeting = _review_of(code)
    found = meeting.shortcomings.first()
    return found or Shortcoming.objects.create(meeting=meeting, content=f"Hạn chế tại {code}",
                                               remedy="Tăng cường sinh hoạt chi bộ", due_on=dt.date(2020, 6, 30))


def review_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"review_id": _review_of(code).pk}, actor.covers(code)


def shortcoming_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"shortcoming_id": _shortcoming_of(code).pk}, actor.covers(code)
