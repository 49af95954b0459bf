"""The pressing issues API: list and create within the scope, status changes (400 naming the field, 409 on a stale
update or a step no longer allowed), cancel, and the figures of a period."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import logged_in, vi
from tests.pressing.factories import issue
from xaydungdang.core.models import AuditEntry
from xaydungdang.pressing.models import PressingIssue

JSON = "application/json"


@pytest.fixture
def secretary(users):
    return logged_in(users.cell_secretary)


def test_create_then_list(tree, secretary):
    body = {"organisation": "CB1A", "year": 2023, "selected_on": "2023-03-01", "field": "quan-ly-dat-dai",
            "title": "Lấn chiếm đất", "deadline": "2023-12-31", "owner": "UBND xã"}
    response = secretary.post("/api/pressing-issues", body, content_type=JSON)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["organisation"], created["field"], created["status"], created["warnings"]) == (
        "CB1A", "quan-ly-dat-dai", "selected", [])
    listed = secretary.get("/api/pressing-issues?year=2023&q=lan+chiem").json()
    assert [row["id"] for row in listed["items"]] == [created["id"]]


def test_create_refusals_name_the_field_and_write_nothing(tree, secretary):
    body = {"organisation": "CB1A", "year": 2023, "selected_on": "2023-03-01", "field": "quan-ly-dat-dai",
            "title": "X", "deadline": "2023-01-01"}
    response = secretary.post("/api/pressing-issues", body, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["detail"] == [vi("Deadline: %(deadline)s is before the selection date %(day)s.",
                                            deadline="1/1/2023", day="1/3/2023")]
    outside = secretary.post("/api/pressing-issues", {**body, "organisation": "CB1B", "deadline": "2023-12-31"},
                             content_type=JSON)
    assert outside.status_code == 404
    assert not PressingIssue.objects.exists()


def test_status_changes_with_compare_and_set(tree, secretary):
    found = issue(tree.cb1a, 2023)
    url = f"/api/pressing-issues/{found.pk}/status"
    read = secretary.get(f"/api/pressing-issues/{found.pk}").json()
    no_evidence = secretary.post(url, {"status": "resolved", "resolved_on": "2023-09-01"}, content_type=JSON)
    assert no_evidence.status_code == 400
    assert no_evidence.json()["detail"][0].startswith(vi("Evidence of resolution: say what shows the issue is "
                                                         "resolved (a decision, a report, a record of the "
                                                         "handover…); an issue is not closed without it.")[:30])
    started = secretary.post(url, {"status": "in_progress", "updated_at": read["updated_at"]}, content_type=JSON)
    assert started.status_code == 200 and started.json()["status"] == "in_progress"
    stale = secretary.post(url, {"status": "resolved", "resolved_on": "2023-09-01", "evidence": "Biên bản",
                                 "updated_at": read["updated_at"]}, content_type=JSON)
    assert stale.status_code == 409
    assert not AuditEntry.objects.filter(action="pressing.resolved").exists()
    done = secretary.post(url, {"status": "resolved", "resolved_on": "2023-09-01", "evidence": "Biên bản",
                                "updated_at": started.json()["updated_at"]}, content_type=JSON)
    assert done.status_code == 200 and done.json()["resolved_on"] == "2023-09-01"
    again = secretary.post(url, {"status": "in_progress"}, content_type=JSON)
    assert again.status_code == 409


def test_cancel_and_scope(tree, secretary):
    own, hidden = issue(tree.cb1a, 2023), issue(tree.cb1b, 2023)
    assert secretary.post(f"/api/pressing-issues/{hidden.pk}/cancel", {}, content_type=JSON).status_code == 404
    assert secretary.get(f"/api/pressing-issues/{hidden.pk}").status_code == 404
    response = secretary.post(f"/api/pressing-issues/{own.pk}/cancel", {}, content_type=JSON)
    assert response.status_code == 200 and response.json()["cancelled_on"] is not None
    assert secretary.post(f"/api/pressing-issues/{own.pk}/cancel", {}, content_type=JSON).status_code == 409


def test_figures_of_a_period(tree, users):
    office = logged_in(users.district_office)
    issue(tree.cb1a, 2021, resolved_on=dt.date(2021, 9, 1))
    issue(tree.cb1a, 2022, "sau-thanh-tra", resolved_on=dt.date(2024, 2, 1))
    issue(tree.cb2a, 2023, "sau-thanh-tra")
    found = office.get("/api/pressing-issues/figures?org=D&from=2021-01-01&to=2023-12-31").json()
    assert [(y["year"], y["selected"], y["resolved"]) for y in found["years"]] == [(2021, 1, 1), (2022, 1, 0),
                                                                                   (2023, 1, 0)]
    assert found["total"] == {"selected": 3, "resolved": 1, "percent": "33.3"}
    assert {f["code"]: (f["total"]["selected"], f["total"]["resolved"]) for f in found["fields"]} == {
        "giai-phong-mat-bang": (1, 1), "sau-thanh-tra": (2, 0)}
    assert office.get("/api/pressing-issues/figures?org=OP").status_code == 404
