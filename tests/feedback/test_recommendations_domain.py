"""Writes of recommendations upward and communication counts: the rules, the messages naming the field, nothing
written on a refusal, the audit entries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.feedback.factories_recommendations import SENT_ON, answer, make_recommendation, record_month
from tests.helpers import vi
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.feedback import domain_recommendations as domain
from xaydungdang.feedback.models import CommunicationCount, Recommendation

pytestmark = pytest.mark.django_db


def _refused(call, field: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    assert field in caught.value.message_dict, caught.value.message_dict
    return caught.value.message_dict[field]


def test_send_records_the_recommendation_and_one_audit_entry(tree):
    found = make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 4, 10))
    assert (found.organisation, found.to_organisation, found.sent_on, found.due_on) == (
        tree.db1, tree.district, SENT_ON, dt.date(2023, 4, 10))
    entry = AuditEntry.objects.get(action="feedback.recommendation.sent")
    assert entry.data["new"]["to_organisation"] == "D"
    assert entry.organisation == tree.db1


def test_send_to_a_body_outside_the_tree_by_name(tree):
    found = make_recommendation(tree.district, "Ban Tuyên giáo Trung ương")
    assert (found.to_organisation, found.to_name) == (None, "Ban Tuyên giáo Trung ương")


def test_recipient_not_above_the_sender_is_refused_and_nothing_written(tree):
    messages = _refused(lambda: make_recommendation(tree.cb1a, tree.db3), "to_organisation")
    assert messages == [vi("Sent to: %(to)s was not above %(org)s on %(day)s; a recommendation goes up to a "
                           "committee above the sender.", to=tree.db3.name, org=tree.cb1a.name, day="10/3/2023")]
    _refused(lambda: make_recommendation(tree.db1, tree.cb1a), "to_organisation")  # below, not above
    _refused(lambda: make_recommendation(tree.db1, tree.db1), "to_organisation")  # itself
    assert Recommendation.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="feedback.").exists()


def test_recipient_above_follows_the_tree_of_the_sending_date(restructured_tree):
    tree = restructured_tree
    commune1 = tree.db1.versions.get(valid_to__isnull=True).parent  # X1 since 1/7/2025
    assert commune1.code == "X1"
    make_recommendation(tree.db1, tree.district, sent_on=dt.date(2024, 5, 2))
    make_recommendation(tree.db1, commune1, sent_on=dt.date(2025, 8, 1))
    make_recommendation(tree.db1, tree.province, sent_on=dt.date(2025, 8, 1))
    _refused(lambda: make_recommendation(tree.db1, tree.district, sent_on=dt.date(2025, 8, 1)), "to_organisation")
    _refused(lambda: make_recommendation(tree.db1, commune1, sent_on=dt.date(2024, 5, 2)), "to_organisation")
    assert Recommendation.objects.count() == 3


def test_both_or_neither_recipient_is_refused(tree):
    _refused(lambda: domain.send_recommendation(actor=None, organisation=tree.db1, sent_on=SENT_ON, subject="a",
                                                content="b"), "to_organisation")
    _refused(lambda: make_recommendation(tree.db1, tree.district, to_name="Ban Tuyên giáo Trung ương"),
             "to_organisation")


def test_bad_dates_are_refused_naming_the_field(tree, monkeypatch):
    monkeypatch.setattr(domain, "today", lambda: dt.date(2023, 6, 1))
    assert _refused(lambda: make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 3, 9)), "due_on") == [
        vi("Answer expected by: %(due)s is before the sending date %(sent)s.", due="9/3/2023", sent="10/3/2023")]
    assert _refused(lambda: make_recommendation(tree.db1, tree.district, sent_on=dt.date(2023, 6, 2)),
                    "sent_on") == [vi("Sent on: %(day)s is in the future.", day="2/6/2023")]
    make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 12, 31))  # an expected date ahead is fine
    assert Recommendation.objects.count() == 1


def test_sender_that_did_not_exist_on_the_sending_date(restructured_tree):
    _refused(lambda: make_recommendation(restructured_tree.district, restructured_tree.province,
                                         sent_on=dt.date(2025, 8, 1)), "organisation")


def test_answer_once_then_409(tree):
    found = make_recommendation(tree.db1, tree.district)
    answer(found, dt.date(2023, 4, 2))
    found.refresh_from_db()
    assert (found.answered_on, found.answer) == (dt.date(2023, 4, 2), "Tiếp thu, sẽ có văn bản hướng dẫn.")
    entry = AuditEntry.objects.get(action="feedback.recommendation.answered")
    assert entry.data["old"] == {"answer": "", "answered_on": None}
    with pytest.raises(StateConflict):
        answer(found, dt.date(2023, 4, 3), "Lần hai")
    found.refresh_from_db()
    assert found.answer == "Tiếp thu, sẽ có văn bản hướng dẫn."


def test_answer_before_the_sending_date_or_in_the_future_is_refused(tree, monkeypatch):
    monkeypatch.setattr(domain, "today", lambda: dt.date(2023, 6, 1))
    found = make_recommendation(tree.db1, tree.district)
    assert _refused(lambda: answer(found, dt.date(2023, 3, 9)), "answered_on") == [
        vi("Answered on: %(day)s is before the sending date %(sent)s.", day="9/3/2023", sent="10/3/2023")]
    _refused(lambda: answer(found, dt.date(2023, 6, 2)), "answered_on")
    _refused(lambda: answer(found, dt.date(2023, 4, 1), "  "), "answer")
    found.refresh_from_db()
    assert (found.answered_on, found.answer) == (None, "")


def test_who_answers_the_sender_or_the_recipient_office(tree, users):
    found = make_recommendation(tree.db1, tree.district)
    assert domain.may_answer(users.grassroots_secretary, found) is True  # the sender's office
    assert domain.may_answer(users.district_office, found) is True  # the recipient
    assert domain.may_answer(users.cell_secretary, found) is False  # below the sender
    with pytest.raises(PermissionDenied):
        domain.answer_recommendation(actor=users.cell_secretary, recommendation=found, answer="x",
                                     answered_on=dt.date(2023, 4, 1))
    domain.answer_recommendation(actor=users.district_office, recommendation=found, answer="Đồng ý",
                                 answered_on=dt.date(2023, 4, 1))


def test_withdraw_then_no_answer_and_no_second_withdrawal(tree):
    found = make_recommendation(tree.db1, tree.district)
    domain.withdraw_recommendation(actor=None, recommendation=found, on=dt.date(2023, 3, 20))
    assert AuditEntry.objects.get(action="feedback.recommendation.withdrawn").data["new"] == {
        "cancelled_on": "2023-03-20"}
    with pytest.raises(StateConflict):
        answer(found, dt.date(2023, 4, 1))
    with pytest.raises(StateConflict):
        domain.withdraw_recommendation(actor=None, recommendation=found)
    assert Recommendation.objects.get().cancelled_on == dt.date(2023, 3, 20)


def test_an_answered_recommendation_is_not_withdrawn(tree):
    found = make_recommendation(tree.db1, tree.district)
    answer(found, dt.date(2023, 4, 1))
    with pytest.raises(StateConflict):
        domain.withdraw_recommendation(actor=None, recommendation=found)


def test_only_the_sender_office_withdraws(tree, users):
    found = make_recommendation(tree.db1, tree.district)
    other = make_recommendation(tree.db3, tree.bloc)
    with pytest.raises(PermissionDenied):
        domain.withdraw_recommendation(actor=users.grassroots_secretary, recommendation=other)
    domain.withdraw_recommendation(actor=users.grassroots_secretary, recommendation=found)


# ---------------------------------------------------------------- communication counts


def test_record_a_month_then_replace_it_with_one_audit_entry_each(tree):
    record_month(tree.db1, dt.date(2023, 5, 1), {"ban-tin": (3, 1), "mang-xa-hoi": (12, 0)})
    record_month(tree.db1, dt.date(2023, 5, 17), {"ban-tin": (4, 2)})
    rows = {c.channel.code: (c.articles, c.sessions, c.month) for c in CommunicationCount.objects.all()}
    assert rows == {"ban-tin": (4, 2, dt.date(2023, 5, 1)), "mang-xa-hoi": (12, 0, dt.date(2023, 5, 1))}
    entries = list(AuditEntry.objects.filter(action="feedback.communication.recorded").order_by("pk"))
    assert [e.data["old"] for e in entries] == [{}, {"ban-tin": [3, 1]}]
    assert entries[1].data["new"] == {"ban-tin": [4, 2]}
    assert entries[1].data["extra"] == {"month": "2023-05"}


NOT_A_NUMBER = "%(channel)s, articles published: write a whole number (0 when there was none)."


@pytest.mark.parametrize(("value", "message"), [
    (-1, "%(channel)s, articles published: a count cannot be negative."),
    ("ba", NOT_A_NUMBER), ("1.5", NOT_A_NUMBER), (None, NOT_A_NUMBER), ("", NOT_A_NUMBER)])
def test_a_bad_count_names_the_channel_and_field_and_nothing_is_written(tree, value, message):
    with pytest.raises(ValidationError) as caught:
        domain.record_communication(actor=None, organisation=tree.db1, month=dt.date(2023, 5, 1), rows=[
            {"channel": "ban-tin", "articles": 2, "sessions": 1},
            {"channel": "bao-tap-chi", "articles": value, "sessions": 0}])
    assert caught.value.message_dict == {"bao-tap-chi.articles": [vi(message, channel="Báo, tạp chí")]}
    assert CommunicationCount.objects.count() == 0
    assert not AuditEntry.objects.filter(action="feedback.communication.recorded").exists()


def test_a_month_in_the_future_is_refused(tree, monkeypatch):
    monkeypatch.setattr(domain, "today", lambda: dt.date(2023, 6, 30))
    with pytest.raises(ValidationError) as caught:
        record_month(tree.db1, dt.date(2023, 7, 1), {"ban-tin": (1, 0)})
    assert caught.value.message_dict == {"month": [vi("Month: %(month)s has not begun yet.", month="7/2023")]}
    record_month(tree.db1, dt.date(2023, 6, 1), {"ban-tin": (1, 0)})  # the current month is fine


def test_an_unknown_channel_is_refused(tree):
    with pytest.raises(ValidationError) as caught:
        record_month(tree.db1, dt.date(2023, 5, 1), {"tiktok": (1, 0)})
    assert list(caught.value.message_dict) == ["channel"]


def test_the_communication_model_holds_counts_only():
    """DOMAIN.md §6: no people, no posts, no accounts. The one free-text column (note) is written by nothing."""
    fields = {f.name for f in CommunicationCount._meta.concrete_fields}
    assert fields == {"id", "organisation", "month", "channel", "articles", "sessions", "note", "recorded_by",
                      "recorded_at"}
    import inspect

    assert "note" not in inspect.signature(domain.record_communication).parameters


def test_an_answer_from_a_stale_copy_is_refused_after_another_answer(tree):
    """Two offices opened the same recommendation; the second to save finds it answered (read again under a lock)."""
    first = make_recommendation(tree.db1, tree.district)
    stale = Recommendation.objects.get(pk=first.pk)
    answer(first, dt.date(2023, 4, 1), "Từ văn phòng huyện ủy")
    with pytest.raises(StateConflict):
        answer(stale, dt.date(2023, 4, 2), "Từ đảng ủy cơ sở")
    assert Recommendation.objects.get(pk=first.pk).answer == "Từ văn phòng huyện ủy"
    assert AuditEntry.objects.filter(action="feedback.recommendation.answered").count() == 1


def test_a_withdrawal_from_a_stale_copy_is_refused_after_an_answer(tree):
    first = make_recommendation(tree.db1, tree.district)
    stale = Recommendation.objects.get(pk=first.pk)
    answer(first, dt.date(2023, 4, 1))
    with pytest.raises(StateConflict):
        domain.withdraw_recommendation(actor=None, recommendation=stale)
    assert Recommendation.objects.get(pk=first.pk).cancelled_on is None
