"""Restructuring events name only what the user may see named (organisations.scoping.scope_summaries).

The 1/7/2025 split of the district D into the communes X1 (DB1) and X2 (DB2, CBCS) is one event of six lines.
The district's office sees all of it: the communes are not in its scope, but the event that ended D is D's own
history and X1 and X2 are D's successors (organisations.succession), which its office must be able to name.
DB1's secretary sees its own move under X1, X1 (now above it) established and D (formerly above it)
dissolved, not X2 and its units.
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


SPLIT = [
    "Thành lập Đảng bộ xã Một (X1) trực thuộc Tổ chức P từ ngày 1/7/2025.",
    "Thành lập Đảng bộ xã Hai (X2) trực thuộc Tổ chức P từ ngày 1/7/2025.",
    "Điều chuyển Tổ chức DB1 (cùng toàn bộ các tổ chức trực thuộc) về trực thuộc Đảng bộ xã Một (X1) từ ngày "
    "1/7/2025.",
    "Điều chuyển Tổ chức DB2 (cùng toàn bộ các tổ chức trực thuộc) về trực thuộc Đảng bộ xã Hai (X2) từ ngày "
    "1/7/2025.",
    "Điều chuyển Tổ chức CBCS (cùng toàn bộ các tổ chức trực thuộc) về trực thuộc Đảng bộ xã Hai (X2) từ ngày "
    "1/7/2025.",
    DISSOLVED,
]


@pytest.mark.parametrize("url", ["/to-chuc/su-kien/", "/to-chuc/D/"])
def test_the_district_office_sees_the_whole_event_that_ended_the_district(restructured_tree, users, url):
    assert shown(page(users.district_office, url)) == [(SPLIT, 0)]


def test_the_successors_are_named_by_the_event_that_ended_the_district_only(request, tree, users):
    # CB2A moved under DB3 (of the bloc K) in 2024: DB3 is neither in the district's scope nor its successor.
    domain.execute(domain.plan_move(organisation=tree.cb2a, parent=tree.db3, effective=dt.date(2024, 1, 1)),
                   actor=None)
    request.getfixturevalue("restructured_tree")
    events = page(users.district_office, "/to-chuc/su-kien/").context["page"]
    assert [(e.kind, len(e.lines), e.hidden) for e in events][:2] == [("split", 6, 0), ("move", 0, 1)]


def test_the_hidden_lines_are_counted_in_vietnamese(restructured_tree, users):
    client = Client()
    client.force_login(users.grassroots_secretary)
    body = client.get("/to-chuc/DB1/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "và 3 thay đổi khác ngoài phạm vi" in body


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
