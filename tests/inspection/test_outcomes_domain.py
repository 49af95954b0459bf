"""domain_outcomes: each refusal names its field (in Vietnamese) and writes nothing (no row, no audit entry); both
sides of every date boundary; the states a step starts from (409); audit entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import user_with_role
from tests.inspection.factories_outcomes import (
    CONCLUDED,
    STARTS,
    follow,
    make_decision,
    make_inspection,
    make_member,
    make_plan,
    make_recommendation,
    make_team,
)
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.dates import today
from xaydungdang.core.models import AuditEntry
from xaydungdang.inspection import domain_outcomes as domain
from xaydungdang.inspection.models import DisciplinaryDecision, InspectionRecommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(tree):
    return make_inspection(make_team(make_plan(tree.district)), tree.db1, concluded_on=CONCLUDED)


def _refused(call, field: str, words: str) -> None:
    recs, decisions, audits = (InspectionRecommendation.objects.count(), DisciplinaryDecision.objects.count(),
                               AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        call()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert any(words in m for m in caught.value.message_dict[field]), caught.value.message_dict
    assert (InspectionRecommendation.objects.count(), DisciplinaryDecision.objects.count(),
            AuditEntry.objects.count()) == (recs, decisions, audits)


# ---------------------------------------------------------------- recommendations


def test_a_recommendation_is_recorded_and_audited(tree, inspection):
    rec = make_recommendation(inspection, due_on=CONCLUDED, addressee=tree.cb1a)
    assert (rec.status, rec.addressee, rec.due_on) == ("open", tree.cb1a, CONCLUDED)
    entry = AuditEntry.objects.get(action="inspection.recommendation.made")
    assert entry.data["new"]["addressee"] == "CB1A"


def test_deadline_not_before_the_conclusion(inspection):
    _refused(lambda: make_recommendation(inspection, due_on=CONCLUDED - dt.timedelta(days=1)), "due_on",
             "Thời hạn")


def test_deadline_of_an_inspection_not_concluded_counts_from_its_start(tree):
    open_one = make_inspection(make_team(make_plan(tree.district)), tree.db1)
    assert make_recommendation(open_one, due_on=STARTS).due_on == STARTS
    _refused(lambda: make_recommendation(open_one, due_on=STARTS - dt.timedelta(days=1)), "due_on", "Thời hạn")


def test_empty_content_and_missing_deadline_are_refused(inspection):
    _refused(lambda: domain.make_recommendation(actor=None, inspection=inspection, content="  ", due_on=CONCLUDED),
             "content", "Kiến nghị")
    _refused(lambda: domain.make_recommendation(actor=None, inspection=inspection, content="x", due_on=None),
             "due_on", "Thời hạn")


def test_an_addressee_outside_the_inspected_organisation_is_refused(tree, inspection):
    _refused(lambda: make_recommendation(inspection, addressee=tree.db2), "addressee", "Gửi đến")
    assert make_recommendation(inspection, addressee=tree.district).addressee == tree.district  # the committee


def test_a_cancelled_inspection_takes_no_recommendation(tree, inspection):
    inspection.cancelled_on = CONCLUDED
    inspection.save()
    _refused(lambda: make_recommendation(inspection), "inspection", "đã hủy")


def test_a_user_who_may_not_write_the_committee_is_refused(tree, users, inspection):
    with pytest.raises(PermissionDenied):
        domain.make_recommendation(actor=users.grassroots_secretary, inspection=inspection, content="x",
                                   due_on=CONCLUDED)
    assert InspectionRecommendation.objects.count() == 0


def test_follow_up_dates_both_sides(inspection):
    rec = make_recommendation(inspection)
    _refused(lambda: follow(rec, CONCLUDED - dt.timedelta(days=1)), "followed_up_on", "trước")
    _refused(lambda: follow(rec, today() + dt.timedelta(days=1)), "followed_up_on", "tương lai")
    assert follow(rec, CONCLUDED).status == "done"


def test_not_done_needs_a_note_and_can_be_followed_up_again(inspection):
    rec = make_recommendation(inspection)
    _refused(lambda: follow(rec, CONCLUDED, status="not_done", note=""), "follow_up_note", "Ghi chú")
    follow(rec, dt.date(2023, 7, 1), status="not_done", note="Chưa làm.")
    _refused(lambda: follow(rec, dt.date(2023, 6, 30)), "followed_up_on", "lần theo dõi trước")
    follow(rec, dt.date(2023, 7, 1))
    with pytest.raises(StateConflict):
        follow(rec, dt.date(2023, 7, 2))
    assert AuditEntry.objects.filter(action="inspection.recommendation.followed_up").count() == 2


def test_follow_up_of_a_changed_version_is_a_conflict(inspection):
    rec = make_recommendation(inspection)
    seen = rec.updated_at - dt.timedelta(seconds=1)
    with pytest.raises(StateConflict):
        domain.follow_up(actor=None, recommendation=rec, status="done", on=CONCLUDED, seen=seen)
    rec.refresh_from_db()
    assert rec.status == "open"


def test_cancel_once(inspection):
    rec = make_recommendation(inspection)
    domain.cancel_recommendation(actor=None, recommendation=rec)
    with pytest.raises(StateConflict):
        domain.cancel_recommendation(actor=None, recommendation=rec)
    with pytest.raises(StateConflict):
        follow(rec, CONCLUDED)
    assert InspectionRecommendation.objects.filter(pk=rec.pk, cancelled_on=today()).exists()


# ---------------------------------------------------------------- decisions


def test_a_decision_about_a_member_is_placed_at_the_unit(tree):
    member = make_member(tree.cb1a)
    found = make_decision(tree.district, member, form="expulsion")
    assert (found.organisation, found.decided_by) == (tree.cb1a, tree.district)
    entry = AuditEntry.objects.get(action="inspection.decision.recorded")
    assert entry.data["new"]["member"] == member.pk and "reason" not in entry.data["new"]


@pytest.mark.parametrize("form", ["dissolution"])
def test_a_form_that_does_not_fit_a_member_is_refused(tree, form):
    member = make_member(tree.cb1a)
    _refused(lambda: make_decision(tree.district, member, form=form), "form", "kỷ luật đảng viên")


@pytest.mark.parametrize("form", ["dismissal", "expulsion"])
def test_a_form_that_does_not_fit_an_organisation_is_refused(tree, form):
    _refused(lambda: make_decision(tree.district, tree.db1, form=form), "form", "kỷ luật tổ chức đảng")


def test_the_subject_must_lie_under_the_committee(tree):
    _refused(lambda: make_decision(tree.db1, tree.db2), "subject_organisation", "không trực thuộc")
    _refused(lambda: make_decision(tree.db1, tree.db1), "subject_organisation", "không trực thuộc")  # not itself
    outsider = make_member(tree.cb2a)
    _refused(lambda: make_decision(tree.db1, outsider), "member", "không sinh hoạt")
    assert make_decision(tree.db1, tree.cb1a).organisation == tree.cb1a


def test_a_member_not_yet_in_the_party_on_the_date_is_refused(tree):
    member = make_member(tree.cb1a)
    _refused(lambda: make_decision(tree.district, member, decided_on=dt.date(2014, 12, 31)), "member",
             "không sinh hoạt")


def test_decision_dates_and_subjects(tree):
    _refused(lambda: make_decision(tree.district, tree.db1, decided_on=today() + dt.timedelta(days=1)),
             "decided_on", "tương lai")
    assert make_decision(tree.district, tree.db1, decided_on=today()).decided_on == today()
    _refused(lambda: domain.record_decision(actor=None, decided_by=tree.district, form="warning", decision="",
                                            decided_on=dt.date(2023, 1, 1), subject_organisation=tree.db1),
             "decision", "Quyết định")
    _refused(lambda: domain.record_decision(actor=None, decided_by=tree.district, form="warning", decision="QĐ 1",
                                            decided_on=dt.date(2023, 1, 1)), "subject", "một trong hai")


def test_the_office_does_not_record_a_decision_about_a_member(tree, users):
    member = make_member(tree.cb1a)
    _refused(lambda: domain.record_decision(actor=users.district_office, decided_by=tree.district, form="warning",
                                            decision="QĐ 1", decided_on=dt.date(2023, 1, 1), member=member),
             "member", "ủy ban kiểm tra")
    committee = user_with_role("uy-ban-kiem-tra", tree.district, "ubkt")
    assert domain.record_decision(actor=committee, decided_by=tree.district, form="warning", decision="QĐ 1",
                                  decided_on=dt.date(2023, 1, 1), member=member).member == member


def test_the_inspection_followed_began_before_the_decision(tree, inspection):
    _refused(lambda: make_decision(tree.district, tree.db1, decided_on=STARTS - dt.timedelta(days=1),
                                   inspection=inspection), "inspection", "bắt đầu")
    assert make_decision(tree.district, tree.db1, decided_on=STARTS, inspection=inspection).inspection == inspection


def test_cancel_a_decision_once(tree):
    found = make_decision(tree.district, tree.db1)
    domain.cancel_decision(actor=None, decision=found)
    with pytest.raises(StateConflict):
        domain.cancel_decision(actor=None, decision=found)
    assert DisciplinaryDecision.objects.filter(pk=found.pk, cancelled_on=today()).exists()
    assert AuditEntry.objects.filter(action="inspection.decision.cancelled").count() == 1
