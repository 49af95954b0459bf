"""The office of a dissolved district in a real browser (issue 10.1): it logs in, lands on the district's last
day under a banner naming the split that ended it and the communes that took over, reads the member list and
the tree of that day, and is offered no step it cannot take. A user who may also read one of the communes
follows its link from the banner.

The fixture district D is split into the communes X1 and X2 on 1/7/2025 (last day 30/6/2025).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login
from tests.factories import user_with_role
from tests.helpers import vi
from xaydungdang.members import domain as members_domain
from xaydungdang.organisations import domain
from xaydungdang.organisations.models import Organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def district(restructured_tree: Any) -> Any:
    """In CB1A: a member since 2020, and one admitted on 1/8/2025, after the district's last day."""
    for name, since in (("Lê Thị Trước", dt.date(2020, 1, 1)), ("Lê Thị Sau", dt.date(2025, 8, 1))):
        members_domain.register_member(actor=None, person={"full_name": name, "sex": "nu"},
                                       organisation=restructured_tree.cb1a, since=since)
    return restructured_tree


def test_the_district_office_opens_on_its_last_day(page: Any, page_log: PageLog, screenshot: Any, users: Any,
                                                   district: Any) -> None:
    login(page, users.district_office.username, then=None)

    banner = page.locator("#ended-banner")
    expect(banner.locator(".ended-event")).to_have_text(
        vi("%(name)s ended on %(day)s by a restructuring (%(kind)s).", name="Tổ chức D", day="1/7/2025",
           kind=vi("Split")) + " " + vi("Successor organisations:") + " Đảng bộ xã Một, Đảng bộ xã Hai.")
    expect(banner.locator("a")).to_have_count(0)  # the communes are not the district office's to open
    expect(banner.locator(".ended-day")).to_have_text(
        vi("Pages show %(day)s, its last day, unless you choose another date.", day="30/6/2025"))
    expect(page.locator("#asof-date")).to_have_value("30/6/2025")
    expect(page.locator(".home-unit")).to_contain_text("Tổ chức D")
    screenshot("home")

    page.locator("nav.mainnav").get_by_role("link", name=vi("Party members")).click()
    expect(page.locator("#ended-banner")).to_be_visible()
    expect(page.locator("#asof-date")).to_have_value("30/6/2025")
    expect(page.get_by_text("Lê Thị Trước")).to_be_visible()
    expect(page.get_by_text("Lê Thị Sau")).to_have_count(0)
    expect(page.get_by_role("link", name=vi("Record an existing member"))).to_have_count(0)
    expect(page.get_by_role("link", name=vi("Import from Excel"))).to_have_count(0)
    screenshot("member-list")

    page.locator("nav.mainnav").get_by_role("link", name=vi("Organisation tree")).click()
    expect(page.locator("#asof-date")).to_have_value("30/6/2025")
    page.get_by_role("link", name="Tổ chức DB1").first.click()
    expect(page.locator("main h1")).to_have_text("Tổ chức DB1")
    expect(page.locator("dd.superior")).to_have_text("Tổ chức D")
    expect(page.get_by_role("link", name=vi("Split"))).to_have_count(0)  # no restructuring offered
    screenshot("unit-on-the-last-day")
    page_log.assert_clean()


def test_a_successor_in_scope_is_followed_from_the_banner(page: Any, page_log: PageLog, screenshot: Any,
                                                          district: Any) -> None:
    """Granted D and X1, X1 merged into X2 on 1/1/2026: the pages open on 31/12/2025 and X1 is a link."""
    x1, x2 = Organisation.objects.get(code="X1"), Organisation.objects.get(code="X2")
    domain.execute(domain.plan_merge(sources=[x1], target=x2, effective=dt.date(2026, 1, 1)), actor=None)
    user = user_with_role("van-phong", district.district, "hai-to-chuc")
    user_with_role("van-phong", x1, "hai-to-chuc")
    login(page, user.username, then=None)

    expect(page.locator("#ended-banner .ended-event")).to_have_count(2)
    expect(page.locator("#asof-date")).to_have_value("31/12/2025")
    screenshot("banner-with-a-link")
    page.locator("#ended-banner").get_by_role("link", name="Đảng bộ xã Một").click()
    expect(page.locator("main h1")).to_have_text("Đảng bộ xã Một")
    expect(page.locator("#asof-date")).to_have_value("1/7/2025")
    expect(page.locator("dd.superior")).to_have_text("Tổ chức P")
    screenshot("successor-page")
    page_log.assert_clean()
