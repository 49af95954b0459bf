"""The briefings and opinions API: create, assign, answer (409 the second time), the overdue list, refusals naming
the field (400, nothing written), 404 outside the scope, identity fields only as allowed."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.feedback.factories_opinions import briefing, opinion
from tests.helpers import logged_in
from xaydungdang.feedback.models import Briefing, Opinion

DAY = dt.date(2024, 3, 12)


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_briefing_and_opinion_created_assigned_and_answered_once(tree, users, office):
    response = post(office, "/api/feedback/briefings", {"organisation": "D", "date": "2024-03-12", "title": "Tháng 3",
                                                        "participants": ["DB1"], "participants_count": 20})
    assert response.status_code == 201, response.content
    held = response.json()["id"]
    assert office.get(f"/api/feedback/briefings/{held}").json()["participants_count"] == 20
    assert [b["id"] for b in office.get("/api/feedback/briefings?from=2024-01-01").json()["items"]] == [held]
    bad = post(office, "/api/feedback/opinions", {"briefing": held, "topic": "dat-dai", "source_group": "nong-dan",
                                                  "content": "Đất", "raiser_name": "Lê Văn C"})
    assert bad.status_code == 400 and any("Lê Văn C" not in m for m in bad.json()["detail"])
    assert not Opinion.objects.exists()
    made = post(office, "/api/feedback/opinions", {"briefing": held, "kind": "petition", "topic": "dat-dai",
                                                   "source_group": "nong-dan", "content": "Đất",
                                                   "wants_answer": True, "consents": True, "raiser_name": "Lê Văn C"})
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["raised_on"], body["organisation"], body["raiser_name"]) == ("2024-03-12", "D", "Lê Văn C")
    late = post(office, f"/api/feedback/opinions/{body['id']}/assign", {"assigned_to": "DB1",
                                                                        "due_on": "2024-03-01"})
    assert late.status_code == 400
    assigned = post(office, f"/api/feedback/opinions/{body['id']}/assign", {"assigned_to": "DB1",
                                                                            "assigned_on": "2024-03-12",
                                                                            "due_on": "2024-04-12"})
    assert assigned.status_code == 200 and assigned.json()["assigned_to"] == "DB1"
    secretary = logged_in(users.grassroots_secretary)
    seen = secretary.get(f"/api/feedback/opinions/{body['id']}").json()
    assert seen["raiser_name"] is None
    assert post(secretary, f"/api/feedback/opinions/{body['id']}/assign", {"assigned_to": "DB1",
                                                                           "due_on": "2024-04-12"}).status_code == 404
    before = post(secretary, f"/api/feedback/opinions/{body['id']}/answer", {"answer": "Đã trả lời",
                                                                             "answered_on": "2024-03-01"})
    assert before.status_code == 400
    answered = post(secretary, f"/api/feedback/opinions/{body['id']}/answer", {
        "answer": "Đã trả lời", "answered_on": "2024-03-20", "seen": seen["updated_at"]})
    assert answered.status_code == 200 and answered.json()["answered_on"] == "2024-03-20"
    again = post(secretary, f"/api/feedback/opinions/{body['id']}/answer", {"answer": "Hai lần",
                                                                            "answered_on": "2024-03-21"})
    assert again.status_code == 409
    assert Opinion.objects.get().answer == "Đã trả lời"


def test_outside_the_scope_is_404_and_the_overdue_list(tree, users, office):
    raised = opinion(tree.db3, DAY, due_on=dt.date(2024, 4, 1))  # the bloc's, outside the district
    mine = opinion(tree.db1, DAY, due_on=dt.date(2024, 4, 1))
    opinion(tree.db1, DAY, due_on=dt.date(2024, 4, 1), answer="x", answered_on=DAY)
    assert office.get(f"/api/feedback/opinions/{raised.pk}").status_code == 404
    assert post(office, f"/api/feedback/opinions/{raised.pk}/answer", {"answer": "x"}).status_code == 404
    assert post(office, "/api/feedback/opinions", {"organisation": "DB3", "raised_on": "2024-03-12",
                                                   "topic": "khac", "source_group": "nhan-dan",
                                                   "content": "x"}).status_code == 404
    overdue = office.get("/api/feedback/opinions/overdue").json()["items"]
    assert [o["id"] for o in overdue] == [mine.pk] and overdue[0]["overdue"] is True
    assert logged_in(users.cell_secretary).get("/api/feedback/opinions/overdue").json()["items"] == []
    assert Briefing.objects.count() == 0 and briefing(tree.db3, DAY).pk
    assert office.get(f"/api/feedback/briefings/{Briefing.objects.get().pk}").status_code == 404
