"""Lifecycle writes belong to the member's official organisation (members.scoping.writable_members).

A member who temporarily attends a chi bộ is visible to its secretary and no more: every lifecycle
write through the web and through the API answers 404 (hidden as missing) and writes nothing, while
the secretary of the member's own chi bộ may do it. The host may only end the attendance itself.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from tests.factories import user_with_role
from tests.members.helpers import member, snapshot
from xaydungdang.members import domain
from xaydungdang.members.models import Member, Membership

# (web path under /dang-vien/<id>/, API path under /api/members/<id>/, web form, API body)
WRITES: list[tuple[str, str, dict[str, str], dict[str, Any]]] = [
    ("cong-nhan-chinh-thuc/", "recognise", {"decision_date": "1/6/2024"}, {"decision_date": "2024-06-01"}),
    ("chuyen-di/", "transfers", {"kind": "regular", "sent_on": "1/6/2024", "to_organisation": "CB2A"},
     {"kind": "regular", "sent_on": "2024-06-01", "to_organisation": "CB2A"}),
    ("mien-sinh-hoat/", "exempt", {"valid_from": "1/6/2024"}, {"valid_from": "2024-06-01"}),
    ("ket-thuc/", "end", {"kind": "expelled", "on": "1/6/2024"}, {"kind": "expelled", "on": "2024-06-01"}),
]
IDS = [write[1] for write in WRITES]


@pytest.fixture
def guest(tree) -> Member:
    """Official member of CB3A (bloc), temporarily attending CB1A since 2/1/2024; probationary since 2023."""
    person = member(tree.cb3a, "Lạc Thị Tạm", since=dt.date(2023, 1, 2), admission_decision_date=dt.date(2023, 1, 1),
                    admission_ceremony_date=dt.date(2023, 1, 2))
    transfer = domain.send_transfer(actor=None, member=person, kind=Membership.Kind.TEMPORARY,
                                    sent_on=dt.date(2024, 1, 1), to_organisation=tree.cb1a)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=dt.date(2024, 1, 2))
    return person


def web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_post(user: Any, path: str, body: dict[str, Any]) -> Any:
    return web(user).post(path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(("web_path", "api_path", "form", "body"), WRITES, ids=IDS)
def test_the_host_of_a_temporary_attendee_cannot_write_through_the_web(tree, users, guest, web_path, api_path, form,
                                                                        body):
    before = snapshot()
    client = web(users.cell_secretary)
    assert client.get(f"/dang-vien/{guest.pk}/").status_code == 200  # visible
    assert client.get(f"/dang-vien/{guest.pk}/{web_path}").status_code == 404
    assert client.post(f"/dang-vien/{guest.pk}/{web_path}", form).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(("web_path", "api_path", "form", "body"), WRITES, ids=IDS)
def test_the_host_of_a_temporary_attendee_cannot_write_through_the_api(tree, users, guest, web_path, api_path, form,
                                                                        body):
    before = snapshot()
    assert web(users.cell_secretary).get(f"/api/members/{guest.pk}").status_code == 200  # visible
    response = api_post(users.cell_secretary, f"/api/members/{guest.pk}/{api_path}", body)
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy."})
    assert snapshot() == before


@pytest.mark.parametrize(("web_path", "api_path", "form", "body"), WRITES, ids=IDS)
def test_the_official_organisation_writes_through_the_web(tree, users, guest, web_path, api_path, form, body):
    official = users.province_office  # the bloc's CB3A is in the province's subtree
    assert web(official).post(f"/dang-vien/{guest.pk}/{web_path}", form).status_code == 302


@pytest.mark.parametrize(("web_path", "api_path", "form", "body"), WRITES, ids=IDS)
def test_the_official_organisation_writes_through_the_api(tree, users, guest, web_path, api_path, form, body):
    response = api_post(users.province_office, f"/api/members/{guest.pk}/{api_path}", body)
    assert response.status_code == (201 if api_path == "transfers" else 200)


def test_an_exempted_temporary_attendee_cannot_have_the_exemption_ended_by_the_host(tree, users, guest):
    domain.exempt(actor=None, member=guest, valid_from=dt.date(2024, 3, 1))
    before = snapshot()
    assert web(users.cell_secretary).post(f"/dang-vien/{guest.pk}/het-mien-sinh-hoat/",
                                          {"on": "1/6/2024"}).status_code == 404
    assert api_post(users.cell_secretary, f"/api/members/{guest.pk}/end-exemption",
                    {"on": "2024-06-01"}).status_code == 404
    assert snapshot() == before
    assert api_post(users.province_office, f"/api/members/{guest.pk}/end-exemption",
                    {"on": "2024-06-01"}).status_code == 200


def test_the_host_sees_only_the_end_of_the_attendance_among_the_steps(tree, users, guest):
    steps = web(users.cell_secretary).get(f"/dang-vien/{guest.pk}/").context["steps"]
    assert [name for name, _label, _ending in steps] == ["members:end_temporary"]
    steps = web(users.province_office).get(f"/dang-vien/{guest.pk}/").context["steps"]
    assert [name for name, _label, _ending in steps] == [
        "members:recognise", "members:transfer_out", "members:exempt", "members:end_temporary",
        "members:end_membership"]


@pytest.mark.parametrize("channel", ["web", "api"])
def test_the_host_ends_the_attendance_and_nothing_else(tree, users, guest, channel):
    if channel == "web":
        response = web(users.cell_secretary).post(f"/dang-vien/{guest.pk}/het-sinh-hoat-tam-thoi/", {"on": "1/6/2024"})
        assert response.status_code == 302
    else:
        response = api_post(users.cell_secretary, f"/api/members/{guest.pk}/end-temporary", {"on": "2024-06-01"})
        assert response.status_code == 200
    rows = guest.memberships.order_by("valid_from").values_list("organisation__code", "kind", "valid_to")
    assert list(rows) == [("CB3A", "regular", None), ("CB1A", "temporary", dt.date(2024, 6, 1))]
    guest.refresh_from_db()
    assert guest.state == Member.State.ACTIVE


def test_the_source_of_a_pending_transfer_still_writes_and_the_destination_does_not(tree, users):
    moving = member(tree.cb1a, "Trần Văn Đi")
    domain.send_transfer(actor=None, member=moving, kind=Membership.Kind.REGULAR, sent_on=dt.date(2024, 1, 1),
                         to_organisation=tree.cb3a)
    destination = user_with_role("bi-thu", tree.cb3a)
    assert web(users.cell_secretary).get(f"/dang-vien/{moving.pk}/ket-thuc/").status_code == 200
    assert web(destination).get(f"/dang-vien/{moving.pk}/").status_code == 200  # sees whom it will receive
    assert web(destination).get(f"/dang-vien/{moving.pk}/ket-thuc/").status_code == 404
    assert api_post(destination, f"/api/members/{moving.pk}/exempt", {"valid_from": "2024-02-01"}).status_code == 404
    assert api_post(users.cell_secretary, f"/api/members/{moving.pk}/exempt",
                    {"valid_from": "2024-02-01"}).status_code == 200
