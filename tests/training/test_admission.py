"""A candidate's completed awareness class shows on their record (the candidates list) and admission warns,
without refusing, when there is none: on the admit form before confirming, and in the API answer."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.helpers import logged_in, vi
from tests.training.factories import candidate_at, make_class
from xaydungdang.members.models import Member
from xaydungdang.training import domain

pytestmark = pytest.mark.django_db

WARNING = ("%(person)s has not completed an awareness class about the Party (bồi dưỡng nhận thức về Đảng): check "
           "before admitting.")


def completed_awareness(tree, candidate):
    training_class = make_class(tree.db1, title="Lớp nhận thức về Đảng khóa 1")
    domain.enrol(actor=None, training_class=training_class, people=[candidate.person_id])
    domain.record_results(actor=None, training_class=training_class,
                          results=[domain.Result(candidate.person_id, "completed")])


def test_the_candidates_list_shows_the_completed_awareness_class(tree, users):
    done, pending = candidate_at(tree.cb1a, "Nguyễn Văn An"), candidate_at(tree.cb1a, "Trần Văn Bình")
    completed_awareness(tree, done)
    page = logged_in(users.grassroots_secretary).get(reverse("members:candidates")).content.decode()
    assert vi("%(title)s, completed on %(day)s", title="Lớp nhận thức về Đảng khóa 1", day="10/3/2023") in page
    assert page.count(vi("not yet")) == 1
    assert pending.person.full_name in page


def test_the_admit_form_warns_before_confirming_and_still_admits(tree, users):
    candidate = candidate_at(tree.cb1a, "Trần Văn Bình")
    client = logged_in(users.grassroots_secretary)
    url = reverse("members:admit", kwargs={"candidate_id": candidate.pk})
    assert vi(WARNING, person="Trần Văn Bình") in client.get(url).content.decode()
    response = client.post(url, {"organisation": "CB1A", "decision_date": "1/4/2023", "ceremony_date": "19/4/2023"})
    assert response.status_code == 302
    assert Member.objects.filter(person=candidate.person).count() == 1


def test_the_admit_form_does_not_warn_after_the_class(tree, users):
    candidate = candidate_at(tree.cb1a, "Nguyễn Văn An")
    completed_awareness(tree, candidate)
    page = logged_in(users.grassroots_secretary).get(
        reverse("members:admit", kwargs={"candidate_id": candidate.pk})).content.decode()
    assert 'id="warnings"' not in page


@pytest.mark.parametrize(("with_class", "warnings"), [(True, []), (False, [WARNING])])
def test_the_api_answers_the_warnings(tree, users, with_class, warnings):
    candidate = candidate_at(tree.cb1a, "Lê Thị Cúc")
    if with_class:
        completed_awareness(tree, candidate)
    answer = logged_in(users.grassroots_secretary).post("/api/admissions", json.dumps({
        "organisation": "CB1A", "decision_date": "2023-04-01", "ceremony_date": "2023-04-19",
        "candidate": candidate.pk}), content_type="application/json")
    assert answer.status_code == 201
    assert answer.json()["warnings"] == [vi(w, person="Lê Thị Cúc") for w in warnings]
