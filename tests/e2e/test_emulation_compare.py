"""The comparison of registrations across years on a 375 px screen (a new-user trial of issue 13 found the empty
early years first, the current year off the screen and the row labels wrapped one word per line): the newest
year is the first column, beside the labels, and a label takes at most two lines."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login, shown
from tests.emulation import factories_registrations as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_comparison_on_a_narrow_screen(page: Any, page_log: PageLog, screenshot: Any, tree: Any,
                                           users: Any) -> None:
    for year in (2019, 2020, 2021, 2022, 2023):
        f.emulation_year(year)
    f.individual(f.member_at(tree.cb1a), year=2023)
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, users.district_office.username, then="/lam-theo/so-sanh/?to_chuc=D")
    table = page.locator("#compare")
    expect(table).to_be_visible()
    first = page.locator("#compare thead th").nth(1)
    assert first.inner_text().startswith("2023")
    assert first.bounding_box()["x"] + first.bounding_box()["width"] <= 375
    label = page.locator("#compare tbody th").nth(1)
    line = float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('#compare tbody th')).lineHeight)"
                               " || 20"))
    assert label.bounding_box()["height"] <= 2 * line + 16
    shown(page, screenshot, "compare", "phone")
    page_log.assert_clean()
