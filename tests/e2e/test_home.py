"""The home page in a real browser: the district office and a chi bộ secretary log in, land on their home,
see what needs their attention, and follow one figure to the rows behind it. The secretary's home is also
read on a phone-sized screen.

Data (dates relative to today): in CB1A two official members, one probationary overdue for recognition, one
transfer coming in from the other province; in CB2A one overdue member. Translatable UI text is compared with
what the catalogue in use says, data (names, codes) with literal values.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PageLog, fits_viewport, login, wider_than_viewport
from tests.helpers import vi
from xaydungdang.core import dates
from xaydungdang.members import domain
from xaydungdang.members.models import Member, Membership

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def member(org: Any, name: str, ceremony: dt.date, *, official: bool) -> Member:
    return domain.register_member(
        actor=None, person={"full_name": name, "sex": "nu"}, organisation=org, since=dt.date(2020, 1, 1),
        admission_decision_date=ceremony, admission_ceremony_date=ceremony,
        official_decision_date=dates.years_after(ceremony, 1) if official else None)


@pytest.fixture
def attention(tree: Any) -> None:
    today = dates.today()
    member(tree.cb1a, "Lê Thị Chính", dt.date(2012, 2, 3), official=True)
    member(tree.cb1a, "Phạm Thị Thức", dt.date(2014, 5, 19), official=True)
    member(tree.cb1a, "Nguyễn Thị Quá", today - dt.timedelta(days=420), official=False)
    member(tree.cb2a, "Trần Thị Hạn", today - dt.timedelta(days=380), official=False)
    moving = member(tree.other_db, "Đỗ Thị Chuyển", dt.date(2015, 9, 2), official=True)
    domain.send_transfer(actor=None, member=moving, kind=Membership.Kind.REGULAR,
                         sent_on=today - dt.timedelta(days=2), to_organisation=tree.cb1a)


# The panels of issues 13 and 14 (feedback, emulation, evaluation, pressing, inspection), in their order after the
# activities one.
ISSUE_13_PANELS = [vi("Opinions and petitions to answer"), vi("Recommendations to higher bodies"),
                   vi("Làm theo registrations awaiting approval"), vi("Ratings awaiting a step"),
                   vi("Pressing issues: deadlines"), vi("Recommendations after inspection past their deadline")]


def panel(page: Any, code: str) -> Any:
    return page.locator(f"#panel-{code.replace('.', '')}")


def figure(page: Any, code: str, label: str) -> Any:
    return panel(page, code).locator(".home-figure", has=page.locator(".home-label", has_text=label))


def test_district_office_sees_what_needs_attention_and_opens_the_overdue_list(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, attention: None) -> None:
    login(page, users.district_office.username, then=None)

    expect(page.locator("main h1")).to_have_text(vi("What needs your attention"))
    titles = page.locator(".home-panel h2")
    expect(titles).to_have_text([vi("Your organisation"), vi("Pending transfers"),
                                 vi("Recognition as official members"), "Kế hoạch chưa ban hành",
                                 "Sinh hoạt chi bộ thường kỳ tháng này", "Buổi học tập chưa điểm danh",
                                 *ISSUE_13_PANELS, vi("Recent changes")])
    expect(figure(page, "members.organisation", vi("Party members")).locator(".home-value")).to_have_text("4")
    expect(figure(page, "members.transfers", vi("Coming in, to receive")).locator(".home-value")).to_have_text("1")
    expect(panel(page, "members.transfers").locator(".home-line a").first).to_have_text("Đỗ Thị Chuyển")
    expect(panel(page, "members.transfers").get_by_role("link", name=vi("Receive"), exact=True)).to_have_count(1)
    expect(panel(page, "documents.plans").locator(".home-empty")).to_have_text(
        "Không có văn bản nào đang chờ kế hoạch của các tổ chức thuộc phạm vi của đồng chí.")
    expect(page.locator("nav.mainnav").get_by_role("link", name=vi("Organisation tree"))).to_be_visible()
    screenshot("office-home")

    overdue = figure(page, "members.recognitions", vi("Overdue for recognition"))
    expect(overdue.locator(".home-value")).to_have_text("2")
    overdue.click()
    page.wait_for_url(re.compile(r"/dang-vien/qua-han-cong-nhan/\?to_chuc=D$"))
    names = page.locator("#overdue tbody tr td:first-child")
    expect(names).to_have_count(2)  # the rows behind the figure (in the list's own order)
    assert sorted(names.all_inner_texts()) == ["Nguyễn Thị Quá", "Trần Thị Hạn"]
    screenshot("overdue-list")
    page_log.assert_clean()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_cell_secretary_sees_their_chi_bo_and_opens_its_members(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, attention: None, viewport: str) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    login(page, users.cell_secretary.username, then=None)

    expect(page.locator(".home-panel h2")).to_have_text([vi("Your organisation"), vi("Pending transfers"),
                                                         vi("Recognition as official members"),
                                                         "Kế hoạch chưa ban hành",
                                                         "Sinh hoạt chi bộ thường kỳ tháng này",
                                                         "Buổi học tập chưa điểm danh", *ISSUE_13_PANELS])
    expect(panel(page, "members.organisation").locator(".home-summary")).to_have_text(
        re.compile(r"^Tổ chức CB1A \("))
    values = panel(page, "members.organisation").locator(".home-value")
    expect(values).to_have_text(["3", "2", "1"])
    recognitions = panel(page, "members.recognitions")
    expect(recognitions.locator(".home-line a").first).to_have_text("Nguyễn Thị Quá")
    expect(recognitions.get_by_role("link", name=vi("Recognise"), exact=True)).to_have_count(1)
    expect(page.get_by_text("Trần Thị Hạn")).to_have_count(0)  # CB2A: not the secretary's chi bộ
    if viewport == "phone":  # the panels stack within the screen: nothing wider than the viewport
        assert fits_viewport(page), wider_than_viewport(page)
    screenshot(f"secretary-home-{viewport}")

    figure(page, "members.organisation", vi("Probationary")).click()
    page.wait_for_url(re.compile(r"/dang-vien/\?to_chuc=CB1A&trang_thai=probationary$"))
    expect(page.get_by_role("link", name="Nguyễn Thị Quá")).to_be_visible()
    expect(page.get_by_role("link", name="Lê Thị Chính")).to_have_count(0)
    screenshot(f"secretary-probationary-{viewport}")
    page_log.assert_clean()
