"""The recommendations and communication API: create, list, answer (409 the second time), withdraw, 404 outside
the scope, 400 naming the field with nothing written; communication counts read and written per month."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.feedback.factories_recommendations import make_recommendation, record_month
from tests.helpers import logged_in, vi
from xaydungdang.feedback.models import CommunicationCount, Recommendation

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_create_list_answer_twice_and_withdraw(tree, users):
    secretary = logged_in(users.grassroots_secretary)
    created = secretary.post("/api/recommendations", {
        "organisation": "DB1", "sent_on": "2023-03-10", "to_organisation": "D", "subject": "Tập huấn",
        "content": "Đề nghị mở lớp", "due_on": "2023-04-10"}, content_type=JSON)
    assert created.status_code == 201
    body = created.json()
    assert (body["organisation"], body["to_organisation"], body["due_on"], body["answered_on"]) == (
        "DB1", "D", "2023-04-10", None)
    listed = secretary.get("/api/recommendations?org=DB1&from=2023-01-01&to=2023-12-31").json()
    assert [r["id"] for r in listed["items"]] == [body["id"]]
    office = logged_in(users.district_office)
    sent_to = office.get("/api/recommendations?sent_to=D").json()
    assert [r["id"] for r in sent_to["items"]] == [body["id"]]
    url = f"/api/recommendations/{body['id']}/answer"
    first = office.post(url, {"answer": "Đồng ý", "answered_on": "2023-03-20"}, content_type=JSON)
    assert (first.status_code, first.json()["answered_on"]) == (200, "2023-03-20")
    second = office.post(url, {"answer": "Lần hai", "answered_on": "2023-03-21"}, content_type=JSON)
    assert second.status_code == 409
    assert second.json()["detail"] == [vi("This recommendation was already answered on %(day)s.", day="20/3/2023")]
    withdrawn = secretary.post(f"/api/recommendations/{body['id']}/withdraw")
    assert withdrawn.status_code == 409
    assert Recommendation.objects.get().answer == "Đồng ý"


def test_bad_input_answers_400_naming_the_field_and_writes_nothing(tree, users):
    secretary = logged_in(users.grassroots_secretary)
    refused = secretary.post("/api/recommendations", {
        "organisation": "DB1", "sent_on": "2023-03-10", "to_organisation": "CB1A", "subject": "x", "content": "y",
        "due_on": "2023-03-01"}, content_type=JSON)
    assert refused.status_code == 400
    assert refused.json()["detail"] == [
        vi("Answer expected by: %(due)s is before the sending date %(sent)s.", due="1/3/2023", sent="10/3/2023"),
        vi("Sent to: %(to)s was not above %(org)s on %(day)s; a recommendation goes up to a committee above the "
           "sender.", to=tree.cb1a.name, org=tree.db1.name, day="10/3/2023")]
    unknown = secretary.post("/api/recommendations", {
        "organisation": "DB1", "sent_on": "2023-03-10", "to_organisation": "ODB", "subject": "x", "content": "y"},
        content_type=JSON)
    assert unknown.status_code == 400
    assert tree.other_db.name not in unknown.content.decode()  # a code outside the reach is not named back
    assert Recommendation.objects.count() == 0


def test_outside_the_scope_is_404(tree, users):
    outside = make_recommendation(tree.db3, tree.bloc)
    secretary = logged_in(users.grassroots_secretary)
    assert secretary.get(f"/api/recommendations/{outside.pk}").status_code == 404
    assert secretary.post(f"/api/recommendations/{outside.pk}/answer", {"answer": "x", "answered_on": "2023-04-01"},
                          content_type=JSON).status_code == 404
    assert secretary.post(f"/api/recommendations/{outside.pk}/withdraw").status_code == 404
    assert secretary.post("/api/recommendations", {"organisation": "DB3", "sent_on": "2023-03-10", "to_name": "B",
                                                   "subject": "x", "content": "y"},
                          content_type=JSON).status_code == 404
    assert Recommendation.objects.get().cancelled_on is None


def test_overdue_state_lists_any_sending_date(tree, users, monkeypatch):
    from xaydungdang.feedback import api_recommendations

    monkeypatch.setattr(api_recommendations, "today", lambda: dt.date(2024, 1, 1))
    late = make_recommendation(tree.db1, tree.district, sent_on=dt.date(2022, 5, 1), due_on=dt.date(2022, 6, 1))
    make_recommendation(tree.db1, tree.district, sent_on=dt.date(2023, 5, 1), due_on=dt.date(2024, 6, 1))
    found = logged_in(users.district_office).get("/api/recommendations?org=D&state=overdue").json()
    assert [(r["id"], r["overdue"]) for r in found["items"]] == [(late.pk, True)]


def test_communication_read_and_write(tree, users):
    secretary = logged_in(users.grassroots_secretary)
    record_month(tree.db1, dt.date(2023, 5, 1), {"ban-tin": (3, 1)})
    read = secretary.get("/api/communication?org=DB1&month=2023-05").json()
    assert read["rows"][0] == {"channel": "ban-tin", "name": "Bản tin của cấp ủy", "articles": 3, "sessions": 1}
    assert set(read["rows"][0]) == {"channel", "name", "articles", "sessions"}  # counts only
    bad = secretary.put("/api/communication", {"organisation": "DB1", "month": "2023-05", "rows": [
        {"channel": "ban-tin", "articles": 5, "sessions": 2}, {"channel": "hoi-nghi", "articles": 0, "sessions": -1}]},
        content_type=JSON)
    assert bad.status_code == 400
    assert bad.json()["detail"] == [vi("%(channel)s, sessions held: a count cannot be negative.",
                                       channel="Hội nghị báo cáo viên, tuyên truyền miệng")]
    assert CommunicationCount.objects.get().articles == 3
    good = secretary.put("/api/communication", {"organisation": "DB1", "month": "2023-05", "rows": [
        {"channel": "ban-tin", "articles": 5, "sessions": 2}]}, content_type=JSON)
    assert (good.status_code, good.json()["rows"][0]["articles"]) == (200, 5)
    assert secretary.put("/api/communication", {"organisation": "DB3", "month": "2023-05", "rows": []},
                         content_type=JSON).status_code == 404


def test_list_query_count_does_not_grow(tree, users, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in(users.district_office)
    make_recommendation(tree.db1, tree.district)
    url = "/api/recommendations?org=D&from=2023-01-01&to=2023-12-31"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    make_recommendation(tree.db2, tree.district)
    make_recommendation(tree.cbcs, "Ban Tuyên giáo Trung ương")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).json()["count"] == 3
