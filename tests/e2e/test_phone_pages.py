"""The chi bộ secretary's other pages on a phone-sized screen (a new-user trial found them wider than the
screen): the document registry's list with its search field, and their organisation's page with its history
table. Each must fit the screen's width; a wide table scrolls inside its own box.

Data: the fixture tree; a central conclusion and the plans implementing it (the registry's list has rows with
long titles); CB1A renamed once, so its history table has two rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.documents.conftest import make_document
from tests.e2e.conftest import PHONE, PageLog, login, shown
from xaydungdang.documents import domain as documents
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.documents.reference import load_reference_documents
from xaydungdang.organisations import domain as organisations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def documents_kept(tree: Any) -> list[Document]:
    """A central conclusion and DB1's plan implementing it, with the long titles real documents have."""
    if not DocumentType.objects.exists():  # a flushed (browser) test database: reload the reference data
        load_reference_documents(DocumentType, Issuer)
    tw = Issuer.objects.get(abbreviation="TW", organisation=None)
    db1 = documents.issuer_for_organisation(actor=None, organisation=tree.db1, abbreviation="ĐU")
    kl21 = make_document(tw, "KL", "21", dt.date(2021, 10, 25), term="XIII",
                         title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị")
    kh03 = make_document(db1, "KH", "03", dt.date(2022, 4, 1), owner=tree.db1, direction="issued",
                         title="Thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương",
                         implements=[kl21])
    return [kl21, kh03]


def test_cell_secretary_reads_the_document_list_on_a_phone(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, documents_kept: list[Document]) -> None:
    page.set_viewport_size(PHONE)
    login(page, users.cell_secretary.username, then="/van-ban/")
    expect(page.locator("#documents tbody tr").first).to_be_visible()
    assert page.locator("#documents tbody td.doc-id").count() >= 1
    box = page.locator("#doc-search input[type=search]").first
    expect(box).to_be_visible()
    assert box.bounding_box()["x"] + box.bounding_box()["width"] <= PHONE["width"]
    shown(page, screenshot, "documents", "phone")
    page_log.assert_clean()


def test_cell_secretary_reads_their_organisation_page_on_a_phone(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, tree: Any) -> None:
    organisations.execute(organisations.plan_rename(
        organisation=tree.cb1a, name="Chi bộ Trường Trung học cơ sở Nguyễn Văn Trỗi, xã Hòa Bình",
        effective=dt.date(2024, 1, 1), decision="Quyết định số 1234-QĐ/ĐU"), actor=None)
    page.set_viewport_size(PHONE)
    login(page, users.cell_secretary.username, then="/to-chuc/CB1A/")
    expect(page.get_by_role("cell", name="Quyết định số 1234-QĐ/ĐU")).to_be_visible()  # the history table
    shown(page, screenshot, "organisation", "phone")
    page_log.assert_clean()
