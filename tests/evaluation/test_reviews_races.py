"""Races on the self-criticism meetings, real threads on their own connections (tests/concurrency.py): two offices
record the same organisation's meeting for a year at once (one written, the other refused with the duplicate
message), and two follow-ups of one shortcoming at once (one written, the other a StateConflict)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.concurrency import Start, race, split
from tests.evaluation.factories_reviews import meeting, shortcoming
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.evaluation import domain_reviews as domain
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_recordings_of_one_meeting_write_one(tree):
    def record(day: dt.date) -> Any:
        def step(start: Start) -> Any:
            start()
            return domain.record_meeting(actor=None, organisation=tree.cb1a, year=2022, held_on=day)
        return step

    won, errors = split(race(record(dt.date(2023, 1, 5)), record(dt.date(2023, 1, 6))))
    assert len(won) == 1 and [type(e) for e in errors] == [ValidationError]
    assert list(errors[0].message_dict) == ["year"]  # type: ignore[attr-defined]
    assert ReviewMeeting.objects.filter(organisation=tree.cb1a, year=2022).count() == 1
    assert AuditEntry.objects.filter(action="evaluation.review.recorded").count() == 1


def test_two_follow_ups_of_one_shortcoming_write_one(tree):
    item = shortcoming(meeting(tree.cb1a, 2022))
    meeting(tree.cb1a, 2023)

    def follow(status: str) -> Any:
        def step(start: Start) -> Any:
            found = Shortcoming.objects.select_related("meeting__organisation").get(pk=item.pk)
            start()
            return domain.follow_up(actor=None, shortcoming=found, status=status, note="Ghi chú")
        return step

    won, errors = split(race(follow("remedied"), follow("partly")))
    assert len(won) == 1 and [type(e) for e in errors] == [StateConflict]
    assert AuditEntry.objects.filter(action="evaluation.shortcoming.followed_up").count() == 1
