"""Restructuring events name only what the user may see named (organisations.scoping.scope_summaries).

The 1/7/2025 split of the district D into the communes X1 (DB1) and X2 (DB2, CBCS) is one event of six lines.
The district's office sees D dissolved; the communes are not in its scope. DB1's secretary sees its own
move under X1, X1 (now above it) established and D (formerly above it) dissolved, not X2 and its units.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import translation

from xaydungdang.organisations import domain

DISSOLVED = "Giải thể Tổ chức D từ ngày 1/7/2025; hồ sơ và lịch sử của tổ chức vẫn được lưu giữ."


def page(user, url: str):
    client = Client()
    client.force_login(user)
    with translation.override("en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def shown(response) -> list[tuple[list[str], int]]:
    events = response.context["page"] if "page" in response.context else response.context["events"]
    return [(e.lines, e.hidden) for e in events if e.kind == "split"]


@pytest.mark.parametrize("url", ["/to-chuc/su-kien/", "/to-chuc/D/"])
def test_the_district_office_sees_only_the_dissolution(restructured_tree, users, url):
    response = page(users.district_office, url)
    assert shown(response) == [([DISSOLVED], 5)]
    body = response.content.decode()
    assert ("Đảng bộ xã Một" in body, "Đảng bộ xã Hai" in body, "X1" in body) == (False, False, False)


def test_the_hidden_lines_are_counted_in_vietnamese(restructured_tree, users):
    client = Client()
    client.force_login(users.district_office)
    body = client.get("/to-chuc/su-kien/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "và 5 thay đổi khác ngoài phạm vi" in body


def test_a_unit_sees_its_move_and_the_committees_above_it(restructured_tree, users):
    response = page(users.grassroots_secretary, "/to-chuc/DB1/")
    assert shown(response) == [([
        "Thành lập Đảng bộ xã Một (X1) trực thuộc Tổ chức P từ ngày 1/7/2025.",
        "Điều chuyển Tổ chức DB1 (cùng toàn bộ các tổ chức trực thuộc) về trực thuộc Đảng bộ xã Một (X1) từ ngày "
        "1/7/2025.",
        DISSOLVED], 3)]
    assert "Đảng bộ xã Hai" not in response.content.decode()


def test_the_province_sees_every_line(restructured_tree, users):
    assert shown(page(users.province_office, "/to-chuc/su-kien/")) == [(shown(page(
        users.province_office, "/to-chuc/D/"))[0][0], 0)]
    assert len(shown(page(users.province_office, "/to-chuc/su-kien/"))[0][0]) == 6


def test_a_history_names_a_superior_outside_the_scope_as_such(restructured_tree, users):
    # CB2A moves under DB1 in 2026: DB1's secretary never had DB2, CB2A's former superior.
    domain.execute(domain.plan_move(organisation=restructured_tree.cb2a, parent=restructured_tree.db1,
                                    effective=dt.date(2026, 1, 1)), actor=None)
    response = page(users.grassroots_secretary, "/to-chuc/CB2A/")
    parents = [(h.parent.code, h.parent_shown) for h in response.context["history"]]
    assert parents == [("DB2", False), ("DB2", False), ("DB1", True)]  # DB2 moved with the split
    assert "Tổ chức DB2" not in response.content.decode()
