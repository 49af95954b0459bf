"""The plan, team and inspection pages: the steps through their forms (POST/redirect, errors at their fields with
nothing written, 409 on a stale page), buttons only for those who may use them, and list pages whose query count
does not grow with their rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.factories import user_with_role
from tests.inspection import factories_plans as f
from xaydungdang.inspection.models import Finding, Inspection, InspectionPlan, InspectionTeam, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(tree):
    client = Client()
    client.force_login(user_with_role("uy-ban-kiem-tra", tree.district))
    return client


def test_the_whole_way_through_the_forms(tree, committee):
    response = committee.post("/kiem-tra/ke-hoach/moi/", {
        "to_chuc": tree.district.code, "year": 2023, "kind": "inspection", "title": "Chương trình kiểm tra 2023",
        "adopted_on": "20/12/2022"})
    plan = InspectionPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    leader, other = f.member_of(tree.db1, "Lê"), f.member_of(tree.db2, "Mai")
    response = committee.post(f"/kiem-tra/ke-hoach/{plan.pk}/doan-moi/", {
        "name": "Đoàn kiểm tra số 1", "decision": "QĐ 12", "formed_on": "5/1/2023", "leader": leader.pk,
        "others": f"{other.pk}"})
    team = InspectionTeam.objects.get()
    assert response["Location"] == team.get_absolute_url()
    assert sorted(team.members.values_list("role", flat=True)) == ["leader", "member"]
    response = committee.post(f"/kiem-tra/doan/{team.pk}/cuoc-kiem-tra-moi/", {
        "to_chuc": tree.db1.code, "topic": "Nguyên tắc tập trung dân chủ", "starts_on": "1/3/2023",
        "ends_on": "31/3/2023"})
    inspection = Inspection.objects.get()
    assert (response["Location"], inspection.organisation_id) == (inspection.get_absolute_url(), tree.db1.pk)
    seen = inspection.updated_at.isoformat()
    committee.post(f"/kiem-tra/cuoc/{inspection.pk}/lam-viec/", {"visited_on": "10/3/2023", "seen": seen})
    assert Visit.objects.count() == 1
    stale = committee.post(f"/kiem-tra/cuoc/{inspection.pk}/phat-hien/", {
        "kind": "shortcoming", "content": "Thiếu biên bản", "recorded_on": "10/3/2023", "seen": seen})
    assert (stale.status_code, Finding.objects.count()) == (409, 0)
    inspection.refresh_from_db()
    committee.post(f"/kiem-tra/cuoc/{inspection.pk}/phat-hien/", {
        "kind": "shortcoming", "content": "Thiếu biên bản", "recorded_on": "10/3/2023",
        "seen": inspection.updated_at.isoformat()})
    assert Finding.objects.count() == 1
    inspection.refresh_from_db()
    committee.post(f"/kiem-tra/cuoc/{inspection.pk}/ket-luan/", {
        "conclusion": "Thực hiện tốt", "concluded_on": "5/4/2023", "seen": inspection.updated_at.isoformat()})
    inspection.refresh_from_db()
    assert (inspection.status, inspection.concluded_on) == ("concluded", dt.date(2023, 4, 5))
    page = committee.get(inspection.get_absolute_url()).content.decode()
    assert "Thực hiện tốt" in page and "Thiếu biên bản" in page


def test_form_errors_name_the_field_and_write_nothing(tree, committee):
    plan = f.plan(tree.district)
    outsider = f.member_of(tree.db3, "Ngoài")
    response = committee.post(f"/kiem-tra/ke-hoach/{plan.pk}/doan-moi/", {
        "name": "Đoàn", "formed_on": "5/2/2023", "leader": outsider.pk})
    assert response.status_code == 200
    assert InspectionTeam.objects.count() == 0
    assert "Không có đảng viên số" in response.content.decode()  # outside the scope: read as unknown


def test_conclude_button_only_with_a_finding_and_steps_only_for_writers(tree, committee):
    inspection = f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1)
    assert 'id="conclude"' not in committee.get(inspection.get_absolute_url()).content.decode()
    f.finding(inspection)
    assert 'id="conclude"' in committee.get(inspection.get_absolute_url()).content.decode()
    reader = Client()
    reader.force_login(user_with_role("lanh-dao", tree.district))
    body = reader.get(inspection.get_absolute_url()).content.decode()
    assert ('id="conclude"' in body, 'id="add-visit"' in body) == (False, False)


def test_index_query_count_does_not_grow_with_plans(tree, committee, django_assert_max_num_queries):
    def plan_with_teams(committee_org):
        plan = f.plan(committee_org)
        f.inspection(f.team(plan), organisation=committee_org)

    plan_with_teams(tree.district)
    with django_assert_max_num_queries(40) as one:
        committee.get("/kiem-tra/?nam=2023")
    for org in (tree.db1, tree.db2):
        plan_with_teams(org)
    with django_assert_max_num_queries(40) as three:
        response = committee.get("/kiem-tra/?nam=2023")
    assert len(response.context["plans"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


def test_plan_page_query_count_does_not_grow_with_teams(tree, committee, django_assert_max_num_queries):
    plan = f.plan(tree.district)
    f.inspection(f.team(plan), organisation=tree.db1)
    with django_assert_max_num_queries(40) as one:
        committee.get(plan.get_absolute_url())
    for number, org in ((2, tree.db2), (3, tree.cbcs)):
        team = f.team(plan, [f.member_of(tree.district, f"T{number}"), f.member_of(tree.db1, f"U{number}")],
                      name=f"Đoàn kiểm tra số {number}")
        f.inspection(team, organisation=org)
        f.inspection(team, member=f.member_of(org, f"V{number}"))
    with django_assert_max_num_queries(40) as three:
        response = committee.get(plan.get_absolute_url())
    assert len(response.context["teams"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)
