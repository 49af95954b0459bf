"""A member saved before the date range rule (issue 9.5) with a date such as 31/12/9999 still opens:
the probation end it implies (year 10000) cannot be a date, so it saturates at the last date there is
(members.models.Member.probation_ends) instead of answering 500, and every page shows the dates as saved.

The row is written directly with the ORM, as the old code wrote it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.members.helpers import member
from xaydungdang.members.models import Member, Person

LAST = dt.date(9999, 12, 31)
FIRST = dt.date(1, 1, 1)


@pytest.fixture
def legacy(tree: Any) -> Member:
    m = member(tree.cb1a, "Hồ Sơ Cũ", since=dt.date(2020, 1, 1), admission_ceremony_date=dt.date(2020, 1, 1))
    Member.objects.filter(pk=m.pk).update(admission_decision_date=LAST, admission_ceremony_date=LAST)
    Person.objects.filter(pk=m.person_id).update(birth_date=FIRST)
    m.refresh_from_db()
    return m


def test_probation_end_of_a_ceremony_in_year_9999_is_the_last_date(legacy):
    assert legacy.probation_ends() == LAST


def test_probation_end_still_adds_twelve_months(legacy):
    legacy.admission_ceremony_date = dt.date(2024, 2, 29)
    assert legacy.probation_ends() == dt.date(2025, 2, 28)


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages_of_a_legacy_member_open_with_the_dates_as_saved(legacy, tree, users):
    client = client_of(users.district_office)
    code = {"to_chuc": tree.cb1a.code}
    detail = client.get(reverse("members:detail", kwargs={"member_id": legacy.pk}))
    listed = client.get(reverse("members:list"), code)
    overdue = client.get(reverse("members:overdue"), code)
    export = client.get(reverse("members:export"), {**code, "dinh_dang": "csv"})
    workbook = client.get(reverse("members:export"), code)
    home = client.get(reverse("home"))
    recognise = client.get(reverse("members:recognise", kwargs={"member_id": legacy.pk}))
    assert [p.status_code for p in (detail, listed, overdue, export, workbook, home, recognise)] == [200] * 7
    # Decision, ceremony and probation end on the record; the name on the list, not among the overdue.
    assert (detail.content.decode().count("31/12/9999"), "Hồ Sơ Cũ" in listed.content.decode(),
            "Hồ Sơ Cũ" in overdue.content.decode(), export.content.decode("utf-8-sig").count("31/12/9999")) == (
        3, True, False, 2)


def test_api_of_a_legacy_member_answers_with_the_dates_as_saved(legacy, tree, users):
    client = client_of(users.district_office)
    one = client.get(f"/api/members/{legacy.pk}")
    listed = client.get("/api/members", {"organisation": tree.cb1a.code})
    body = json.loads(one.content)
    assert (one.status_code, listed.status_code) == (200, 200)
    assert (body["admission_ceremony_date"], body["probation_ends"], body["birth_date"]) == (
        "9999-12-31", "9999-12-31", "0001-01-01")
    assert [item["full_name"] for item in listed.json()["items"]] == ["Hồ Sơ Cũ"]
