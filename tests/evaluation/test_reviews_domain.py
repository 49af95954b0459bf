"""Self-criticism meetings (domain_reviews): recording within the review season, one per organisation and year (a
race on the constraint answers the same message), attendance bounded by the members, edits compare-and-set,
cancelling, shortcomings, and the follow-up at the next year's meeting with the carry-over. Every refusal names its
field and writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import override

from tests.evaluation.factories_reviews import followed, meeting, member_at, shortcoming
from tests.factories import make_org
from tests.helpers import vi
from xaydungdang.core.dates import today
from xaydungdang.core.models import AuditEntry
from xaydungdang.evaluation import domain_reviews as domain
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming

FollowUp = Shortcoming.FollowUp


def _state() -> list[Any]:
    return [list(model.objects.order_by("pk").values()) for model in (ReviewMeeting, Shortcoming, AuditEntry)]


def refused(call: Callable[[], object], kind: type[Exception] = ValidationError) -> dict[str, list[str]] | list[str]:
    """Run a call that must be refused; return its messages (English) by field, failing when anything was written."""
    before = _state()
    with override("en"), pytest.raises(kind) as info:
        call()
    assert _state() == before
    error = info.value
    if isinstance(error, ValidationError):
        return error.message_dict if hasattr(error, "error_dict") else error.messages
    return []


def test_recording_a_meeting_is_audited(tree):
    member_at(tree.cb1a)
    found = meeting(tree.cb1a, 2022, held_on=dt.date(2023, 1, 10), attended=1, summary="  Biên bản  ")
    assert (found.year, found.held_on, found.attended, found.summary) == (2022, dt.date(2023, 1, 10), 1, "Biên bản")
    entry = AuditEntry.objects.get(action="evaluation.review.recorded")
    assert (entry.organisation, entry.object_id, entry.data["new"]["year"]) == (tree.cb1a, str(found.pk), 2022)


@pytest.mark.parametrize(("held_on", "accepted"), [
    (dt.date(2022, 11, 30), False), (dt.date(2022, 12, 1), True),
    (dt.date(2023, 3, 31), True), (dt.date(2023, 4, 1), False)])
def test_the_meeting_is_held_from_december_to_march(tree, held_on, accepted):
    if accepted:
        assert meeting(tree.cb1a, 2022, held_on=held_on).held_on == held_on
        return
    errors = refused(lambda: meeting(tree.cb1a, 2022, held_on=held_on))
    assert errors == {"held_on": [f"Held on: the meeting reviewing 2022 is held from 1/12/2022 to 31/3/2023, not on "
                                  f"{held_on.day}/{held_on.month}/{held_on.year}."]}


def test_a_meeting_in_the_future_is_refused(tree):
    tomorrow = today() + dt.timedelta(days=1)
    errors = refused(lambda: meeting(tree.cb1a, domain.season_year(tomorrow), held_on=tomorrow))
    assert list(errors) == ["held_on"] and "is in the future" in errors["held_on"][0]  # type: ignore[index]


def test_the_organisation_must_exist_on_the_day(tree):
    late = make_org("chi-bo-truc-thuoc", tree.db1, code="LATE", on=dt.date(2023, 2, 1))
    errors = refused(lambda: meeting(late, 2022, held_on=dt.date(2023, 1, 31)))
    assert errors == {"organisation": [f"Organisation: {late.name} did not exist on 31/1/2023."]}
    assert meeting(late, 2022, held_on=dt.date(2023, 2, 1)).organisation == late


def test_attendance_is_at_most_the_members_of_the_day(tree):
    member_at(tree.cb1a)
    member_at(tree.cb1b)  # db1's meeting counts its chi bộ's members
    errors = refused(lambda: meeting(tree.cb1a, 2022, attended=2))
    assert errors == {"attended": [f"Members attending: 2 is more than the 1 members {tree.cb1a.name} had on "
                                   f"10/1/2023."]}
    assert meeting(tree.db1, 2022, attended=2).attended == 2
    assert refused(lambda: meeting(tree.cb1b, 2022, attended=-1)) == {
        "attended": ["Members attending: enter a number, 0 or more."]}


def test_one_meeting_per_organisation_and_year(tree):
    meeting(tree.cb1a, 2022)
    message = f"Year reviewed: {tree.cb1a.name} has already recorded its self-criticism meeting for 2022; edit that " \
              f"one or cancel it first."
    assert refused(lambda: meeting(tree.cb1a, 2022, held_on=dt.date(2023, 2, 1))) == {"year": [message]}
    assert meeting(tree.cb1a, 2021).year == 2021


def test_a_race_on_the_constraint_answers_the_same_message(tree):
    with mock.patch.object(ReviewMeeting.objects, "create", side_effect=IntegrityError("dup")):
        errors = refused(lambda: meeting(tree.cb1a, 2022))
    assert errors == {"year": [f"Year reviewed: {tree.cb1a.name} has already recorded its self-criticism meeting "
                               f"for 2022; edit that one or cancel it first."]}


def test_a_user_outside_the_organisation_is_refused(tree, users):
    refused(lambda: domain.record_meeting(actor=users.cell_secretary, organisation=tree.cb2a, year=2022,
                                          held_on=dt.date(2023, 1, 10)), PermissionDenied)
    found = domain.record_meeting(actor=users.cell_secretary, organisation=tree.cb1a, year=2022,
                                  held_on=dt.date(2023, 1, 10))
    assert AuditEntry.objects.get(action="evaluation.review.recorded").actor == users.cell_secretary
    assert found.created_by == users.cell_secretary


def test_editing_is_compare_and_set_and_audits_the_changes(tree):
    found = meeting(tree.cb1a, 2022)
    seen = found.updated_at
    domain.update_meeting(actor=None, meeting=found, seen=seen, summary="Đã sửa")
    entry = AuditEntry.objects.get(action="evaluation.review.updated")
    assert (entry.data["old"], entry.data["new"]) == ({"summary": ""}, {"summary": "Đã sửa"})
    stale = ReviewMeeting.objects.get(pk=found.pk)
    messages = refused(lambda: domain.update_meeting(actor=None, meeting=stale, seen=seen, summary="Lần hai"),
                       domain.ChangedMeanwhile)
    assert messages == ["This record was changed by someone else after you opened it; nothing was recorded. Open "
                        "it again to see the change."]
    assert refused(lambda: domain.update_meeting(actor=None, meeting=stale, held_on=dt.date(2023, 4, 1)))


def test_cancelling_keeps_the_row_and_frees_the_year(tree):
    found = meeting(tree.cb1a, 2022)
    shortcoming(found)
    domain.cancel_meeting(actor=None, meeting=found, on=dt.date(2023, 1, 20))
    assert ReviewMeeting.objects.get(pk=found.pk).cancelled_on == dt.date(2023, 1, 20)
    assert refused(lambda: domain.cancel_meeting(actor=None, meeting=found), domain.StateConflict) == [
        "This meeting was cancelled on 20/1/2023: it can no longer be changed."]
    assert refused(lambda: shortcoming(found), domain.StateConflict)
    assert meeting(tree.cb1a, 2022, held_on=dt.date(2023, 1, 25)).year == 2022


def test_shortcoming_refusals_name_the_field(tree):
    found = meeting(tree.cb1a, 2022)
    assert refused(lambda: domain.add_shortcoming(actor=None, meeting=found, content=" ", remedy="")) == {
        "content": ["Shortcoming: say what the shortcoming is."],
        "remedy": ["Remedial plan: say how the shortcoming will be remedied."]}
    assert refused(lambda: shortcoming(found, due_on=dt.date(2023, 1, 9))) == {
        "due_on": ["Remedy due: 9/1/2023 is before the meeting (10/1/2023)."]}
    item = shortcoming(found, due_on=dt.date(2023, 1, 10), responsible="  Chi   ủy ")
    assert (item.due_on, item.responsible, item.status) == (dt.date(2023, 1, 10), "Chi ủy", FollowUp.OPEN)
    assert AuditEntry.objects.filter(action="evaluation.shortcoming.added").count() == 1


def test_the_follow_up_flow_across_two_years(tree):
    first = meeting(tree.cb1a, 2022)
    late = shortcoming(first, "Chậm nộp đảng phí", due_on=dt.date(2023, 6, 30))
    weak = shortcoming(first, "Nội dung sinh hoạt đơn điệu", remedy="Sinh hoạt chuyên đề")
    assert refused(lambda: followed(late)) == {"followed_up_at": [
        f"Followed up at: {tree.cb1a.name} has not recorded its meeting reviewing 2023; record it first, then follow "
        f"the shortcoming up there."]}
    meeting(tree.cb1b, 2023)  # another organisation's meeting is not where it is followed up
    assert refused(lambda: followed(late)) == {"followed_up_at": [
        f"Followed up at: {tree.cb1a.name} has not recorded its meeting reviewing 2023; record it first, then follow "
        f"the shortcoming up there."]}
    second = meeting(tree.cb1a, 2023)
    followed(late, FollowUp.REMEDIED, note="")
    late.refresh_from_db()
    assert (late.status, late.followed_up_at, late.follow_up_note) == (FollowUp.REMEDIED, second, "")
    assert refused(lambda: followed(weak, FollowUp.NOT_REMEDIED, note="")) == {
        "follow_up_note": ["Follow-up note: say what is left to remedy."]}
    assert refused(lambda: followed(late, FollowUp.PARTLY), domain.StateConflict) == [
        "This shortcoming was already followed up (“Remedied”) at the meeting reviewing 2023."]
    followed(weak, FollowUp.NOT_REMEDIED, note="Vẫn còn", carry_over=True, due_on=dt.date(2024, 6, 30))
    carried = second.shortcomings.get()
    assert (carried.content, carried.remedy, carried.due_on, carried.status) == (
        vi("Carried over from the meeting reviewing %(year)s: %(content)s", year=2022,
           content="Nội dung sinh hoạt đơn điệu"), "Sinh hoạt chuyên đề", dt.date(2024, 6, 30), FollowUp.OPEN)
    actions = list(AuditEntry.objects.filter(action__startswith="evaluation.shortcoming.").order_by("pk")
                   .values_list("action", flat=True))
    assert actions[-3:] == ["evaluation.shortcoming.followed_up", "evaluation.shortcoming.followed_up",
                            "evaluation.shortcoming.added"]


def test_a_remedied_shortcoming_is_not_carried_over_and_the_status_is_checked(tree):
    item = shortcoming(meeting(tree.cb1a, 2022))
    meeting(tree.cb1a, 2023)
    assert refused(lambda: followed(item, FollowUp.REMEDIED, carry_over=True)) == {
        "carry_over": ["Carry over: only a shortcoming not fully remedied is carried over."]}
    assert refused(lambda: followed(item, FollowUp.OPEN)) == {
        "status": ["Follow-up: choose remedied, partly remedied or not remedied."]}
    assert refused(lambda: followed(item, FollowUp.PARTLY, carry_over=True, due_on=dt.date(2023, 1, 1))) == {
        "due_on": ["Remedy due: 1/1/2023 is before the meeting (10/1/2024)."]}


def test_a_stale_follow_up_is_a_conflict(tree):
    item = shortcoming(meeting(tree.cb1a, 2022))
    meeting(tree.cb1a, 2023)
    seen = item.updated_at
    domain.update_shortcoming(actor=None, shortcoming=item, remedy="Kế hoạch mới")
    stale = Shortcoming.objects.get(pk=item.pk)
    refused(lambda: followed(stale, seen=seen), domain.ChangedMeanwhile)
    followed(stale, seen=stale.updated_at)
    assert refused(lambda: domain.update_shortcoming(actor=None, shortcoming=stale, remedy="X"), domain.StateConflict)


def test_a_meeting_with_follow_ups_is_not_cancelled(tree):
    first = meeting(tree.cb1a, 2022)
    item = shortcoming(first)
    second = meeting(tree.cb1a, 2023)
    followed(item)
    assert refused(lambda: domain.cancel_meeting(actor=None, meeting=second)) == {"follow_ups": [
        "Follow-ups: 1 shortcomings of the previous year's meeting were followed up at this meeting; a meeting with "
        "follow-ups cannot be cancelled."]}
    assert refused(lambda: domain.cancel_meeting(actor=None, meeting=first)) == {"follow_ups": [
        "Follow-ups: 1 shortcomings of this meeting were already followed up at the next year's meeting; a meeting "
        "with follow-ups cannot be cancelled."]}
