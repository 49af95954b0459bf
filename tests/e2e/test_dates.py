"""Dates in a real browser (Chromium, locale vi-VN): a date that does not exist or is out of range is
named next to its field and stays as typed, in a form and in a filter; d/m/yyyy and dd/mm/yyyy are
accepted; the calendar button fills the box as d/m/yyyy; every asset comes from the server. The secretary's
form and the calendar are also used on a phone-sized screen.

Date fields are text boxes, not <input type=date>: a native date input hands the server an empty value
for 31/6/2025 (so nothing could be said about it, nor kept), and Vietnamese users type 1/7/2025. The
calendar is the browser's own picker, opened by a button through a native date input kept out of sight.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, PHONE, PageLog, shown
from tests.helpers import vi
from xaydungdang.core import dates
from xaydungdang.members import domain
from xaydungdang.members.models import Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page: Any, username: str) -> None:
    """The real login form; where it lands does not matter here (the home page is not this test's subject)."""
    page.goto("/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/dang-nhap/" not in page.url


def vn(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def submit_as_of(page: Any, typed: str) -> None:
    page.fill("#asof-date", typed)
    with page.expect_navigation():
        page.locator("form.asof button[type=submit]").click()


def test_as_of_filter_names_a_wrong_date_keeps_it_then_takes_d_m_yyyy(page: Any, page_log: PageLog,
                                                                        screenshot: Any, restructured_tree: Any,
                                                                        users: Any) -> None:
    log_in(page, users.province_office.username)
    page.goto("/to-chuc/")
    district = page.locator(".tree .node-name", has_text=re.compile(r"^Tổ chức D$"))

    submit_as_of(page, "31/6/2025")
    assert "ngay=31%2F6%2F2025" in page.url
    expect(page.locator("#asof-date")).to_have_value("31/6/2025")
    expect(page.locator("#asof-date")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#asof-date-error")).to_have_text(
        f"{vi('The date %(value)s does not exist.', value='31/6/2025')} "
        f"{vi('The page shows %(day)s.', day=vn(dates.today()))}")
    screenshot("as-of-does-not-exist")

    submit_as_of(page, "31/12/9999")
    expect(page.locator("#asof-date")).to_have_value("31/12/9999")
    expect(page.locator("#asof-date-error")).to_contain_text("Ngày 31/12/9999 nằm ngoài khoảng cho phép: từ 1/1/1900")
    screenshot("as-of-out-of-range")

    submit_as_of(page, "30/6/2025")  # d/m/yyyy: the district still exists
    expect(page.locator("#asof-date")).to_have_value("30/6/2025")
    expect(page.locator("#asof-date-error")).to_have_count(0)
    expect(district).to_have_count(1)

    submit_as_of(page, "01/07/2025")  # dd/mm/yyyy, shown back as d/m/yyyy: split on 1/7/2025
    expect(page.locator("#asof-date")).to_have_value("1/7/2025")
    expect(district).to_have_count(0)
    expect(page.locator(".tree .node-name", has_text=re.compile(r"^Đảng bộ xã Một$"))).to_have_count(1)
    screenshot("as-of-valid")
    page_log.assert_clean()


def test_audit_log_filter_keeps_a_wrong_date_with_its_message(page: Any, page_log: PageLog, screenshot: Any,
                                                              users: Any) -> None:
    log_in(page, users.province_office.username)
    page.goto("/nhat-ky/")
    page.fill("#f-from", "29/2/2023")
    page.fill("#f-to", "1/3/2023")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    expect(page.locator("#f-from")).to_have_value("29/2/2023")
    expect(page.locator("#f-from-error")).to_have_text(vi("The date %(value)s does not exist.", value="29/2/2023"))
    expect(page.locator("#f-to")).to_have_value("1/3/2023")
    expect(page.locator("#f-to-error")).to_have_count(0)
    screenshot("audit-filter")
    page_log.assert_clean()


def _probationary(tree: Any) -> Member:
    return domain.register_member(actor=None, person={"full_name": "Trịnh Văn Dự", "sex": "nam"},
                                  organisation=tree.cb1a, since=dt.date(2023, 1, 10),
                                  admission_ceremony_date=dt.date(2023, 1, 10))


def _field_errors(page: Any, field_id: str) -> Any:
    return page.locator(".field", has=page.locator(f"#{field_id}")).locator(".errorlist li")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_recognise_form_names_wrong_dates_keeps_them_and_records_a_d_m_yyyy_date(
        page: Any, page_log: PageLog, screenshot: Any, tree: Any, users: Any, viewport: str) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    member = _probationary(tree)
    log_in(page, users.cell_secretary.username)
    page.goto(f"/dang-vien/{member.pk}/cong-nhan-chinh-thuc/")
    box = page.locator("#id_decision_date")
    submit = page.locator("main form button[type=submit]").first

    box.fill("31/6/2025")
    with page.expect_navigation():
        submit.click()
    expect(page.locator("#id_decision_date")).to_have_value("31/6/2025")
    expect(_field_errors(page, "id_decision_date")).to_have_text([
        vi("The date %(value)s does not exist.", value="31/6/2025")])
    shown(page, screenshot, "form-does-not-exist", viewport)

    page.fill("#id_decision_date", "31/12/9999")
    with page.expect_navigation():
        submit.click()
    latest = dates.EVENT.latest()
    expect(page.locator("#id_decision_date")).to_have_value("31/12/9999")
    expect(_field_errors(page, "id_decision_date")).to_have_text([
        f"Ngày 31/12/9999 nằm ngoài khoảng cho phép: từ 1/1/1900 đến {vn(latest)} (một năm sau hôm nay)."])
    shown(page, screenshot, "form-out-of-range", viewport)

    page.fill("#id_decision_date", "10/1/2024")
    with page.expect_navigation():
        submit.click()
    page.wait_for_url(re.compile(rf"/dang-vien/{member.pk}/$"))
    member.refresh_from_db()
    assert member.official_decision_date == dt.date(2024, 1, 10)
    shown(page, screenshot, "form-recorded", viewport)
    page_log.assert_clean()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_calendar_button_fills_the_box_as_d_m_yyyy(page: Any, page_log: PageLog, screenshot: Any, tree: Any,
                                                   users: Any, viewport: str) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    member = _probationary(tree)
    log_in(page, users.cell_secretary.username)
    page.goto(f"/dang-vien/{member.pk}/cong-nhan-chinh-thuc/")
    field = page.locator(".date-input", has=page.locator("#id_decision_date"))
    button = field.locator("[data-date-calendar]")
    picker = field.locator("[data-date-picker]")
    expect(button).to_be_visible()  # shown by dates.js: without script the text box alone works
    expect(button).to_have_attribute("aria-label", vi("Choose on a calendar"))
    expect(picker).to_have_attribute("max", dates.EVENT.latest().isoformat())

    page.fill("#id_decision_date", "10/01/2024")
    button.click()  # opens the browser's calendar on the typed day
    expect(picker).to_have_value("2024-01-10")
    page.keyboard.press("Escape")
    picker.fill("2024-02-05", force=True)  # what choosing 5 February on the calendar does
    expect(page.locator("#id_decision_date")).to_have_value("5/2/2024")
    shown(page, screenshot, "calendar-chosen", viewport)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    member.refresh_from_db()
    assert member.official_decision_date == dt.date(2024, 2, 5)
    page_log.assert_clean()
