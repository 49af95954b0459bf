"""A secretary's lifecycle step in a real browser, on a desktop and on a phone-sized screen (issue 10, Tests):
the secretary of a đảng bộ cơ sở transfers a member of one chi bộ to another, choosing the destination with the
organisation picker by typing part of its name without diacritics and typing the date as d/m/yyyy, sees the
pending transfer on the member's page, receives it there, and sees the member in the new chi bộ. On the phone
every page fits the screen's width.

Data: DB1's chi bộ CB1A holds Trịnh Văn Chuyển since 1/1/2020; DB1 also has Chi bộ Trường Tiểu học Hòa Bình
(CB1C). Translatable UI text is compared with what the catalogue in use says, data with literal values.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PageLog, login, shown
from tests.e2e.test_lists import SCHOOL, type_in_picker
from tests.factories import make_org
from tests.helpers import vi
from xaydungdang.core import dates
from xaydungdang.members import domain
from xaydungdang.members.models import Member, Membership

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NAME = "Trịnh Văn Chuyển"


@pytest.fixture
def moving(tree: Any) -> Member:
    make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", name=SCHOOL)
    return domain.register_member(actor=None, person={"full_name": NAME, "sex": "nam"}, organisation=tree.cb1a,
                                  since=dt.date(2020, 1, 1), admission_ceremony_date=dt.date(2015, 3, 2),
                                  official_decision_date=dt.date(2016, 3, 2))


def record(page: Any) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Record"), exact=True).click()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_secretary_transfers_a_member_to_a_chi_bo_picked_by_name_and_receives_it(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, moving: Member, viewport: str) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    login(page, users.grassroots_secretary.username, then=f"/dang-vien/{moving.pk}/")
    shown(page, screenshot, "member", viewport)
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Transfer out"), exact=True).click()
    expect(page.locator("main h1")).to_have_text(f"{vi('Transfer out')}: {NAME}")
    today = dates.today()
    expect(page.locator("#id_sent_on")).to_have_value(f"{today.day}/{today.month}/{today.year}")  # as d/m/yyyy

    page.fill("#id_sent_on", "5/3/2025")
    listbox = type_in_picker(page, "#id_to_organisation", "truong hoa binh")
    expect(listbox.get_by_role("option")).to_have_text([f"{SCHOOL} CB1C · Tổ chức DB1"])
    shown(page, screenshot, "picker-open", viewport)
    listbox.get_by_role("option").click()
    expect(page.locator("#id_to_organisation")).to_have_value(f"{SCHOOL} (CB1C)")
    expect(page.locator("input[name=to_organisation]")).to_have_value("CB1C")
    shown(page, screenshot, "transfer-filled", viewport)
    record(page)

    page.wait_for_url(re.compile(rf"/dang-vien/{moving.pk}/$"))
    expect(page.locator(".messages .message")).to_have_text(
        vi("Recorded for %(member)s: %(step)s.", member=NAME, step=vi("Transfer out")))
    pending = page.locator("#transfers tbody tr")
    expect(pending.locator("td")).to_have_text([vi("Regular (chính thức)"), "Tổ chức CB1A", SCHOOL, "5/3/2025", "",
                                                re.compile(rf"^{vi('Receive')}\s+{vi('Cancel')}$")])
    shown(page, screenshot, "transfer-pending", viewport)

    with page.expect_navigation():
        pending.get_by_role("link", name=vi("Receive"), exact=True).click()
    page.fill("#id_on", "10/03/2025")  # dd/mm/yyyy works too
    shown(page, screenshot, "receive-filled", viewport)
    record(page)

    page.wait_for_url(re.compile(rf"/dang-vien/{moving.pk}/$"))
    expect(page.locator("#transfers")).to_have_count(0)
    expect(page.locator("#memberships tbody tr").last.locator("td")).to_have_text(
        [SCHOOL, vi("Regular (chính thức)"), "10/3/2025", "—"])
    shown(page, screenshot, "received", viewport)
    membership = Membership.objects.get(member=moving, valid_to__isnull=True)
    assert (membership.organisation.code, membership.valid_from) == ("CB1C", dt.date(2025, 3, 10))
    page_log.assert_clean()
