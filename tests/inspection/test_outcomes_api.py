"""The outcomes API: 201/200 on success, 400 with the domain's message naming the field (nothing written), 403
without the capability, 404 outside the scope (and for a decision about a member read by the office), 409 for a
state that no longer allows the step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.factories import user_with_role
from tests.inspection.factories_outcomes import (
    CONCLUDED,
    follow,
    make_decision,
    make_inspection,
    make_member,
    make_plan,
    make_recommendation,
    make_team,
)
from xaydungdang.core.models import AuditEntry
from xaydungdang.inspection.models import DisciplinaryDecision, InspectionRecommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(tree):
    return make_inspection(make_team(make_plan(tree.district)), tree.db1, concluded_on=CONCLUDED)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_create_follow_up_and_conflict(users, inspection):
    client = _client(users.district_office)
    made = client.post("/api/inspection/recommendations", {"inspection": inspection.pk, "content": "Khắc phục",
                                                             "due_on": "2023-06-30", "addressee": "DB1"},
                       content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["addressee"], body["status"]) == ("DB1", "open")
    url = f"/api/inspection/recommendations/{body['id']}/follow-up"
    stale = client.post(url, {"status": "done", "followed_up_on": "2023-06-01",
                              "seen": "2000-01-01T00:00:00+00:00"}, content_type="application/json")
    assert stale.status_code == 409
    done = client.post(url, {"status": "done", "followed_up_on": "2023-06-01", "seen": body["version"]},
                       content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "done"
    again = client.post(url, {"status": "done", "followed_up_on": "2023-06-02"}, content_type="application/json")
    assert again.status_code == 409


def test_refusals_write_nothing(users, inspection):
    client = _client(users.district_office)
    before = (InspectionRecommendation.objects.count(), AuditEntry.objects.count())
    early = client.post("/api/inspection/recommendations", {"inspection": inspection.pk, "content": "Khắc phục",
                                                              "due_on": "2023-04-14"}, content_type="application/json")
    assert early.status_code == 400 and early.json()["detail"][0].startswith("Thời hạn: 14/4/2023")
    assert (InspectionRecommendation.objects.count(), AuditEntry.objects.count()) == before


def test_outside_the_scope_is_404_and_without_capability_403(tree, users, inspection):
    rec = make_recommendation(inspection)
    outsider = _client(users.grassroots_secretary)  # DB1's secretary: reads the inspection of DB1, writes not
    assert outsider.get(f"/api/inspection/recommendations/{rec.pk}").status_code == 200
    assert outsider.post(f"/api/inspection/recommendations/{rec.pk}/cancel").status_code == 404
    leader = _client(users.leader)
    assert leader.post(f"/api/inspection/recommendations/{rec.pk}/cancel").status_code == 403
    other = make_inspection(make_team(make_plan(tree.other_province)), tree.other_db)
    assert _client(users.district_office).get(
        f"/api/inspection/recommendations/{make_recommendation(other).pk}").status_code == 404


def test_decisions_by_the_api(tree, users):
    member = make_member(tree.cb1a)
    office = _client(users.district_office)
    refused = office.post("/api/inspection/decisions", {"decided_by": "D", "member": member.pk, "form": "warning",
                                                        "decision": "QĐ 1", "decided_on": "2023-05-01"},
                          content_type="application/json")
    assert refused.status_code == 400 and DisciplinaryDecision.objects.count() == 0
    wrong_form = office.post("/api/inspection/decisions", {"decided_by": "D", "subject_organisation": "DB1",
                                                           "form": "expulsion", "decision": "QĐ 1",
                                                           "decided_on": "2023-05-01"},
                             content_type="application/json")
    assert wrong_form.status_code == 400 and DisciplinaryDecision.objects.count() == 0
    committee = _client(user_with_role("uy-ban-kiem-tra", tree.district, "ubkt"))
    made = committee.post("/api/inspection/decisions", {"decided_by": "D", "member": member.pk, "form": "warning",
                                                        "decision": "QĐ 1", "decided_on": "2023-05-01"},
                          content_type="application/json")
    assert made.status_code == 201 and made.json()["organisation"] == "CB1A"
    pk = made.json()["id"]
    assert office.get(f"/api/inspection/decisions/{pk}").status_code == 404
    assert office.post(f"/api/inspection/decisions/{pk}/cancel").status_code == 404
    assert committee.post(f"/api/inspection/decisions/{pk}/cancel").status_code == 200
    assert committee.post(f"/api/inspection/decisions/{pk}/cancel").status_code == 409


def test_figures(tree, users, inspection):
    follow(make_recommendation(inspection), dt.date(2023, 5, 1))
    make_decision(tree.district, tree.db1)
    found = _client(users.province_office).get("/api/inspection/figures", {"org": "D", "from": "2023-01-01",
                                                                           "to": "2023-12-31"}).json()
    assert found["figures"]["inspections"] == 1 and found["figures"]["recommendations.done"] == 1
    assert found["figures"]["discipline.organisations"] == 1 and found["organisation"] == "D"
    assert _client(users.district_office).get("/api/inspection/figures", {"org": "OP"}).status_code == 404
