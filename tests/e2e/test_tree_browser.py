"""The organisation tree in a real browser: scoping, htmx expansion, the as-of date, and a clean
page (no console errors, no CSP violations, nothing fetched from another host).

Assertions are on data (organisation names, counts, dates) and on structure; translatable UI
chrome is compared with what the catalogue in use says, never with a hard-coded string, because
the Vietnamese catalogue is still being written.

The tests are transactional (the live server runs in another thread) with serialized rollback:
the reference data (organisation types, roles) is written by data migrations, and a plain
transactional test would flush it away for the next one.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login
from tests.helpers import vi

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ALL_NAMES = ["Tổ chức P", "Tổ chức D", "Tổ chức DB1", "Tổ chức CB1A", "Tổ chức CB1B", "Tổ chức DB2",
             "Tổ chức CB2A", "Tổ chức CBCS", "Tổ chức K", "Tổ chức DB3", "Tổ chức CB3A", "Tổ chức OP",
             "Tổ chức ODB", "Đảng bộ xã Một", "Đảng bộ xã Hai"]
DISTRICT_TYPE = "Đảng bộ huyện, thị xã, thành phố thuộc tỉnh"
# Org type names lower-cased by the template (|lower), in rank order.
DISTRICT_COUNTS = ["2 đảng bộ cơ sở", "1 chi bộ cơ sở", "3 chi bộ trực thuộc"]
# The page's own notices; the banner of a user whose organisation has ended is another element.
NOTICE = "main .notice:not(.ended-banner)"


def visible_names(page: Any) -> Any:
    return page.locator(".tree .node-name").filter(visible=True)


def label(page: Any, name: str) -> Any:
    """The label (summary of an inner node, or leaf div) of the node called `name`."""
    link = page.locator("a.node-name", has_text=re.compile(rf"^{re.escape(name)}$"))
    return page.locator(".tree summary, .tree .leaf").filter(has=link)


def body_mentions(page: Any, name: str, within: str = "body") -> bool:
    return re.search(rf"{re.escape(name)}(?![\w])", page.locator(within).inner_text()) is not None


def set_as_of(page: Any, day: str) -> None:
    """Type a date into the as-of field and submit its form (a GET: the URL carries ?ngay=)."""
    page.fill("#asof-date", day)
    with page.expect_navigation():
        page.locator("form.asof button[type=submit]").click()
    expect(page.locator("#asof-date")).to_have_value(day)


def expand(page: Any, name: str, first_child: str) -> None:
    """Open a node by clicking its summary; its children arrive through htmx."""
    with page.expect_response(re.compile(r"/to-chuc/[^/]+/con/\?ngay=")) as response:
        label(page, name).click()
    assert response.value.status == 200
    expect(page.locator(".tree .node-name", has_text=re.compile(rf"^{re.escape(first_child)}$"))).to_be_visible()


def test_cell_secretary_sees_only_their_cell(page: Any, page_log: PageLog, screenshot: Any, users: Any) -> None:
    login(page, users.cell_secretary.username)

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(visible_names(page)).to_have_text(["Tổ chức CB1A"])
    expect(page.locator(".tree .node-name")).to_have_text(["Tổ chức CB1A"])  # nothing hidden either
    expect(label(page, "Tổ chức CB1A").locator(".badge")).to_have_text("Chi bộ trực thuộc")
    expect(label(page, "Tổ chức CB1A").locator(".count")).to_have_count(0)
    expect(page.locator("#switcher-root")).to_have_attribute("role", "combobox")
    assert [name for name in ALL_NAMES if body_mentions(page, name)] == ["Tổ chức CB1A"]
    screenshot("tree")
    # The header's organisation picker (issue 10.9) offers only the organisations of the scope.
    page.locator("#switcher-root").press_sequentially("to chuc")
    expect(page.locator("#switcher-root-options .org-option-name")).to_have_text(["Tổ chức CB1A"])

    response = page.goto("/to-chuc/P/")
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("section.error-page h1")).to_have_text(vi("Page not found"))
    assert [name for name in ALL_NAMES if body_mentions(page, name)] == []  # the header's picker names none
    screenshot("province-404")

    # Neither the htmx fragment nor the tree's root switch reveals the province.
    for url in ("/to-chuc/P/con/", "/to-chuc/?goc=P", "/to-chuc/DB1/"):
        response = page.goto(url)
        assert response is not None and response.status == 404, url

    page_log.console_errors = [e for e in page_log.console_errors if not _is_expected_404(e)]
    page_log.assert_clean()


def _is_expected_404(console_error: str) -> bool:
    """Chromium logs the 404 document itself as a failed resource load; that one is the point of the test."""
    return "status of 404" in console_error and re.search(r"/to-chuc/(P|DB1)/|goc=P", console_error) is not None


def test_district_office_sees_district_and_expands_children(page: Any, page_log: PageLog, screenshot: Any,
                                                            users: Any) -> None:
    login(page, users.district_office.username)

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    # The root is open with its children listed; their own children are not loaded yet.
    expect(visible_names(page)).to_have_text(["Tổ chức D", "Tổ chức DB1", "Tổ chức DB2", "Tổ chức CBCS"])
    district = label(page, "Tổ chức D")
    expect(district.locator(".badge")).to_have_text(DISTRICT_TYPE)
    expect(district.locator(".count")).to_have_text(DISTRICT_COUNTS)
    expect(label(page, "Tổ chức DB1").locator(".count")).to_have_text(["2 chi bộ trực thuộc"])
    expect(label(page, "Tổ chức DB2").locator(".count")).to_have_text(["1 chi bộ trực thuộc"])
    expect(label(page, "Tổ chức CBCS").locator(".count")).to_have_count(0)
    expect(page.locator("#switcher-root")).to_have_attribute("role", "combobox")  # the picker of issue 10.9
    assert not body_mentions(page, "Tổ chức P") and not body_mentions(page, "Tổ chức K")
    screenshot("tree")

    expand(page, "Tổ chức DB1", "Tổ chức CB1A")
    expect(visible_names(page)).to_have_text(["Tổ chức D", "Tổ chức DB1", "Tổ chức CB1A", "Tổ chức CB1B",
                                              "Tổ chức DB2", "Tổ chức CBCS"])
    expect(label(page, "Tổ chức CB1A").locator(".badge")).to_have_text("Chi bộ trực thuộc")
    expect(page.locator(".tree .loading").filter(visible=True)).to_have_count(0)
    screenshot("db1-expanded")

    # Closing and reopening does not load the children a second time (hx-trigger "once").
    label(page, "Tổ chức DB1").click()
    expect(visible_names(page)).to_have_text(["Tổ chức D", "Tổ chức DB1", "Tổ chức DB2", "Tổ chức CBCS"])
    label(page, "Tổ chức DB1").click()
    expect(page.locator(".tree .node-name", has_text="Tổ chức CB1A")).to_be_visible()
    page.wait_for_load_state("networkidle")  # a second fragment request would have been sent by now
    expect(page.locator(".tree .node-name", has_text="Tổ chức CB1A")).to_have_count(1)
    assert len([url for url in page_log.requests if "/con/" in url]) == 1

    page_log.assert_clean()


def test_district_office_tree_around_the_restructuring(page: Any, page_log: PageLog, screenshot: Any,
                                                       restructured_tree: Any, users: Any) -> None:
    login(page, users.district_office.username)

    # The day before the split: the district and everything under it.
    set_as_of(page, "30/6/2025")
    assert "ngay=30%2F6%2F2025" in page.url
    expect(visible_names(page)).to_have_text(["Tổ chức D", "Tổ chức DB1", "Tổ chức DB2", "Tổ chức CBCS"])
    expect(label(page, "Tổ chức D").locator(".count")).to_have_text(DISTRICT_COUNTS)
    expect(page.locator(".tree .node-name").first).to_have_attribute("href", "/to-chuc/D/?ngay=30/6/2025")
    expect(page.locator(NOTICE)).to_have_count(0)
    expect(page.locator("#ended-banner")).to_have_count(1)  # the district office's own organisation has ended
    screenshot("before-split")

    # The children are loaded as of the same day.
    expand(page, "Tổ chức DB1", "Tổ chức CB1A")
    assert [url for url in page_log.requests if "/con/" in url] == [
        f"{page_log.origin}/to-chuc/DB1/con/?ngay=30/6/2025"]
    expect(visible_names(page)).to_have_text(["Tổ chức D", "Tổ chức DB1", "Tổ chức CB1A", "Tổ chức CB1B",
                                              "Tổ chức DB2", "Tổ chức CBCS"])
    screenshot("before-split-db1-expanded")

    # From 1/7/2025 the district level is gone: the notice names it and links to its last day.
    set_as_of(page, "1/7/2025")
    expect(page.locator(".tree .node-name")).to_have_count(0)
    expect(page.locator(NOTICE)).to_have_count(1)
    expect(page.locator(NOTICE)).to_contain_text(
        vi("%(name)s did not exist on %(day)s.", name="Tổ chức D", day="1/7/2025"))
    expect(page.locator(f"{NOTICE} a")).to_have_attribute("href", "?goc=D&ngay=30/6/2025")
    # The successors are named by the banner of the district's own ending (its history), nowhere else.
    assert body_mentions(page, "Đảng bộ xã Một", "#ended-banner") and body_mentions(page, "Đảng bộ xã Hai",
                                                                                     "#ended-banner")
    outside = page.evaluate("() => { const m = document.body.cloneNode(true);"
                            " m.querySelector('#ended-banner').remove(); return m.innerText; }")
    assert "Đảng bộ xã Một" not in outside and "Đảng bộ xã Hai" not in outside
    screenshot("after-split")

    # Following the link shows the district on its last day, before the split.
    page.locator(f"{NOTICE} a").click()
    expect(page.locator("#asof-date")).to_have_value("30/6/2025")
    expect(visible_names(page).first).to_have_text("Tổ chức D")
    screenshot("after-split-last-day")

    page_log.assert_clean()


def test_pages_are_clean_and_stay_on_the_server(page: Any, page_log: PageLog, screenshot: Any, users: Any) -> None:
    """Login, tree, htmx fragment, detail and search: no console error, no CSP violation, no other host."""
    page.goto("/dang-nhap/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot("login")
    login(page, users.province_office.username)
    expect(visible_names(page)).to_have_text(["Tổ chức P", "Tổ chức D", "Tổ chức K"])
    expand(page, "Tổ chức D", "Tổ chức DB1")
    expand(page, "Tổ chức DB1", "Tổ chức CB1A")
    screenshot("tree-expanded")

    page.get_by_role("link", name="Tổ chức CB1A", exact=True).click()
    page.wait_for_url(re.compile(r"/to-chuc/CB1A/\?ngay="))
    expect(page.locator("h1")).to_contain_text("Tổ chức CB1A")
    screenshot("detail")

    page.fill("#quicksearch-q", "cb1")
    with page.expect_navigation():
        page.press("#quicksearch-q", "Enter")
    expect(page.locator("main")).to_contain_text("Tổ chức CB1A")
    expect(page.locator("main")).to_contain_text("Tổ chức CB1B")
    screenshot("search")

    # The watcher saw the page, its static files and the htmx fragments, all from the live server.
    paths = {url.removeprefix(page_log.origin).split("?")[0] for url in page_log.requests}
    assert {"/dang-nhap/", "/to-chuc/", "/to-chuc/D/con/", "/to-chuc/DB1/con/", "/static/xdd/app.css",
            "/static/xdd/vendor/htmx-2.0.11.min.js"} <= paths
    page_log.assert_clean()
