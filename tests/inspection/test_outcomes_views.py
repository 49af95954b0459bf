"""The outcome pages: the section of an inspection's page, recording and following up a recommendation (nothing
written on a refusal), the overdue list and the decision list in a fixed number of queries, the figures page
("Không có số liệu" for an empty period, each count linked to its rows), the home panel."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.inspection.factories_outcomes import (
    CONCLUDED,
    make_decision,
    make_inspection,
    make_plan,
    make_recommendation,
    make_team,
)
from xaydungdang.inspection import views_outcomes
from xaydungdang.inspection.models import InspectionRecommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(tree):
    return make_inspection(make_team(make_plan(tree.district)), tree.db1, concluded_on=CONCLUDED)


@pytest.fixture
def office(users) -> Client:
    client = Client()
    client.force_login(users.district_office)
    return client


def test_record_a_recommendation_from_the_page(office, inspection):
    url = reverse("inspection:recommendation_create", args=[inspection.pk])
    refused = office.post(url, {"content": "Khắc phục", "due_on": "14/4/2023"})
    assert refused.status_code == 200 and "Thời hạn: 14/4/2023" in refused.content.decode()
    assert InspectionRecommendation.objects.count() == 0
    done = office.post(url, {"content": "Khắc phục", "due_on": "15/4/2023", "gui_den": "DB1"})
    assert done.status_code == 302
    rec = InspectionRecommendation.objects.get()
    assert rec.addressee.code == "DB1"
    page = office.get(reverse("inspection:recommendation_detail", args=[rec.pk])).content.decode()
    assert 'id="follow-up"' in page and 'id="cancel-recommendation"' in page


def test_follow_up_page_with_a_stale_version_answers_409(office, inspection):
    rec = make_recommendation(inspection)
    url = reverse("inspection:recommendation_follow_up", args=[rec.pk])
    stale = office.post(url, {"status": "done", "followed_up_on": "1/6/2023", "seen": "2000-01-01T00:00:00+00:00"})
    assert stale.status_code == 409
    ok = office.post(url, {"status": "done", "followed_up_on": "1/6/2023", "seen": rec.updated_at.isoformat()})
    assert ok.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "done"


def test_the_section_shows_buttons_only_to_writers(rf, users, inspection, tree):
    from xaydungdang.accounts.scope import resolve_scope

    make_recommendation(inspection)
    for user, writes in ((users.district_office, True), (users.grassroots_secretary, False)):
        request = rf.get("/")
        request.user = user
        request.scope = resolve_scope(user)
        found = views_outcomes.section_context(request, inspection)
        assert len(found["outcome_recommendations"]) == 1
        assert found["can_recommend"] is writes


def test_lists_in_a_fixed_number_of_queries(office, inspection, tree, django_assert_max_num_queries):
    for _ in range(3):
        make_recommendation(inspection, due_on=dt.date(2023, 5, 1))
        make_decision(tree.district, tree.db1)
    with django_assert_max_num_queries(25) as few:
        office.get(reverse("inspection:recommendation_overdue"), {"to_chuc": "D"})
    for _ in range(10):
        make_recommendation(inspection, due_on=dt.date(2023, 5, 1))
        make_decision(tree.district, tree.db2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = office.get(reverse("inspection:recommendation_overdue"), {"to_chuc": "D"})
    assert page.context["page"].paginator.count == 13
    with django_assert_max_num_queries(25) as few:
        office.get(reverse("inspection:decision_list"), {"to_chuc": "D", "tu_ngay": "1/1/2023"})
    make_decision(tree.district, tree.cb1a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        office.get(reverse("inspection:decision_list"), {"to_chuc": "D", "tu_ngay": "1/1/2023"})


def test_figures_page(office, inspection, tree):
    empty = office.get(reverse("inspection:figures"), {"to_chuc": "D", "tu_ngay": "1/1/2020",
                                                        "den_ngay": "31/12/2020"}).content.decode()
    assert "Không có số liệu" in empty
    page = office.get(reverse("inspection:figures"), {"to_chuc": "D", "tu_ngay": "1/1/2023",
                                                       "den_ngay": "31/12/2023"})
    lines = {line["key"]: line for line in page.context["lines"]}
    assert lines["inspections"]["value"] == 1 and lines["plans"]["value"] == 1
    units = {unit["name"]: unit for unit in page.context["units"]}
    assert [cell["value"] for cell in units[tree.db1.versions.get().name]["cells"]][:2] == [1, 1]
    rows = office.get(lines["inspections"]["url"])
    assert rows.status_code == 200 and rows.context["page"].paginator.count == 1
    assert office.get(reverse("inspection:figure_rows"), {"so": "bogus"}).status_code == 404


def test_home_panel(office, inspection, tree):
    from xaydungdang.core import home

    make_recommendation(inspection, due_on=dt.date(2023, 5, 1))
    panel = home.get("inspection.recommendations_overdue")
    assert panel is not None
    assert str(panel.title) == "Kiến nghị sau kiểm tra quá hạn"
    response = office.get(reverse("home"))
    assert "Kiến nghị sau kiểm tra quá hạn" in response.content.decode()
