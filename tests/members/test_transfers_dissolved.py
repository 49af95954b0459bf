"""Pending transfers seen by the office of an organisation that has ended (accounts.scope: `until`).

The fixture district D ends on 1/7/2025 (last day 30/6/2025), its units going to the communes X1 and X2.
Two members of the bloc's chi bộ CB3A are sent into former units of D and are still pending: one on 1/6/2025
(before the end: D's business, shown), one on 1/8/2025 (after it: the commune X1's business). The transfers
list, the API and the home page all read members.scoping.visible_transfers, so they agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.helpers import vi
from tests.members.helpers import member
from xaydungdang.members import domain
from xaydungdang.members.models import Membership, Transfer

pytestmark = pytest.mark.django_db


def sent(source: Any, destination: Any, name: str, on: dt.date) -> Transfer:
    mover = member(source, name, since=dt.date(2020, 1, 1))
    return domain.send_transfer(actor=None, member=mover, kind=Membership.Kind.REGULAR, sent_on=on,
                                to_organisation=destination)


@pytest.fixture
def earlier(restructured_tree) -> Transfer:
    return sent(restructured_tree.cb3a, restructured_tree.cb1b, "Trần Văn Trước", dt.date(2025, 6, 1))


@pytest.fixture
def later(restructured_tree) -> Transfer:
    return sent(restructured_tree.cb3a, restructured_tree.cb1a, "Trần Thị Sau", dt.date(2025, 8, 1))


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("query", ["", "?chieu=den"])
def test_the_list_keeps_the_transfers_sent_by_the_last_day(users, earlier, later, query):
    response = client_for(users.district_office).get(f"/dang-vien/chuyen-sinh-hoat/{query}")
    assert response.status_code == 200
    assert [row["transfer"].pk for row in response.context["rows"]] == [earlier.pk]
    assert "Trần Thị Sau" not in response.content.decode()


@pytest.mark.parametrize("query", ["", "?org=DB1", "?org=CB1A"])
def test_the_api_keeps_the_transfers_sent_by_the_last_day(users, earlier, later, query):
    response = client_for(users.district_office).get(f"/api/transfers{query}")
    assert response.status_code == 200
    expected = [] if query == "?org=CB1A" else [(earlier.pk, "Trần Văn Trước", "CB3A", "CB1B", "2025-06-01")]
    assert [(t["id"], t["full_name"], t["from_organisation"], t["to_organisation"], t["sent_on"])
            for t in response.json()["items"]] == expected


def test_the_home_panel_keeps_the_transfers_sent_by_the_last_day(users, earlier, later):
    response = client_for(users.district_office).get("/?khung=members.transfers")
    assert response.status_code == 200
    panel = {p.code: content for p, content in response.context["panels"]}["members.transfers"]
    assert [(str(f.label), f.value) for f in panel.figures] == [(vi("Pending transfers"), 1),
                                                                 (vi("Coming in, to receive"), 1)]
    assert [(line.text, line.action) for line in panel.lines] == [("Trần Văn Trước", None)]


def test_the_member_of_a_later_transfer_is_not_found(users, earlier, later):
    client = client_for(users.district_office)
    assert client.get(f"/dang-vien/{later.member_id}/").status_code == 404
    assert client.get(f"/api/members/{later.member_id}").status_code == 404
    response = client.get(f"/dang-vien/{earlier.member_id}/")
    assert response.status_code == 200
    assert [row["transfer"].pk for row in response.context["transfers"]] == [earlier.pk]


def test_the_office_receives_neither_transfer(users, earlier, later):
    client = client_for(users.district_office)
    for transfer in (earlier, later):  # an ended organisation's office writes nothing: refused before the lookup
        assert client.get(f"/dang-vien/chuyen-sinh-hoat/{transfer.pk}/tiep-nhan/").status_code == 403


def test_the_successors_and_the_province_see_both(users, earlier, later):
    response = client_for(users.province_office).get("/dang-vien/chuyen-sinh-hoat/")
    assert [row["transfer"].pk for row in response.context["rows"]] == [later.pk, earlier.pk]
    listed = client_for(users.cell_secretary).get("/api/transfers").json()
    assert [t["id"] for t in listed["items"]] == [later.pk]
