"""The report checker in a real browser: paste a paragraph with a planted error, press "Kiểm tra",
and see the wrong percentage highlighted (htmx swaps the result in; no inline script, no CSP
violation), with its row in the findings table.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login
from tests.helpers import vi

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARAGRAPH = ("Kết quả: Cấp thị xã có 941/968 lượt cán bộ chủ chốt đạt tỷ lệ 97,2%; Cấp cơ sở 6.042/6.213 đảng viên "
             "sinh hoạt đạt tỷ lệ 96,7%.")


def test_pasted_paragraph_shows_the_planted_error_highlighted(page: Any, page_log: PageLog, screenshot: Any,
                                                              users: Any) -> None:
    login(page, users.district_office.username)
    page.get_by_role("link", name=vi("Check a report")).click()
    expect(page.locator("main h1")).to_have_text(vi("Check a report's figures"))
    page.fill("#id_text", PARAGRAPH)
    page.get_by_role("button", name=vi("Check"), exact=True).click()

    marked = page.locator("#rc-result mark.rc-error")
    expect(marked).to_have_count(1)
    expect(marked).to_have_text("6.042/6.213 đảng viên sinh hoạt đạt tỷ lệ 96,7%1")
    expect(marked).to_have_attribute("title", "1. 6.042/6.213 = 97,248%, làm tròn là 97,2%.")
    row = page.locator("#rc-result table.rc-findings tbody tr")
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[:5] == ["1", vi("error"), vi("Percentage against its ratio"), "96,7%", "97,2%"]
    assert page.url.endswith("/kiem-tra-bao-cao/")  # swapped in by htmx, not a full page load
    screenshot("highlighted")
    page_log.assert_clean()
