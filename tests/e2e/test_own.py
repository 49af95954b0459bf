"""A member's own log-in on a phone (375 px): they log in, see the self-study session they are expected at,
confirm it, and find it in their attendance history; the page names no other member.

Data: the fixture tree; An and Khác, members of CB1A; the district's study campaign with a self-study session of
CB1A yesterday; An's own log-in made by the domain (its generated password is what An types).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.accounts import factories as f
from tests.e2e.conftest import PageLog, fits_viewport, login, wider_than_viewport
from tests.members.helpers import member
from xaydungdang.activities.models import Attendance, Session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SMALL_PHONE = {"width": 375, "height": 740}
OTHER = "Trần Thị Khác"


def test_a_member_confirms_self_study_on_a_phone(page: Any, page_log: PageLog, screenshot: Any, tree: Any) -> None:
    an = member(tree.cb1a, "Nguyễn Văn An", since=dt.date(2020, 1, 1))
    other = member(tree.cb1a, OTHER, since=dt.date(2020, 1, 1), sex="nu")
    study = f.campaign(tree.district, "Học tập, quán triệt Nghị quyết Đại hội XIII của Đảng")
    self_study = f.session(study, tree.cb1a, f.days(-1), form=Session.Form.SELF_STUDY)
    held = f.session(study, tree.cb1a, f.days(-12), place="Hội trường chi bộ")
    f.attendance(held, an, tree.cb1a)
    f.attendance(held, other, tree.cb1a, Attendance.Status.ABSENT, "Ốm")
    _user, password = f.with_login(an, "nguyen.van.an")

    page.set_viewport_size(SMALL_PHONE)
    login(page, "nguyen.van.an", password, then=None)
    item = page.locator(f"#own-session-{self_study.pk}")
    expect(item).to_contain_text("Học tập, quán triệt Nghị quyết Đại hội XIII của Đảng")
    expect(item).to_contain_text("Tự học")
    nav = page.locator("nav.mainnav a")
    assert [nav.nth(i).inner_text() for i in range(nav.count())] == ["Của tôi"]
    assert fits_viewport(page), wider_than_viewport(page)
    screenshot("expected")

    item.get_by_role("button", name="Xác nhận đã tự học").click()
    page.wait_for_url(re.compile(r"/cua-toi/$"))
    expect(page.locator(".messages")).to_contain_text("Đã xác nhận tự học")
    expect(page.locator(f"#own-session-{self_study.pk}")).to_contain_text("Đã xác nhận tự học")
    assert page.locator(f"#own-session-{self_study.pk} button").count() == 0
    assert fits_viewport(page), wider_than_viewport(page)
    screenshot("confirmed")

    page.get_by_role("link", name="Lịch sử tham gia của tôi").click()
    page.wait_for_url(re.compile(r"/cua-toi/lich-su/$"))
    rows = page.locator("#own-history li")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(f"{f.days(-1).day}/{f.days(-1).month}/{f.days(-1).year}")
    expect(rows.first).to_contain_text("Có mặt")
    assert OTHER not in page.content() and "Ốm" not in page.content()
    assert fits_viewport(page), wider_than_viewport(page)
    screenshot("history")
    assert Attendance.objects.get(session=self_study).person_id == an.person_id
    page_log.assert_clean()
