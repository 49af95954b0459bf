"""Briefings and opinions, the writes: bad input named by field with nothing written, the raiser's identity only with
both flags, a second answer refused (compare-and-set), dates in the future, deadlines before the raising day,
assignment to a responsible body, audit entries (the identity never in clear)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.feedback.factories_opinions import briefing, opinion, source, topic
from xaydungdang.core.audit import MASK
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.feedback import domain_opinions as domain
from xaydungdang.feedback.models import Briefing, Opinion

DAY = dt.date(2024, 3, 12)


def fields(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(error.value.message_dict)


def _record(tree, **values):
    held = values.pop("briefing", None) or briefing(tree.district, DAY)
    base = {"kind": "petition", "topic": topic(), "source_group": source(), "content": "Đường liên xã xuống cấp"}
    return domain.record_opinion(actor=None, briefing=held, **{**base, **values})


def test_a_briefing_is_recorded_with_its_participants_and_audited(tree, users):
    made = domain.record_briefing(actor=users.district_office, organisation=tree.district, date=DAY,
                                  title="Giao ban tháng 3", chaired_by="Đ/c Bí thư", participants=[tree.db1, tree.db2],
                                  participants_count=42, summary="Tình hình tư tưởng")
    assert sorted(made.participants.values_list("code", flat=True)) == ["DB1", "DB2"]
    entry = AuditEntry.objects.get(action="feedback.briefing.recorded")
    assert entry.data["new"]["participants"] == ["DB1", "DB2"] and entry.organisation == tree.district


def test_a_briefing_refuses_bad_input_naming_the_field_and_writes_nothing(tree, users):
    with pytest.raises(ValidationError) as error:
        domain.record_briefing(actor=None, organisation=tree.district, date=dt.date.today() + dt.timedelta(days=3),
                               participants=[tree.db3], participants_count=-1)
    assert fields(error) == {"date", "participants_count"}
    with pytest.raises(ValidationError) as error:
        domain.record_briefing(actor=None, organisation=tree.district, date=DAY, participants=[tree.db3])
    assert fields(error) == {"participants"}
    assert Briefing.objects.count() == 0 and not AuditEntry.objects.filter(action__startswith="feedback.").exists()


def test_a_user_outside_the_committee_may_not_record_its_briefing(tree, users):
    with pytest.raises(PermissionDenied):
        domain.record_briefing(actor=users.cell_secretary, organisation=tree.district, date=DAY)


def test_an_opinion_at_a_briefing_takes_its_committee_and_day(tree):
    made = _record(tree)
    assert (made.organisation, made.raised_on, made.raiser_name) == (tree.district, DAY, "")


def test_an_opinion_received_outside_a_briefing_names_its_organisation_and_day(tree):
    made = domain.record_opinion(actor=None, organisation=tree.db1, raised_on=DAY, topic=topic(),
                                 source_group=source(), content="Thư gửi Đảng ủy")
    assert (made.briefing, made.organisation, made.raised_on) == (None, tree.db1, DAY)


@pytest.mark.parametrize("flags", [{}, {"wants_answer": True}, {"consents": True}])
def test_the_raisers_name_needs_both_the_wish_for_an_answer_and_consent(tree, flags):
    with pytest.raises(ValidationError) as error:
        _record(tree, raiser_name="Nguyễn Văn A", raiser_contact="0912 345 678", **flags)
    assert fields(error) == {"raiser_name", "raiser_contact"}
    assert Opinion.objects.count() == 0


def test_with_both_flags_the_name_is_kept_and_the_audit_masks_it(tree):
    made = _record(tree, wants_answer=True, consents=True, raiser_name="Nguyễn Văn A", raiser_contact="0912 345 678")
    assert (made.raiser_name, made.raiser_contact) == ("Nguyễn Văn A", "0912 345 678")
    entry = AuditEntry.objects.get(action="feedback.opinion.recorded")
    assert entry.data["new"]["raiser_name"] == MASK and "Nguyễn Văn A" not in str(entry.data)
    assert "0912" not in str(entry.data)


def test_an_opinion_refuses_bad_input_naming_each_field(tree):
    with pytest.raises(ValidationError) as error:
        domain.record_opinion(actor=None, organisation=tree.db1, raised_on=dt.date.today() + dt.timedelta(days=1),
                              kind="rumour", topic=None, source_group=None, content="  ")
    assert fields(error) == {"raised_on", "kind", "topic", "source_group", "content"}
    assert Opinion.objects.count() == 0


def test_a_deadline_before_the_raising_day_is_refused(tree):
    with pytest.raises(ValidationError) as error:
        _record(tree, assigned_to=tree.db1, assigned_on=DAY, due_on=DAY - dt.timedelta(days=1))
    assert fields(error) == {"due_on"}
    assert "12/3/2024" in " ".join(error.value.message_dict["due_on"])
    assert Opinion.objects.count() == 0


def test_an_assignment_goes_to_the_subtree_or_above_never_aside(tree):
    made = _record(tree)
    with pytest.raises(ValidationError) as error:
        domain.assign_opinion(actor=None, opinion=made, assigned_to=tree.db3, assigned_on=DAY, due_on=DAY)
    assert fields(error) == {"assigned_to"}
    with pytest.raises(ValidationError) as error:
        domain.assign_opinion(actor=None, opinion=made, assigned_to=tree.db1, assigned_to_name="UBND xã",
                              assigned_on=DAY, due_on=DAY)
    assert fields(error) == {"assigned_to"}
    domain.assign_opinion(actor=None, opinion=made, assigned_to=tree.province, assigned_on=DAY, due_on=DAY)
    domain.assign_opinion(actor=None, opinion=made, assigned_to_name="UBND huyện", assigned_on=DAY,
                          due_on=dt.date(2024, 4, 12))
    made.refresh_from_db()
    assert (made.assigned_to, made.assigned_to_name, made.due_on) == (None, "UBND huyện", dt.date(2024, 4, 12))
    assert AuditEntry.objects.filter(action="feedback.opinion.assigned").count() == 2


def test_an_answer_before_the_opinion_or_in_the_future_is_refused_and_nothing_written(tree):
    made = _record(tree, assigned_to=tree.db1, assigned_on=DAY, due_on=dt.date(2024, 4, 12))
    for day in (DAY - dt.timedelta(days=1), dt.date.today() + dt.timedelta(days=2)):
        with pytest.raises(ValidationError) as error:
            domain.answer_opinion(actor=None, opinion=made, answer="Đã xử lý", answered_on=day)
        assert fields(error) == {"answered_on"}
    with pytest.raises(ValidationError) as error:
        domain.answer_opinion(actor=None, opinion=made, answer=" ", answered_on=DAY)
    assert fields(error) == {"answer"}
    made.refresh_from_db()
    assert made.answered_on is None and not AuditEntry.objects.filter(action="feedback.opinion.answered").exists()


def test_an_opinion_is_answered_once(tree, users):
    made = _record(tree, assigned_to=tree.db1, assigned_on=DAY, due_on=dt.date(2024, 4, 12))
    seen = made.updated_at
    domain.answer_opinion(actor=users.grassroots_secretary, opinion=made, answer="Đã sửa đường",
                          answered_on=dt.date(2024, 4, 1), seen=seen)
    made.refresh_from_db()
    assert (made.answered_on, made.answered_by_name, made.answered_by) == (
        dt.date(2024, 4, 1), "Tổ chức DB1", users.grassroots_secretary)
    with pytest.raises(StateConflict):
        domain.answer_opinion(actor=None, opinion=made, answer="Lần hai", answered_on=dt.date(2024, 4, 2))
    made.refresh_from_db()
    assert made.answer == "Đã sửa đường"
    assert AuditEntry.objects.filter(action="feedback.opinion.answered").count() == 1


def test_a_stale_answer_form_is_refused(tree):
    made = _record(tree)
    seen = made.updated_at
    domain.assign_opinion(actor=None, opinion=made, assigned_to=tree.db1, assigned_on=DAY, due_on=DAY)
    with pytest.raises(StateConflict):
        domain.answer_opinion(actor=None, opinion=made, answer="Trả lời", answered_on=DAY, seen=seen)


def test_the_assignee_answers_but_does_not_edit(tree, users):
    made = _record(tree, assigned_to=tree.db1, assigned_on=DAY, due_on=DAY)
    with pytest.raises(PermissionDenied):
        domain.update_opinion(actor=users.grassroots_secretary, opinion=made, content="Sửa")
    with pytest.raises(PermissionDenied):
        domain.answer_opinion(actor=users.cell_secretary, opinion=made, answer="x", answered_on=DAY)
    domain.answer_opinion(actor=users.grassroots_secretary, opinion=made, answer="Đã xử lý", answered_on=DAY)


def test_cancelling(tree):
    made = _record(tree)
    with pytest.raises(StateConflict):
        domain.cancel_briefing(actor=None, briefing=made.briefing)
    domain.cancel_opinion(actor=None, opinion=made)
    with pytest.raises(StateConflict):
        domain.cancel_opinion(actor=None, opinion=made)
    with pytest.raises(StateConflict):
        domain.answer_opinion(actor=None, opinion=made, answer="x", answered_on=DAY)
    domain.cancel_briefing(actor=None, briefing=made.briefing)
    with pytest.raises(ValidationError) as error:
        _record(tree, briefing=made.briefing)
    assert fields(error) == {"briefing"}
    assert AuditEntry.objects.filter(action__in=["feedback.opinion.cancelled",
                                                 "feedback.briefing.cancelled"]).count() == 2


def test_withdrawn_consent_needs_the_name_cleared(tree):
    made = _record(tree, wants_answer=True, consents=True, raiser_name="Nguyễn Văn A")
    with pytest.raises(ValidationError) as error:
        domain.update_opinion(actor=None, opinion=made, consents=False)
    assert fields(error) == {"raiser_name"}
    domain.update_opinion(actor=None, opinion=made, consents=False, raiser_name="")
    made.refresh_from_db()
    assert (made.consents, made.raiser_name) == (False, "")


def test_a_briefings_date_does_not_change_once_opinions_were_raised(tree):
    made = _record(tree)
    with pytest.raises(ValidationError) as error:
        domain.update_briefing(actor=None, briefing=made.briefing, date=DAY - dt.timedelta(days=1))
    assert fields(error) == {"date"}
    domain.update_briefing(actor=None, briefing=made.briefing, title="Giao ban quý I")
    assert AuditEntry.objects.filter(action="feedback.briefing.updated").count() == 1


def test_the_direct_factory_is_consistent(tree):
    assert opinion(tree.db1, DAY).raiser_name == ""
