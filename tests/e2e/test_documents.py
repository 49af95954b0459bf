"""The document registry in a real browser: a pasted list of identifiers with one line not recognised, the
line corrected and the list recorded; then a document's implementation chain with the committees that have
not issued their plan, a live search without diacritics, and an action programme.

The province office (scope: Tổ chức P) works on the registry. Translatable UI text is compared with what the
catalogue in use says (vi(), vi_n()), data (identifiers, names, line numbers) with literal values.
Screenshots of each page go to test-results/e2e/ (inside the checkout; nothing is written elsewhere).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.documents.conftest import make_document
from tests.e2e.conftest import PageLog, login
from tests.e2e.test_members import squash, vi_n
from tests.helpers import vi
from xaydungdang.documents import domain, programmes
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.documents.reference import load_reference_documents

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BAD_LINE = "Nghi quyet 35 ngay 22/10/2018"
GOOD_LINE = "Nghị quyết số 35-NQ/TW ngày 22/10/2018 về tăng cường bảo vệ nền tảng tư tưởng của Đảng"
PASTED = [
    "Kết luận số 21-KL/TW ngày 25/10/2021 về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "Chỉ thị số 05-CT/TW ngày 15/5/2016 về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    BAD_LINE,
    "Kế hoạch số 90-KH/TU ngày 3/3/2022 về học tập chuyên đề năm 2022",
]


@pytest.fixture
def registry_docs(tree: Any) -> dict[str, Document]:
    """A central conclusion and the plans of the province, the district and DB1 implementing it, down the tree."""
    if not DocumentType.objects.exists():  # a flushed (browser) test database: reload the reference data
        load_reference_documents(DocumentType, Issuer)
    tw = Issuer.objects.get(abbreviation="TW", organisation=None)
    issuers = {code: domain.issuer_for_organisation(actor=None, organisation=org, abbreviation=abbreviation)
               for code, abbreviation, org in (("P", "TU", tree.province), ("D", "HU", tree.district),
                                               ("DB1", "ĐU", tree.db1))}
    kl21 = make_document(tw, "KL", "21", dt.date(2021, 10, 25), term="XIII",
                         title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị")
    kh82 = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 20), owner=tree.province, direction="issued",
                         title="Thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương",
                         implements=[kl21])
    kh15 = make_document(issuers["D"], "KH", "15", dt.date(2022, 3, 1), owner=tree.district, direction="issued",
                         title="Thực hiện Kế hoạch số 82-KH/TU của Tỉnh ủy", implements=[kh82])
    make_document(issuers["DB1"], "KH", "03", dt.date(2022, 4, 1), owner=tree.db1, direction="issued",
                  title="Thực hiện Kế hoạch số 15-KH/HU của Huyện ủy", implements=[kh15])
    programmes.create_programme(actor=None, document=kh82, sections=[
        {"title": "Công tác chính trị, tư tưởng", "tasks": [
            {"title": "Học tập, quán triệt Kết luận 21-KL/TW", "targets": [
                {"description": "≥ 95% đảng viên được học tập, quán triệt", "indicator_code": "study.share",
                 "value": 95, "unit": "%", "deadline": dt.date(2022, 6, 30)}]}]},
        {"title": "Công tác tổ chức, đảng viên", "tasks": [
            {"title": "Phát triển đảng viên", "targets": [
                {"description": "Kết nạp ít nhất 120 đảng viên mới trong năm 2022",
                 "indicator_code": "members.admitted", "value": 120, "deadline": dt.date(2022, 12, 31),
                 "period_start": dt.date(2022, 1, 1), "responsible": [tree.district, tree.bloc]}]}]}])
    return {"kl21": kl21, "kh82": kh82, "kh15": kh15}


def result_lines(page: Any) -> list[list[str]]:
    rows = page.locator("#paste-lines tbody tr")
    return [[squash(cell) for cell in row.locator("td").all_inner_texts()] for row in rows.all()]


def listed_identifiers(page: Any) -> Any:
    return page.locator("#documents tbody td.doc-id a")


def test_paste_a_list_then_open_a_chain_and_search(page: Any, page_log: PageLog, screenshot: Any, users: Any,
                                                   registry_docs: dict[str, Document]) -> None:
    login(page, users.province_office.username)
    page.get_by_role("navigation", name=vi("Main areas")).get_by_role("link", name=vi("Documents")).click()
    page.wait_for_url(re.compile(r"/van-ban/$"))
    expect(listed_identifiers(page)).to_have_text([
        "Số 03-KH/ĐU ngày 1/4/2022", "Số 15-KH/HU ngày 1/3/2022", "Số 82-KH/TU ngày 20/1/2022",
        "Số 21-KL/TW ngày 25/10/2021"])
    screenshot("list")

    # A pasted list with one line that is not an identifier: reported with its number, nothing recorded.
    page.locator("main").get_by_role("link", name=vi("Paste a list of identifiers")).click()
    page.wait_for_url(re.compile(r"/van-ban/nhap-danh-sach/$"))
    page.fill("#id_owner", "P")  # the keeper picker: a code typed works without picking
    page.fill("#id_text", "\n".join(PASTED))
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Check the list")).click()
    assert result_lines(page) == [
        ["1", PASTED[0], vi("Already in the registry"), "Kết luận số 21-KL/TW ngày 25/10/2021"],
        ["2", PASTED[1], vi("New"), "Chỉ thị 05-CT/TW · 15/5/2016 · "
                                    "Trung ương Đảng (Ban Chấp hành, Bộ Chính trị, Ban Bí thư)"],
        ["3", BAD_LINE, vi("Not recognised"), f"Không nhận dạng được số hiệu văn bản: «{BAD_LINE}»"],
        ["4", PASTED[3], vi("New"), "Kế hoạch 90-KH/TU · 3/3/2022 · Tổ chức P"],
    ]
    expect(page.locator("#commit")).to_have_count(0)
    assert Document.objects.count() == 4
    screenshot("paste-preview-with-error")

    # The line corrected: three new documents, recorded at once.
    page.fill("#id_text", "\n".join(PASTED).replace(BAD_LINE, GOOD_LINE))
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Check the list")).click()
    expect(page.locator("tr.line-error")).to_have_count(0)
    assert Document.objects.count() == 4  # a check writes nothing
    with page.expect_navigation():
        page.get_by_role("button", name=vi_n("Record %(n)s new document", "Record %(n)s new documents", 3,
                                             n=3)).click()
    expect(page.locator("main .messages")).to_have_text(
        vi_n("%(n)s document was registered.", "%(n)s documents were registered.", 3, n=3))
    assert sorted(Document.objects.filter(owner__code="P").values_list("number", "symbol")) == [
        ("05", "CT/TW"), ("35", "NQ/TW"), ("82", "KH/TU"), ("90", "KH/TU")]
    screenshot("paste-recorded")

    # The chain of Kết luận 21: each level with the committees that have not issued their plan.
    page.goto("/van-ban/")
    page.get_by_role("link", name="Số 21-KL/TW ngày 25/10/2021", exact=True).click()
    page.wait_for_url(re.compile(rf"/van-ban/{registry_docs['kl21'].pk}/$"))
    counts = page.locator("#chain .chain-count")
    expect(counts).to_have_text([
        vi_n("%(done)s/%(expected)s committee has issued a plan", "%(done)s/%(expected)s committees have issued a plan",
             1, done=1, expected=1) + " " + vi_n("(%(n)s more outside your scope, not counted)",
                                                 "(%(n)s more outside your scope, not counted)", 1, n=1),
        vi_n("%(done)s/%(expected)s committee has issued a plan", "%(done)s/%(expected)s committees have issued a plan",
             2, done=1, expected=2) + f"; {vi('missing:')} Tổ chức K",
        vi_n("%(done)s/%(expected)s committee has issued a plan", "%(done)s/%(expected)s committees have issued a plan",
             3, done=1, expected=3) + f"; {vi('missing:')} Tổ chức DB2, Tổ chức CBCS",
        vi_n("%(done)s/%(expected)s committee has issued a plan", "%(done)s/%(expected)s committees have issued a plan",
             2, done=0, expected=2) + f"; {vi('missing:')} Tổ chức CB1A, Tổ chức CB1B",
    ])
    screenshot("detail-with-chain")

    # A plan's page links the reference in its title to the registry.
    page.locator("#chain").get_by_role("link", name="Kế hoạch số 82-KH/TU ngày 20/1/2022", exact=True).click()
    page.wait_for_url(re.compile(rf"/van-ban/{registry_docs['kh82'].pk}/$"))
    page.locator("#doc-title a.doc-ref").click()
    page.wait_for_url(re.compile(rf"/van-ban/{registry_docs['kl21'].pk}/$"))

    # Registering a document already in the registry is refused with a link to it.
    page.goto("/van-ban/them/")
    page.fill("#id_owner", "P")  # the keeper picker: a code typed works without picking
    page.select_option("#id_doc_type", label="Kết luận")
    page.select_option("#id_issuer", label="Trung ương Đảng (Ban Chấp hành, Bộ Chính trị, Ban Bí thư)")
    page.fill("#id_number", "21")
    page.fill("#id_issued_on", "25/10/2021")
    page.fill("#id_title", "Về đẩy mạnh xây dựng, chỉnh đốn Đảng")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Record")).click()
    expect(page.locator("#duplicate-link")).to_have_text(vi("Open %(document)s", document="Kết luận 21-KL/TW"))
    assert Document.objects.filter(number="21").count() == 1
    screenshot("duplicate-refused")
    page.locator("#duplicate-link").click()
    page.wait_for_url(re.compile(rf"/van-ban/{registry_docs['kl21'].pk}/$"))

    # Live search without diacritics: the results change as one types, without leaving the page.
    page.goto("/van-ban/")
    page.fill("#id_q", "chinh don dang")
    expect(listed_identifiers(page)).to_have_text(["Số 21-KL/TW ngày 25/10/2021"])
    expect(page).to_have_url(re.compile(r"/van-ban/\?q=chinh%20don%20dang&"))
    page.fill("#id_q", "quan trieu 21 ket luan")
    expect(listed_identifiers(page)).to_have_count(0)
    page.fill("#id_q", "nghi quyet 35")
    expect(listed_identifiers(page)).to_have_text(["Số 35-NQ/TW ngày 22/10/2018"])
    screenshot("search-without-diacritics")

    # The action programme of the province's plan: targets with progress, or no indicator yet.
    page.goto(f"/van-ban/{registry_docs['kh82'].pk}/chuong-trinh/")
    expect(page.locator(".no-indicator")).to_have_text([vi("no indicator yet")])
    expect(page.locator(".targets .progress li")).to_have_count(2)
    screenshot("programme")

    page_log.assert_clean()
