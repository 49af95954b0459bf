"""Pages of recommendations upward and communication work: scope (404 outside, the recipient sees what was sent
to it), what each user may do, bad input (nothing written), §6 on the page, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import user_with_role
from tests.feedback.factories_recommendations import answer, make_recommendation, record_month
from tests.helpers import logged_in, vi
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.feedback import queries_recommendations as queries
from xaydungdang.feedback.models import CommunicationCount, Recommendation
from xaydungdang.organisations import domain as org_domain

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.scope = resolve_scope(user)
    return request


def _visible(user) -> set[str]:
    return set(queries.visible(_request(user)).values_list("subject", flat=True))


def test_visibility_sender_or_recipient_in_scope(tree, users):
    make_recommendation(tree.cb1a, tree.db1, subject="cb1a to db1")
    make_recommendation(tree.db1, tree.province, subject="db1 to province")
    make_recommendation(tree.db3, tree.bloc, subject="db3 to bloc")
    assert _visible(users.cell_secretary) == {"cb1a to db1"}
    assert _visible(users.grassroots_secretary) == {"cb1a to db1", "db1 to province"}
    assert _visible(users.district_office) == {"cb1a to db1", "db1 to province"}
    assert _visible(users.province_office) == {"cb1a to db1", "db1 to province", "db3 to bloc"}


def test_the_recipient_sees_what_was_sent_to_it_after_the_sender_left(tree):
    """cb1a sent to db1 in 2024, then moved to another province; db1 then moved to the bloc. The bloc's office never
    had cb1a in its subtree, yet it reads (and answers, not withdraws) what was sent to db1."""
    found = make_recommendation(tree.cb1a, tree.db1, sent_on=dt.date(2024, 3, 1), subject="to db1")
    for organisation, parent, day in ((tree.cb1a, tree.other_db, dt.date(2025, 3, 1)),
                                      (tree.db1, tree.bloc, dt.date(2025, 6, 1))):
        org_domain.execute(org_domain.plan_move(organisation=organisation, parent=parent, effective=day), actor=None)
    make_recommendation(tree.db3, tree.bloc, sent_on=dt.date(2024, 3, 1), subject="db3 to bloc")
    office = user_with_role("van-phong", tree.bloc)
    request = _request(office)
    assert _visible(office) == {"to db1", "db3 to bloc"}
    assert queries.may(request, found, "answer") is True
    assert queries.may(request, found, "withdraw") is False
    other = user_with_role("van-phong", tree.other_province)  # cb1a's office today: it sent it, it reads it
    assert _visible(other) == {"to db1"}


def test_an_ended_grant_reads_up_to_its_last_day(restructured_tree):
    tree = restructured_tree
    commune1 = tree.db1.versions.get(valid_to__isnull=True).parent
    make_recommendation(tree.db1, tree.district, sent_on=dt.date(2024, 3, 1), subject="to district")
    make_recommendation(tree.db1, commune1, sent_on=dt.date(2025, 8, 1), subject="later")
    assert _visible(user_with_role("van-phong", tree.district)) == {"to district"}
    assert _visible(user_with_role("van-phong", commune1)) == {"to district", "later"}


def test_detail_is_404_outside_the_scope(tree, users):
    inside = make_recommendation(tree.db1, tree.district)
    outside = make_recommendation(tree.db3, tree.bloc)
    client = logged_in(users.grassroots_secretary)
    assert client.get(reverse("feedback:recommendation_detail", args=[inside.pk])).status_code == 200
    assert client.get(reverse("feedback:recommendation_detail", args=[outside.pk])).status_code == 404
    assert client.get(reverse("feedback:recommendation_answer", args=[outside.pk])).status_code == 404
    assert client.post(reverse("feedback:recommendation_withdraw", args=[outside.pk])).status_code == 404
    assert Recommendation.objects.get(pk=outside.pk).cancelled_on is None


def test_the_detail_offers_only_what_the_user_may_do(tree, users):
    found = make_recommendation(tree.db1, tree.district)
    district = logged_in(users.district_office).get(reverse("feedback:recommendation_detail", args=[found.pk]))
    cell = logged_in(users.cell_secretary)
    assert 'id="answer-recommendation"' in district.content.decode()
    assert 'id="withdraw-recommendation"' in district.content.decode()  # the district edits db1's records too
    leader = logged_in(users.leader).get(reverse("feedback:recommendation_detail", args=[found.pk])).content.decode()
    assert 'id="answer-recommendation"' not in leader and 'id="withdraw-recommendation"' not in leader
    assert cell.get(reverse("feedback:recommendation_detail", args=[found.pk])).status_code == 404


def test_send_through_the_page_then_answer_as_the_recipient(tree, users):
    client = logged_in(users.grassroots_secretary)
    response = client.post(reverse("feedback:recommendation_create"), {
        "to_chuc": "DB1", "sent_on": "10/3/2023", "gui_den": "D", "subject": "Mở lớp tập huấn",
        "content": "Đề nghị mở lớp", "due_on": "10/4/2023"})
    found = Recommendation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("feedback:recommendation_detail",
                                                                           args=[found.pk])
    office = logged_in(users.district_office)
    awaiting = office.get(reverse("feedback:recommendation_awaiting") + "?to_chuc=D").content.decode()
    assert "Mở lớp tập huấn" in awaiting
    office.post(reverse("feedback:recommendation_answer", args=[found.pk]),
                {"answer": "Đồng ý", "answered_on": "20/3/2023"})
    found.refresh_from_db()
    assert (found.answer, found.answered_on) == ("Đồng ý", dt.date(2023, 3, 20))
    again = office.post(reverse("feedback:recommendation_answer", args=[found.pk]),
                        {"answer": "Lần hai", "answered_on": "21/3/2023"})
    assert again.status_code == 200
    found.refresh_from_db()
    assert found.answer == "Đồng ý"


def test_a_recipient_not_above_is_refused_on_the_page_naming_the_field(tree, users):
    client = logged_in(users.district_office)
    response = client.post(reverse("feedback:recommendation_create"), {
        "to_chuc": "DB1", "sent_on": "10/3/2023", "gui_den": "CB1A", "subject": "x", "content": "y"})
    assert response.status_code == 200
    assert vi("Sent to: %(to)s was not above %(org)s on %(day)s; a recommendation goes up to a committee above the "
              "sender.", to=tree.cb1a.name, org=tree.db1.name, day="10/3/2023") in response.content.decode()
    assert Recommendation.objects.count() == 0


def test_overdue_page_with_frozen_today(tree, users, monkeypatch):
    from xaydungdang.feedback import views_recommendations as views

    monkeypatch.setattr(views, "today", lambda: dt.date(2023, 5, 1))
    late = make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 4, 30), subject="quá hạn")
    make_recommendation(tree.db1, tree.district, due_on=dt.date(2023, 5, 1), subject="đúng hạn")
    done = make_recommendation(tree.db2, tree.district, due_on=dt.date(2023, 4, 1), subject="đã trả lời")
    answer(done, dt.date(2023, 4, 15))
    page = logged_in(users.district_office).get(reverse("feedback:recommendation_overdue") + "?to_chuc=D")
    assert [r.pk for r in page.context["page"]] == [late.pk]


def test_list_query_count_does_not_grow(tree, users, django_assert_max_num_queries):
    client = logged_in(users.district_office)
    make_recommendation(tree.db1, tree.district)
    url = reverse("feedback:recommendation_list") + "?to_chuc=D&tu_ngay=1/1/2023&den_ngay=31/12/2023"
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make_recommendation(tree.db2, tree.district)
    make_recommendation(tree.cb1a, tree.db1)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.context["totals"] == {"sent": 3, "answered": 0}


# ---------------------------------------------------------------- communication


def test_communication_page_says_counts_only_and_sums_the_subtree(tree, users):
    record_month(tree.cb1a, dt.date(2023, 5, 1), {"ban-tin": (3, 1)})
    record_month(tree.db1, dt.date(2023, 5, 1), {"ban-tin": (2, 0)})
    response = logged_in(users.district_office).get(reverse("feedback:communication") + "?to_chuc=D&nam=2023")
    body = response.content.decode()
    assert 'id="counts-only"' in body
    may = response.context["table"][4]
    assert (may["month"], may["articles"], may["sessions"]) == (5, 5, 1)


def test_communication_entry_all_or_nothing_naming_the_channel(tree, users):
    client = logged_in(users.grassroots_secretary)
    url = reverse("feedback:communication_record") + "?to_chuc=DB1&thang=2023-05"
    data = {"a-ban-tin": "3", "s-ban-tin": "1", "a-bao-tap-chi": "-2", "s-bao-tap-chi": "0"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert vi("%(channel)s, articles published: a count cannot be negative.", channel="Báo, tạp chí") in (
        response.content.decode())
    assert CommunicationCount.objects.count() == 0
    data["a-bao-tap-chi"] = "2"
    assert client.post(url, data).status_code == 302
    recorded = {code: (a, s) for code, a, s in CommunicationCount.objects.values_list("channel__code", "articles",
                                                                                       "sessions")}
    assert (recorded["ban-tin"], recorded["bao-tap-chi"], recorded["mang-xa-hoi"], len(recorded)) == (
        (3, 1), (2, 0), (0, 0), 6)


def test_communication_entry_outside_the_scope_is_404(tree, users):
    client = logged_in(users.grassroots_secretary)
    assert client.get(reverse("feedback:communication_record") + "?to_chuc=DB3").status_code == 404
