"""What a new user's trial of the plans pages found (issue 14): the step forms of a closed inspection, an
inspection of a member added by someone who would not read it, teams sorted as text, a unit not finding the
inspections of itself, a doubled field name in the errors, and the default year of an ended committee's office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import user_with_role
from tests.inspection import factories_plans as f
from xaydungdang.core.dates import today
from xaydungdang.inspection import domain_plans
from xaydungdang.inspection.models import Finding, Inspection, Visit

pytestmark = pytest.mark.django_db
REFUSAL = "Cuộc kiểm tra đã kết luận hoặc đã hủy: không thể ghi thêm."


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def committee(tree):
    return _client(user_with_role("uy-ban-kiem-tra", tree.district))


# ---------------------------------------------------------------- 1. the step forms of a closed inspection


@pytest.mark.parametrize("step", ["lam-viec", "phat-hien", "ket-luan"])
def test_a_concluded_inspection_refuses_its_step_forms_without_an_error(tree, committee, step):
    inspection = f.concluded(f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1))
    data = {"visited_on": "10/3/2023", "kind": "shortcoming", "content": "X", "recorded_on": "10/3/2023",
            "conclusion": "Y", "concluded_on": "5/4/2023", "seen": inspection.updated_at.isoformat()}
    for method in (committee.get, committee.post):
        response = method(f"/kiem-tra/cuoc/{inspection.pk}/{step}/", data if method == committee.post else {})
        assert (response.status_code, response["Location"]) == (302, inspection.get_absolute_url())
        assert {str(m) for m in get_messages(response.wsgi_request)} == {REFUSAL}  # (the GET's not yet shown)
    assert (Visit.objects.count(), Finding.objects.count()) == (0, 1)
    page = committee.get(inspection.get_absolute_url()).content.decode()
    assert ('id="add-visit"' in page, 'id="add-finding"' in page, 'id="conclude"' in page) == (False, False, False)


def test_a_cancelled_inspection_refuses_its_step_forms(tree, committee):
    inspection = f.inspection(f.team(f.plan(tree.district)), organisation=tree.db1)
    domain_plans.cancel_inspection(actor=None, inspection=inspection)
    response = committee.get(f"/kiem-tra/cuoc/{inspection.pk}/lam-viec/")
    assert (response.status_code, response["Location"]) == (302, inspection.get_absolute_url())
    assert [str(m) for m in get_messages(response.wsgi_request)] == [REFUSAL]
    open_one = f.inspection(f.team(f.plan(tree.district, 2024)), organisation=tree.db1)
    assert committee.get(f"/kiem-tra/cuoc/{open_one.pk}/lam-viec/").status_code == 200


# ---------------------------------------------------------------- 2. an inspection of a member


def test_the_office_is_not_offered_nor_allowed_an_inspection_of_a_member(tree):
    office_user = user_with_role("van-phong", tree.district)
    office = _client(office_user)
    team = f.team(f.plan(tree.district))
    member = f.member_of(tree.db1, "Được kiểm tra")
    url = f"/kiem-tra/doan/{team.pk}/cuoc-kiem-tra-moi/"
    assert 'name="dang_vien"' not in office.get(url).content.decode()
    response = office.post(url, {"dang_vien": member.pk, "topic": "T", "starts_on": "1/3/2023",
                                 "ends_on": "31/3/2023"})
    assert response.status_code == 200 and Inspection.objects.count() == 0
    with pytest.raises(ValidationError) as refused:
        domain_plans.add_inspection(actor=office_user, team=team, topic="T", starts_on=dt.date(2023, 3, 1),
                                    ends_on=dt.date(2023, 3, 31), subject_member=member)
    assert refused.value.message_dict == {"subject_member": [
        f"Đảng viên được kiểm tra: chỉ ủy ban kiểm tra từ cấp {tree.district} trở lên và thành viên của đoàn mới "
        "thêm được cuộc kiểm tra đối với một đảng viên."]}
    assert Inspection.objects.count() == 0


def test_the_api_refuses_the_office_an_inspection_of_a_member(tree):
    office = _client(user_with_role("van-phong", tree.district))
    team = f.team(f.plan(tree.district))
    member = f.member_of(tree.db1, "Được kiểm tra")
    response = office.post(f"/api/inspection/teams/{team.pk}/inspections", {
        "subject_member": member.pk, "topic": "T", "starts_on": "2023-03-01", "ends_on": "2023-03-31"},
        content_type="application/json")
    assert response.status_code == 400
    (message,) = response.json()["detail"]
    assert message.startswith("Đảng viên được kiểm tra: ")
    assert Inspection.objects.count() == 0


def test_the_committee_and_a_team_member_may_add_an_inspection_of_a_member(tree, committee):
    office_user = user_with_role("van-phong", tree.district)
    on_team = f.member_of(tree.district, "Thành viên", user=office_user)
    team = f.team(f.plan(tree.district), [on_team])
    member = f.member_of(tree.db1, "Được kiểm tra")
    url = f"/kiem-tra/doan/{team.pk}/cuoc-kiem-tra-moi/"
    assert 'name="dang_vien"' in committee.get(url).content.decode()
    assert 'name="dang_vien"' in _client(office_user).get(url).content.decode()
    response = _client(office_user).post(url, {"dang_vien": member.pk, "topic": "T", "starts_on": "1/3/2023",
                                               "ends_on": "31/3/2023"})
    inspection = Inspection.objects.get()
    assert (response.status_code, response["Location"]) == (302, inspection.get_absolute_url())
    assert _client(office_user).get(inspection.get_absolute_url()).status_code == 200


# ---------------------------------------------------------------- 3. teams in the order of their formation


def test_teams_are_in_the_order_they_were_formed(tree, committee):
    plan = f.plan(tree.district)
    for number, day in ((1, 1), (2, 2), (10, 3), (11, 3)):
        f.team(plan, [f.member_of(tree.district, f"T{number}")], name=f"Đoàn kiểm tra số {number}",
               formed_on=dt.date(2023, 2, day))
    response = committee.get(plan.get_absolute_url())
    assert [t.name for t in response.context["teams"]] == [
        "Đoàn kiểm tra số 1", "Đoàn kiểm tra số 2", "Đoàn kiểm tra số 10", "Đoàn kiểm tra số 11"]


# ---------------------------------------------------------------- 4. a unit finds the inspections of itself


def test_a_unit_finds_the_inspections_of_itself(tree, users, django_assert_max_num_queries):
    secretary = _client(users.grassroots_secretary)
    plan = f.plan(tree.district)
    first = f.inspection(f.team(plan), organisation=tree.db1)
    f.inspection(f.team(plan, name="Đoàn kiểm tra số 2"), organisation=tree.db2)  # not theirs
    with django_assert_max_num_queries(40) as one:
        response = secretary.get("/kiem-tra/?nam=2023")
    assert response.context["plans"] == [] and response.context["elsewhere"] == [first]
    body = response.content.decode()
    assert "Kiểm tra, giám sát tại các tổ chức thuộc phạm vi" in body and first.get_absolute_url() in body
    assert secretary.get(first.get_absolute_url()).status_code == 200
    second = f.inspection(f.team(plan, name="Đoàn kiểm tra số 3"), organisation=tree.cb1a)
    cancelled = f.inspection(f.team(plan, name="Đoàn kiểm tra số 4"), organisation=tree.db1)
    domain_plans.cancel_inspection(actor=None, inspection=cancelled)
    with django_assert_max_num_queries(40) as three:
        response = secretary.get("/kiem-tra/?nam=2023")
    assert response.context["elsewhere"] == [first, second]
    assert len(three.captured_queries) == len(one.captured_queries)
    assert secretary.get("/kiem-tra/?nam=2022").context["elsewhere"] == []


def test_the_plan_committee_sees_its_inspections_once(tree, committee):
    plan = f.plan(tree.district)
    f.inspection(f.team(plan), organisation=tree.db1)
    response = committee.get("/kiem-tra/?nam=2023")
    assert [p.pk for p in response.context["plans"]] == [plan.pk] and response.context["elsewhere"] == []
    assert 'id="elsewhere"' not in response.content.decode()


# ---------------------------------------------------------------- 5. the field named once


def test_a_reversed_period_names_its_field_once(tree, committee):
    team = f.team(f.plan(tree.district))
    response = committee.post(f"/kiem-tra/doan/{team.pk}/cuoc-kiem-tra-moi/", {
        "to_chuc": tree.db1.code, "topic": "T", "starts_on": "20/3/2023", "ends_on": "2/3/2023"})
    body = response.content.decode()
    assert "<li>Đến ngày: 2/3/2023 trước ngày bắt đầu 20/3/2023.</li>" in body
    assert "Đến ngày: Đến ngày" not in body and Inspection.objects.count() == 0


def test_a_form_error_of_the_form_itself_keeps_its_label(tree, committee):
    team = f.team(f.plan(tree.district))
    response = committee.post(f"/kiem-tra/doan/{team.pk}/cuoc-kiem-tra-moi/", {
        "to_chuc": tree.db1.code, "starts_on": "1/3/2023", "ends_on": "31/3/2023"})
    form = response.context["form"]
    label = str(form.fields["topic"].label)
    (error,) = form.errors["topic"]
    assert f"<li>{label}: {error}</li>" in response.content.decode()


# ---------------------------------------------------------------- 7. the default year


def test_an_ended_committees_office_opens_on_its_last_year(restructured_tree):
    office = _client(user_with_role("van-phong", restructured_tree.district))
    assert office.get("/kiem-tra/").context["year"] == 2025
    assert office.get("/kiem-tra/?nam=2021").context["year"] == 2021
    current = _client(user_with_role("van-phong", restructured_tree.province))
    assert current.get("/kiem-tra/").context["year"] == today().year
