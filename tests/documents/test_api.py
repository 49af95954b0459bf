"""The documents API: search, detail with chain, writes (success, refusal, duplicate 409, 403/404), paste import,
programme progress, the reference parser, and the OpenAPI document."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.documents.conftest import make_document
from tests.factories import user_with_role
from xaydungdang.api import api
from xaydungdang.core import indicators
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents.models import Document

pytestmark = pytest.mark.django_db
NOT_FOUND = {"detail": "Không tìm thấy."}


@pytest.fixture
def docs(tree, tw, issuers):
    kl21 = make_document(tw, "KL", "21", dt.date(2021, 10, 25), term="XIII",
                         title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị")
    kh82 = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 20), owner=tree.province,
                         title="Thực hiện Kết luận số 21-KL/TW", implements=[kl21], direction="issued")
    other = make_document(issuers["OP"], "KH", "7", dt.date(2022, 2, 1), owner=tree.other_province,
                          title="Kế hoạch của tỉnh khác")
    return {"kl21": kl21, "kh82": kh82, "other": other}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, body: dict, method: str = "post"):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_search_is_diacritic_insensitive_and_scoped(users, docs):
    client = client_for(users.district_office)
    assert [d["identifier"] for d in client.get("/api/documents?q=ket luan 21").json()["items"]] == [
        "82-KH/TU", "21-KL/TW"]
    assert [d["identifier"] for d in client.get("/api/documents?q=kế hoạch").json()["items"]] == ["82-KH/TU"]
    assert client.get("/api/documents?type=KL&year=2021&issuer=TW").json()["items"][0] == {
        "id": docs["kl21"].pk, "type": "KL", "type_name": "Kết luận", "number": "21", "symbol": "KL/TW",
        "identifier": "21-KL/TW", "issued_on": "2021-10-25", "term": "XIII",
        "title": "Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "issuer": "TW",
        "issuer_name": "Trung ương Đảng (Ban Chấp hành, Bộ Chính trị, Ban Bí thư)", "owner": None,
        "status": "in_force", "replaced_by": None, "direction": "received"}


def test_list_query_count_does_not_grow_with_rows(users, docs, tw):
    client = client_for(users.province_office)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/documents").status_code == 200
        return len(captured.captured_queries)

    before = count()
    for number in range(5):
        make_document(tw, "CV", str(number), dt.date(2023, 1, 2))
    assert count() == before
    page = client.get("/api/documents?limit=2&offset=1").json()
    assert ([d["identifier"] for d in page["items"]], page["count"]) == (["3-CV/TW", "2-CV/TW"], 7)


def test_detail_has_chain_links_and_attachments(users, docs, settings, tmp_path):
    settings.XDD_ATTACHMENT_DIR = tmp_path
    client = client_for(users.province_office)
    upload = client.post(f"/api/documents/{docs['kh82'].pk}/attachments",
                         {"file": SimpleUploadedFile("kl.pdf", b"%PDF-1.7 test")}, format="multipart")
    assert upload.status_code == 201, upload.content
    detail = client.get(f"/api/documents/{docs['kl21'].pk}").json()
    assert [d["identifier"] for d in detail["implemented_by"]] == ["82-KH/TU"]
    assert detail["chain"]["summary"] == "Kết luận 21-KL/TW: 1/1 cấp ủy đã ban hành kế hoạch"
    assert detail["chain"]["children"][0]["missing"] == [{"code": "D", "name": "Tổ chức D"},
                                                         {"code": "K", "name": "Tổ chức K"}]
    plan = client.get(f"/api/documents/{docs['kh82'].pk}").json()
    assert [(a["name"], a["content_type"], a["size"]) for a in plan["attachments"]] == [
        ("kl.pdf", "application/pdf", 13)]
    assert [d["identifier"] for d in plan["implements"]] == ["21-KL/TW"]


def test_documents_outside_the_scope_answer_404(users, docs):
    client = client_for(users.cell_secretary)
    assert client.get(f"/api/documents/{docs['kh82'].pk}").status_code == 200  # the province is above CB1A
    response = client.get(f"/api/documents/{docs['other'].pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_create_update_and_duplicate(users, docs, tree):
    client = client_for(users.district_office)
    body = {"owner": "D", "issuer": "HU", "type": "KH", "number": "15", "issued_on": "2022-03-01",
            "title": "Thực hiện Kế hoạch 82-KH/TU", "implements": [docs["kh82"].pk]}
    user_issuer = client.post("/api/documents", data=json.dumps(body), content_type="application/json")
    assert user_issuer.status_code == 201, user_issuer.content
    created = user_issuer.json()
    assert (created["identifier"], created["owner"], [d["id"] for d in created["implements"]]) == (
        "15-KH/HU", "D", [docs["kh82"].pk])
    duplicate = post(client, "/api/documents", body)
    assert (duplicate.status_code, duplicate.json()["existing"]["id"]) == (409, created["id"])
    patched = post(client, f"/api/documents/{created['id']}", {"summary": "Tóm tắt"}, method="patch")
    assert (patched.status_code, patched.json()["summary"]) == (200, "Tóm tắt")
    refused = post(client, f"/api/documents/{created['id']}", {"title": " "}, method="patch")
    assert refused.json() == {"detail": ["Trích yếu: nhập trích yếu nội dung văn bản."]}
    assert post(client, f"/api/documents/{docs['kh82'].pk}", {"summary": "x"}, method="patch").status_code == 404
    outside = post(client, "/api/documents", {**body, "owner": "K", "number": "16"})
    assert outside.status_code == 404
    central = post(client, "/api/documents", {**body, "owner": None, "issuer": "TW", "number": "99"})
    assert central.status_code == 403
    assert AuditEntry.objects.filter(action="document.registered", actor=users.district_office).count() == 1


def test_leader_may_read_but_not_write(users, docs):
    client = client_for(users.leader)
    assert client.get(f"/api/documents/{docs['kh82'].pk}").status_code == 200
    assert post(client, f"/api/documents/{docs['kh82'].pk}/status", {"status": "expired"}).status_code == 403


def test_status_link_and_unlink(users, docs, tree, issuers):
    client = client_for(users.province_office)
    new = make_document(issuers["P"], "KH", "90", dt.date(2023, 1, 5), owner=tree.province)
    replaced = post(client, f"/api/documents/{docs['kh82'].pk}/status", {"status": "replaced",
                                                                        "replaced_by": new.pk})
    assert (replaced.json()["status"], replaced.json()["replaced_by"]) == ("replaced", new.pk)
    linked = post(client, f"/api/documents/{new.pk}/implements", {"implemented": docs["kl21"].pk, "note": "x"})
    assert [d["identifier"] for d in linked.json()["implements"]] == ["21-KL/TW"]
    again = post(client, f"/api/documents/{new.pk}/implements", {"implemented": docs["kl21"].pk})
    assert (again.status_code, again.json()) == (400, {"detail": [
        "Thực hiện văn bản: Kế hoạch 90-KH/TU đã được liên kết với Kết luận 21-KL/TW."]})
    unlinked = post(client, f"/api/documents/{new.pk}/unlink", {"implemented": docs["kl21"].pk})
    assert unlinked.json()["implements"] == []
    hidden = post(client, f"/api/documents/{new.pk}/implements", {"implemented": docs["other"].pk})
    assert hidden.json() == {"detail": [f"Không tìm thấy văn bản số {docs['other'].pk}."]}


def test_paste_import_dry_run_then_commit(users, docs):
    client = client_for(users.province_office)
    text = "Kết luận 21-KL/TW ngày 25/10/2021\nChỉ thị 05-CT/TW ngày 15/5/2016 về học tập và làm theo\nabc\n"
    dry = post(client, "/api/documents/import", {"text": text, "owner": "P"}).json()
    assert (dry["committed"], dry["new"], dry["duplicates"], dry["errors"]) == (False, 1, 1, 1)
    assert [(line["line"], line["status"], line["document"]) for line in dry["lines"]] == [
        (1, "duplicate", docs["kl21"].pk), (2, "new", None), (3, "error", None)]
    assert dry["lines"][2]["message"] == "Không nhận dạng được số hiệu văn bản: «abc»"
    refused = post(client, "/api/documents/import", {"text": text, "owner": "P", "dry_run": False}).json()
    assert (refused["committed"], Document.objects.count()) == (False, 3)
    done = post(client, "/api/documents/import", {"text": text.replace("abc\n", ""), "owner": "P",
                                                  "dry_run": False}).json()
    assert (done["committed"], done["created"], done["lines"][1]["identifier"]) == (True, 1, "05-CT/TW")
    assert Document.objects.get(pk=done["lines"][1]["document"]).owner.code == "P"


def test_programme_with_target_progress(users, docs, tree):
    client = client_for(users.province_office)
    body = {"sections": [{"title": "Xây dựng Đảng", "tasks": [{"title": "Kết nạp", "targets": [
        {"description": "Kết nạp ≥ 120 đảng viên năm 2022", "indicator_code": "members.admitted", "value": "120",
         "deadline": "2022-12-31", "period_start": "2022-01-01", "responsible": ["D", "K"]},
        {"description": "≥ 95% học tập", "indicator_code": "study.share", "value": "95", "unit": "%",
         "deadline": "2022-12-31"}]}]}]}
    response = post(client, f"/api/documents/{docs['kh82'].pk}/programme", body)
    assert response.status_code == 200, response.content
    (admitted, study) = response.json()["sections"][0]["tasks"][0]["targets"]
    assert (admitted["indicator_name"], admitted["progress"], admitted["met"]) == (
        str(indicators.get("members.admitted").name),  # type: ignore[union-attr]
        [{"organisation": "D", "value": "0", "met": False}, {"organisation": "K", "value": "0", "met": False}], False)
    assert (study["indicator_name"], study["progress"], study["met"], study["responsible"]) == (None, [], None, ["P"])
    assert client.get(f"/api/documents/{docs['kh82'].pk}/programme").json()["sections"][0]["title"] == "Xây dựng Đảng"
    refused = post(client, f"/api/documents/{docs['kl21'].pk}/programme", body)
    assert refused.status_code == 404  # a central document is not the province office's to edit


def test_parse_links_references_to_the_registry(users, docs):
    client = client_for(users.province_office)
    text = "Thực hiện Kết luận số 21-KL/TW và Kế hoạch 82-KH/TU; Nghị quyết 35-NQ/TW; Nghị quyết Đại hội XIII."
    found = post(client, "/api/documents/parse", {"text": text}).json()
    assert [(r["text"], r["status"], r["document"]["id"] if r["document"] else None) for r in found] == [
        ("Kết luận số 21-KL/TW", "matched", docs["kl21"].pk), ("Kế hoạch 82-KH/TU", "matched", docs["kh82"].pk),
        ("Nghị quyết 35-NQ/TW", "not_in_registry", None), ("Nghị quyết Đại hội XIII", "by_name", None)]
    assert found[0]["start"] == 10


def test_reference_lists(users, docs):
    client = client_for(users.cell_secretary)
    assert [t["code"] for t in client.get("/api/document-types").json()][:3] == ["NQ", "CT", "KL"]
    assert [i["abbreviation"] for i in client.get("/api/issuers").json()] == [
        "BDVTW", "BNCTW", "BTCTW", "BTGDVTW", "BTGTW", "TTg", "TU", "TW", "UBKTTW", "VPTW"]
    # Other apps register theirs too (activities.*, meetings.*, training.*): the member indicators are among them.
    assert [i["code"] for i in client.get("/api/indicators").json() if i["code"].startswith("members.")] == [
        "members.admitted", "members.count", "members.recognised"]


def test_openapi_documents_every_documents_operation():
    paths = api.get_openapi_schema()["paths"]
    documented = {path: operations for path, operations in paths.items() if "document" in path}
    assert len(documented) == 10
    for operations in documented.values():
        for operation in operations.values():
            assert operation["description"] or operation["summary"]


def test_docx_upload_is_checked(users, docs, settings, tmp_path):
    settings.XDD_ATTACHMENT_DIR = tmp_path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    buffer.seek(0)
    buffer.name = "ke-hoach.pdf"
    client = client_for(user_with_role("van-phong", docs["kh82"].owner))
    refused = client.post(f"/api/documents/{docs['kh82'].pk}/attachments", {"file": buffer}, format="multipart")
    assert refused.json() == {"detail": ["Tệp: ke-hoach.pdf có đuôi .pdf nhưng nội dung không phải tệp PDF."]}
