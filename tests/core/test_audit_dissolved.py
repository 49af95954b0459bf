"""The audit log read by the office of an organisation that has ended (accounts.scope: `Scope.audit_q`).

The fixture district D ends on 1/7/2025 (last day 30/6/2025); the split is recorded today, after the fact. Its
office reads the entries about its subtree recorded by the end of 30/6/2025, local time (Asia/Ho_Chi_Minh), and
of those recorded later only the ones about D itself (its dissolution, its office's grant): the units moved to
the communes, the grants given today on DB1 and CB1A and a member registered later in CB1A are the communes'
business. The audit log and the home panel agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils.translation import override

from tests.members.helpers import member
from xaydungdang.core.models import AuditEntry
from xaydungdang.core.templatetags.vn import audit_action

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
CREATED = [("organisation.created", code, f"Tổ chức {code}")
           for code in ["CBCS", "CB2A", "CB1B", "CB1A", "DB2", "DB1", "D"]]
OFFICE_GRANT = "huyen – Văn phòng cấp ủy @ Tổ chức D"


def recorded(action: str, repr_: str, at: dt.datetime) -> None:
    assert AuditEntry.objects.filter(action=action, object_repr=repr_).update(created_at=at) == 1


@pytest.fixture
def log(users: Any, restructured_tree: Any) -> Any:
    """The users' grants and the split recorded today; the tree created in 2015 (the communes today); "Đỗ Văn
    Trước" registered at 23:30 on 30/6/2025 and "Đỗ Văn Nửa Đêm" at 00:30 on 1/7/2025 (local time); "Đỗ Thị
    Sau" admitted into CB1A on 1/8/2025, recorded today."""
    tree = restructured_tree
    AuditEntry.objects.filter(action="organisation.created").exclude(organisation__code__in=["X1", "X2"]).update(
        created_at=dt.datetime(2015, 1, 1, 8, tzinfo=LOCAL))
    member(tree.cb1a, "Đỗ Văn Trước", since=dt.date(2020, 1, 1))
    recorded("member.registered", "Đỗ Văn Trước", dt.datetime(2025, 6, 30, 23, 30, tzinfo=LOCAL))
    member(tree.cb1b, "Đỗ Văn Nửa Đêm", since=dt.date(2025, 6, 1))
    recorded("member.registered", "Đỗ Văn Nửa Đêm", dt.datetime(2025, 7, 1, 0, 30, tzinfo=LOCAL))
    member(tree.cb1a, "Đỗ Thị Sau", since=dt.date(2025, 8, 1))
    return tree


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def listed(response: Any) -> list[tuple[str, str, str]]:
    assert response.status_code == 200
    return [(e.action, e.organisation.code, e.object_repr) for e in response.context["page"].object_list]


def test_the_office_reads_its_subtree_up_to_its_last_day_and_its_own_dissolution(users, log):
    assert listed(client_for(users.district_office).get("/nhat-ky/")) == [
        ("organisation.dissolved", "D", "Tổ chức D"),
        ("grant.given", "D", OFFICE_GRANT),
        ("member.registered", "CB1A", "Đỗ Văn Trước"),
        *CREATED,
    ]


def test_a_former_unit_filtered_reads_the_same_cut_off(users, log):
    assert listed(client_for(users.district_office).get("/nhat-ky/?to_chuc=CB1A")) == [
        ("member.registered", "CB1A", "Đỗ Văn Trước"), ("organisation.created", "CB1A", "Tổ chức CB1A")]


def test_an_active_grant_reads_every_entry_of_its_subtree(users, log):
    assert listed(client_for(users.province_office).get("/nhat-ky/?to_chuc=D")) == [
        ("member.registered", "CB1A", "Đỗ Thị Sau"),
        ("organisation.dissolved", "D", "Tổ chức D"),
        ("organisation.moved", "CBCS", "Tổ chức CBCS"),
        ("organisation.moved", "DB2", "Tổ chức DB2"),
        ("organisation.moved", "DB1", "Tổ chức DB1"),
        ("grant.given", "CB1A", "chibo – Bí thư chi bộ, đảng ủy cơ sở @ Tổ chức CB1A"),
        ("grant.given", "DB1", "dangbo – Bí thư chi bộ, đảng ủy cơ sở @ Tổ chức DB1"),
        ("grant.given", "D", OFFICE_GRANT),
        ("member.registered", "CB1B", "Đỗ Văn Nửa Đêm"),
        ("member.registered", "CB1A", "Đỗ Văn Trước"),
        *CREATED,
    ]


def test_the_home_panel_shows_only_the_dissolution_of_recent_changes(users, log):
    response = client_for(users.district_office).get("/?khung=core.recent_changes")
    assert response.status_code == 200
    panel = {p.code: content for p, content in response.context["panels"]}["core.recent_changes"]
    with override("vi"):
        dissolved, grant = f"{audit_action('organisation.dissolved')}: Tổ chức D", audit_action("grant.given")
        registered = audit_action("member.registered")
    assert [f.value for f in panel.figures] == [2]
    assert [line.text for line in panel.lines] == [dissolved, f"{grant}: {OFFICE_GRANT}"]
    province = client_for(users.province_office).get("/?khung=core.recent_changes")
    changes = {p.code: content for p, content in province.context["panels"]}["core.recent_changes"]
    # Five grants; X1, X2 created; DB1, DB2, CBCS moved; D dissolved; "Đỗ Thị Sau" registered.
    assert (changes.figures[0].value, changes.lines[0].text) == (12, f"{registered}: Đỗ Thị Sau")
