"""The documents' organisation pickers in a real browser (issue 10.3): the province office records a plan whose
keeper it picks by typing part of a name without diacritics, then sets a target's responsible organisations with
the multi-value picker: one picked with the keyboard, one picked with the mouse and removed again, one typed as a
code (power users), and sees them on the programme.

Data: a chi bộ with a Vietnamese name (Chi bộ Trường Tiểu học Hòa Bình, CB1C) under DB1 and a đảng bộ
(Đảng bộ Công ty Điện lực, DBDN) in the bloc. Translatable UI text is compared with what the catalogue in use
says, data with literal values. Screenshots go to test-results/e2e/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PageLog, login
from tests.e2e.test_lists import type_in_picker
from tests.factories import make_org
from tests.helpers import vi
from xaydungdang.documents import programmes
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.documents.reference import load_reference_documents

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCHOOL = "Chi bộ Trường Tiểu học Hòa Bình"
POWER = "Đảng bộ Công ty Điện lực"


@pytest.fixture
def named(tree: Any) -> None:
    if not DocumentType.objects.exists():  # a flushed (browser) test database: reload the reference data
        load_reference_documents(DocumentType, Issuer)
    make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", name=SCHOOL)
    make_org("dang-bo-co-so", tree.bloc, code="DBDN", name=POWER)


def test_office_picks_a_documents_keeper_and_a_targets_responsible_organisations(
        page: Any, page_log: PageLog, screenshot: Any, users: Any, named: None) -> None:
    login(page, users.province_office.username, then="/van-ban/them/")
    keeper = type_in_picker(page, "#id_owner", "truong hoa binh")
    expect(keeper.get_by_role("option")).to_have_text([f"{SCHOOL} CB1C · Tổ chức DB1"])
    screenshot("keeper-options")
    page.locator("#id_owner").press("Enter")  # the first match; the form is not sent
    expect(page.locator("#id_owner")).to_have_value(f"{SCHOOL} (CB1C)")
    expect(page.locator("input[name=owner]")).to_have_value("CB1C")

    page.select_option("#id_doc_type", label="Kế hoạch")
    page.fill("#id_number", "7")
    page.fill("#id_symbol", "KH/CB")  # the chi bộ issues it: no issuer to choose
    page.fill("#id_issued_on", "3/4/2022")
    page.fill("#id_title", "Học tập chuyên đề năm 2022")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Record")).click()
    document = Document.objects.get(number="7")
    assert (document.owner.code, document.issuer.abbreviation, document.title) == (
        "CB1C", "CB", "Học tập chuyên đề năm 2022")
    screenshot("recorded")

    task = programmes.add_task(actor=None, section=programmes.add_section(
        actor=None, document=document, title="Công tác tư tưởng"), title="Học tập chuyên đề")
    page.goto(f"/van-ban/{document.pk}/chuong-trinh/them-chi-tieu/?nhiem_vu={task.pk}")
    page.fill("#id_description", "100% đảng viên được học tập")
    page.fill("#id_value", "100")

    box = "#id_responsible"
    type_in_picker(page, box, "hoa binh")
    page.locator(box).press("Enter")
    type_in_picker(page, box, "dien luc").get_by_role("option", name=re.compile(POWER)).click()
    chips = page.locator(".org-chip")
    expect(chips.locator("span")).to_have_text([f"{SCHOOL} (CB1C)", f"{POWER} (DBDN)"])
    expect(page.locator("input[name=responsible]")).to_have_value("CB1C, DBDN")
    screenshot("responsible-chips")
    page.get_by_role("button", name=f"{vi('Remove')} {POWER} (DBDN)").click()
    expect(chips.locator("span")).to_have_text([f"{SCHOOL} (CB1C)"])
    page.locator(box).press_sequentially("db2", delay=30)  # a code typed, not picked
    expect(page.locator("input[name=responsible]")).to_have_value("CB1C, db2")
    screenshot("responsible-typed-code")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Record")).click()

    target = task.targets.get()
    assert (target.description, sorted(target.responsible.values_list("code", flat=True))) == (
        "100% đảng viên được học tập", ["CB1C", "DB2"])
    expect(page.locator("table td", has_text=SCHOOL)).to_have_text([f"{SCHOOL}, Tổ chức DB2"])
    screenshot("programme")
    page_log.assert_clean()
