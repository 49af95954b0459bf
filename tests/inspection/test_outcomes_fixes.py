"""Fixes after the new-user trial of the outcomes: the follow-up of an ended committee's recommendation by the
office of its successor (and the ended office's explanatory 403), the overdue list placed by today's tree, the home
panel's line cut at a word."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import user_with_role
from tests.inspection.factories_outcomes import (
    CONCLUDED,
    make_inspection,
    make_plan,
    make_recommendation,
    make_team,
)
from xaydungdang.inspection.home_panels import shorten
from xaydungdang.inspection.models import InspectionRecommendation

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ended(restructured_tree, users):
    """A recommendation of the district's inspection of DB1 (2023), open and past its deadline; the district ended
    on 1/7/2025 and DB1 sits under the commune X1 since."""
    tree = restructured_tree
    inspection = make_inspection(make_team(make_plan(tree.district)), tree.db1, concluded_on=CONCLUDED)
    recommendation = make_recommendation(inspection, due_on=dt.date(2023, 9, 30))
    from xaydungdang.organisations.models import Organisation

    x1 = Organisation.objects.get(code="X1")
    x2 = Organisation.objects.get(code="X2")
    return {"r": recommendation, "x1": user_with_role("van-phong", x1, "xa1"),
            "x2": user_with_role("van-phong", x2, "xa2"), "district": users.district_office}


def test_the_successor_office_records_the_follow_up(ended):
    recommendation = ended["r"]
    url = reverse("inspection:recommendation_follow_up", args=[recommendation.pk])
    client = _client(ended["x1"])
    page = client.get(reverse("inspection:recommendation_detail", args=[recommendation.pk]))
    assert page.status_code == 200 and page.context["can_follow_up"] is True
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "done", "followed_up_on": "2/12/2026", "follow_up_note": "Đã khắc phục",
                                 "seen": recommendation.updated_at.isoformat()})
    assert response.status_code == 302, response.content.decode()[-1500:]
    recommendation.refresh_from_db()
    assert recommendation.status == InspectionRecommendation.Status.DONE


def test_the_other_successor_does_not(ended):
    """X2 edits neither the addressee (none) nor DB1: it does not read the recommendation."""
    recommendation = ended["r"]
    client = _client(ended["x2"])
    assert client.get(reverse("inspection:recommendation_follow_up", args=[recommendation.pk])).status_code == 404
    recommendation.refresh_from_db()
    assert recommendation.status != InspectionRecommendation.Status.DONE


def test_the_ended_office_is_told_why(ended):
    response = _client(ended["district"]).get(reverse("inspection:recommendation_follow_up", args=[ended["r"].pk]))
    assert response.status_code == 403
    assert response.context["ended_on"] == dt.date(2025, 7, 1)


def test_overdue_list_places_by_todays_tree(ended):
    """DB1 sits under X1 today: X1's list holds the recommendation, as DB1's does (a parent never fewer)."""
    client = _client(ended["x1"])
    url = reverse("inspection:recommendation_overdue")
    parent = client.get(url, {"to_chuc": "X1"})
    child = client.get(url, {"to_chuc": "DB1"})
    assert parent.context["page"].paginator.count == 1
    assert child.context["page"].paginator.count == 1
    assert client.get(url).context["page"].paginator.count == 1  # X1 by default


def test_shorten_cuts_at_a_word():
    assert shorten("Ngắn gọn") == "Ngắn gọn"
    text = "Khắc phục hạn chế trong sinh hoạt chi bộ, nâng cao chất lượng sinh hoạt định kỳ hằng tháng của chi bộ"
    cut = shorten(text)
    assert cut == "Khắc phục hạn chế trong sinh hoạt chi bộ, nâng cao chất lượng sinh hoạt định kỳ…"
    assert len(cut) <= 80 and text.startswith(cut[:-1])
    assert shorten("x" * 100) == "x" * 79 + "…"
    exact = "a" * 80
    assert shorten(exact) == exact
