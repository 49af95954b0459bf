"""The district office records a briefing and an opinion raised at it, assigned to a đảng bộ cơ sở with a
deadline; the đảng bộ's secretary (the responsible body) finds it, answers it on a phone; the office's figures page
then shows the answered rate fall to 50% (1/2) once it is raised and rise to 100% (2/2) once answered.
Screenshots in test-results/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PageLog, login, shown
from tests.feedback.factories_opinions import opinion
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.feedback.models import Briefing, Opinion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
FIGURES = "/giao-ban/y-kien/so-lieu/?to_chuc=D"


def test_an_opinion_raised_at_a_briefing_is_answered_by_the_responsible_body(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, tree: Any) -> None:
    day = today()
    opinion(tree.district, day, content="Ý kiến đã trả lời từ trước", answer="Đã trả lời", answered_on=day)
    login(page, users.district_office.username, then=FIGURES)
    expect(page.locator("#answered-rate")).to_contain_text("100%")  # 1/1

    page.goto("/giao-ban/hoi-nghi/ghi/?to_chuc=D")
    page.fill("#id_title", "Giao ban công tác tư tưởng tháng này")
    page.fill("#id_chaired_by", "Đ/c Phó Bí thư Thường trực")
    page.fill("#id_participant_codes", "DB1, DB2")
    page.fill("#id_participants_count", "35")
    shown(page, screenshot, "briefing-form", "desktop")
    page.click("#feedback-form button[type=submit]")
    expect(page.locator("#briefing-title")).to_contain_text(format_date(day))
    page.click("#record-opinion")
    page.locator("#id_kind input[value=petition]").check()
    page.select_option("#id_topic", label="Hạ tầng, giao thông, xây dựng")
    page.select_option("#id_source_group", label="Nông dân")
    page.fill("#id_content", "Đường liên xã qua thôn Đông xuống cấp, đề nghị sớm sửa chữa")
    page.fill("#id_giao-assigned_to", "DB1")
    page.fill("#id_giao-due_on", format_date(day + dt.timedelta(days=15)))
    shown(page, screenshot, "opinion-form", "desktop")
    page.click("#opinion-form button[type=submit]:not([name])")
    expect(page.locator("#opinion-content")).to_contain_text("Đường liên xã")
    expect(page.locator("#assigned-to")).to_contain_text("DB1")
    expect(page.locator("main")).to_contain_text("Kiến nghị")  # the kind in Vietnamese, no "Petition"
    expect(page.locator("main")).not_to_contain_text("Petition")
    made = Opinion.objects.get(briefing=Briefing.objects.get())
    assert (made.assigned_to, made.raised_on) == (tree.db1, day)
    page.goto(FIGURES)
    expect(page.locator("#opinion-figure")).to_contain_text("2")
    expect(page.locator("#answered-rate")).to_contain_text("50%")  # 1/2
    shown(page, screenshot, "figures-before", "desktop")

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    login(page, users.grassroots_secretary.username, then="/giao-ban/y-kien/?giao_cho_toi=on&trang_thai=open")
    expect(page.locator("#opinions tbody tr")).to_have_count(1)
    shown(page, screenshot, "assigned-to-me", "phone")
    page.locator("#opinions tbody a").first.click()
    page.fill("#id_answer", "Đảng ủy đã chỉ đạo UBND xã sửa chữa đoạn đường trong tháng")
    shown(page, screenshot, "answer-form", "phone")
    page.click("#answer-form button[type=submit]")
    expect(page.locator("#answered")).to_be_visible()
    expect(page.locator("#answer-text")).to_contain_text("sửa chữa đoạn đường")
    made.refresh_from_db()
    assert (made.answered_on, made.answered_by) == (day, users.grassroots_secretary)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, users.district_office.username, then=FIGURES)
    expect(page.locator("#answered-rate")).to_contain_text("100%")
    shown(page, screenshot, "figures-after", "desktop")
    # Every number opens its records: "2 answered" in the headline, the office's own line ("Tại …").
    page.locator("#opinion-figure a").nth(2).click()
    expect(page.locator("#opinion-count")).to_contain_text("2")
    expect(page.locator("#opinions tbody tr")).to_have_count(2)
    page.goto(FIGURES)
    expect(page.locator("#figures-by-node tr.own-line")).to_contain_text("Tổ chức D")
    page.locator("#figures-by-node tr.own-line td.num a").nth(1).click()
    expect(page.locator("#opinions tbody tr")).to_have_count(2)
    page_log.assert_clean()
