"""The forms and filters of the document pages: what they accept, what they leave out, how identifiers read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.documents.conftest import make_document
from xaydungdang.documents import forms
from xaydungdang.documents.models import DocumentType, Issuer
from xaydungdang.documents.queries import DocumentFilter
from xaydungdang.documents.templatetags.documents import full_identifier, named_identifier, owner_name, with_unit
from xaydungdang.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def filter_form(data: dict) -> forms.DocumentFilterForm:
    return forms.DocumentFilterForm(data, types=DocumentType.objects.all(), issuers=Issuer.objects.all())


def test_filter_form_reads_every_filter(registry, tw):
    assert filter_form({"q": " 21-KL ", "loai": "KL", "co_quan": str(tw.pk), "nam": "2021", "khoa": "XIII",
                        "trang_thai": "in_force"}).document_filter() == DocumentFilter(
        q="21-KL", doc_type="KL", issuer=tw.pk, year=2021, term="XIII", status="in_force")


def test_filter_form_leaves_out_invalid_values_and_keeps_the_others(registry):
    assert filter_form({"q": "chinh don", "loai": "XX", "co_quan": "abc", "nam": "1800", "trang_thai": "gone"}
                       ).document_filter() == DocumentFilter(q="chinh don")


def test_identifiers_read_as_offices_write_them(tree, tw):
    kl21 = make_document(tw, "KL", "21", dt.date(2021, 10, 25))
    by_term = make_document(tw, "NQ", "", None, term="XII", title="Nghị quyết Trung ương 4 (khóa XII)")
    assert (full_identifier(kl21), named_identifier(kl21), owner_name(kl21)) == (
        "Số 21-KL/TW ngày 25/10/2021", "Kết luận số 21-KL/TW ngày 25/10/2021", "Dùng chung toàn hệ thống")
    assert (full_identifier(by_term), named_identifier(by_term)) == ("Khóa XII", "Nghị quyết khóa XII")


def test_goal_with_its_unit():
    assert (with_unit(Decimal("95.00"), "%"), with_unit(Decimal("6000"), "đảng viên"), with_unit(120, "")) == (
        "95%", "6.000 đảng viên", "120")


def test_target_form_reads_responsible_codes_within_the_scope(tree, tw, issuers):
    from xaydungdang.documents import programmes

    plan = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 20), owner=tree.province)
    section = programmes.add_section(actor=None, document=plan, title="Phần")
    task = programmes.add_task(actor=None, section=section, title="Nhiệm vụ")
    data = {"task": task.pk, "description": "Kết nạp", "comparator": "ge", "value": "120,5", "deadline": "31/12/2022",
            "responsible": "D; K, DB1"}
    inside = Organisation.objects.exclude(code__in=["OP", "ODB"])
    form = forms.TargetForm(data, document=plan, organisations=inside)
    assert form.is_valid(), form.errors
    assert ([o.code for o in form.cleaned_data["responsible"]], form.cleaned_data["value"],
            form.cleaned_data["deadline"]) == (["D", "K", "DB1"], Decimal("120.5"), dt.date(2022, 12, 31))
    outside = forms.TargetForm({**data, "responsible": "OP"}, document=plan, organisations=inside)
    assert outside.errors["responsible"] == ["Không có tổ chức nào trong phạm vi của bạn có mã OP."]
