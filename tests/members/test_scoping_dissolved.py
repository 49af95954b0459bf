"""A grant on a dissolved organisation reads its subtree as it was on its last day (accounts.scope: `until`).

The fixture district D ends on 1/7/2025 (last day 30/6/2025), its units going to the communes X1 and X2.
Its office keeps reading the members D had, as they stood on 30/6/2025; a member admitted later into a
former unit, and whatever happened to the others later, is none of its business: the list, the record,
the API and the export agree.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.members.helpers import member
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.members import domain
from xaydungdang.members.models import Member

LAST_DAY = dt.date(2025, 6, 30)
LATER_ID = "001099000777"


@pytest.fixture
def before(restructured_tree) -> Member:
    """In CB1A since 2020, struck off on 1/9/2025, after the district's last day."""
    found = member(restructured_tree.cb1a, "Đỗ Văn Trước", since=dt.date(2020, 1, 1), national_id="001088000111")
    domain.end_membership(actor=None, member=found, kind="struck_off", on=dt.date(2025, 9, 1))
    return found


@pytest.fixture
def later(restructured_tree) -> Member:
    """Admitted into CB1A (by then under the commune X1) on 1/8/2025."""
    return member(restructured_tree.cb1a, "Đỗ Thị Sau", since=dt.date(2025, 8, 1), national_id=LATER_ID)


def office(users: Any) -> Client:
    client = Client()
    client.force_login(users.district_office)
    return client


def test_the_scope_of_a_dissolved_grant_ends_on_the_last_day(restructured_tree, users):
    scope = resolve_scope(users.district_office)
    assert [g.until for g in scope.grants] == [LAST_DAY]
    assert scope.last_day() == LAST_DAY
    assert scope.reading_day(dt.date(2026, 1, 1)) == LAST_DAY
    assert scope.reading_day(dt.date(2024, 1, 1)) == dt.date(2024, 1, 1)
    province = resolve_scope(users.province_office)
    assert (province.last_day(), province.reading_day(dt.date(2026, 1, 1))) == (None, dt.date(2026, 1, 1))


@pytest.mark.parametrize("query", ["", "?to_chuc=DB1", "?to_chuc=CB1A&ngay=1/12/2026"])
def test_the_list_reads_the_last_day(users, before, later, query):
    response = office(users).get(f"/dang-vien/{query}")
    assert response.status_code == 200
    assert response.context["day"] == LAST_DAY
    assert [row["member"].person.full_name for row in response.context["rows"]] == ["Đỗ Văn Trước"]
    assert "Đỗ Thị Sau" not in response.content.decode()


def test_earlier_dates_read_as_before(users, before, later):
    response = office(users).get("/dang-vien/?to_chuc=CB1A&ngay=1/1/2021")
    assert response.context["day"] == dt.date(2021, 1, 1)
    assert [row["member"].person.full_name for row in response.context["rows"]] == ["Đỗ Văn Trước"]


def test_a_member_admitted_after_the_dissolution_is_missing_from_the_record_pages(users, before, later):
    client = office(users)
    assert client.get(f"/dang-vien/{later.pk}/").status_code == 404
    response = client.get(f"/api/members/{later.pk}")
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy."})


def test_a_member_from_before_shows_the_state_of_the_last_day(users, before, later):
    response = office(users).get(f"/dang-vien/{before.pk}/")
    assert response.status_code == 200
    shown = response.context["member"]
    assert (shown.state, shown.state_since) == (Member.State.ACTIVE, None)
    assert [(m.organisation.code, m.valid_to) for m in response.context["memberships"]] == [("CB1A", None)]
    assert [e.kind for e in response.context["events"]] == ["registered"]
    assert response.context["steps"] == []  # nothing written through an ended organisation


def test_the_api_reads_the_last_day(users, before, later):
    client = office(users)
    listed = client.get("/api/members?org=DB1").json()
    assert [(m["full_name"], m["organisation"]) for m in listed["items"]] == [("Đỗ Văn Trước", "CB1A")]
    detail = client.get(f"/api/members/{before.pk}").json()
    assert (detail["state"], detail["state_since"]) == ("active", None)
    assert [(m["organisation"], m["valid_to"]) for m in detail["memberships"]] == [("CB1A", None)]
    assert [e["kind"] for e in detail["timeline"]] == ["registered"]
    assert LATER_ID not in json.dumps(listed) + json.dumps(detail)


def test_the_export_reads_the_last_day(users, before, later):
    response = office(users).get(reverse("members:export") + "?to_chuc=DB1")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[1] for row in rows[1:]] == ["Đỗ Văn Trước"]
    assert LATER_ID not in {str(value) for row in rows for value in row}
    assert response["Content-Disposition"].endswith('-2025-06-30.xlsx"')


def test_the_province_still_reads_today(users, before, later):
    client = Client()
    client.force_login(users.province_office)
    response = client.get("/dang-vien/?to_chuc=DB1")
    assert [row["member"].person.full_name for row in response.context["rows"]] == ["Đỗ Thị Sau"]
    assert client.get(f"/dang-vien/{later.pk}/").status_code == 200
