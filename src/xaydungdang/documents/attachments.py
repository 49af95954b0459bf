"""Attachments: PDF and DOCX files of a document, stored outside the web root by content hash.

Files live under settings.XDD_ATTACHMENT_DIR as <first two hex digits>/<sha256>, so the same file
attached twice is stored once and no user-chosen name reaches the file system. The type is read from
the content, not trusted from the name: a PDF starts with "%PDF-", a DOCX is a zip holding
word/document.xml; a name whose extension says otherwise is refused. Serving (the UI's download view)
must send Content-Disposition: attachment and X-Content-Type-Options: nosniff (see `download_headers`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.core.audit import log_action
from xaydungdang.core.bounded_zip import DIRECTORY_TAIL, LIMITS, directory_record
from xaydungdang.documents.domain import require_keeper
from xaydungdang.documents.models import Attachment, Document

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES_BY_EXTENSION = {".pdf": PDF, ".docx": DOCX}
CHUNK = 1 << 16


def max_bytes() -> int:
    return int(settings.XDD_ATTACHMENT_MAX_MB) * 1024 * 1024


def root() -> Path:
    return Path(settings.XDD_ATTACHMENT_DIR)


def sniff(path: Path) -> str | None:
    """The content type the bytes show (PDF or DOCX), or None."""
    with path.open("rb") as handle:
        if handle.read(5) == b"%PDF-":
            return PDF
    try:
        # Bounded before zipfile builds one object per entry (core.bounded_zip): a DOCX has a few dozen.
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - DIRECTORY_TAIL))
            entries, directory = directory_record(handle.read())
        if entries > LIMITS.entries or directory > LIMITS.directory_bytes:
            return None
        with zipfile.ZipFile(path) as archive:
            return DOCX if "word/document.xml" in archive.namelist() else None
    except (zipfile.BadZipFile, OSError):
        return None


def _copy_limited(source: IO[bytes] | Any, target: IO[bytes]) -> tuple[str, int]:
    """Copy at most the size limit (one byte more proves it is over); returns the sha256 and size."""
    digest, size, limit = hashlib.sha256(), 0, max_bytes()
    chunks = source.chunks(CHUNK) if hasattr(source, "chunks") else iter(lambda: source.read(CHUNK), b"")
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise ValidationError(_("File: larger than the limit of %(limit)s MB.") % {
                "limit": settings.XDD_ATTACHMENT_MAX_MB})
        digest.update(chunk)
        target.write(chunk)
    return digest.hexdigest(), size


def _checked_type(name: str, temporary: Path, size: int) -> str:
    extension = Path(name).suffix.lower()
    if extension not in TYPES_BY_EXTENSION:
        raise ValidationError(_("File: only PDF and DOCX files are accepted (%(name)s).") % {"name": name})
    if size == 0:
        raise ValidationError(_("File: %(name)s is empty.") % {"name": name})
    found = sniff(temporary)
    if found != TYPES_BY_EXTENSION[extension]:
        raise ValidationError(_("File: %(name)s is named %(extension)s but its content is not a %(kind)s file.") % {
            "name": name, "extension": extension, "kind": extension[1:].upper()})
    return found


def stored_path(attachment: Attachment) -> Path:
    return root() / attachment.sha256[:2] / attachment.sha256


@transaction.atomic
def add_attachment(*, actor: Any, document: Document, name: str, content: IO[bytes] | Any) -> Attachment:
    """Check and store an uploaded file (a Django UploadedFile or any binary stream). Audited as
    document.attachment_added. A refused file leaves nothing behind."""
    require_keeper(actor, document.owner)
    name = Path(name or "").name[:255]
    root().mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(dir=root(), prefix=".upload-")
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as target:
            sha256, size = _copy_limited(content, target)
        content_type = _checked_type(name, temporary, size)
        final = root() / sha256[:2] / sha256
        final.parent.mkdir(exist_ok=True)
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    attachment = Attachment.objects.create(document=document, original_name=name, content_type=content_type,
                                           size=size, sha256=sha256,
                                           uploaded_by=actor if getattr(actor, "pk", None) else None)
    log_action("document.attachment_added", actor=actor, obj=document, organisation=document.owner,
               new={"attachment": attachment.pk, "name": name, "size": size, "sha256": sha256})
    return attachment


def open_attachment(attachment: Attachment) -> IO[bytes]:
    """The stored bytes (the caller has checked the document is visible: scoping.get_document)."""
    return stored_path(attachment).open("rb")


def download_headers(attachment: Attachment) -> dict[str, str]:
    """Headers for serving: never rendered inline by the browser, never sniffed into another type."""
    from django.utils.http import content_disposition_header

    return {"Content-Type": attachment.content_type,
            "Content-Disposition": content_disposition_header(True, attachment.original_name) or "attachment",
            "X-Content-Type-Options": "nosniff", "Content-Length": str(attachment.size)}
