"""Recording attendance: everyone expected gets one row, all present by default; every bad answer is refused with
a message naming its row and field, and then nothing is written; recording again replaces the answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from tests.activities.factories import (
    DAY,
    absent,
    campaign,
    entry,
    made_up,
    present,
    record,
    refused,
    rows,
    session,
)
from tests.members.helpers import member
from xaydungdang.activities import domain
from xaydungdang.activities.domain import AttendanceEntry
from xaydungdang.activities.models import Attendance, Audience, Session
from xaydungdang.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(tree):
    """A session of CB1A on 29/8/2022 with three members; a fourth member in CB1B."""
    people = {name: member(tree.cb1a, name) for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường")}
    people["Phạm Văn Dũng"] = member(tree.cb1b, "Phạm Văn Dũng")
    held = session(campaign(tree.district, counts_masses=True), tree.cb1a)
    return held, people


def test_everyone_expected_is_present_by_default(cell):
    held, people = cell
    record(held, entry(people["Trần Văn Bình"], absent, " Đi  công tác ", row=3), masses_count=4)
    assert rows(held) == {"Nguyễn Văn An": ("present", True, "", None, "CB1A"),
                          "Trần Văn Bình": ("absent", False, "Đi công tác", None, "CB1A"),
                          "Lê Văn Cường": ("present", True, "", None, "CB1A")}
    held.refresh_from_db()
    assert held.masses_count == 4
    assert held.attendance_recorded_at is not None
    audit = AuditEntry.objects.get(action="session.attendance_recorded")
    assert audit.data["extra"] == {"expected": 3, "attended": 2, "removed": 0}
    assert audit.data["new"][str(people["Trần Văn Bình"].person_id)] == {
        "status": "absent", "reason": "Đi công tác", "made_up_on": None}
    assert set(Attendance.objects.filter(session=held).values_list("campaign_id", "date", "audience").distinct()) == {
        (held.campaign_id, DAY, Audience.MEMBERS)}


def test_recording_again_replaces_the_answers_in_place(cell):
    held, people = cell
    record(held, entry(people["Trần Văn Bình"], absent, "Ốm"))
    pks = dict(Attendance.objects.filter(session=held).values_list("person_id", "pk"))
    record(held, entry(people["Nguyễn Văn An"], absent, "Đi học"),
           entry(people["Trần Văn Bình"], made_up, "Ốm", made_up_on=dt.date(2022, 9, 2)))
    assert rows(held) == {"Nguyễn Văn An": ("absent", False, "Đi học", None, "CB1A"),
                          "Trần Văn Bình": ("made_up", True, "Ốm", dt.date(2022, 9, 2), "CB1A"),
                          "Lê Văn Cường": ("present", True, "", None, "CB1A")}
    assert dict(Attendance.objects.filter(session=held).values_list("person_id", "pk")) == pks
    change = AuditEntry.objects.get(action="session.attendance_changed")
    an, binh = str(people["Nguyễn Văn An"].person_id), str(people["Trần Văn Bình"].person_id)
    assert change.data["old"] == {an: {"status": "present", "reason": "", "made_up_on": None},
                                  binh: {"status": "absent", "reason": "Ốm", "made_up_on": None}}
    assert change.data["new"] == {an: {"status": "absent", "reason": "Đi học", "made_up_on": None},
                                  binh: {"status": "made_up", "reason": "Ốm", "made_up_on": "2022-09-02"}}


def test_a_person_not_in_the_chi_bo_that_day_is_refused_naming_the_row(cell):
    held, people = cell
    assert refused(lambda: record(held, entry(people["Phạm Văn Dũng"], row=5))) == [
        "Row 5: Phạm Văn Dũng was not a member of Tổ chức CB1A on 29/8/2022."]


def test_a_duplicate_row_is_refused(cell):
    held, people = cell
    assert refused(lambda: record(held, entry(people["Lê Văn Cường"], row=2),
                                  entry(people["Lê Văn Cường"], absent, "Ốm", row=7))) == [
        "Row 7: Lê Văn Cường appears twice (also row 2)."]


def test_an_absent_without_reason_is_refused(cell):
    held, people = cell
    assert refused(lambda: record(held, entry(people["Nguyễn Văn An"], absent, "  ", row=2))) == [
        "Row 2: Reason: Nguyễn Văn An is absent; give the reason."]


@pytest.mark.parametrize(("status", "made_up_on", "message"), [
    (made_up, dt.date(2022, 8, 28), "Row 4: Made up on: 28/8/2022 precedes the session (29/8/2022)."),
    (made_up, None, "Row 4: Made up on: Nguyễn Văn An made the session up later; give the date."),
    (made_up, dt.date(2099, 1, 1), "Row 4: Made up on: 1/1/2099 is in the future."),
    (present, dt.date(2022, 9, 1), "Row 4: Made up on: a date is given only for a session made up later."),
    ("có mặt", None, "Row 4: Status: “có mặt” is not one of present, absent, made up later."),
])
def test_bad_status_or_make_up_date_is_refused(cell, status, made_up_on, message):
    held, people = cell
    bad = AttendanceEntry(people["Nguyễn Văn An"].person_id, status, "Ốm", made_up_on, row=4)
    assert refused(lambda: record(held, bad)) == [message]


def test_an_unknown_person_is_refused(cell):
    held, _people = cell
    assert refused(lambda: record(held, AttendanceEntry(999_999, present, row=9))) == [
        "Row 9: Person: no person has the number 999999."]


def test_every_error_is_reported_at_once_and_nothing_written(cell):
    held, people = cell
    record(held)
    messages = refused(lambda: record(held, entry(people["Nguyễn Văn An"], absent, row=2),
                                      entry(people["Phạm Văn Dũng"], row=3), masses_count=-1))
    assert messages == ["Row 2: Reason: Nguyễn Văn An is absent; give the reason.",
                        "Row 3: Phạm Văn Dũng was not a member of Tổ chức CB1A on 29/8/2022.",
                        "Non-members attending: enter a whole number, 0 or more."]


def test_a_session_not_yet_held_takes_no_attendance(tree):
    member(tree.cb1a, "Nguyễn Văn An")
    today = timezone.localdate()
    held = session(campaign(tree.district, start=today, end=today + dt.timedelta(days=30)), tree.cb1a,
                   date=today + dt.timedelta(days=1))
    assert refused(lambda: record(held)) == [
        f"Date: the session of {(today + dt.timedelta(days=1)):%-d/%-m/%Y} has not been held yet; record its "
        "attendance afterwards."]


def test_a_person_no_longer_expected_loses_the_row_when_recorded_again(cell, tree):
    held, people = cell
    record(held)
    from xaydungdang.members import domain as members_domain

    members_domain.exempt(actor=None, member=people["Lê Văn Cường"], valid_from=dt.date(2022, 8, 1))
    record(held)
    assert set(rows(held)) == {"Nguyễn Văn An", "Trần Văn Bình"}
    assert AuditEntry.objects.get(action="session.attendance_changed").data["extra"]["removed"] == 1


def test_make_up_after_an_absence(cell):
    held, people = cell
    record(held, entry(people["Trần Văn Bình"], absent, "Ốm"))
    row = Attendance.objects.get(session=held, person_id=people["Trần Văn Bình"].person_id)
    assert refused(lambda: domain.record_make_up(actor=None, attendance=row, made_up_on=dt.date(2022, 8, 1))) == [
        "Made up on: 1/8/2022 precedes the session (29/8/2022)."]
    domain.record_make_up(actor=None, attendance=row, made_up_on=dt.date(2022, 9, 3))
    assert rows(held)["Trần Văn Bình"] == ("made_up", True, "Ốm", dt.date(2022, 9, 3), "CB1A")
    present_row = Attendance.objects.get(session=held, person_id=people["Nguyễn Văn An"].person_id)
    assert refused(lambda: domain.record_make_up(actor=None, attendance=present_row,
                                                 made_up_on=dt.date(2022, 9, 3))) == [
        "Nguyễn Văn An attended the session; there is nothing to make up."]


def test_self_study_confirmed_by_the_member(tree):
    an, dung = member(tree.cb1a, "Nguyễn Văn An"), member(tree.cb1b, "Phạm Văn Dũng")
    held = session(campaign(tree.district), tree.cb1a, form=Session.Form.SELF_STUDY)
    row = domain.confirm_self_study(actor=None, session=held, person=an.person)
    assert (row.status, row.attended, row.organisation_id) == ("present", True, tree.cb1a.pk)
    assert refused(lambda: domain.confirm_self_study(actor=None, session=held, person=dung.person)) == [
        "Phạm Văn Dũng was not a member of Tổ chức CB1A on 29/8/2022."]
    in_person = session(campaign(tree.district), tree.cb1a)
    assert refused(lambda: domain.confirm_self_study(actor=None, session=in_person, person=an.person)) == [
        "This session is not a self-study session."]
    assert AuditEntry.objects.filter(action="session.self_study_confirmed").count() == 1


def test_recording_takes_as_many_queries_for_25_members_as_for_3(cell, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    held, people = cell

    def queries_of_recording() -> int:
        with CaptureQueriesContext(connection) as captured:
            record(held, entry(people["Nguyễn Văn An"], absent, "Ốm"))
        Attendance.objects.filter(session=held).delete()
        return len(captured.captured_queries)

    small = queries_of_recording()
    for i in range(22):
        member(tree.cb1a, f"Đảng Viên Số {i}")
    assert queries_of_recording() == small
    record(held)
    with CaptureQueriesContext(connection) as captured:  # all rows change: still one UPDATE per distinct answer
        record(held, *(entry(p, absent, "Họp") for p in people.values() if p.person.full_name != "Phạm Văn Dũng"))
    assert len([q for q in captured.captured_queries if q["sql"].startswith("UPDATE")]) == 2  # rows, session


def test_loosely_built_entries_are_refused_not_crashing(cell):
    held, people = cell
    loose = [AttendanceEntry("abc", present, row=2),  # type: ignore[arg-type]
             AttendanceEntry(people["Nguyễn Văn An"].person_id, absent, None, row=3)]  # type: ignore[arg-type]
    assert refused(lambda: record(held, *loose)) == [
        "Row 2: Person: no person has the number abc.", "Row 3: Reason: Nguyễn Văn An is absent; give the reason."]


def test_check_attendance_reports_what_recording_would_refuse_and_writes_nothing(cell):
    """The read-only check the upload preview runs: the same messages as record_attendance, nothing written."""
    held, people = cell
    entries = [entry(people["Nguyễn Văn An"], absent, "  ", row=2), entry(people["Phạm Văn Dũng"], row=3),
               entry(people["Nguyễn Văn An"], row=4)]
    with override("en"):
        checked = domain.check_attendance(held, entries)
        problems = domain.attendance_problems(held, entries[:1])
    assert checked == [
        "Row 2: Reason: Nguyễn Văn An is absent; give the reason.",
        "Row 3: Phạm Văn Dũng was not a member of Tổ chức CB1A on 29/8/2022.",
        "Row 4: Nguyễn Văn An appears twice (also row 2)."]
    assert problems == [
        (2, "Reason: Nguyễn Văn An is absent; give the reason.")]
    assert domain.check_attendance(held, [entry(people["Trần Văn Bình"], absent, "Ốm", row=3)]) == []
    assert Attendance.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="session.attendance").exists()
