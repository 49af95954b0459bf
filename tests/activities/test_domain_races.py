"""Concurrent writes on one session or campaign (real threads, one connection each: tests/concurrency.py); run on
SQLite and on PostgreSQL. Two recordings of the same session both succeed one after the other, the second
replacing the first's answers as a whole (never a mixture, never a duplicate row); a session created while the
campaign's period shrinks is either refused or keeps the campaign's period from shrinking past it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.activities.factories import absent, campaign, entry, session
from tests.concurrency import Start, race, split
from tests.members.helpers import member
from xaydungdang.activities import domain
from xaydungdang.activities.models import Attendance, Campaign, Session
from xaydungdang.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_recordings_of_one_session_leave_one_whole_answer_set(tree):
    people = [member(tree.cb1a, name) for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường")]
    held = session(campaign(tree.district), tree.cb1a)
    answers = [[entry(people[0], absent, "Ốm")], [entry(people[1], absent, "Đi công tác"),
                                                   entry(people[2], absent, "Đi học")]]

    def recorder(entries: list[Any]) -> Any:
        def step(start: Start) -> None:
            target = Session.objects.select_related("campaign").get(pk=held.pk)
            start()
            domain.record_attendance(actor=None, session=target, entries=entries)
        return step

    won, errors = split(race(*(recorder(a) for a in answers)))
    assert (sorted(won), errors) == ([0, 1], [])
    absent_now = set(Attendance.objects.filter(session=held, status="absent").values_list("person_id", flat=True))
    assert absent_now in ({people[0].person_id}, {people[1].person_id, people[2].person_id})
    assert Attendance.objects.filter(session=held).count() == 3
    assert sorted(AuditEntry.objects.filter(object_id=str(held.pk), action__startswith="session.attendance")
                  .values_list("action", flat=True)) == ["session.attendance_changed", "session.attendance_recorded"]


def test_a_session_created_while_the_period_shrinks_is_never_left_outside(tree):
    planned = campaign(tree.district)

    def create(start: Start) -> None:
        target = Campaign.objects.get(pk=planned.pk)
        start()
        domain.create_session(actor=None, campaign=target, organisation=tree.cb1a, date=dt.date(2022, 3, 1),
                              audience="members")

    def shrink(start: Start) -> None:
        target = Campaign.objects.get(pk=planned.pk)
        start()
        domain.update_campaign(actor=None, campaign=target, start=dt.date(2022, 6, 1))

    won, errors = split(race(create, shrink))
    assert len(won) == 1 and len(errors) == 1
    planned.refresh_from_db()
    outside = Session.objects.filter(campaign=planned).exclude(date__gte=planned.start, date__lte=planned.end)
    assert not outside.exists()
