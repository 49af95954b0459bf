"""The yearly rating in a browser (issue 14): a chi bộ secretary enters the self-ratings and the proposals of their
members (2023, Quy định 124), the đảng bộ cơ sở tries a decision that breaks the 20% cap, reads the explanation
citing the rule (the cap shown live as the levels change), fixes it and saves."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login, shown
from tests.evaluation.factories_ratings import member_at, rating_round
from xaydungdang.evaluation.models import Evaluation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_rate_a_chi_bo_then_decide_within_the_cap(page: Any, page_log: PageLog, screenshot: Any, tree: Any,
                                                  users: Any) -> None:
    rating_round(2023)
    members = [member_at(tree.cb1a, f"Nguyễn Văn {name}") for name in ("An", "Bình", "Cường", "Dũng", "Giang")]

    login(page, users.cell_secretary.username, then="/danh-gia/xep-loai/nhap/?to_chuc=CB1A&nam=2023&loai=member")
    for member in members:
        page.select_option(f"#muc-{member.pk}", "httnv")
    page.click("#entry-save")
    expect(page.locator(".messages")).to_contain_text("Đã ghi 5 đánh giá")
    for i, member in enumerate(members):
        page.select_option(f"#muc-{member.pk}", "htxsnv" if i < 2 else "httnv")
    page.click("#entry-save")
    expect(page.locator(".messages")).to_contain_text("Đã ghi 5 đánh giá")
    assert Evaluation.objects.filter(stage="proposed").count() == 5

    page.context.clear_cookies()
    login(page, users.grassroots_secretary.username,
          then="/danh-gia/xep-loai/quyet-dinh/?to_chuc=DB1&nam=2023&loai=member")
    page.click("#decision-save")
    errors = page.locator("#decision-errors")
    expect(errors).to_contain_text("20%")
    expect(errors).to_contain_text("Hướng dẫn 25-HD/BTCTW")
    assert Evaluation.objects.filter(stage="decided").count() == 0
    shown(page, screenshot, "cap-refused", "desktop")

    second = Evaluation.objects.get(member=members[1])
    page.select_option(f"#muc-{second.pk}", "httnv")
    expect(page.locator("#cap-status p").first).to_have_attribute("data-broken", "0")
    page.click("#decision-save")
    expect(page.locator(".messages")).to_contain_text("Đã quyết định xếp loại 5 trường hợp")
    assert sorted(Evaluation.objects.values_list("level__code", flat=True)) == ["httnv"] * 4 + ["htxsnv"]
    shown(page, screenshot, "decided", "desktop")
    page_log.assert_clean()
