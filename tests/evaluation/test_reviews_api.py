"""The self-criticism meetings API: create and list within the scope, add a shortcoming, follow it up at the next
year's meeting; 400 naming the field with nothing written, 404 outside the scope, 403 without records.edit, 409 on a
second or stale follow-up."""

from __future__ import annotations

import pytest

from tests.evaluation.factories_reviews import meeting, shortcoming
from tests.helpers import logged_in, vi
from xaydungdang.core.models import AuditEntry
from xaydungdang.evaluation import domain_reviews as domain
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming

JSON = "application/json"


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


def test_create_list_and_detail(tree, secretary):
    body = {"organisation": "CB1A", "year": 2022, "held_on": "2023-01-05", "summary": "Biên bản"}
    response = secretary.post("/api/evaluation/reviews", body, content_type=JSON)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["organisation"], created["year"], created["shortcomings"]) == ("CB1A", 2022, [])
    listed = secretary.get("/api/evaluation/reviews?org=CB1A&year=2022").json()
    assert [row["id"] for row in listed["items"]] == [created["id"]]
    assert secretary.get(f"/api/evaluation/reviews/{created['id']}").json()["summary"] == "Biên bản"


def test_refusals_name_the_field_and_write_nothing(tree, secretary, users):
    body = {"organisation": "CB1A", "year": 2022, "held_on": "2023-04-01"}
    response = secretary.post("/api/evaluation/reviews", body, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["detail"] == [vi(
        "Held on: the meeting reviewing %(year)s is held from %(first)s to %(last)s, not on %(day)s.", year=2022,
        first="1/12/2022", last="31/3/2023", day="1/4/2023")]
    outside = secretary.post("/api/evaluation/reviews", body | {"organisation": "CB2A", "held_on": "2023-01-05"},
                             content_type=JSON)
    assert outside.status_code == 404
    leader = logged_in(users.leader).post("/api/evaluation/reviews", body | {"held_on": "2023-01-05"},
                                          content_type=JSON)
    assert leader.status_code == 403
    assert not ReviewMeeting.objects.exists() and not AuditEntry.objects.filter(
        action__startswith="evaluation.").exists()


def test_shortcoming_and_follow_up(tree, secretary):
    first = meeting(tree.cb1a, 2022)
    added = secretary.post(f"/api/evaluation/reviews/{first.pk}/shortcomings",
                           {"content": "Chậm nộp đảng phí", "remedy": "Thu đúng kỳ", "due_on": "2023-06-30"},
                           content_type=JSON)
    assert added.status_code == 201, added.content
    item = added.json()
    url = f"/api/evaluation/reviews/shortcomings/{item['id']}/follow-up"
    missing = secretary.post(url, {"status": "remedied"}, content_type=JSON)
    assert missing.status_code == 400
    assert missing.json()["detail"] == [vi(
        "Followed up at: %(org)s has not recorded its meeting reviewing %(year)s; record it first, then follow the "
        "shortcoming up there.", org=tree.cb1a.name, year=2023)]
    second = meeting(tree.cb1a, 2023)
    done = secretary.post(url, {"status": "remedied", "updated_at": item["updated_at"]}, content_type=JSON)
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["followed_up_at"]) == ("remedied", second.pk)
    again = secretary.post(url, {"status": "partly", "note": "x"}, content_type=JSON)
    assert again.status_code == 409
    detail = secretary.get(f"/api/evaluation/reviews/{second.pk}").json()
    assert [row["id"] for row in detail["follow_ups"]] == [item["id"]]


def test_a_stale_follow_up_answers_409(tree, secretary):
    item = shortcoming(meeting(tree.cb1a, 2022))
    meeting(tree.cb1a, 2023)
    stale = item.updated_at.isoformat()
    domain.update_shortcoming(actor=None, shortcoming=Shortcoming.objects.get(pk=item.pk), remedy="Kế hoạch mới")
    response = secretary.post(f"/api/evaluation/reviews/shortcomings/{item.pk}/follow-up",
                              {"status": "remedied", "updated_at": stale}, content_type=JSON)
    assert response.status_code == 409
    assert Shortcoming.objects.get(pk=item.pk).status == "open"


def test_outside_the_scope_is_404(tree, secretary):
    other = meeting(tree.cb2a, 2022)
    item = shortcoming(other)
    assert secretary.get(f"/api/evaluation/reviews/{other.pk}").status_code == 404
    assert secretary.post(f"/api/evaluation/reviews/{other.pk}/shortcomings", {"content": "a", "remedy": "b"},
                          content_type=JSON).status_code == 404
    assert secretary.post(f"/api/evaluation/reviews/shortcomings/{item.pk}/follow-up", {"status": "remedied"},
                          content_type=JSON).status_code == 404
