"""The member registry in a real browser: an Excel import with errors, its preview, the corrected
file recorded, then a search of the list without diacritics.

The district office (scope: Tổ chức D) downloads the template through the page, fills it with
openpyxl, and uploads it with the file input. The preview must list exactly the bad rows, with
column, field and reason as the server renders them in Vietnamese; nothing may be written
until a file without errors is recorded. Translatable UI text is compared with what the
catalogue in use says (vi(), vi_n()), data (names, codes, row numbers) with literal values.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login
from tests.helpers import vi
from xaydungdang.members.models import ImportJob, Member, Membership, Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The template's columns are the file format: a renamed header would break the users' files.
CARD_COLUMN, CODE_COLUMN = "N", "S"
CARD_HEADER, CODE_HEADER = "Số thẻ đảng viên", "Mã tổ chức"
RECORD_FORM = "form[action='/dang-vien/nhap/lan-nhap/ghi/']"


def member_row(name: str, sex: str, born: dt.date, card: str, lylich: str, code: str) -> dict[str, Any]:
    """One row of the template, by its Vietnamese column headers (fictional person and numbers)."""
    return {
        "Họ và tên": name, "Giới tính": sex, "Ngày sinh": born, "Quê quán": "Xã Thử Nghiệm, Tỉnh Mẫu",
        "Lý luận chính trị": "Sơ cấp", "Nghề nghiệp": "Giáo viên",
        CARD_HEADER: card, "Số lý lịch": lylich,
        "Ngày quyết định kết nạp": dt.date(2016, 3, 1), "Ngày kết nạp": "15/3/2016",
        "Ngày công nhận chính thức": dt.date(2017, 3, 20),
        CODE_HEADER: code, "Sinh hoạt từ ngày": "01/06/2018",
    }


# Excel rows 2-6. Row 3: a 7-digit card number; row 5: a code no organisation has.
BAD_ROWS = [
    member_row("Nguyễn Văn An", "Nam", dt.date(1980, 5, 12), "20000001", "300001BN", "CB1A"),
    member_row("Trần Văn An", "Nam", dt.date(1975, 2, 3), "2000002", "300002BN", "CB1B"),
    member_row("Nguyễn Văn Bình", "Nam", dt.date(1990, 11, 30), "20000003", "300003BN", "CB2A"),
    member_row("Nguyễn Thị Ánh", "Nữ", dt.date(1985, 7, 7), "20000004", "300004BN", "CB9Z"),
    member_row("Đặng Văn Dũng", "Nam", dt.date(1968, 1, 20), "20000005", "300005BN", "CBCS"),
]
FIXED_ROWS = [{**row} for row in BAD_ROWS]
FIXED_ROWS[1][CARD_HEADER] = "20000002"
FIXED_ROWS[3][CODE_HEADER] = "CB1A"
# Vietnamese order: given name first (An < Ánh < Bình < Dũng), then family and middle names.
NAMES_IN_ORDER = ["Nguyễn Văn An", "Trần Văn An", "Nguyễn Thị Ánh", "Nguyễn Văn Bình", "Đặng Văn Dũng"]


def vi_n(singular: str, plural: str, count: int, **params: Any) -> str:
    """A plural UI text in Vietnamese, as {% blocktranslate count %} renders it."""
    with translation.override("vi"):
        text = translation.ngettext(singular, plural, count)
    return text % params


def squash(text: str) -> str:
    return " ".join(text.split())


def download_template(page: Any) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=vi("Download the template (.xlsx)")).click()
    assert download.value.suggested_filename == "mau-nhap-dang-vien.xlsx"
    with open(download.value.path(), "rb") as file:
        return file.read()


def filled(template: bytes, rows: list[dict[str, Any]]) -> bytes:
    """The template with `rows` typed under its header row (every key must be one of its headers)."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook["Đảng viên"]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=headers.index(header) + 1, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload_and_check(page: Any, name: str, content: bytes) -> None:
    """Upload on the import page, confirm the proposed column matching, and wait for the outcome."""
    page.set_input_files("#id_file", {"name": name, "mimeType": XLSX_MIME, "buffer": content})
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Upload"), exact=True).click()
    expect(page.locator("main h1")).to_have_text(f"{vi('Import')}: {name}")
    # The headers were matched: the template's columns N and S, as 0-based indexes.
    expect(page.locator("#id_card_number")).to_have_value("13")
    expect(page.locator("#id_organisation_code")).to_have_value("18")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Check the rows"), exact=True).click()


def error_table(page: Any) -> list[list[str]]:
    rows = page.locator("table.import-errors tbody tr")
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in rows.all()]


def listed_names(page: Any) -> Any:
    return page.locator("#members tbody td:first-child a")


def search(page: Any, words: str) -> None:
    page.fill("#id_q", words)
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    expect(page.locator("#id_q")).to_have_value(words)
    expect(page.locator("input[name=to_chuc]")).to_have_value("D")  # the picker's value: the code


def test_import_with_errors_then_fixed_then_search_without_diacritics(page: Any, page_log: PageLog,
                                                                        screenshot: Any, users: Any) -> None:
    login(page, users.district_office.username)
    page.goto("/dang-vien/?to_chuc=D")
    expect(listed_names(page)).to_have_count(0)
    page.locator("main").get_by_role("link", name=vi("Import from Excel")).click()
    page.wait_for_url(re.compile(r"/dang-vien/nhap/$"))
    template = download_template(page)

    # A file with two bad rows: the preview names them, and nothing is written.
    upload_and_check(page, "danh-sach-dang-vien.xlsx", filled(template, BAD_ROWS))
    expect(page.locator("main h1 + p.muted b")).to_have_text(vi("Errors found: nothing was recorded"))
    assert error_table(page) == [
        ["3", CARD_COLUMN, CARD_HEADER, vi("A party card number has exactly 8 digits.")],
        ["5", CODE_COLUMN, CODE_HEADER, vi("No organisation you may record members in has the code %(code)s.",
                                           code="CB9Z")],
    ]
    assert squash(page.locator("main .errorlist-box p").inner_text()) == " ".join([
        vi_n("%(counter)s row has errors.", "%(counter)s rows have errors.", 2, counter=2),
        vi_n("%(counter)s row is valid.", "%(counter)s rows are valid.", 3, counter=3),
        vi("Nothing was recorded: correct the file and upload it again.")])
    expect(page.locator(f"main {RECORD_FORM}")).to_have_count(0)
    assert (Member.objects.count(), Person.objects.count(), Membership.objects.count()) == (0, 0, 0)
    assert list(ImportJob.objects.values_list("status", "valid_rows")) == [(ImportJob.Status.INVALID, 3)]
    screenshot("preview-with-errors")

    # The corrected file: no errors, then recorded all at once.
    page.get_by_role("link", name=vi("Upload another file")).click()
    page.wait_for_url(re.compile(r"/dang-vien/nhap/$"))
    upload_and_check(page, "danh-sach-dang-vien-da-sua.xlsx", filled(template, FIXED_ROWS))
    expect(page.locator("table.import-errors")).to_have_count(0)
    expect(page.locator("main .import-summary li").first).to_have_text(
        squash(vi_n("<b>%(counter)s</b> new member to record", "<b>%(counter)s</b> new members to record", 5,
                    counter=5).replace("<b>", "").replace("</b>", "")))
    expect(page.locator(f"main {RECORD_FORM}")).to_have_count(1)
    assert Member.objects.count() == 0  # a preview writes nothing
    screenshot("preview-valid")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Confirm and record")).click()
    expect(page.locator("main .notice")).to_contain_text(
        vi_n("%(counter)s member was recorded.", "%(counter)s members were recorded.", 5, counter=5))
    assert sorted(Member.objects.values_list("person__full_name", "card_number", "memberships__organisation__code")) \
        == [("Nguyễn Thị Ánh", "20000004", "CB1A"), ("Nguyễn Văn An", "20000001", "CB1A"),
            ("Nguyễn Văn Bình", "20000003", "CB2A"), ("Trần Văn An", "20000002", "CB1B"),
            ("Đặng Văn Dũng", "20000005", "CBCS")]
    screenshot("recorded")

    # The list of the district, in Vietnamese order; then searches without diacritics or in capitals.
    page.goto("/dang-vien/?to_chuc=D")
    expect(listed_names(page)).to_have_text(NAMES_IN_ORDER)
    expect(page.locator("#unit-counts td.num").first).to_have_text("5")
    search(page, "nguyen van an")
    expect(listed_names(page)).to_have_text(["Nguyễn Văn An"])
    expect(page.locator("main p.muted:has(+ #members)")).to_have_text(
        vi_n("%(shown)s member found", "%(shown)s members found", 1, shown="1"))
    screenshot("search-without-diacritics")
    search(page, "NGUYỄN VĂN AN")
    expect(listed_names(page)).to_have_text(["Nguyễn Văn An"])
    search(page, "dang van dung")  # "đ" is found by "d"
    expect(listed_names(page)).to_have_text(["Đặng Văn Dũng"])
    search(page, "van an")
    expect(listed_names(page)).to_have_text(["Nguyễn Văn An", "Trần Văn An"])

    page_log.assert_clean()
