"""The good models and recognitions API: scoped paginated lists, creation (400 naming the field, nothing written),
404 outside the scope, ending a model and cancelling a recognition (409 the second time)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.emulation.factories_exemplars import decision, good_model, recognition
from tests.helpers import logged_in, vi
from xaydungdang.emulation.models import GoodModel, Holder, Recognition

API = "/api/emulation"


@pytest.fixture
def office(users):
    return logged_in(users.district_office)


def test_the_model_list_is_scoped_filtered_and_paginated(tree, office, django_assert_max_num_queries):
    good_model(tree.cb1a, name="Dân vận khéo", copied_by=[tree.cb2a])
    good_model(tree.cb2a, holder=Holder.INDIVIDUAL, name="Gương sáng")
    good_model(tree.other_db, name="Dân vận ở nơi khác")
    with django_assert_max_num_queries(20):
        body = office.get(f"{API}/models", {"org": "D"}).json()
    assert body["count"] == 2
    assert {m["name"]: m["copied_by"] for m in body["items"]} == {"Dân vận khéo": ["CB2A"], "Gương sáng": []}
    body = office.get(f"{API}/models", {"org": "D", "q": "dan van", "holder": "collective"}).json()
    assert [m["name"] for m in body["items"]] == ["Dân vận khéo"]
    assert office.get(f"{API}/models", {"org": "OP"}).status_code == 404


def test_creating_a_model_and_ending_it(tree, office):
    response = office.post(f"{API}/models", {
        "organisation": "CB1A", "name": "Mô hình mới", "holder": "collective", "field": "kinh-te",
        "started_year": 2022, "recognised_on": "2024-01-05", "copied_by": ["CB2A", "ODB"]},
        content_type="application/json")
    assert response.status_code == 400
    assert len(response.json()["detail"]) == 1 and "ODB" in response.json()["detail"][0]
    assert not GoodModel.objects.exists()
    response = office.post(f"{API}/models", {
        "organisation": "CB1A", "name": "Mô hình mới", "holder": "collective", "field": "kinh-te",
        "started_year": 2022, "recognised_on": "2024-01-05", "copied_by": ["CB2A"]},
        content_type="application/json")
    assert response.status_code == 201
    model_id = response.json()["id"]
    response = office.post(f"{API}/models/{model_id}/end", {"on": "2024-02-01"}, content_type="application/json")
    assert (response.status_code, response.json()["ended_on"]) == (200, "2024-02-01")
    response = office.post(f"{API}/models/{model_id}/end", {}, content_type="application/json")
    assert response.status_code == 409


def test_a_model_outside_the_scope_answers_404(tree, office):
    outside = good_model(tree.other_db)
    assert office.get(f"{API}/models/{outside.pk}").status_code == 404
    assert office.post(f"{API}/models/{outside.pk}/end", {}, content_type="application/json").status_code == 404
    assert GoodModel.objects.get().ended_on is None


def test_creating_a_recognition_needs_a_decision_within_reach(tree, office):
    foreign = decision(tree.other_db, dt.date(2024, 1, 2))
    values = {"organisation": "CB1A", "form": "recorded", "level": "district", "date": "2024-05-20",
              "holder": "individual", "person_name": "Bà Lê Thị Gương"}
    response = office.post(f"{API}/recognitions", values, content_type="application/json")
    assert response.status_code == 422  # the decision is a required field of the body
    response = office.post(f"{API}/recognitions", values | {"decision": foreign.pk},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == [vi("Decision: no document no. %(id)s of the registry is open to you.",
                                            id=foreign.pk)]
    assert not Recognition.objects.exists()
    mine = decision(tree.district, dt.date(2024, 5, 2))
    response = office.post(f"{API}/recognitions", values | {"decision": mine.pk}, content_type="application/json")
    assert response.status_code == 201
    assert (response.json()["decision"], response.json()["person_name"]) == (mine.pk, "Bà Lê Thị Gương")


def test_the_recognition_list_and_cancelling(tree, office):
    inside = recognition(tree.cb1a, dt.date(2023, 3, 1))
    recognition(tree.other_db, dt.date(2023, 3, 1))
    body = office.get(f"{API}/recognitions", {"org": "D", "from": "2023-01-01", "to": "2023-12-31"}).json()
    assert [r["id"] for r in body["items"]] == [inside.pk]
    response = office.post(f"{API}/recognitions/{inside.pk}/cancel")
    assert (response.status_code, response.json()["cancelled_on"] is not None) == (200, True)
    assert office.post(f"{API}/recognitions/{inside.pk}/cancel").status_code == 409
    outside = Recognition.objects.exclude(pk=inside.pk).get()
    assert office.get(f"{API}/recognitions/{outside.pk}").status_code == 404
    assert office.post(f"{API}/recognitions/{outside.pk}/cancel").status_code == 404


def test_the_lists_cost_the_same_queries_for_1_and_5_rows(tree, office, django_assert_max_num_queries):
    good_model(tree.cb1a, copied_by=[tree.cb2a])
    recognition(tree.cb1a, dt.date(2023, 3, 1))
    urls = [f"{API}/models?org=D", f"{API}/recognitions?org=D&from=2023-01-01&to=2023-12-31"]
    counts = []
    for url in urls:
        office.get(url)
        with django_assert_max_num_queries(20) as few:
            office.get(url)
        counts.append(len(few.captured_queries))
    for _ in range(4):
        model = good_model(tree.cb2a, holder=Holder.INDIVIDUAL, copied_by=[tree.cb1a, tree.cbcs])
        recognition(tree.cb2a, dt.date(2023, 5, 1), holder=Holder.INDIVIDUAL, good_model=model)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert office.get(url).json()["count"] == 5
