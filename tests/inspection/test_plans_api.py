"""The inspection API from the plan to the conclusion: 201 with the record, 400 naming the field with nothing
written, 403 without records.edit, 404 outside the scope, 409 on a stale updated_at or a state that no longer allows
the step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.factories import user_with_role
from tests.inspection import factories_plans as f
from xaydungdang.inspection.models import Inspection, InspectionPlan, InspectionTeam

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def committee(tree):
    return _client(user_with_role("uy-ban-kiem-tra", tree.district))


def test_create_plan_team_inspection_and_conclude(tree, committee):
    response = committee.post("/api/inspection/plans", {
        "organisation": tree.district.code, "year": 2023, "title": "Chương trình 2023", "adopted_on": "2023-01-05"},
        content_type="application/json")
    assert response.status_code == 201
    plan_id = response.json()["id"]
    assert (response.json()["organisation"], response.json()["team_count"]) == (tree.district.code, 0)
    leader = f.member_of(tree.db1, "Lê")
    response = committee.post(f"/api/inspection/plans/{plan_id}/teams", {
        "name": "Đoàn 1", "formed_on": "2023-02-01", "members": [{"member": leader.pk, "role": "leader"}]},
        content_type="application/json")
    assert response.status_code == 201
    team_id = response.json()["id"]
    response = committee.post(f"/api/inspection/teams/{team_id}/inspections", {
        "subject_organisation": tree.db2.code, "topic": "Công tác kiểm tra", "starts_on": "2023-03-01",
        "ends_on": "2023-03-31"}, content_type="application/json")
    assert response.status_code == 201
    inspection = response.json()
    assert (inspection["subject_organisation"], inspection["organisation"], inspection["status"]) == (
        tree.db2.code, tree.db2.code, "planned")
    url = f"/api/inspection/inspections/{inspection['id']}"
    early = committee.post(f"{url}/conclude", {"conclusion": "KL", "concluded_on": "2023-04-01"},
                           content_type="application/json")
    assert early.status_code == 400 and "ít nhất một" in early.json()["detail"][0]
    finding = committee.post(f"{url}/findings", {"kind": "strength", "content": "Tốt", "recorded_on": "2023-03-05"},
                             content_type="application/json")
    assert finding.status_code == 201
    stale = committee.post(f"{url}/conclude", {"conclusion": "KL", "concluded_on": "2023-04-01",
                                               "updated_at": inspection["updated_at"]},
                           content_type="application/json")
    assert stale.status_code == 409
    done = committee.post(f"{url}/conclude", {"conclusion": "KL", "concluded_on": "2023-04-01"},
                          content_type="application/json")
    assert (done.status_code, done.json()["status"]) == (200, "concluded")
    again = committee.post(f"{url}/conclude", {"conclusion": "KL", "concluded_on": "2023-04-01"},
                           content_type="application/json")
    assert again.status_code == 409


def test_create_plan_refused_names_the_field_and_writes_nothing(tree, committee):
    response = committee.post("/api/inspection/plans", {
        "organisation": tree.district.code, "year": 2023, "title": "KH", "adopted_on": "2021-12-31"},
        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"][0].startswith("Ngày ban hành:")
    assert InspectionPlan.objects.count() == 0


def test_a_reader_may_not_write(tree):
    plan = f.plan(tree.district)
    reader = _client(user_with_role("lanh-dao", tree.district))
    assert reader.get(f"/api/inspection/plans/{plan.pk}").status_code == 200
    assert reader.post(f"/api/inspection/plans/{plan.pk}/teams", {
        "name": "Đoàn", "formed_on": "2023-02-01", "members": []}, content_type="application/json").status_code == 403


def test_outside_the_scope_is_404_and_writes_nothing(tree):
    plan = f.plan(tree.district)
    other = _client(user_with_role("uy-ban-kiem-tra", tree.bloc))
    assert other.get(f"/api/inspection/plans/{plan.pk}").status_code == 404
    response = other.post(f"/api/inspection/plans/{plan.pk}/teams", {
        "name": "Đoàn", "formed_on": "2023-02-01", "members": []}, content_type="application/json")
    assert response.status_code == 404
    assert InspectionTeam.objects.count() == 0
    assert tree.district.name not in response.content.decode()


def test_inspection_of_a_member_outside_the_committee_is_refused(tree, committee):
    team = f.team(f.plan(tree.district))
    outsider = f.member_of(tree.cb3a, "Ngoài")
    response = committee.post(f"/api/inspection/teams/{team.pk}/inspections", {
        "subject_member": outsider.pk, "topic": "T", "starts_on": "2023-03-01", "ends_on": "2023-03-31"},
        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == [f"Đối tượng kiểm tra: không có đảng viên số {outsider.pk} trong phạm vi "
                                          "của bạn."]
    assert Inspection.objects.count() == 0


def test_plans_list_query_count_does_not_grow(tree, committee, django_assert_max_num_queries):
    f.team(f.plan(tree.district))
    with django_assert_max_num_queries(40) as one:
        committee.get("/api/inspection/plans?year=2023")
    for org in (tree.db1, tree.db2):
        f.team(f.plan(org))
    with django_assert_max_num_queries(40) as three:
        response = committee.get("/api/inspection/plans?year=2023")
    assert [row["team_count"] for row in response.json()["items"]] == [1, 1, 1]
    assert len(three.captured_queries) == len(one.captured_queries)


def test_conclusion_document_must_be_open_to_the_caller(tree, committee):
    from xaydungdang.documents import domain as documents_domain
    from xaydungdang.documents.models import DocumentType, Issuer

    elsewhere = documents_domain.register_document(
        actor=None, owner=tree.db3, doc_type=DocumentType.objects.get(code="CV"),
        issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True), number="7",
        issued_on=dt.date(2023, 4, 1), title="Kết luận ở nơi khác")
    inspection = f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1)
    f.finding(inspection)
    response = committee.post(f"/api/inspection/inspections/{inspection.pk}/conclude", {
        "conclusion": "KL", "concluded_on": "2023-04-02", "document": elsewhere.pk}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == [f"Văn bản kết luận: không có văn bản số {elsewhere.pk} trong phạm vi của "
                                          "bạn."]
    inspection.refresh_from_db()
    assert (inspection.status, inspection.conclusion_document_id) == ("planned", None)
