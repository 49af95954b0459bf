"""Fixes from the new-user trial: the "Sent to" list offers the committees above the sender (on the sending date),
the form's error box names each field, the communication table's year row has its totals, a month is written
12/2026 (2026-12 still read), one name for the communication page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import override, pgettext

from tests.feedback.factories_recommendations import record_month
from tests.helpers import logged_in, vi
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.feedback import queries_recommendations as queries
from xaydungdang.feedback.models import CommunicationCount, Recommendation

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.scope = resolve_scope(user)
    return request


def _codes(choices):
    return [code for code, _label in choices]


# ---------------------------------------------------------------- the "Sent to" list


def test_recipient_choices_are_the_committees_above_the_sender_nearest_first(tree, users):
    request = _request(users.district_office)
    day = dt.date(2023, 3, 10)
    assert _codes(queries.recipient_choices(request, tree.cb1a, day)) == ["DB1", "D", "P"]
    assert _codes(queries.recipient_choices(request, tree.db1, day)) == ["D", "P"]
    # no sender yet: the committees above the organisation the office records for
    assert _codes(queries.recipient_choices(request, None, day)) == ["P"]
    assert _codes(queries.recipient_choices(_request(users.grassroots_secretary), None, day)) == ["D", "P"]
    label = dict(queries.recipient_choices(request, tree.db1, day))["P"]
    assert label == f"{tree.province.name} (P)"


def test_recipient_choices_follow_the_tree_of_the_sending_date(restructured_tree, users):
    tree = restructured_tree  # db1 under the district until 30/6/2025, under the commune X1 from 1/7/2025
    request = _request(users.province_office)
    assert _codes(queries.recipient_choices(request, tree.db1, dt.date(2024, 5, 2))) == ["D", "P"]
    assert _codes(queries.recipient_choices(request, tree.db1, dt.date(2025, 8, 1))) == ["X1", "P"]


def test_the_form_offers_the_committees_above_and_sends_to_the_province(tree, users):
    client = logged_in(users.grassroots_secretary)
    page = client.get(reverse("feedback:recommendation_create"))
    body = page.content.decode()
    # the sender defaults to the one organisation the user records for; the list offers what is above it
    assert page.context["form"].initial["to_chuc"] == "DB1"
    assert '<option value="D">' in body and '<option value="P">' in body
    assert '<option value="DB1">' not in body and '<option value="CB1A">' not in body
    assert '<option value="K">' not in body and '<option value="OP">' not in body
    response = client.post(reverse("feedback:recommendation_create"), {
        "to_chuc": "DB1", "sent_on": "10/3/2023", "gui_den": "P", "subject": "Đề nghị hỗ trợ",
        "content": "Nội dung"})
    found = Recommendation.objects.get()
    assert response.status_code == 302
    assert (found.organisation, found.to_organisation, found.to_name) == (tree.db1, tree.province, "")


def test_the_list_follows_the_sender_typed(tree, users):
    client = logged_in(users.district_office)
    response = client.post(reverse("feedback:recommendation_create"), {
        "to_chuc": "CB1A", "sent_on": "10/3/2023", "gui_den": "", "subject": "", "content": "y"})
    assert response.status_code == 200
    assert _codes(response.context["form"].fields["gui_den"].widget.choices[1:]) == ["DB1", "D", "P"]
    assert Recommendation.objects.count() == 0


# ---------------------------------------------------------------- the error box names the field


def test_the_error_box_names_each_field(tree, users):
    client = logged_in(users.grassroots_secretary)
    response = client.post(reverse("feedback:recommendation_create"), {
        "to_chuc": "", "sent_on": "10/3/2023", "subject": "", "content": ""})
    assert response.status_code == 200
    with override("vi"):
        required = vi("This field is required.")
        expected = [f"{pgettext('recommendation', label)}: {required}" for label in ("Sent by", "Subject", "Content")]
    assert response.context["errors"] == expected
    body = response.content.decode()
    assert all(line in body for line in expected)
    assert Recommendation.objects.count() == 0


# ---------------------------------------------------------------- communication


def test_the_year_row_has_the_year_totals(tree, users):
    record_month(tree.cb1a, dt.date(2023, 5, 1), {"ban-tin": (3, 1)})
    record_month(tree.db1, dt.date(2023, 7, 1), {"ban-tin": (2, 0), "bao-tap-chi": (925, 32)})
    response = logged_in(users.district_office).get(reverse("feedback:communication") + "?to_chuc=D&nam=2023")
    assert response.context["year_total"] == (930, 33)
    foot = response.content.decode().split("<tfoot>")[1]
    assert "<b>930</b>" in foot and "<b>33</b>" in foot


def test_one_name_for_the_communication_page(tree, users):
    body = logged_in(users.district_office).get(reverse("feedback:communication")).content.decode()
    assert vi("Communication work") == "Công tác tuyên truyền"
    assert "Công tác tuyên truyền" in body and "truyền thông" not in body


@pytest.mark.parametrize("typed", ["5/2023", "05/2023", "2023-05"])
def test_a_month_is_written_month_slash_year_and_the_iso_form_still_read(tree, users, typed):
    client = logged_in(users.grassroots_secretary)
    url = reverse("feedback:communication_record") + f"?to_chuc=DB1&thang={typed}"
    page = client.get(url)
    assert page.context["month"] == dt.date(2023, 5, 1)
    assert 'value="5/2023"' in page.content.decode()
    assert vi("Month (month/year)") in page.content.decode()
    assert client.post(url, {"a-ban-tin": "3", "s-ban-tin": "1"}).status_code == 302
    assert CommunicationCount.objects.get(channel__code="ban-tin").month == dt.date(2023, 5, 1)


def test_the_month_box_shows_this_month_as_month_slash_year(tree, users, monkeypatch):
    from xaydungdang.feedback import views_recommendations as views

    monkeypatch.setattr(views, "today", lambda: dt.date(2026, 12, 3))
    page = logged_in(users.grassroots_secretary).get(reverse("feedback:communication_record") + "?to_chuc=DB1")
    assert page.context["month_text"] == "12/2026"
    bad = logged_in(users.grassroots_secretary).get(reverse("feedback:communication_record") + "?to_chuc=DB1"
                                                      "&thang=13/2026")
    assert vi("Month: write it as month/year, for example 3/2024.") in bad.content.decode()
