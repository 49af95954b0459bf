"""Attachments: PDF and DOCX only, read from the content, size-limited, stored by hash outside the web root."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documents.conftest import make_document
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents import attachments
from xaydungdang.documents.models import Attachment

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.fixture
def storage(settings, tmp_path):
    settings.XDD_ATTACHMENT_DIR = tmp_path / "attachments"
    settings.XDD_ATTACHMENT_MAX_MB = 1
    return tmp_path / "attachments"


@pytest.fixture
def document(tw):
    return make_document(tw, "KL", "21", dt.date(2021, 10, 25))


def attach(document, name: str, data: bytes) -> Attachment:
    return attachments.add_attachment(actor=None, document=document, name=name,
                                      content=SimpleUploadedFile(name, data))


def test_pdf_is_stored_by_hash_and_audited(storage, document):
    attachment = attach(document, "KL 21.pdf", PDF_BYTES)
    assert (attachment.content_type, attachment.size, attachment.original_name) == (attachments.PDF, 45, "KL 21.pdf")
    path = storage / attachment.sha256[:2] / attachment.sha256
    assert path.read_bytes() == PDF_BYTES
    with attachments.open_attachment(attachment) as handle:
        assert handle.read() == PDF_BYTES
    assert [p.name for p in storage.rglob("*") if p.is_file()] == [attachment.sha256]  # no temporary file left
    assert AuditEntry.objects.get(action="document.attachment_added").data["new"]["name"] == "KL 21.pdf"


def test_docx_is_accepted_and_served_with_safe_headers(storage, document):
    attachment = attach(document, "../../etc/Kế hoạch.DOCX", docx_bytes())
    assert (attachment.content_type, attachment.original_name) == (attachments.DOCX, "Kế hoạch.DOCX")
    headers = attachments.download_headers(attachment)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Disposition"].startswith("attachment; ")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bao-cao.xlsx", b"PK\x03\x04", "Tệp: chỉ nhận tệp PDF và DOCX (bao-cao.xlsx)."),
    ("virus.exe", b"MZ", "Tệp: chỉ nhận tệp PDF và DOCX (virus.exe)."),
    ("gia.pdf", b"<html><script>alert(1)</script></html>",
     "Tệp: gia.pdf có đuôi .pdf nhưng nội dung không phải tệp PDF."),
    ("doi-ten.pdf", None, "Tệp: doi-ten.pdf có đuôi .pdf nhưng nội dung không phải tệp PDF."),
    ("bang-tinh.docx", b"zip-without-document", "Tệp: bang-tinh.docx có đuôi .docx nhưng nội dung không phải "
                                                "tệp DOCX."),
    ("rong.pdf", b"", "Tệp: rong.pdf không có nội dung."),
])
def test_wrong_or_misleading_files_are_refused_and_leave_nothing(storage, document, name, data, message):
    if data is None:
        data = docx_bytes()  # a DOCX renamed .pdf
    elif data == b"zip-without-document":
        data = zip_without_document()
    with pytest.raises(ValidationError) as raised:
        attach(document, name, data)
    assert raised.value.messages == [message]
    assert Attachment.objects.count() == 0
    assert [p for p in storage.rglob("*") if p.is_file()] == []


def test_oversize_file_is_refused(storage, document):
    with pytest.raises(ValidationError) as raised:
        attach(document, "lon.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    assert raised.value.messages == ["Tệp: vượt quá giới hạn 1 MB."]
    assert [p for p in storage.rglob("*") if p.is_file()] == []


def test_attachment_is_found_only_through_a_visible_document(storage, tree, tw, users, rf):
    from django.http import Http404

    from xaydungdang.accounts.scope import resolve_scope
    from xaydungdang.documents import scoping

    mine = attach(make_document(tw, "KH", "1", dt.date(2022, 1, 2), owner=tree.db1), "a.pdf", PDF_BYTES)
    theirs = attach(make_document(tw, "KH", "2", dt.date(2022, 1, 2), owner=tree.db2), "b.pdf", PDF_BYTES)
    request = rf.get("/")
    request.scope = resolve_scope(users.grassroots_secretary)
    assert scoping.get_attachment(request, mine.pk) == mine
    with pytest.raises(Http404):
        scoping.get_attachment(request, theirs.pk)
