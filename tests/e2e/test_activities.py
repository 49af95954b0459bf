"""A chi bộ secretary records a session's attendance on a phone (one absent, with the reason the sheet asks for),
and the district office sees the campaign's figure change; the same sheet from an .xlsx file through its preview.

Data: the district's campaign on the resolution (1/1–31/12/2022); CB1A holds three members and a session on
29/8/2022, CB1B one member and a session already recorded (everyone present).
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.activities.factories import campaign, record, session
from tests.e2e.conftest import PageLog, login, shown
from tests.helpers import vi
from tests.members.helpers import member
from xaydungdang.activities import importing

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE_375 = {"width": 375, "height": 812}
ABSENT = "Trần Văn Bình"


@pytest.fixture
def held(tree: Any) -> Any:
    people = {name: member(tree.cb1a, name) for name in ("Nguyễn Văn An", ABSENT, "Lê Văn Cường")}
    member(tree.cb1b, "Phạm Văn Dũng")
    planned = campaign(tree.district, title="Học tập Nghị quyết Đại hội XIII")
    record(session(planned, tree.cb1b))
    return planned, session(planned, tree.cb1a), people


def switch_user(page: Any, username: str, then: str) -> None:
    page.context.clear_cookies()
    login(page, username, then=then)


def test_secretary_records_on_a_phone_and_the_office_sees_the_figure_change(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, held: Any) -> None:
    planned, cell_session, people = held
    login(page, users.district_office.username, then=f"/hoc-tap/{planned.pk}/")
    expect(page.locator("#figure-turns")).to_have_text("1/1 lượt, đạt 100%")
    screenshot("campaign-before")

    switch_user(page, users.cell_secretary.username, f"/hoc-tap/buoi/{cell_session.pk}/diem-danh/")
    page.set_viewport_size(PHONE_375)
    expect(page.locator("main h1")).to_have_text(vi("Record attendance"))
    row = page.locator(f"#p-{people[ABSENT].person_id}")
    expect(row.locator(".att-reason")).to_be_hidden()  # shown only for an absent
    shown(page, screenshot, "sheet", "phone")
    row.get_by_text(vi("Absent"), exact=True).click()
    expect(row.locator(".att-reason input")).to_be_visible()
    page.get_by_role("button", name=vi("Record attendance")).click()  # no reason yet: refused, naming the person
    expect(page.locator("#sheet-errors li")).to_have_text([vi("%(name)s: enter the reason for the absence.",
                                                             name=ABSENT)])
    shown(page, screenshot, "sheet-refused", "phone")
    row.locator(".att-reason input").fill("Ốm")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Record attendance")).click()
    page.wait_for_url(re.compile(rf"/hoc-tap/buoi/{cell_session.pk}/$"))
    expect(page.locator(".messages .message")).to_have_text(
        vi("Attendance recorded: %(present)s attended, %(absent)s absent.", present=2, absent=1))
    shown(page, screenshot, "session", "phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    switch_user(page, users.district_office.username, f"/hoc-tap/{planned.pk}/")
    expect(page.locator("#figure-turns")).to_have_text("3/4 lượt, đạt 75%")
    expect(page.locator("#figure-persons")).to_have_text("3/4 người, đạt 75%")
    screenshot("campaign-after")
    with page.expect_navigation():
        page.locator("#figure-absent").click()
    expect(page.locator("#rows tbody tr td")).to_have_text([ABSENT, "Tổ chức CB1A", "29/8/2022", vi("Absent"), "Ốm"])
    screenshot("absent-list")
    page_log.assert_clean()


def test_secretary_uploads_a_file_sees_the_preview_and_confirms(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, held: Any) -> None:
    _planned, cell_session, _people = held
    workbook = load_workbook(io.BytesIO(importing.attendance_template(cell_session)))
    sheet = workbook["Điểm danh"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == ABSENT:
            row[5].value, row[6].value = "Vắng", "Đi công tác"
    content = io.BytesIO()
    workbook.save(content)

    page.set_viewport_size(PHONE_375)
    login(page, users.cell_secretary.username, then=f"/hoc-tap/buoi/{cell_session.pk}/tai-len/")
    shown(page, screenshot, "upload", "phone")
    page.set_input_files("#id_file", files=[{"name": "diem-danh.xlsx", "buffer": content.getvalue(),
                                             "mimeType": "application/octet-stream"}])
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Check the file")).click()
    expect(page.locator("#preview-summary")).to_have_text(vi(
        "%(total)s persons will be recorded, %(absent)s of them absent. Nothing is recorded until you confirm.",
        total=3, absent=1))
    shown(page, screenshot, "preview", "phone")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Confirm and record")).click()
    expect(page.locator("#attendance tbody tr", has_text=ABSENT).locator("td")).to_have_text(
        [ABSENT, "Tổ chức CB1A", vi("Absent"), "Đi công tác"])
    shown(page, screenshot, "recorded", "phone")
    page_log.assert_clean()
