"""The training API: classes in scope, opening one, enrolling, results; refusals name the row, nothing is written."""

from __future__ import annotations

import json

import pytest

from tests.helpers import logged_in, vi
from tests.training.factories import candidate_at, make_class, member_at
from xaydungdang.training import domain
from xaydungdang.training.models import Enrolment, TrainingClass

pytestmark = pytest.mark.django_db


def post(client, url, body, method="post"):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_list_and_detail_within_the_scope(tree, users):
    inside = make_class(tree.db1, title="Lớp trong", capacity=30)
    make_class(tree.db2, title="Lớp DB2")
    outside = make_class(tree.other_db, title="Lớp ngoài")
    member = member_at(tree.cb1a, "Nguyễn Văn An")
    domain.enrol(actor=None, training_class=inside, people=[member.person_id])
    client = logged_in(users.grassroots_secretary)
    answer = client.get("/api/classes").json()
    assert [(c["title"], c["organiser"], c["enrolled"], c["capacity"]) for c in answer["items"]] == [
        ("Lớp trong", "DB1", 1, 30)]
    detail = client.get(f"/api/classes/{inside.pk}").json()
    assert [(e["full_name"], e["organisation"], e["result"]) for e in detail["enrolments"]] == [
        ("Nguyễn Văn An", "CB1A", "enrolled")]
    assert client.get(f"/api/classes/{outside.pk}").status_code == 404
    district = logged_in(users.district_office).get("/api/classes", {"org": "DB2"}).json()
    assert [c["title"] for c in district["items"]] == ["Lớp DB2"]


def test_create_enrol_and_record_results(tree, users):
    client = logged_in(users.grassroots_secretary)
    created = post(client, "/api/classes", {"type": "nhan-thuc-ve-dang", "title": "Lớp API", "organiser": "DB1",
                                            "start": "2023-03-06", "end": "2023-03-10", "capacity": 2})
    assert created.status_code == 201
    class_id = created.json()["id"]
    member, candidate = member_at(tree.cb1a), candidate_at(tree.cb1b)
    enrolled = post(client, f"/api/classes/{class_id}/enrolments", {"people": [member.person_id,
                                                                                candidate.person_id]})
    assert (enrolled.status_code, enrolled.json()["enrolled"]) == (200, 2)
    results = post(client, f"/api/classes/{class_id}/results", {"results": [
        {"person": member.person_id, "result": "completed", "grade": "gioi"},
        {"person": candidate.person_id, "result": "completed", "completed_on": "2023-03-09"}]}, method="put")
    assert results.status_code == 200
    assert sorted((e["result"], e["grade"], e["completed_on"]) for e in results.json()["enrolments"]) == [
        ("completed", "", "2023-03-09"), ("completed", "gioi", "2023-03-10")]


def test_enrol_over_capacity_answers_400_and_writes_nothing(tree, users):
    training_class = make_class(tree.db1, title="Lớp nhỏ", capacity=1)
    people = [member_at(tree.cb1a).person_id for _ in range(2)]
    answer = post(logged_in(users.grassroots_secretary), f"/api/classes/{training_class.pk}/enrolments",
                  {"people": people})
    assert answer.status_code == 400
    assert answer.json() == {"detail": [vi(
        "Class %(class)s takes at most %(capacity)s learners; it already has %(taken)s, adding %(adding)s.",
        **{"class": "Lớp nhỏ", "capacity": "1", "taken": "0", "adding": "2"})]}
    assert Enrolment.objects.count() == 0


def test_create_refuses_bad_dates_and_unknown_type(tree, users):
    client = logged_in(users.grassroots_secretary)
    answer = post(client, "/api/classes", {"type": "khong-co", "title": "Lớp", "organiser": "DB1",
                                           "start": "2023-03-10", "end": "2023-03-06"})
    assert (answer.status_code, answer.json()) == (400, {"detail": [vi(
        "Type: no class type has the code %(code)s.", code="khong-co")]})
    answer = post(client, "/api/classes", {"type": "nhan-thuc-ve-dang", "title": "Lớp", "organiser": "DB1",
                                           "start": "2023-03-10", "end": "2023-03-06"})
    assert (answer.status_code, answer.json()) == (400, {"detail": [vi(
        "To: the class cannot end (%(end)s) before it starts (%(start)s).", end="6/3/2023", start="10/3/2023")]})
    answer = post(client, "/api/classes", {"type": "nhan-thuc-ve-dang", "title": "Lớp", "organiser": "DB2",
                                           "start": "2023-03-06", "end": "2023-03-10"})
    assert answer.status_code == 404  # another đảng bộ's organisation: as if it did not exist
    assert TrainingClass.objects.count() == 0


def test_writes_outside_the_scope_answer_404(tree, users):
    training_class = make_class(tree.db2)
    client = logged_in(users.grassroots_secretary)
    assert post(client, f"/api/classes/{training_class.pk}/enrolments", {"people": [1]}).status_code == 404
    assert post(client, f"/api/classes/{training_class.pk}/results",
                {"results": [{"person": 1, "result": "completed"}]}, method="put").status_code == 404


def test_results_for_someone_not_enrolled_name_the_row(tree, users):
    training_class = make_class(tree.db1)
    stranger = member_at(tree.cb1a)
    answer = post(logged_in(users.grassroots_secretary), f"/api/classes/{training_class.pk}/results",
                  {"results": [{"person": stranger.person_id, "result": "completed"}]}, method="put")
    assert (answer.status_code, answer.json()) == (400, {"detail": [vi(
        "Row %(row)s, %(person)s: not enrolled in %(class)s.", row=1, person=f"#{stranger.person_id}",
        **{"class": training_class.title})]})
