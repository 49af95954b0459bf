"""Registering documents: the key, duplicates, validation, status, implements links, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.documents.conftest import doc_type, make_document
from tests.factories import user_with_role
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents import domain
from xaydungdang.documents.models import Document, DocumentType, Implementation, Issuer

pytestmark = pytest.mark.django_db

KL21 = dt.date(2021, 10, 25)


def test_reference_types_and_central_issuers_are_loaded(registry):
    assert list(DocumentType.objects.values_list("code", flat=True)) == [
        "NQ", "CT", "KL", "QĐ", "QĐi", "HD", "KH", "CTr", "BC", "TB", "TTr", "CV", "QC", "TT", "BB"]
    assert DocumentType.objects.get(code="QĐi").name == "Quy định"
    assert set(DocumentType.objects.filter(holds_programme=True).values_list("code", flat=True)) == {"KH", "CTr"}
    assert Issuer.objects.filter(organisation=None).count() == 9


def test_register_writes_symbol_search_text_and_audit(tw):
    document = make_document(tw, "KL", "21", KL21, title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng", term="XIII")
    assert (document.symbol, document.identifier, str(document)) == ("KL/TW", "21-KL/TW", "Kết luận 21-KL/TW")
    assert document.search_text == ("ket luan kl so 21 kl tw ngay 25 10 2021 2021 khoa xiii tw trung uong dang ban "
                                    "chap hanh bo chinh tri ban bi thu ve day manh xay dung chinh don dang")
    entry = AuditEntry.objects.get(action="document.registered")
    assert (entry.object_id, entry.data["new"]["number"], entry.data["new"]["type"]) == (str(document.pk), "21", "KL")


def test_quy_dinh_keeps_its_own_type_with_a_qd_symbol(tw):
    document = make_document(tw, "QĐi", "37", dt.date(2021, 10, 25), symbol="QĐ/TW")
    assert (document.doc_type.code, document.identifier, str(document)) == ("QĐi", "37-QĐ/TW", "Quy định 37-QĐ/TW")


def test_duplicate_is_refused_with_the_existing_document(tw):
    first = make_document(tw, "KL", "21", KL21)
    with pytest.raises(domain.DuplicateDocument) as raised:
        make_document(tw, "KL", "21", KL21, title="Gõ lại")
    assert raised.value.existing == first
    assert raised.value.messages == [
        f"Kết luận 21-KL/TW (ban hành ngày 25/10/2021) đã có trong sổ văn bản (số {first.pk}): hãy mở văn bản đó "
        "thay vì nhập lại."]
    assert Document.objects.count() == 1


def test_same_number_in_another_term_is_another_document(tw):
    make_document(tw, "QĐ", "01", dt.date(2022, 1, 5))
    make_document(tw, "QĐ", "01", dt.date(2026, 2, 1))
    assert Document.objects.filter(number="01").count() == 2


def test_undated_document_is_keyed_by_term(tw):
    make_document(tw, "NQ", "04", None, term="XII")
    with pytest.raises(domain.DuplicateDocument):
        make_document(tw, "NQ", "04", None, term="XII")
    with pytest.raises(domain.DuplicateDocument):
        make_document(tw, "NQ", "04", dt.date(2016, 10, 30), term="XII")


def test_missing_title_and_date_are_named(tw):
    with pytest.raises(ValidationError) as raised:
        make_document(tw, "KL", "21", None, title=" ")
    assert raised.value.messages == ["Trích yếu: nhập trích yếu nội dung văn bản.",
                                     "Ngày ban hành: nhập ngày ban hành, hoặc khóa khi chưa rõ ngày."]
    assert Document.objects.count() == 0


def test_type_not_in_use_on_the_date_is_refused(tw):
    DocumentType.objects.filter(code="TT").update(valid_to=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as raised:
        make_document(tw, "TT", "5", dt.date(2021, 3, 1))
    assert raised.value.messages == ["Loại văn bản: Thông tri chưa (hoặc không còn) được dùng vào ngày 1/3/2021."]


def test_update_audits_old_and_new_and_refuses_a_duplicate(tw):
    first = make_document(tw, "KL", "21", KL21)
    second = make_document(tw, "KL", "22", KL21)
    domain.update_document(actor=None, document=second, title="Tiêu đề mới", summary="Tóm tắt")
    entry = AuditEntry.objects.filter(action="document.updated").get()
    assert entry.data["old"] == {"title": "Về một việc", "summary": ""}
    assert entry.data["new"] == {"title": "Tiêu đề mới", "summary": "Tóm tắt"}
    with pytest.raises(domain.DuplicateDocument) as raised:
        domain.update_document(actor=None, document=second, number="21")
    assert raised.value.existing == first
    assert Document.objects.get(pk=second.pk).number == "22"


def test_replace_and_withdraw(tw):
    old = make_document(tw, "QĐi", "132", dt.date(2018, 3, 8), symbol="QĐ/TW")
    new = make_document(tw, "QĐi", "124", dt.date(2023, 2, 3), symbol="QĐ/TW")
    domain.replace(actor=None, document=old, replaced_by=new)
    old.refresh_from_db()
    assert (old.status, old.replaced_by_id) == (Document.Status.REPLACED, new.pk)
    with pytest.raises(ValidationError):
        domain.set_status(actor=None, document=old, status=Document.Status.REPLACED)
    domain.set_status(actor=None, document=new, status=Document.Status.WITHDRAWN)
    again = make_document(tw, "QĐi", "124", dt.date(2023, 2, 3), symbol="QĐ/TW")  # a withdrawn one does not block
    assert again.pk != new.pk
    assert AuditEntry.objects.filter(action="document.status").count() == 2


def test_implements_links_refuse_self_twice_and_cycles(tw, issuers, tree):
    kl = make_document(tw, "KL", "21", KL21)
    plan = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 20), owner=tree.province, implements=[kl])
    district = make_document(issuers["D"], "KH", "15", dt.date(2022, 3, 1), owner=tree.district)
    domain.link_implements(actor=None, document=district, implemented=plan, note="cụ thể hóa")
    assert list(plan.implements.all()) == [kl]
    assert list(plan.implemented_by.all()) == [district]
    for document, implemented, message in [
        (plan, plan, "Thực hiện văn bản: văn bản không thể thực hiện chính nó."),
        (plan, kl, "Thực hiện văn bản: Kế hoạch 82-KH/TU đã được liên kết với Kết luận 21-KL/TW."),
        (kl, district, "Thực hiện văn bản: Kế hoạch 15-KH/HU đã thực hiện Kết luận 21-KL/TW, trực tiếp hoặc qua "
                       "văn bản khác."),
    ]:
        with pytest.raises(ValidationError) as raised:
            domain.link_implements(actor=None, document=document, implemented=implemented)
        assert raised.value.messages == [message]
    domain.unlink_implements(actor=None, document=district, implemented=plan)
    assert Implementation.objects.count() == 1
    assert list(AuditEntry.objects.filter(action__startswith="document.").exclude(
        action="document.issuer_registered").order_by("id").values_list("action", flat=True)) == [
        "document.registered", "document.registered", "document.linked", "document.registered", "document.linked",
        "document.unlinked"]


def test_writes_check_the_actors_scope(tw, issuers, tree):
    cell = user_with_role("bi-thu", tree.cb1a)
    office = user_with_role("van-phong", tree.district)
    with pytest.raises(PermissionDenied):  # a central document needs `administer`
        domain.register_document(actor=office, owner=None, issuer=tw, doc_type=doc_type("KL"), number="1",
                                 issued_on=KL21, title="x")
    with pytest.raises(PermissionDenied):  # above the user's subtree
        domain.register_document(actor=cell, owner=tree.db1, issuer=issuers["DB1"], doc_type=doc_type("KH"),
                                 number="1", issued_on=KL21, title="x")
    document = domain.register_document(actor=office, owner=tree.db1, issuer=issuers["DB1"],
                                        doc_type=doc_type("KH"), number="1", issued_on=KL21, title="x")
    assert document.created_by == office


def test_registry_actions_have_audit_labels():
    from xaydungdang.core.audit_labels import action_label

    assert [action_label(code) for code in ("document.registered", "document.linked", "programme.target_added")] == [
        "Đăng ký văn bản", "Thêm liên kết thực hiện văn bản", "Thêm chỉ tiêu"]
