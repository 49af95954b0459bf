"""The member list in a real browser (issue 10.3 and 10.5): a secretary (desktop and phone-sized screen) and a
district office pick an organisation by typing part of its name without diacritics (keyboard or mouse), filter
and sort the list with its one form and its column headers, reload the bookmarked URL and see the same list; the
office opens an organisation in the tree from the header's picker.

Data: a chi bộ with a Vietnamese name (Chi bộ Trường Tiểu học Hòa Bình, CB1C) under DB1, three members there and
one in CB1A. Translatable UI text is compared with what the catalogue in use says, data with literal values.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PageLog, fits_viewport, login, wider_than_viewport
from tests.factories import make_org
from tests.helpers import vi
from xaydungdang.members import domain

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCHOOL = "Chi bộ Trường Tiểu học Hòa Bình"


@pytest.fixture
def school(tree: Any) -> None:
    school = make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", name=SCHOOL)
    for name, org, sex, born, admitted in [
            ("Nguyễn Thị Hoa", school, "nu", dt.date(1980, 3, 1), dt.date(2005, 5, 1)),
            ("Trần Thị Mai", school, "nu", dt.date(1975, 8, 9), dt.date(2010, 1, 15)),
            ("Lê Văn Nam", school, "nam", dt.date(1990, 1, 1), dt.date(2015, 2, 3)),
            ("Phạm Thị Lan", tree.cb1a, "nu", dt.date(1985, 6, 6), dt.date(2012, 4, 4))]:
        domain.register_member(actor=None, person={"full_name": name, "sex": sex, "birth_date": born},
                               organisation=org, since=dt.date(2020, 1, 1), admission_ceremony_date=admitted,
                               official_decision_date=dt.date(2020, 1, 1))


def listed(page: Any) -> Any:
    return page.locator("#members tbody td:first-child a")


def type_in_picker(page: Any, box: str, words: str) -> Any:
    """Type into a picker's box; the listbox of matches opens (htmx asks the organisation search)."""
    page.locator(box).press_sequentially(words, delay=30)
    listbox = page.locator(f"{box}-options")
    expect(listbox).to_be_visible()
    expect(page.locator(box)).to_have_attribute("aria-expanded", "true")
    return listbox


def submit(page: Any) -> None:
    with page.expect_navigation():
        page.locator("#member-filters button[type=submit]").click()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_secretary_picks_the_chi_bo_by_name_filters_sorts_and_reloads(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, school: None, viewport: str) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    login(page, users.grassroots_secretary.username, then="/dang-vien/")
    expect(page.locator("input[name=to_chuc]")).to_have_value("DB1")  # their own đảng bộ to start with

    box = "#id_to_chuc"
    page.locator(box).fill("")
    listbox = type_in_picker(page, box, "hoa binh")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_contain_text(f"{SCHOOL} CB1C · Tổ chức DB1")
    screenshot(f"picker-open-{viewport}")
    page.locator(box).press("ArrowDown")
    expect(listbox.get_by_role("option")).to_have_attribute("aria-selected", "true")
    page.locator(box).press("Enter")  # picks; does not send the form
    expect(page.locator(box)).to_have_value(f"{SCHOOL} (CB1C)")
    expect(page.locator("input[name=to_chuc]")).to_have_value("CB1C")
    expect(listbox).to_be_hidden()

    page.select_option("#id_gioi_tinh", "nu")
    submit(page)
    assert re.search(r"[?&]to_chuc=CB1C(&|$)", page.url) and re.search(r"[?&]gioi_tinh=nu(&|$)", page.url)
    expect(listed(page)).to_have_text(["Nguyễn Thị Hoa", "Trần Thị Mai"])  # Vietnamese order: Hoa < Mai

    birth = page.locator("#members th", has_text=vi("Date of birth"))
    with page.expect_navigation():
        birth.get_by_role("link").click()
    expect(birth).to_have_attribute("aria-sort", "ascending")
    expect(listed(page)).to_have_text(["Trần Thị Mai", "Nguyễn Thị Hoa"])  # born 1975, then 1980
    assert "sap_xep=ngay_sinh" in page.url
    screenshot(f"sorted-{viewport}")

    bookmarked = page.url
    page.goto("/")
    page.goto(bookmarked)
    expect(listed(page)).to_have_text(["Trần Thị Mai", "Nguyễn Thị Hoa"])
    expect(page.locator("#id_to_chuc")).to_have_value(f"{SCHOOL} (CB1C)")
    expect(page.locator("#id_gioi_tinh")).to_have_value("nu")
    expect(page.locator("#members th", has_text=vi("Date of birth"))).to_have_attribute("aria-sort", "ascending")
    if viewport == "phone":
        assert fits_viewport(page), wider_than_viewport(page)
    screenshot(f"bookmark-reloaded-{viewport}")
    page_log.assert_clean()


def test_office_picks_with_the_mouse_sorts_both_ways_and_opens_the_tree_from_the_header(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, school: None) -> None:
    login(page, users.district_office.username, then="/dang-vien/")
    box = "#id_to_chuc"
    page.locator(box).fill("")
    listbox = type_in_picker(page, box, "truong tieu")
    listbox.get_by_role("option", name=re.compile(SCHOOL)).click()
    expect(page.locator("input[name=to_chuc]")).to_have_value("CB1C")
    submit(page)
    expect(listed(page)).to_have_text(["Nguyễn Thị Hoa", "Trần Thị Mai", "Lê Văn Nam"])  # Hoa < Mai < Nam

    admitted = page.locator("#members th", has_text=vi("Admission date"))
    with page.expect_navigation():
        admitted.get_by_role("link").click()
    with page.expect_navigation():
        page.locator("#members th", has_text=vi("Admission date")).get_by_role("link").click()
    expect(page.locator("#members th", has_text=vi("Admission date"))).to_have_attribute("aria-sort", "descending")
    expect(listed(page)).to_have_text(["Lê Văn Nam", "Trần Thị Mai", "Nguyễn Thị Hoa"])  # 2015, 2010, 2005
    screenshot("office-sorted-by-admission")

    bookmarked = page.url
    page.goto(bookmarked)
    expect(listed(page)).to_have_text(["Lê Văn Nam", "Trần Thị Mai", "Nguyễn Thị Hoa"])

    header = type_in_picker(page, "#switcher-root", "hoa binh")
    screenshot("header-picker")
    with page.expect_navigation():
        header.get_by_role("option", name=re.compile(SCHOOL)).click()
    assert re.search(r"/to-chuc/\?goc=CB1C$", page.url), page.url
    expect(page.locator("#switcher-root")).to_have_value(f"{SCHOOL} (CB1C)")
    screenshot("tree-opened-from-header")
    page_log.assert_clean()
