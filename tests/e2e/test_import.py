"""Import preview in a real browser (issue 10.6): a chi bộ secretary uploads the template filled with one
member already recorded (a changed address) and one new member, sees what would be created and
changed (old → new) before anything is written, confirms, and sees the result; on a desktop and on a
phone-sized screen, where every page of the import fits the screen's width.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PageLog, login, shown
from tests.e2e.test_members import download_template, filled, squash, vi_n
from tests.helpers import vi
from xaydungdang.members import domain
from xaydungdang.members.models import ImportJob, Member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BASE = {"Giới tính": "Nam", "Mã tổ chức": "CB1A", "Sinh hoạt từ ngày": "01/06/2018"}
ROWS = [
    {**BASE, "Họ và tên": "Lê Văn Cũ", "Số thẻ đảng viên": "20000001", "Nơi ở hiện nay": "Thôn Mới",
     "Nơi sinh": "Xã Thử Nghiệm"},
    {**BASE, "Họ và tên": "Phạm Thị Mới", "Giới tính": "Nữ", "Số thẻ đảng viên": "20000002",
     "Ngày sinh": dt.date(1992, 4, 5), "Sức khỏe": "Tốt", "Dân tộc": "Kinh"},
]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_secretary_previews_changes_and_creations_then_confirms(page: Any, page_log: PageLog, screenshot: Any,
                                                                 tree: Any, users: Any, viewport: str) -> None:
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    recorded = domain.register_member(actor=None, person={"full_name": "Lê Văn Cũ", "sex": "nam",
                                                          "residence": "Thôn Cũ"},
                                      organisation=tree.cb1a, since=dt.date(2018, 6, 1), card_number="20000001")
    login(page, users.cell_secretary.username, then="/dang-vien/nhap/")
    shown(page, screenshot, "upload", viewport)
    template = download_template(page)
    page.set_input_files("#id_file", {"name": "chi-bo.xlsx", "mimeType": XLSX_MIME,
                                      "buffer": filled(template, ROWS)})
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Upload"), exact=True).click()
    shown(page, screenshot, "mapping", viewport)
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Check the rows"), exact=True).click()

    # The preview: one new member, one change with its old and new value; nothing written yet.
    preview = page.locator("main section.preview")
    expect(preview.locator(".import-summary li")).to_have_text([
        squash(vi_n("<b>%(counter)s</b> new member to record", "<b>%(counter)s</b> new members to record", 1,
                    counter=1).replace("<b>", "").replace("</b>", "")),
        squash(vi_n("<b>%(counter)s</b> recorded member to change", "<b>%(counter)s</b> recorded members to change",
                    1, counter=1).replace("<b>", "").replace("</b>", ""))])
    changes = preview.locator("table.import-changes tbody tr")
    expect(changes).to_have_count(2)
    expect(changes.nth(0).locator("td")).to_have_text(["2", "Lê Văn Cũ CB1A", "Nơi ở hiện nay", "Thôn Cũ",
                                                       "→ Thôn Mới"])
    expect(changes.nth(1).locator("td")).to_have_text(["Nơi sinh", "—", "→ Xã Thử Nghiệm"])
    expect(preview.locator("table.import-creations tbody tr td")).to_have_text(
        ["3", "Phạm Thị Mới", "CB1A", "20000002", ""])
    assert (Member.objects.count(), ImportJob.objects.get().status) == (1, ImportJob.Status.READY)
    shown(page, screenshot, "preview", viewport)

    with page.expect_navigation():
        page.get_by_role("button", name=vi("Confirm and record")).click()
    expect(page.locator("main .notice")).to_have_text(squash(" ".join([
        vi_n("%(counter)s member was recorded.", "%(counter)s members were recorded.", 1, counter=1),
        vi_n("%(counter)s recorded member was changed.", "%(counter)s recorded members were changed.", 1,
             counter=1)])))
    recorded.person.refresh_from_db()
    added = Member.objects.select_related("person").get(card_number="20000002")
    assert (recorded.person.residence, recorded.person.birth_place, added.person.health, added.person.ethnicity) == (
        "Thôn Mới", "Xã Thử Nghiệm", "Tốt", "Kinh")
    shown(page, screenshot, "recorded", viewport)

    # The confirmation cannot be replayed: the page no longer offers it.
    page.go_back()
    page.reload()
    expect(page.locator("main section.preview")).to_have_count(0)
    assert re.search(r"/dang-vien/nhap/lan-nhap/\?lan=\d+$", page.url)
    shown(page, screenshot, "done-job", viewport)
    page_log.assert_clean()
