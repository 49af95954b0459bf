"""A chi bộ secretary records a meeting on a 375 px phone screen: the meeting form, then the attendance with
everyone present by default; one member marked absent without a reason is refused (nothing recorded), then with a
reason it is recorded, and the meeting's page shows 1/2 present. Screenshots in test-results/."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login, shown
from tests.meetings.factories import member_at
from xaydungdang.meetings.models import Meeting, MeetingAttendance

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
NARROW = {"width": 375, "height": 812}


def test_secretary_records_a_meeting_with_one_absent_on_a_phone(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, tree: Any) -> None:
    present = member_at(tree.cb1a, "Nguyễn Thị Có Mặt")
    absent = member_at(tree.cb1a, "Trần Văn Vắng Mặt")
    page.set_viewport_size(NARROW)
    login(page, users.cell_secretary.username, then="/sinh-hoat-chi-bo/ghi/?to_chuc=CB1A")
    page.fill("#id_topic", "Sinh hoạt thường kỳ, quán triệt Nghị quyết 71-NQ/TU")
    page.fill("#id_place", "Nhà văn hóa thôn")
    page.fill("#id_chair", "Lê Văn Bí Thư")
    shown(page, screenshot, "meeting-form", "phone")
    page.click("#meeting-form button[type=submit]")
    expect(page.locator("#attendance-form")).to_be_visible()
    row = page.locator(f"#att-{absent.pk}")
    expect(row.locator("input[value=present]")).to_be_checked()
    expect(row.locator(".att-reason")).to_be_hidden()
    row.locator("input[value=absent]").check()
    expect(row.locator(".att-reason input")).to_be_visible()
    shown(page, screenshot, "attendance-absent", "phone")
    page.click("#save-attendance")
    expect(page.locator("#attendance-errors")).to_contain_text("Trần Văn Vắng Mặt vắng mặt; nhập lý do vắng.")
    assert not MeetingAttendance.objects.exists()
    shown(page, screenshot, "attendance-refused", "phone")
    page.locator(f"#att-{absent.pk} .att-reason input").fill("Đi công tác")
    page.click("#save-attendance")
    expect(page.locator("#attendance-summary")).to_contain_text("Có mặt 1/2, vắng 1.")
    shown(page, screenshot, "meeting-detail", "phone")
    meeting = Meeting.objects.get()
    assert set(meeting.attendances.values_list("person_id", "attended", "reason")) == {
        (absent.person_id, False, "Đi công tác"), (present.person_id, True, "")}
    # The secretary's lists fit the phone too: the meetings, the chi bộ not met this month, the checklist.
    page.goto("/sinh-hoat-chi-bo/?to_chuc=CB1A")
    expect(page.locator("#meetings tbody tr")).to_have_count(1)
    expect(page.locator("#meetings tbody")).to_contain_text("1/2")
    shown(page, screenshot, "meeting-list", "phone")
    page.goto("/sinh-hoat-chi-bo/chua-sinh-hoat/?to_chuc=CB1A")
    expect(page.locator("#missing-regular")).to_contain_text("0 trên 1 chi bộ")
    shown(page, screenshot, "not-held", "phone")
    page.goto("/sinh-hoat-chi-bo/tieu-chi/?to_chuc=CB1A")
    expect(page.locator("#checklist-shares tbody tr").first).to_be_visible()
    shown(page, screenshot, "checklist", "phone")
    page_log.assert_clean()
