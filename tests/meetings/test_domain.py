"""Recording meetings, their attendance and the yearly checklist: the rules, the expected set, every bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import user_with_role
from tests.helpers import vi
from tests.meetings.factories import meeting, member_at
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.meetings import domain
from xaydungdang.meetings.models import ChecklistAnswer, Meeting, MeetingAttendance
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Membership

DAY = dt.date(2024, 3, 12)


def messages(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(error.value.messages)


# ---------------------------------------------------------------- meetings


def test_a_chi_bo_records_a_meeting_audited(tree):
    found = meeting(tree.cb1a, DAY, topic="Nghị quyết 71-NQ/TU", chair="Trần Văn Bí", guests_count=2)
    assert (found.organisation, found.kind, found.date, found.topic, found.guests_count) == (
        tree.cb1a, "regular", DAY, "Nghị quyết 71-NQ/TU", 2)
    entry = AuditEntry.objects.get(action="meeting.recorded")
    assert entry.data["new"]["topic"] == "Nghị quyết 71-NQ/TU"


@pytest.mark.parametrize("kind", ["regular", "thematic"])
def test_a_chi_bo_co_so_records_both_kinds(tree, kind):
    assert meeting(tree.cbcs, DAY, kind=kind).kind == kind


def test_a_dang_bo_holds_no_chi_bo_meeting(tree):
    with pytest.raises(ValidationError) as error:
        meeting(tree.db1, DAY)
    assert messages(error) == [vi("Chi bộ: %(org)s was not a chi bộ on %(day)s; meetings are held by a chi bộ cơ sở "
                                  "or a chi bộ trực thuộc.", org=tree.db1.name, day="12/3/2024")]
    assert not Meeting.objects.exists()


def test_a_meeting_before_the_chi_bo_existed_is_refused(tree):
    with pytest.raises(ValidationError) as error:
        meeting(tree.cb1a, dt.date(2014, 12, 31))
    assert messages(error) == [vi("Chi bộ: %(org)s did not exist on %(day)s.", org=tree.cb1a.name, day="31/12/2014")]


def test_a_date_outside_the_event_range_and_a_bad_kind_are_named(tree):
    with pytest.raises(ValidationError) as error:
        domain.record_meeting(actor=None, organisation=tree.cb1a, kind="weekly", date=dt.date(1899, 12, 31),
                              topic="x" * 501, guests_count=-1)
    found = messages(error)
    assert len(found) == 4
    assert found[0] == vi("Kind: choose a regular monthly meeting or a thematic meeting.")
    assert found[1].startswith(vi("Date: %(error)s", error="")[:6])
    assert "31/12/1899" in found[1]
    assert not Meeting.objects.exists()


def test_a_user_of_another_subtree_may_not_record(tree):
    outsider = user_with_role("bi-thu", tree.cb1b)
    with pytest.raises(PermissionDenied):
        domain.record_meeting(actor=outsider, organisation=tree.cb1a, kind="regular", date=DAY)


def test_edit_and_cancel_audited_then_a_cancelled_meeting_no_longer_changes(tree):
    found = meeting(tree.cb1a, DAY)
    domain.update_meeting(actor=None, meeting=found, topic="Chuyên đề quý I", kind="thematic")
    found.refresh_from_db()
    assert (found.topic, found.kind) == ("Chuyên đề quý I", "thematic")
    entry = AuditEntry.objects.get(action="meeting.updated")
    assert (entry.data["old"]["topic"], entry.data["new"]["topic"]) == ("", "Chuyên đề quý I")
    domain.cancel_meeting(actor=None, meeting=found, on=dt.date(2024, 3, 13))
    with pytest.raises(StateConflict):
        domain.cancel_meeting(actor=None, meeting=found)
    with pytest.raises(StateConflict):
        domain.update_meeting(actor=None, meeting=found, topic="x")
    with pytest.raises(StateConflict):
        domain.record_meeting_attendance(actor=None, meeting=found, entries=[])


def test_the_date_of_a_meeting_with_attendance_does_not_change(tree):
    member_at(tree.cb1a)
    found = meeting(tree.cb1a, DAY)
    domain.record_meeting_attendance(actor=None, meeting=found, entries=[])
    with pytest.raises(ValidationError) as error:
        domain.update_meeting(actor=None, meeting=found, date=dt.date(2024, 3, 14))
    assert "12/3/2024" in messages(error)[0]


# ---------------------------------------------------------------- the expected set


def test_everyone_present_by_default_one_absent_with_reason(tree):
    a, b, c = member_at(tree.cb1a, "Lê Thị An"), member_at(tree.cb1a, "Phạm Văn Bình"), member_at(tree.cb1a, "Vũ Cường")
    found = meeting(tree.cb1a, DAY)
    domain.record_meeting_attendance(actor=None, meeting=found,
                                     entries=[{"member": b.pk, "status": "absent", "reason": "Ốm"}])
    rows = {r.person_id: (r.status, r.attended, r.reason, r.organisation_id)
            for r in MeetingAttendance.objects.filter(meeting=found)}
    assert rows == {a.person_id: ("present", True, "", tree.cb1a.pk),
                    b.person_id: ("absent", False, "Ốm", tree.cb1a.pk),
                    c.person_id: ("present", True, "", tree.cb1a.pk)}
    found.refresh_from_db()
    assert found.attendance_recorded_at is not None
    assert AuditEntry.objects.get(action="meeting.attendance_recorded").data["new"]["present"] == 2


def test_expected_set_follows_transfers_exemptions_and_temporary_attendance(tree):
    stays = member_at(tree.cb1a, "Ở Lại")
    moved = member_at(tree.cb1a, "Chuyển Đi")
    transfer = members_domain.send_transfer(actor=None, member=moved, kind=Membership.Kind.REGULAR,
                                            sent_on=dt.date(2024, 3, 1), to_organisation=tree.cb1b)
    members_domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2024, 3, 1))
    exempted = member_at(tree.cb1a, "Miễn Sinh Hoạt")
    members_domain.exempt(actor=None, member=exempted, valid_from=dt.date(2024, 1, 1), reason="Tuổi cao")
    away = member_at(tree.cb1a, "Tạm Thời Đi")
    sent = members_domain.send_transfer(actor=None, member=away, kind=Membership.Kind.TEMPORARY,
                                        sent_on=dt.date(2024, 2, 1), to_organisation=tree.cb1b)
    members_domain.receive_transfer(actor=None, transfer=sent, received_on=dt.date(2024, 2, 1))

    here = {e.member.pk: (e.expected, e.temporary) for e in domain.expected_attendees(tree.cb1a, DAY)}
    assert here == {stays.pk: (True, False), exempted.pk: (False, False)}
    there = {e.member.pk: (e.expected, e.temporary) for e in domain.expected_attendees(tree.cb1b, DAY)}
    assert there == {moved.pk: (True, False), away.pk: (True, True)}
    # Before the transfers, both were expected at the old chi bộ.
    before = {e.member.pk for e in domain.expected_attendees(tree.cb1a, dt.date(2024, 1, 15)) if e.expected}
    assert before == {stays.pk, moved.pk, away.pk}  # the temporary attendance began on 1/2

    found = meeting(tree.cb1b, DAY)
    domain.record_meeting_attendance(actor=None, meeting=found, entries=[])
    assert set(MeetingAttendance.objects.values_list("person_id", "organisation_id")) == {
        (moved.person_id, tree.cb1b.pk), (away.person_id, tree.cb1b.pk)}


# ---------------------------------------------------------------- bad input: each named, nothing written


@pytest.fixture
def cell(tree):
    members = [member_at(tree.cb1a, "Đỗ Văn Một"), member_at(tree.cb1a, "Đỗ Văn Hai")]
    outsider = member_at(tree.cb1b, "Người Ngoài")
    exempted = member_at(tree.cb1a, "Được Miễn")
    members_domain.exempt(actor=None, member=exempted, valid_from=dt.date(2024, 1, 1))
    return {"members": members, "outsider": outsider, "exempted": exempted, "meeting": meeting(tree.cb1a, DAY)}


def _refused(found, entries) -> list[str]:
    with pytest.raises(ValidationError) as error:
        domain.record_meeting_attendance(actor=None, meeting=found, entries=entries)
    assert not MeetingAttendance.objects.exists()
    found.refresh_from_db()
    assert found.attendance_recorded_at is None
    return messages(error)


def test_bad_attendance_rows_are_each_named_and_nothing_is_written(tree, cell):
    one, two = cell["members"]
    found = _refused(cell["meeting"], [
        {"member": one.pk, "status": "absent", "reason": "  "},
        {"member": cell["outsider"].pk},
        {"member": one.pk},
        {"member": cell["exempted"].pk},
        {"member": two.pk, "status": "late"},
        {"member": "x"},
        {"member": 987654},
    ])
    assert found == [
        vi("%(row)s, reason: %(member)s is absent; enter the reason.", row=vi("Row %(row)s", row=1),
           member="Đỗ Văn Một"),
        vi("%(row)s, member: %(member)s was not a member of %(org)s on %(day)s.", row=vi("Row %(row)s", row=2),
           member=vi("member no. %(id)s", id=cell["outsider"].pk), org=tree.cb1a.name, day="12/3/2024"),
        vi("%(row)s, member: %(member)s is already on row %(first)s; each member is recorded once.",
           row=vi("Row %(row)s", row=3), member="Đỗ Văn Một", first=1),
        vi("%(row)s, member: %(member)s was exempted from activities on %(day)s and is not expected.",
           row=vi("Row %(row)s", row=4), member="Được Miễn", day="12/3/2024"),
        vi("%(row)s, status: “%(status)s” is neither present nor absent.", row=vi("Row %(row)s", row=5),
           status="late"),
        vi("%(row)s, member: give the member's id.", row=vi("Row %(row)s", row=6)),
        vi("%(row)s, member: %(member)s was not a member of %(org)s on %(day)s.", row=vi("Row %(row)s", row=7),
           member=vi("member no. %(id)s", id=987654), org=tree.cb1a.name, day="12/3/2024"),
    ]


def test_a_meeting_in_the_future_gets_no_attendance(tree):
    member_at(tree.cb1a)
    found = meeting(tree.cb1a, dt.date.today() + dt.timedelta(days=20))
    with pytest.raises(ValidationError):
        domain.record_meeting_attendance(actor=None, meeting=found, entries=[])
    assert not MeetingAttendance.objects.exists()


def test_a_second_recording_replaces_the_first_and_a_stale_one_is_a_conflict(tree, cell):
    one, _two = cell["members"]
    found = cell["meeting"]
    domain.record_meeting_attendance(actor=None, meeting=found, entries=[], seen=None)
    first = Meeting.objects.get(pk=found.pk).attendance_recorded_at
    domain.record_meeting_attendance(actor=None, meeting=found, seen=first,
                                     entries=[{"member": one.pk, "status": "absent", "reason": "Công tác"}])
    assert MeetingAttendance.objects.filter(meeting=found).count() == 2
    assert MeetingAttendance.objects.filter(attended=False).count() == 1
    with pytest.raises(StateConflict):  # drawn from the first recording: someone recorded since
        domain.record_meeting_attendance(actor=None, meeting=found, entries=[], seen=first)
    assert MeetingAttendance.objects.filter(attended=False).count() == 1


# ---------------------------------------------------------------- the checklist


def test_answer_checklist_upserts_and_is_audited(tree):
    domain.answer_checklist(actor=None, organisation=tree.cb1a, year=2023, answers=[
        {"item": "hoc-tap-lam-theo-bac", "met": True}, {"item": "sinh-hoat-chuyen-de-quy", "met": False}])
    domain.answer_checklist(actor=None, organisation=tree.cb1a, year=2023, answers=[
        {"item": "sinh-hoat-chuyen-de-quy", "met": True, "note": "4 buổi"}])
    assert dict(ChecklistAnswer.objects.values_list("item__code", "met")) == {
        "hoc-tap-lam-theo-bac": True, "sinh-hoat-chuyen-de-quy": True}
    assert AuditEntry.objects.filter(action="meeting.checklist_answered").count() == 2


def test_bad_checklist_answers_are_named(tree):
    with pytest.raises(ValidationError) as error:
        domain.answer_checklist(actor=None, organisation=tree.db1, year=2017, answers=[
            {"item": "tu-phe-binh-kl21", "met": True}, {"item": "hoc-tap-lam-theo-bac", "met": "có"},
            {"item": "hoc-tap-lam-theo-bac", "met": True}])
    assert messages(error) == [
        vi("Chi bộ: %(org)s was not a chi bộ in %(year)s.", org=tree.db1.name, year=2017),
        vi("%(row)s, item: “%(code)s” is not a checklist item of %(year)s.", row=vi("Row %(row)s", row=1),
           code="tu-phe-binh-kl21", year=2017),
        vi("%(row)s, met: answer yes or no.", row=vi("Row %(row)s", row=2)),
        vi("%(row)s, item: “%(code)s” is already on row %(first)s.", row=vi("Row %(row)s", row=3),
           code="hoc-tap-lam-theo-bac", first=2),
    ]
    assert not ChecklistAnswer.objects.exists()
