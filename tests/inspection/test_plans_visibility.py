"""Who reads an inspection of a member and a finding about a member (inspection/scoping.py): the team (a user linked
to a member of the team, with a view grant), the inspection committee of the plan's level and above; not the office
of the same committee, not the member's chi bộ secretary, not the inspection committee of a level below. Those who
may not read them find them neither listed nor counted, and the page of an inspection of a member answers 404 — in
the pages and in the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.factories import user_with_role
from tests.inspection import factories_plans as f
from xaydungdang.inspection.models import Inspection, InspectionPlan

pytestmark = pytest.mark.django_db

SECRET_NAME = "Quách Thị Kín"
SECRET_FINDING = "Vi phạm quy định về những điều đảng viên không được làm"
OPEN_FINDING = "Chưa ghi đầy đủ biên bản sinh hoạt chi bộ"


@dataclass
class World:
    plan: InspectionPlan
    of_cell: Inspection
    of_member: Inspection
    users: dict[str, Any]


@pytest.fixture
def world(tree) -> World:
    team_user = user_with_role("lanh-dao", tree.db2)
    leader = f.member_of(tree.db2, "Trưởng Đoàn", user=team_user)
    plan = f.plan(tree.district)
    team = f.team(plan, [leader])
    member = f.member_of(tree.cb1a, SECRET_NAME)
    of_cell = f.inspection(team, organisation=tree.cb1a)
    f.finding(of_cell, content=OPEN_FINDING)
    f.finding(of_cell, member=member, content=SECRET_FINDING, kind="violation")
    of_member = f.inspection(team, member=member, topic="Kiểm tra khi có dấu hiệu vi phạm")
    f.finding(of_member, member=member, content=SECRET_FINDING + " (2)", kind="violation")
    users = {
        "team": team_user,
        "committee": user_with_role("uy-ban-kiem-tra", tree.district),
        "committee_above": user_with_role("uy-ban-kiem-tra", tree.province),
        "committee_below": user_with_role("uy-ban-kiem-tra", tree.db1),
        "office": user_with_role("van-phong", tree.district),
        "cell_secretary": user_with_role("bi-thu", tree.cb1a),
    }
    return World(plan, of_cell, of_member, users)


READERS = ["team", "committee", "committee_above"]
OTHERS = ["office", "cell_secretary", "committee_below"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", READERS + OTHERS)
def test_inspection_of_a_member_page(world, who):
    response = _client(world.users[who]).get(world.of_member.get_absolute_url())
    if who in READERS:
        assert response.status_code == 200
        body = response.content.decode()
        assert SECRET_NAME in body and SECRET_FINDING + " (2)" in body
    else:
        assert response.status_code == 404
        assert SECRET_NAME not in response.content.decode()


@pytest.mark.parametrize("who", READERS + OTHERS)
def test_finding_about_a_member_on_the_page_of_an_inspection_of_an_organisation(world, who):
    response = _client(world.users[who]).get(world.of_cell.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert OPEN_FINDING in body
    assert (SECRET_FINDING in body, SECRET_NAME in body) == ((True, True) if who in READERS else (False, False))


@pytest.mark.parametrize("who", ["committee", "committee_above", "office"])
def test_plan_page_and_index_list_and_count_only_what_is_read(world, who):
    client = _client(world.users[who])
    plan_page = client.get(world.plan.get_absolute_url()).content.decode()
    index = client.get("/kiem-tra/?nam=2023")
    row = next(p for p in index.context["plans"] if p.pk == world.plan.pk)
    if who == "office":
        assert (SECRET_NAME in plan_page, row.inspection_count) == (False, 1)
    else:
        assert (SECRET_NAME in plan_page, row.inspection_count) == (True, 2)


def test_team_member_reads_the_team_page_outside_the_plans_scope(world):
    client = _client(world.users["team"])
    team_page = client.get(world.of_member.team.get_absolute_url())
    assert team_page.status_code == 200
    assert SECRET_NAME in team_page.content.decode()
    assert client.get(world.plan.get_absolute_url()).status_code == 404  # the plan is the district's


def test_the_chi_bo_secretary_does_not_see_the_member_findings_in_the_team_page(world):
    assert _client(world.users["cell_secretary"]).get(world.of_member.team.get_absolute_url()).status_code == 404


# ---------------------------------------------------------------- API


@pytest.mark.parametrize("who", READERS + OTHERS)
def test_api_lists_and_details(world, who):
    client = _client(world.users[who])
    listed = client.get("/api/inspection/inspections?year=2023").json()
    ids = sorted(row["id"] for row in listed["items"])
    findings = client.get(f"/api/inspection/inspections/{world.of_cell.pk}/findings").json()
    detail = client.get(f"/api/inspection/inspections/{world.of_member.pk}")
    member_findings = client.get(f"/api/inspection/inspections/{world.of_member.pk}/findings")
    if who in READERS:
        assert ids == sorted([world.of_cell.pk, world.of_member.pk])
        assert [row["content"] for row in findings] == [OPEN_FINDING, SECRET_FINDING]
        assert (detail.status_code, member_findings.status_code) == (200, 200)
    else:
        assert (ids, [row["content"] for row in findings]) == ([world.of_cell.pk], [OPEN_FINDING])
        assert (detail.status_code, member_findings.status_code) == (404, 404)
        assert SECRET_NAME not in detail.content.decode()


def test_api_recording_a_finding_about_a_member_by_the_office_is_refused(world, tree):
    client = _client(world.users["office"])
    member_id = world.of_cell.findings.exclude(member=None).get().member_id
    before = world.of_cell.findings.count()
    response = client.post(f"/api/inspection/inspections/{world.of_cell.pk}/findings", {
        "kind": "violation", "content": "X", "recorded_on": "2023-03-02", "member": member_id},
        content_type="application/json")
    assert response.status_code == 400
    assert "ủy ban kiểm tra" in response.json()["detail"][0]
    assert world.of_cell.findings.count() == before
    assert client.post(f"/api/inspection/inspections/{world.of_member.pk}/findings", {
        "kind": "violation", "content": "X", "recorded_on": "2023-03-02"},
        content_type="application/json").status_code == 404


def test_finding_form_offers_the_member_field_only_to_those_who_may_record_it(world):
    office_form = _client(world.users["office"]).get(f"/kiem-tra/cuoc/{world.of_cell.pk}/phat-hien/")
    committee_form = _client(world.users["committee"]).get(f"/kiem-tra/cuoc/{world.of_cell.pk}/phat-hien/")
    assert ("member" in office_form.context["form"].fields, "member" in committee_form.context["form"].fields) == (
        False, True)


def test_concluded_inspection_date(world):
    done = f.concluded(world.of_cell, concluded_on=dt.date(2023, 4, 2))
    assert done.concluded_on == dt.date(2023, 4, 2)
