"""The document pages: list and search, detail with the chain and files, register and edit, status, links,
attachments, the pasted list and action programmes. Rendered values are asserted exactly, in Vietnamese."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.documents.conftest import make_document
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents import attachments, programmes
from xaydungdang.documents.models import Document, Implementation

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def docs(tree, tw, issuers):
    kl21 = make_document(tw, "KL", "21", dt.date(2021, 10, 25), term="XIII",
                         title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị")
    kh82 = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 20), owner=tree.province,
                         title="Thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương",
                         implements=[kl21], direction="issued")
    kh15 = make_document(issuers["D"], "KH", "15", dt.date(2022, 3, 1), owner=tree.district,
                         title="Thực hiện Kế hoạch 82-KH/TU", implements=[kh82], direction="issued")
    other = make_document(issuers["OP"], "KH", "7", dt.date(2022, 2, 1), owner=tree.other_province,
                          title="Kế hoạch của tỉnh khác")
    return {"kl21": kl21, "kh82": kh82, "kh15": kh15, "other": other}


@pytest.fixture
def storage(settings, tmp_path):
    settings.XDD_ATTACHMENT_DIR = tmp_path / "attachments"
    settings.XDD_ATTACHMENT_MAX_MB = 1
    return tmp_path / "attachments"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, whitespace squashed (inline tags join, block tags separate)."""
    html = re.sub(r"</?(?:a|span|b|strong|code)\b[^>]*>", "", html).replace("&nbsp;", " ")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows(response, table_id: str = "documents") -> list[str]:
    html = response.content.decode()
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [text_of(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)]


def section(response, element_id: str) -> str:
    """The text of the element with this id (up to its first closing tag of the same name)."""
    html = response.content.decode()
    start = html.index(f'id="{element_id}"')
    tag = re.findall(r"<(\w+)", html[:start])[-1]
    return text_of(html[start:].split(">", 1)[1].split(f"</{tag}>", 1)[0])


def vi(message: str, **params) -> str:
    """A message of another module as the server renders it (same process, same catalogue)."""
    from django.utils import translation

    with translation.override("vi"):
        text = translation.gettext(message)
    return text % params if params else text


# ---------------------------------------------------------------- the list


def test_list_rows_show_identifier_type_title_issuer_status_and_owner(users, docs):
    IN_FORCE = vi("In force")  # the model's label (its catalogue)
    response = client_for(users.district_office).get("/van-ban/")
    assert response.status_code == 200
    assert text_of(response.content.decode().split('id="result-count">', 1)[1].split("</p>", 1)[0]) == (
        "Tìm thấy 3 văn bản")
    assert rows(response) == [
        f"Kế hoạch Số 15-KH/HU ngày 1/3/2022 Thực hiện Kế hoạch 82-KH/TU Tổ chức D {IN_FORCE} Tổ chức D",
        "Kế hoạch Số 82-KH/TU ngày 20/1/2022 Thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành "
        f"Trung ương Tổ chức P {IN_FORCE} Tổ chức P",
        "Kết luận Số 21-KL/TW ngày 25/10/2021 Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị "
        f"Trung ương Đảng (Ban Chấp hành, Bộ Chính trị, Ban Bí thư) {IN_FORCE} Dùng chung toàn hệ thống",
    ]  # the other province's plan is outside the district's reach


@pytest.mark.parametrize(("query", "expected"), [
    ("q=chinh+don", ["21-KL/TW"]),  # no diacritics, "đ" typed as "d"
    ("q=21-KL", ["82-KH/TU", "21-KL/TW"]),  # the plan's title cites 21-KL/TW
    ("q=KL%2FTW", ["82-KH/TU", "21-KL/TW"]),
    ("q=ke+hoach+82", ["15-KH/HU", "82-KH/TU"]),
    ("loai=KL", ["21-KL/TW"]),
    ("nam=2022", ["15-KH/HU", "82-KH/TU"]),
    ("khoa=xiii", ["21-KL/TW"]),
    ("q=thuc+hien&nam=2022&loai=KH", ["15-KH/HU", "82-KH/TU"]),
    ("trang_thai=replaced", []),
    ("nam=abc&loai=KL", ["21-KL/TW"]),  # an invalid filter is left out, the others still apply
])
def test_search_and_filters(users, docs, query, expected):
    response = client_for(users.district_office).get(f"/van-ban/?{query}")
    found = re.findall(r'<a href="/van-ban/\d+/">Số ([^ ]+) ngày', response.content.decode())
    assert found == expected


def test_filter_by_issuer(users, docs, issuers):
    response = client_for(users.province_office).get(f"/van-ban/?co_quan={issuers['P'].pk}")
    assert [r.split(" ngày")[0] for r in rows(response)] == ["Kế hoạch Số 82-KH/TU"]


def test_live_search_answers_the_results_only(users, docs):
    response = client_for(users.district_office).get("/van-ban/?q=chinh+don", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert (html.startswith('<div id="results"'), "<html" in html, len(rows(response))) == (True, False, 1)


def test_the_search_form_works_without_javascript_and_with_htmx(users, docs):
    html = client_for(users.district_office).get("/van-ban/").content.decode()
    form = html.split('id="doc-search"', 1)[0].rsplit("<form", 1)[1] + html.split('id="doc-search"', 1)[1].split(
        ">", 1)[0]
    assert 'method="get"' in form and 'action="/van-ban/"' in form and 'hx-get="/van-ban/"' in form
    assert 'hx-trigger="input changed delay:300ms from:#id_q, change, submit"' in form


def test_list_pages(users, docs, tw, settings):
    settings.XDD_PAGE_SIZE = 2
    client = client_for(users.district_office)
    assert len(rows(client.get("/van-ban/"))) == 2
    last = client.get("/van-ban/?page=2")
    assert [r.split(" ngày")[0] for r in rows(last)] == ["Kết luận Số 21-KL/TW"]


def test_list_query_count_does_not_grow_with_rows(users, docs, tw):
    client = client_for(users.province_office)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/van-ban/?q=cong+van").status_code == 200
        return len(captured.captured_queries)

    make_document(tw, "CV", "100", dt.date(2023, 1, 2), title="Công văn đầu tiên")
    before = count()
    for number in range(8):
        make_document(tw, "CV", str(number), dt.date(2023, 1, 3), title=f"Công văn số {number}")
    assert count() == before


# ---------------------------------------------------------------- a document


def test_detail_shows_metadata_links_references_and_the_chain(users, docs):
    response = client_for(users.province_office).get(f"/van-ban/{docs['kh82'].pk}/")
    html = response.content.decode()
    assert section(response, "doc-identifier").startswith("Số 82-KH/TU ngày 20/1/2022")
    assert text_of(html.split('<dl class="facts" id="doc-facts">', 1)[1].split("</dl>", 1)[0]) == (
        "Loại văn bản Kế hoạch (KH) Số 82 Ký hiệu KH/TU Ngày ban hành 20/1/2022 Khóa — Cơ quan ban hành Tổ chức P "
        "(TU) Văn bản đến/đi Văn bản đi Đơn vị lưu giữ Tổ chức P")
    # The reference in the title is linked to the registry entry.
    assert (f'<a class="doc-ref" href="/van-ban/{docs["kl21"].pk}/" title="Kết luận 21-KL/TW">Kết luận số 21-KL/TW '
            'ngày 25/10/2021</a>') in html
    assert section(response, "implements") == "Kết luận số 21-KL/TW ngày 25/10/2021 TW bỏ liên kết"
    assert section(response, "implemented-by") == "Kế hoạch số 15-KH/HU ngày 1/3/2022 Tổ chức D"
    chain = text_of(html.split('<ul class="chain">', 1)[1].split("</section>", 1)[0])
    assert chain == (
        "Kết luận số 21-KL/TW ngày 25/10/2021 · Dùng chung toàn hệ thống "
        "1/1 cấp ủy đã ban hành kế hoạch (thêm 1 cấp ủy ngoài phạm vi của bạn, không tính) "
        "Kế hoạch số 82-KH/TU ngày 20/1/2022 · Tổ chức P 1/2 cấp ủy đã ban hành kế hoạch; chưa có: Tổ chức K "
        "Kế hoạch số 15-KH/HU ngày 1/3/2022 · Tổ chức D 0/3 cấp ủy đã ban hành kế hoạch; "
        "chưa có: Tổ chức DB1, Tổ chức DB2, Tổ chức CBCS")


def test_chain_counts_eleven_of_twelve_and_names_the_missing_committee(tree, tw, issuers, users):
    """A district with twelve grassroots committees: eleven issued their plan, one did not."""
    from tests.factories import make_org
    from xaydungdang.documents import domain

    kh15 = make_document(issuers["D"], "KH", "15", dt.date(2022, 3, 1), owner=tree.district, title="Kế hoạch")
    units = [tree.db1, tree.db2, tree.cbcs, *(make_org("chi-bo-co-so", tree.district, code=f"C{n:02d}")
                                              for n in range(1, 10))]
    for number, unit in enumerate(units[:-1], start=1):
        issuer = domain.issuer_for_organisation(actor=None, organisation=unit, abbreviation="ĐU")
        make_document(issuer, "KH", str(number), dt.date(2022, 4, 1), owner=unit, implements=[kh15])
    response = client_for(users.district_office).get(f"/van-ban/{kh15.pk}/")
    counts = [text_of(p) for p in re.findall(r'<p class="chain-count[^"]*">(.*?)</p>', response.content.decode())]
    assert counts[0] == "11/12 cấp ủy đã ban hành kế hoạch; chưa có: Tổ chức C09"


def test_status_replaced_by_links_the_replacing_document(users, docs, tw):
    from xaydungdang.documents import domain

    newer = make_document(tw, "KL", "22", dt.date(2022, 5, 1), title="Kết luận thay thế")
    domain.replace(actor=None, document=docs["kl21"], replaced_by=newer)
    response = client_for(users.district_office).get(f"/van-ban/{docs['kl21'].pk}/")
    head = response.content.decode().split('id="doc-status">', 1)[1].split("</p>", 1)[0]
    assert text_of(head) == f"{vi('Replaced')} → Kết luận 22-KL/TW"
    assert f'href="/van-ban/{newer.pk}/">Kết luận 22-KL/TW</a>' in response.content.decode()


def test_detail_query_count_does_not_grow_with_files_links_or_missing_committees(users, docs, storage, tree,
                                                                                  issuers):
    from tests.factories import make_org

    client = client_for(users.district_office)
    url = f"/van-ban/{docs['kh15'].pk}/"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    attachments.add_attachment(actor=None, document=docs["kh15"], name="a.pdf", content=io.BytesIO(PDF_BYTES))
    before = count()
    for number in range(4):
        attachments.add_attachment(actor=None, document=docs["kh15"], name=f"b{number}.pdf",
                                   content=io.BytesIO(PDF_BYTES + str(number).encode()))
        make_org("chi-bo-co-so", tree.district, code=f"X{number}")
    assert count() == before


def test_documents_outside_the_scope_answer_404(users, docs, storage):
    attachment = attachments.add_attachment(actor=None, document=docs["other"], name="k.pdf",
                                            content=io.BytesIO(PDF_BYTES))
    client = client_for(users.cell_secretary)
    assert client.get(f"/van-ban/{docs['kh82'].pk}/").status_code == 200  # the province is above CB1A: read
    assert client.get(f"/van-ban/{docs['kh82'].pk}/sua/").status_code == 404  # but not written
    assert client.get(f"/van-ban/{docs['other'].pk}/").status_code == 404
    assert client.get(f"/van-ban/tep/{attachment.pk}/").status_code == 404


def test_download_is_an_attachment_never_sniffed(users, docs, storage):
    attachment = attachments.add_attachment(actor=None, document=docs["kh82"], name="Kế hoạch 82.pdf",
                                            content=io.BytesIO(PDF_BYTES))
    response = client_for(users.cell_secretary).get(f"/van-ban/tep/{attachment.pk}/")
    assert (response.status_code, response["Content-Type"], response["X-Content-Type-Options"],
            response["Content-Disposition"], b"".join(response.streaming_content)) == (
        200, "application/pdf", "nosniff", "attachment; filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2082.pdf",
        PDF_BYTES)
    page = client_for(users.cell_secretary).get(f"/van-ban/{docs['kh82'].pk}/")
    assert section(page, "attachments") == "Kế hoạch 82.pdf (45 byte)"


# ---------------------------------------------------------------- register and edit


def form_data(**changes) -> dict:
    data = {"owner": "D", "doc_type": "", "issuer": "", "number": "20", "symbol": "", "issued_on": "5/6/2022",
            "term": "", "title": "Kế hoạch học tập Nghị quyết", "summary": "", "direction": "issued"}
    data.update(changes)
    return data


def test_register_a_document_and_its_audit(users, docs, issuers):
    from tests.documents.conftest import doc_type

    client = client_for(users.district_office)
    response = client.post("/van-ban/them/", form_data(doc_type=doc_type("KH").pk, issuer=issuers["D"].pk))
    created = Document.objects.get(number="20")
    assert (response.status_code, response["Location"]) == (302, f"/van-ban/{created.pk}/")
    assert (created.owner.code, created.identifier, created.issued_on, created.created_by) == (
        "D", "20-KH/HU", dt.date(2022, 6, 5), users.district_office)
    assert AuditEntry.objects.filter(action="document.registered", object_id=str(created.pk)).count() == 1
    page = client.get(response["Location"])
    assert [m.message for m in page.context["messages"]] == ["Đã vào sổ Kế hoạch 20-KH/HU."]


def test_a_duplicate_is_refused_with_a_link_to_the_existing_document(users, docs, tw):
    from tests.documents.conftest import doc_type

    client = client_for(users.district_office)
    response = client.post("/van-ban/them/", form_data(owner="D", doc_type=doc_type("KL").pk, issuer=tw.pk,
                                                       number="21", issued_on="25/10/2021"))
    html = response.content.decode()
    assert (response.status_code, Document.objects.count()) == (200, 4)
    assert f'<a id="duplicate-link" href="/van-ban/{docs["kl21"].pk}/">Mở Kết luận 21-KL/TW</a>' in html


def test_owner_is_limited_to_the_editable_organisations(users, docs, issuers):
    from tests.documents.conftest import doc_type

    client = client_for(users.district_office)
    form = client.get("/van-ban/them/").context["form"]
    assert sorted(form.fields["owner"].queryset.values_list("code", flat=True)) == [
        "CB1A", "CB1B", "CB2A", "CBCS", "D", "DB1", "DB2"]
    response = client.post("/van-ban/them/", form_data(owner="P", doc_type=doc_type("KH").pk,
                                                       issuer=issuers["D"].pk))
    assert (response.status_code, Document.objects.count()) == (200, 4)
    assert response.context["form"].errors["owner"] == ["Không có tổ chức nào mang mã P trong phạm vi được phân quyền."]


def test_edit_a_document(users, docs):
    client = client_for(users.district_office)
    form = client.get(f"/van-ban/{docs['kh15'].pk}/sua/").context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(title="Kế hoạch thực hiện Kế hoạch 82-KH/TU", issued_on="2/3/2022")
    response = client.post(f"/van-ban/{docs['kh15'].pk}/sua/", data)
    assert response.status_code == 302
    docs["kh15"].refresh_from_db()
    assert (docs["kh15"].title, docs["kh15"].issued_on) == ("Kế hoạch thực hiện Kế hoạch 82-KH/TU",
                                                            dt.date(2022, 3, 2))
    entry = AuditEntry.objects.get(action="document.updated")
    assert (entry.data["old"], entry.data["new"]) == (
        {"title": "Thực hiện Kế hoạch 82-KH/TU", "issued_on": "2022-03-01"},
        {"title": "Kế hoạch thực hiện Kế hoạch 82-KH/TU", "issued_on": "2022-03-02"})


def test_leader_reads_but_does_not_write(users, docs):
    client = client_for(users.leader)
    assert client.get(f"/van-ban/{docs['kh82'].pk}/").status_code == 200
    assert client.get("/van-ban/them/").status_code == 403
    assert 'href="/van-ban/them/"' not in client.get("/van-ban/").content.decode()


# ---------------------------------------------------------------- status, links, files


def test_set_status_replaced_by_a_document_found_by_search(users, docs, issuers):
    client = client_for(users.province_office)
    newer = make_document(issuers["P"], "KH", "90", dt.date(2023, 1, 5), owner=docs["kh82"].owner, title="Thay")
    page = client.get(f"/van-ban/{docs['kh82'].pk}/trang-thai/?q=90-KH")
    assert [d.pk for d in page.context["candidates"]] == [newer.pk]
    refused = client.post(f"/van-ban/{docs['kh82'].pk}/trang-thai/", {"status": "replaced"})
    assert refused.context["form"].non_field_errors() == [vi("Replaced by: choose the document that replaces "
                                                              "this one.")]
    done = client.post(f"/van-ban/{docs['kh82'].pk}/trang-thai/", {"status": "replaced", "replaced_by": newer.pk})
    docs["kh82"].refresh_from_db()
    assert (done.status_code, docs["kh82"].status, docs["kh82"].replaced_by) == (302, "replaced", newer)


def test_link_and_unlink_implements(users, docs, issuers, tree):
    client = client_for(users.grassroots_secretary)
    plan = make_document(issuers["DB1"], "KH", "3", dt.date(2022, 4, 1), owner=tree.db1, title="Kế hoạch cơ sở")
    page = client.get(f"/van-ban/{plan.pk}/thuc-hien/?q=15-KH")
    assert [d.pk for d in page.context["candidates"]] == [docs["kh15"].pk]
    response = client.post(f"/van-ban/{plan.pk}/thuc-hien/", {"implemented": docs["kh15"].pk})
    assert (response.status_code, list(plan.implements.all())) == (302, [docs["kh15"]])
    again = client.post(f"/van-ban/{plan.pk}/thuc-hien/", {"implemented": docs["kh15"].pk})
    assert again.context["form"].non_field_errors() == [vi(
        "Implements: %(document)s is already linked to %(implemented)s.", document=plan,
        implemented=docs["kh15"])]
    outside = client.post(f"/van-ban/{plan.pk}/thuc-hien/", {"implemented": docs["other"].pk})
    assert outside.context["form"].non_field_errors() == ["Triển khai văn bản: chọn văn bản cấp trên trong danh sách."]
    removed = client.post(f"/van-ban/{plan.pk}/bo-lien-ket/", {"implemented": docs["kh15"].pk})
    assert (removed.status_code, Implementation.objects.filter(document=plan).count()) == (302, 0)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bao-cao.exe", PDF_BYTES, ("File: only PDF and DOCX files are accepted (%(name)s).", {"name": "bao-cao.exe"})),
    ("ke-hoach.pdf", b"MZ\x90\x00 not a pdf", ("File: %(name)s is named %(extension)s but its content is not a "
                                              "%(kind)s file.", {"name": "ke-hoach.pdf", "extension": ".pdf",
                                                                 "kind": "PDF"})),
    ("lon.pdf", PDF_BYTES + b"0" * (1024 * 1024), ("File: larger than the limit of %(limit)s MB.", {"limit": 1})),
])
def test_attachment_upload_refusals(users, docs, storage, name, data, message):
    client = client_for(users.province_office)
    response = client.post(f"/van-ban/{docs['kh82'].pk}/dinh-kem/", {"file": SimpleUploadedFile(name, data)})
    msgid, params = message
    assert (response.status_code, response.context["form"].non_field_errors(), docs["kh82"].attachments.count()) == (
        200, [vi(msgid, **params)], 0)


def test_attachment_upload_docx(users, docs, storage):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    client = client_for(users.province_office)
    response = client.post(f"/van-ban/{docs['kh82'].pk}/dinh-kem/",
                           {"file": SimpleUploadedFile("ke-hoach.docx", buffer.getvalue())})
    assert (response.status_code, [a.content_type for a in docs["kh82"].attachments.all()]) == (
        302, [attachments.DOCX])


# ---------------------------------------------------------------- the pasted list


PASTED = ("Kết luận số 21-KL/TW ngày 25/10/2021 về đẩy mạnh xây dựng, chỉnh đốn Đảng\n"
          "Chỉ thị số 05-CT/TW ngày 15/5/2016 về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
          "Minh\n"
          "\n"
          "abc\n")


def test_paste_preview_reports_each_line_and_commits_all_or_nothing(users, docs):
    client = client_for(users.province_office)
    preview = client.post("/van-ban/nhap-danh-sach/", {"owner": "P", "text": PASTED, "action": "preview"})
    lines = rows(preview, "paste-lines")
    assert lines == [
        "1 Kết luận số 21-KL/TW ngày 25/10/2021 về đẩy mạnh xây dựng, chỉnh đốn Đảng Đã có trong sổ Kết luận "
        "số 21-KL/TW ngày 25/10/2021",
        "2 Chỉ thị số 05-CT/TW ngày 15/5/2016 về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
        "Minh Mới Chỉ thị 05-CT/TW · 15/5/2016 · Trung ương Đảng (Ban Chấp hành, Bộ Chính trị, Ban Bí thư)",
        "4 abc Không nhận dạng được Không nhận dạng được số hiệu văn bản: «abc»",
    ]
    assert section(preview, "paste-summary") == (
        "1 văn bản mới · 1 đã có trong sổ · 1 dòng không nhận dạng được")
    assert 'id="commit"' not in preview.content.decode()
    refused = client.post("/van-ban/nhap-danh-sach/", {"owner": "P", "text": PASTED, "action": "commit"})
    assert (refused.status_code, Document.objects.count()) == (200, 4)

    fixed = PASTED.replace("abc\n", "")
    checked = client.post("/van-ban/nhap-danh-sach/", {"owner": "P", "text": fixed, "action": "preview"})
    assert text_of(checked.content.decode().split('id="commit">', 1)[1].split("</button>", 1)[0]) == (
        "Ghi 1 văn bản mới vào sổ")
    done = client.post("/van-ban/nhap-danh-sach/", {"owner": "P", "text": fixed, "action": "commit"})
    created = Document.objects.get(number="05")
    assert (created.owner.code, created.issued_on, Document.objects.count()) == ("P", dt.date(2016, 5, 15), 5)
    assert [m.message for m in done.context["messages"]] == ["Đã vào sổ 1 văn bản."]
    assert f'href="/van-ban/{created.pk}/"' in done.content.decode()


def test_paste_owner_is_limited_to_the_editable_organisations(users, docs):
    client = client_for(users.district_office)
    response = client.post("/van-ban/nhap-danh-sach/", {"owner": "P", "text": PASTED, "action": "commit"})
    assert (response.status_code, Document.objects.count(), list(response.context["form"].errors)) == (
        200, 4, ["owner"])


# ---------------------------------------------------------------- action programmes


@pytest.fixture
def programme(docs, tree):
    from xaydungdang.members import domain as members_domain

    for number in range(3):
        members_domain.register_member(actor=None, person={"full_name": f"Đảng viên {number}", "sex": "nam"},
                                       organisation=tree.cb1a, since=dt.date(2020, 1, 1))
    programmes.create_programme(actor=None, document=docs["kh82"], sections=[{"title": "Công tác tổ chức", "tasks": [
        {"title": "Phát triển đảng viên", "targets": [
            {"description": "Giữ vững số đảng viên", "indicator_code": "members.count", "value": 2,
             "deadline": dt.date(2022, 12, 31), "responsible": [tree.district, tree.bloc, tree.other_province]},
            {"description": "≥ 95% đảng viên học tập nghị quyết", "indicator_code": "study.share", "value": 95,
             "unit": "%", "deadline": dt.date(2022, 12, 31)}]}]}])
    return docs["kh82"]


def test_programme_page_shows_targets_with_progress(users, programme):
    response = client_for(users.province_office).get(f"/van-ban/{programme.pk}/chuong-trinh/")
    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html.split('<section class="card programme-section">', 1)[1].split("<table", 1)[0]) == (
        "1. Công tác tổ chức 1.1. Phát triển đảng viên")
    body = html.split('<table class="table targets">', 1)[1].split("</table>", 1)[0]
    lines = [text_of(r) for r in re.findall(r"<tr data-target[^>]*>(.*?)</tr>", body, re.S)]
    assert lines == [
        "Giữ vững số đảng viên ≥ 2 31/12/2022 Tổ chức D, Tổ chức K Tổ chức D: 3/2 ✓ đạt "  # OP: counted, not named
        "Tổ chức K: 0/2 · chưa đạt thêm 1 tổ chức ngoài phạm vi của bạn "
        f"{vi('Party members on the last day of the period')} · 20/1/2022–31/12/2022",
        "≥ 95% đảng viên học tập nghị quyết ≥ 95% 31/12/2022 Tổ chức P chưa có chỉ số study.share",
    ]


def test_programme_query_count_does_not_grow_with_sections(users, programme):
    client = client_for(users.province_office)
    url = f"/van-ban/{programme.pk}/chuong-trinh/"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for number in range(3):
        section_ = programmes.add_section(actor=None, document=programme, title=f"Phần {number}")
        programmes.add_task(actor=None, section=section_, title="Nhiệm vụ")
    assert count() == before


def test_add_section_task_and_target_through_the_forms(users, docs):
    client = client_for(users.province_office)
    base = f"/van-ban/{docs['kh82'].pk}/chuong-trinh"
    assert client.post(f"{base}/them-muc/", {"title": "Công tác tư tưởng"}).status_code == 302
    section_ = docs["kh82"].sections.get()
    assert client.post(f"{base}/them-nhiem-vu/", {"section": section_.pk, "title": "Học tập nghị quyết"}
                       ).status_code == 302
    task = section_.tasks.get()
    refused = client.post(f"{base}/them-chi-tieu/", {
        "task": task.pk, "description": "Học tập", "comparator": "ge", "value": "95", "deadline": "31/12/2022",
        "responsible": "D, ZZZ"})
    assert refused.context["form"].errors["responsible"] == [
        "Không có tổ chức nào trong phạm vi của bạn có mã ZZZ."]
    done = client.post(f"{base}/them-chi-tieu/", {
        "task": task.pk, "description": "Học tập", "comparator": "ge", "value": "95", "unit": "%",
        "deadline": "31/12/2022", "responsible": "D, K", "indicator_code": ""})
    target = task.targets.get()
    assert (done.status_code, target.value, sorted(o.code for o in target.responsible.all())) == (
        302, 95, ["D", "K"])


def test_a_document_that_cannot_hold_a_programme_is_refused(users, docs, tw):
    from xaydungdang.core.models import AuditEntry as Entry

    client = client_for(users.province_office)
    letter = make_document(tw, "CV", "9", dt.date(2022, 1, 1), owner=docs["kh82"].owner, title="Công văn")
    response = client.post(f"/van-ban/{letter.pk}/chuong-trinh/them-muc/", {"title": "Phần"})
    assert (response.status_code, letter.sections.count(), Entry.objects.filter(
        action="programme.section_added").count()) == (200, 0, 0)
    assert response.context["form"].non_field_errors() == [vi(
        "Type: a %(type)s cannot hold an action programme (only a plan or a programme can).", type=letter.doc_type)]


def test_a_committee_issuing_its_first_document_becomes_an_issuer(users, docs):
    from tests.documents.conftest import doc_type
    from xaydungdang.documents.models import Issuer

    client = client_for(users.district_office)
    refused = client.post("/van-ban/them/", form_data(owner="CBCS", doc_type=doc_type("KH").pk))
    assert (refused.status_code, refused.context["form"].errors["issuer"]) == (200, [
        "Cơ quan ban hành: chọn cơ quan ban hành, hoặc ghi ký hiệu (ví dụ KH/HU) nếu chính đơn vị lưu giữ ban hành "
        "văn bản."])
    duplicate = client.post("/van-ban/them/", form_data(owner="CBCS", doc_type=doc_type("KL").pk, number="21",
                                                        symbol="KL/CB", issued_on="25/10/2021"))
    assert duplicate.status_code == 302  # another issuer: not the same document as 21-KL/TW
    created = Document.objects.get(symbol="KL/CB")
    assert (created.issuer.organisation.code, created.issuer.abbreviation, Issuer.objects.filter(
        abbreviation="CB").count()) == ("CBCS", "CB", 1)
    again = client.post("/van-ban/them/", form_data(owner="CBCS", doc_type=doc_type("KL").pk, number="21",
                                                    symbol="KL/CB", issued_on="25/10/2021"))
    assert (again.status_code, Issuer.objects.filter(abbreviation="CB").count()) == (200, 1)
    assert again.context["duplicate"] == created
