"""The indicators page in a browser: the district office picks a grassroots đảng bộ by typing part of its name,
sets a period, reads every indicator with its value, opens the rows behind a figure and follows a member's link.
On a desktop and a phone-sized screen (the page must fit its width; the table scrolls in its own box)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.core.indicator_fixtures import membership  # noqa: F401
from tests.e2e.conftest import PHONE, PageLog, login, shown
from tests.e2e.test_lists import type_in_picker
from xaydungdang.organisations import domain as organisations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_office_reads_the_indicators_of_a_unit_and_the_members_behind_a_figure(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, tree: Any, membership: Any,  # noqa: F811
        viewport: str) -> None:
    organisations.execute(organisations.plan_rename(organisation=tree.db1, name="Đảng bộ Trường Hòa Bình",
                                                    effective=dt.date(2016, 1, 1)), actor=None)
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    login(page, users.district_office.username, then=None)
    page.get_by_role("link", name="Chỉ số").click()
    expect(page.locator("h1")).to_have_text("Chỉ số")
    expect(page.locator("#indicator-values tr[data-code='members.count'] td.num")).to_have_text("7")  # D, today

    page.locator("#f-org").fill("")
    type_in_picker(page, "#f-org", "truong hoa binh").get_by_role("option", name=re.compile("Hòa Bình")).click()
    page.locator("#f-from").fill("1/1/2022")
    page.locator("#f-to").fill("31/12/2022")
    with page.expect_navigation():
        page.locator("#indicator-choice button[type=submit]").click()
    expect(page.locator("#indicator-period")).to_have_text("Đảng bộ Trường Hòa Bình, từ ngày 1/1/2022 đến ngày "
                                                           "31/12/2022")
    expect(page.locator("#indicator-values tr[data-code='members.count'] td.num")).to_have_text("5")
    expect(page.locator("#indicator-values tr[data-code='members.admitted'] td.num")).to_have_text("2")
    shown(page, screenshot, "values", viewport)

    page.locator("#indicator-values tr[data-code='members.admitted'] td.num a").click()  # the figure links too
    expect(page.locator("#indicator-figure")).to_have_text("2 đảng viên")
    expect(page.locator("#indicator-rows a")).to_have_text(["Người mới 0", "Người mới 1"])
    shown(page, screenshot, "rows", viewport)
    page.get_by_role("link", name="Người mới 1").click()
    expect(page).to_have_url(re.compile(r"/dang-vien/\d+/$"))
    expect(page.locator("h1")).to_contain_text("Người mới 1")
    page_log.assert_clean()


def test_a_bad_date_is_shown_on_the_form(page: Any, page_log: PageLog, screenshot: Any, users: Any,
                                         tree: Any) -> None:
    login(page, users.district_office.username, then="/chi-tieu/?to_chuc=D&tu=31/2/2022&den=31/12/2022")
    expect(page.locator("#f-from-error")).to_have_text("Ngày 31/2/2022 không tồn tại.")
    expect(page.locator("#f-from")).to_have_value("31/2/2022")
    expect(page.locator("#indicator-values")).to_have_count(0)
    screenshot("bad-date")
    page_log.assert_clean()
