"""Two secretaries record the attendance of one meeting at once, each from the page drawn before any recording:
one is written, the other is refused with StateConflict (409 in the API) and writes nothing. Real threads, each on
its own connection (tests/concurrency.py); run on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.concurrency import Start, race, split
from tests.meetings.factories import meeting, member_at
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.meetings import domain
from xaydungdang.meetings.models import Meeting, MeetingAttendance

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_attendance_recordings_write_one(tree):
    one, two = member_at(tree.cb1a), member_at(tree.cb1a)
    held = meeting(tree.cb1a, dt.date(2024, 3, 12))

    def record(absent: Any) -> Any:
        def step(start: Start) -> Any:
            found = Meeting.objects.get(pk=held.pk)
            seen = found.attendance_recorded_at  # None: the page was drawn before any recording
            start()
            return domain.record_meeting_attendance(actor=None, meeting=found, seen=seen, entries=[
                {"member": absent.pk, "status": "absent", "reason": "Ốm"}])
        return step

    won, errors = split(race(record(one), record(two)))
    assert len(won) == 1
    assert [type(e) for e in errors] == [StateConflict]
    rows = MeetingAttendance.objects.filter(meeting=held)
    assert rows.count() == 2
    assert rows.filter(attended=False).count() == 1
    assert AuditEntry.objects.filter(action="meeting.attendance_recorded").count() == 1
