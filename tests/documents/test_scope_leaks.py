"""Nothing about what lies outside the caller's scope inside a 200, 400 or 409 answer of the registry.

A programme's figures are those of the responsible organisations within the scope; an organisation outside
it cannot be named responsible, in the same words as an unknown code; a duplicate kept outside the scope is
refused without its title, keeper or number; unlinking a hidden document reads as unlinking a missing one.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from tests.documents.conftest import doc_type, make_document
from xaydungdang.documents import programmes
from xaydungdang.documents.models import Document

PLAN_DAY = dt.date(2024, 3, 1)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def province_plan(tree, issuers) -> Document:
    """A plan of the province naming CB1A and the bloc K responsible for admissions."""
    plan = make_document(issuers["P"], "KH", "82", PLAN_DAY, owner=tree.province, title="Kế hoạch kết nạp")
    programmes.create_programme(actor=None, document=plan, sections=[{"title": "Kết nạp", "tasks": [
        {"title": "Kết nạp mới", "targets": [
            {"description": "Kết nạp ≥ 2", "indicator_code": "members.admitted", "value": 2,
             "deadline": dt.date(2024, 12, 31), "responsible": [tree.cb1a, tree.bloc]}]}]}])
    return plan


def test_the_programme_shows_no_figure_of_an_organisation_outside_the_scope(users, province_plan):
    response = client_for(users.cell_secretary).get(f"/api/documents/{province_plan.pk}/programme")
    assert response.status_code == 200
    (target,) = response.json()["sections"][0]["tasks"][0]["targets"]
    assert (target["responsible"], target["hidden_responsible"], target["progress"], target["met"]) == (
        ["CB1A"], 1, [{"organisation": "CB1A", "value": "0", "met": False}], False)
    assert '"K"' not in response.content.decode()


def test_the_province_sees_every_responsible_organisation(users, province_plan):
    response = client_for(users.province_office).get(f"/api/documents/{province_plan.pk}/programme")
    (target,) = response.json()["sections"][0]["tasks"][0]["targets"]
    assert (target["responsible"], target["hidden_responsible"], [p["organisation"] for p in target["progress"]]) == (
        ["CB1A", "K"], 0, ["CB1A", "K"])


@pytest.mark.parametrize("code", ["K", "KHONG-CO"])
def test_an_organisation_outside_the_scope_is_refused_as_responsible_like_an_unknown_one(tree, users, issuers, code):
    plan = make_document(issuers["DB1"], "KH", "5", PLAN_DAY, owner=tree.db1, title="Kế hoạch của đảng bộ")
    body = {"sections": [{"title": "Một", "tasks": [{"title": "Việc", "targets": [
        {"description": "Kết nạp", "indicator_code": "members.admitted", "value": "1", "deadline": "2024-12-31",
         "responsible": [code]}]}]}]}
    response = post(client_for(users.grassroots_secretary), f"/api/documents/{plan.pk}/programme", body)
    assert (response.status_code, response.json()) == (
        400, {"detail": [f"Không có tổ chức nào trong phạm vi của bạn mang mã {code}."]})
    assert plan.sections.count() == 0


def _register(client: Client, number: str) -> Any:
    return post(client, "/api/documents", {"owner": "DB1", "type": "CV", "issuer": "TW", "number": number,
                                            "issued_on": "2024-01-02", "title": "Bản sao"})


def test_a_duplicate_kept_outside_the_scope_is_refused_without_naming_it(tree, users, tw):
    hidden = make_document(tw, "CV", "77", dt.date(2024, 1, 2), owner=tree.bloc, title="Công văn mật của khối")
    response = _register(client_for(users.grassroots_secretary), "77")
    body = response.json()
    assert (response.status_code, body["existing"]) == (409, None)
    assert body["detail"] == ["Sổ đăng ký đã có một văn bản cùng cơ quan ban hành, loại, số và ngày, do một cấp ủy "
                              "ngoài phạm vi của bạn lưu giữ: không thể đăng ký lần thứ hai."]
    text = response.content.decode()
    assert ("Công văn mật" in text, f"({hidden.pk})" in text, f"số {hidden.pk}" in text) == (False, False, False)


def test_a_visible_duplicate_is_named_to_open_it(tree, users, tw):
    seen = make_document(tw, "CV", "78", dt.date(2024, 1, 2), owner=tree.db1, title="Công văn đã có")
    response = _register(client_for(users.grassroots_secretary), "78")
    assert (response.status_code, response.json()["existing"]["id"]) == (409, seen.pk)


def test_the_web_form_does_not_link_a_hidden_duplicate(tree, users, tw):
    make_document(tw, "CV", "79", dt.date(2024, 1, 2), owner=tree.bloc, title="Công văn mật của khối")
    response = client_for(users.grassroots_secretary).post("/van-ban/them/", {
        "owner": "DB1", "doc_type": doc_type("CV").pk, "issuer": tw.pk, "number": "79", "issued_on": "2/1/2024",
        "title": "Bản sao", "direction": "received"})
    text = response.content.decode()
    assert (response.status_code, response.context["duplicate"]) == (200, None)
    assert response.context["form"].non_field_errors() == [
        "Sổ đăng ký đã có một văn bản cùng cơ quan ban hành, loại, số và ngày, do một cấp ủy ngoài phạm vi của bạn "
        "lưu giữ: không thể đăng ký lần thứ hai."]
    assert "Công văn mật" not in text


def test_unlinking_a_hidden_document_reads_as_unlinking_a_missing_one(tree, users, tw, issuers):
    plan = make_document(issuers["DB1"], "KH", "6", PLAN_DAY, owner=tree.db1, title="Kế hoạch")
    hidden = make_document(tw, "CV", "80", dt.date(2024, 1, 2), owner=tree.bloc, title="Công văn mật của khối")
    client = client_for(users.grassroots_secretary)
    missing_id = Document.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    answers = [post(client, f"/api/documents/{plan.pk}/unlink", {"implemented": pk}) for pk in (hidden.pk, missing_id)]
    assert [(a.status_code, a.json()) for a in answers] == [
        (400, {"detail": [f"Không tìm thấy văn bản số {pk}."]}) for pk in (hidden.pk, missing_id)]
