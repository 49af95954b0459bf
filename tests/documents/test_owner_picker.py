"""The documents' organisation pickers (issue 10.3): the keeper of a document (register, edit, pasted list) and
the responsible organisations of a programme's target (several, with chips).

Each is found by part of its name typed without diacritics, or by its exact code; a code outside the field's
scope reads as an unknown one (the same message); the keeper is one the user may keep documents for.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from tests.documents.conftest import doc_type, make_document
from tests.factories import UserFactory, make_org
from tests.helpers import logged_in, vi
from xaydungdang.documents import programmes
from xaydungdang.documents.models import Document, Target

pytestmark = pytest.mark.django_db

NEW = "/van-ban/them/"
PASTE = "/van-ban/nhap-danh-sach/"
PASTED = "Kết luận số 21-KL/TW ngày 25/10/2021 về đẩy mạnh xây dựng, chỉnh đốn Đảng"


@pytest.fixture
def named(tree: Any) -> dict[str, Any]:
    """Organisations with Vietnamese names: one in the district, one in the bloc (outside the district office)."""
    return {"binh": make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", name="Chi bộ Trường Tiểu học Hòa Bình"),
            "son": make_org("chi-bo-truc-thuoc", tree.db3, code="CB3B", name="Chi bộ Trường Tiểu học Hòa Sơn")}


def document_data(owner: str, **changes: Any) -> dict[str, Any]:
    return {"owner": owner, "doc_type": doc_type("KH").pk, "issuer": "", "number": "20", "symbol": "KH/HU",
            "issued_on": "5/6/2022", "term": "", "title": "Kế hoạch học tập Nghị quyết", "summary": "",
            "direction": "issued", **changes}


# ---------------------------------------------------------------- the keeper


def test_keeper_is_picked_by_a_name_without_diacritics(users, named, registry):
    response = logged_in(users.district_office).post(NEW, document_data("hoa binh"))
    assert response.status_code == 302
    assert list(Document.objects.values_list("owner__code", "number")) == [("CB1C", "20")]


def test_keeper_is_picked_by_its_exact_code_in_any_case(users, named, registry):
    assert logged_in(users.district_office).post(NEW, document_data("cb1c")).status_code == 302
    assert list(Document.objects.values_list("owner__code", flat=True)) == ["CB1C"]


def test_keeper_outside_the_scope_reads_as_an_unknown_code(users, named, registry):
    client = logged_in(users.district_office)
    errors = [client.post(NEW, document_data(code)).context["form"].errors["owner"] for code in ("CB3B", "NOPE")]
    assert errors == [[vi("No organisation with the code %(code)s is open to you.", code="CB3B")],
                      [vi("No organisation with the code %(code)s is open to you.", code="NOPE")]]
    assert Document.objects.count() == 0


def test_keeper_picker_offers_the_organisations_the_user_may_keep_documents_for(users, named, registry):
    page = logged_in(users.district_office).get(NEW).content.decode()
    assert re.findall(r'data-capability="([^"]+)"[^>]*id="id_owner"', page) == ["records.edit"]
    assert re.findall(r'<input type="hidden" name="owner" value="([^"]*)"', page) == [""]


def test_keeper_box_names_the_keeper_of_the_document_edited(users, named, issuers):
    document = make_document(issuers["D"], "KH", "15", dt.date(2022, 3, 1), owner=named["binh"])
    page = logged_in(users.district_office).get(f"/van-ban/{document.pk}/sua/").content.decode()
    assert re.findall(r'<input type="text" value="([^"]*)" role="combobox"[^>]*id="id_owner"', page) == [
        "Chi bộ Trường Tiểu học Hòa Bình (CB1C)"]


def test_an_administrator_records_a_system_wide_document_with_the_box(tree, registry, tw):
    admin = UserFactory(is_superuser=True)
    client = logged_in(admin)
    missing = client.post(NEW, document_data("", issuer=tw.pk, symbol=""))
    assert missing.context["form"].errors["owner"] == [vi("This field is required.")]
    done = client.post(NEW, document_data("", issuer=tw.pk, symbol="", he_thong="on"))
    assert done.status_code == 302
    assert list(Document.objects.values_list("owner", "issuer__abbreviation")) == [(None, "TW")]


def test_a_non_administrator_has_no_system_wide_box(users, registry):
    page = logged_in(users.district_office).get(NEW).content.decode()
    assert re.findall(r'name="he_thong"', page) == []


def test_pasted_list_keeper_by_name_and_outside_the_scope(users, named, registry, tw):
    client = logged_in(users.district_office)
    refused = client.post(PASTE, {"owner": "CB3B", "text": PASTED, "action": "commit"})
    assert refused.context["form"].errors["owner"] == [
        vi("No organisation with the code %(code)s is open to you.", code="CB3B")]
    done = client.post(PASTE, {"owner": "truong hoa binh", "text": PASTED, "action": "commit"})
    assert done.status_code == 200
    assert list(Document.objects.values_list("owner__code", "number")) == [("CB1C", "21")]


# ---------------------------------------------------------------- the responsible organisations


@pytest.fixture
def plan(tree: Any, issuers: Any) -> Any:
    plan = make_document(issuers["D"], "KH", "15", dt.date(2022, 3, 1), owner=tree.district)
    programmes.add_task(actor=None, section=programmes.add_section(actor=None, document=plan, title="Phần"),
                        title="Nhiệm vụ")
    return plan


def target_data(plan: Any, responsible: str) -> dict[str, Any]:
    task = plan.sections.get().tasks.get()
    return {"task": task.pk, "description": "Kết nạp", "comparator": "ge", "value": "12", "deadline": "31/12/2022",
            "responsible": responsible}


def add_target(client: Client, plan: Any, responsible: str) -> Any:
    return client.post(f"/van-ban/{plan.pk}/chuong-trinh/them-chi-tieu/", target_data(plan, responsible))


def responsible_codes() -> list[str]:
    return list(Target.objects.get().responsible.order_by("code").values_list("code", flat=True))


def test_responsible_picked_by_names_and_typed_codes_together(users, named, plan):
    response = add_target(logged_in(users.district_office), plan, "CB1A, hoa binh; db2")
    assert response.status_code == 302
    assert responsible_codes() == ["CB1A", "CB1C", "DB2"]


def test_responsible_outside_the_scope_and_unknown_read_alike_in_one_message(users, named, plan):
    response = add_target(logged_in(users.district_office), plan, "CB1A, CB3B, NOPE")
    assert response.context["form"].errors["responsible"] == [
        vi("No organisation in your scope has the code %(codes)s.", codes="CB3B, NOPE")]
    assert Target.objects.count() == 0


def test_responsible_words_naming_several_ask_to_choose(users, named, plan):
    response = add_target(logged_in(users.province_office), plan, "truong tieu hoc")
    assert response.context["form"].errors["responsible"] == [
        vi("Several organisations match “%(text)s”: choose one in the list.", text="truong tieu hoc")]


def test_responsible_refused_shows_chips_for_those_found_and_the_rest_to_correct(users, named, plan):
    page = add_target(logged_in(users.district_office), plan, "CB1C, CB3B").content.decode()
    assert re.findall(r'<li class="org-chip" data-code="([^"]+)"><span>([^<]*)</span>', page) == [
        ("CB1C", "Chi bộ Trường Tiểu học Hòa Bình (CB1C)")]
    assert re.findall(r'<input type="text" value="([^"]*)" role="combobox"[^>]*id="id_responsible"', page) == [
        "CB3B"]
    assert re.findall(r'<input type="hidden" name="responsible" value="([^"]*)"', page) == ["CB1C, CB3B"]
