"""Candidates of a dissolved organisation's office (issue 9.10, members.scoping.visible_candidates).

The fixture district D ends on 1/7/2025 (last day 30/6/2025). A candidate CB1A followed before stays readable to
D's office; one CB1A (by then under the commune X1) began to follow on 1/8/2025 is none of its business: the
list, its search and status filter, the admission page and the API agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from xaydungdang.members import domain
from xaydungdang.members.models import Candidate


def candidate(organisation: Any, name: str, since: dt.date) -> Candidate:
    return domain.add_candidate(actor=None, person={"full_name": name, "sex": "nu"}, organisation=organisation,
                                since=since)


@pytest.fixture
def followed(restructured_tree) -> tuple[Candidate, Candidate, Candidate]:
    tree = restructured_tree
    return (candidate(tree.cb1a, "Vũ Thị Trước", dt.date(2024, 3, 1)),
            candidate(tree.cb1a, "Vũ Thị Ngày Cuối", dt.date(2025, 6, 30)),
            candidate(tree.cb1a, "Vũ Thị Sau", dt.date(2025, 8, 1)))


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def listed(user: Any, query: str = "") -> list[str]:
    response = client_for(user).get(f"/dang-vien/quan-chung-uu-tu/{query}")
    assert response.status_code == 200
    return [row["candidate"].person.full_name for row in response.context["rows"]]


def test_the_list_of_the_office_ends_on_the_last_day(users, followed):
    assert listed(users.district_office) == ["Vũ Thị Ngày Cuối", "Vũ Thị Trước"]
    assert listed(users.district_office, "?q=vu thi&trang_thai=") == ["Vũ Thị Ngày Cuối", "Vũ Thị Trước"]
    assert "Vũ Thị Sau" not in client_for(users.district_office).get("/dang-vien/quan-chung-uu-tu/").content.decode()


def test_the_province_and_the_unit_read_every_candidate(users, followed):
    assert listed(users.province_office) == ["Vũ Thị Ngày Cuối", "Vũ Thị Sau", "Vũ Thị Trước"]
    assert listed(users.cell_secretary) == ["Vũ Thị Ngày Cuối", "Vũ Thị Sau", "Vũ Thị Trước"]


def test_the_api_of_the_office_ends_on_the_last_day(users, followed):
    client = client_for(users.district_office)
    for query in ("", "?org=CB1A", "?org=D&status=active"):
        response = client.get(f"/api/candidates{query}")
        assert response.status_code == 200, query
        assert [c["full_name"] for c in response.json()["items"]] == ["Vũ Thị Ngày Cuối", "Vũ Thị Trước"], query
    everything = client_for(users.province_office).get("/api/candidates").json()["items"]
    assert [c["full_name"] for c in everything] == ["Vũ Thị Ngày Cuối", "Vũ Thị Sau", "Vũ Thị Trước"]


def test_a_later_candidate_page_is_missing_for_the_office(users, followed):
    _before, _last, later = followed
    url = f"/dang-vien/quan-chung-uu-tu/{later.pk}/ket-nap/"
    # Admitting writes: the office is refused before the candidate is looked up (core.permissions.requires).
    assert client_for(users.district_office).get(url).status_code == 403
    assert client_for(users.cell_secretary).get(url).status_code == 200
