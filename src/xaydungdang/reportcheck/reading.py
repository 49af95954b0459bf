"""Reading a report file: .txt, .md or .docx (paragraphs, table cells and footnotes), safely.

Every refusal is a ReadError with a Vietnamese message naming the problem; nothing else escapes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 10 MB .docx of text and tables unpacks to a few tens of MB
TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIX = ".docx"
_FOOTNOTE_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


class ReadError(ValueError):
    """The file cannot be read as a report; the message says why, in Vietnamese."""


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            break
        return text
    raise ReadError("Tệp không phải văn bản UTF-8: hãy lưu lại dưới dạng UTF-8 hoặc dán nội dung vào ô văn bản.")


def _text_of(text: str) -> str:
    if "\x00" in text:
        raise ReadError("Tệp chứa dữ liệu nhị phân, không phải văn bản.")
    if not text.strip():
        raise ReadError("Tệp trống: không có nội dung để kiểm tra.")
    return text


def _footnotes(archive: zipfile.ZipFile) -> list[str]:
    names = [n for n in ("word/footnotes.xml", "word/endnotes.xml") if n in archive.namelist()]
    out: list[str] = []
    for name in names:
        xml = archive.read(name).decode("utf-8", errors="replace")
        for note in re.split(r"</w:(?:footnote|endnote)>", xml):
            words = "".join(_FOOTNOTE_TEXT.findall(note)).strip()
            if words:
                out.append(words)
    return out


def _cells(table: object) -> list[str]:
    out: list[str] = []
    for row in table.rows:  # type: ignore[attr-defined]
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
        out.append(" | ".join(c for c in cells if c))
    return [line for line in out if line]


def _unpacked_size(data: bytes) -> int:
    """What the archive claims it unpacks to: a small "zip bomb" would otherwise fill the memory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return 0  # python-docx then refuses it with its own clear message


def read_docx(data: bytes) -> str:
    from docx import Document  # python-docx: only needed for .docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("Tệp .docx không hợp lệ (không phải tệp Word): hãy mở và lưu lại bằng Word.")
    if _unpacked_size(data) > MAX_UNPACKED_BYTES:
        raise ReadError("Tệp .docx giải nén ra quá lớn (trên 200 MB): không phải một báo cáo thông thường.")
    try:
        document = Document(io.BytesIO(data))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            notes = _footnotes(archive)
    except Exception as error:
        raise ReadError("Không đọc được tệp .docx (tệp hỏng hoặc không phải văn bản Word).") from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend(_cells(table))
    lines.extend(notes)
    return _text_of("\n".join(lines))


def read_report(name: str, data: bytes) -> str:
    """The text of an uploaded or given report file."""
    suffix = PurePath(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise ReadError(f"Tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB): giới hạn là 10 MB.".replace(".", ",", 1))
    if not data:
        raise ReadError("Tệp trống: không có nội dung để kiểm tra.")
    if suffix == DOCX_SUFFIX:
        return read_docx(data)
    if suffix in TEXT_SUFFIXES:
        return _text_of(_decode(data))
    raise ReadError(f"Không hỗ trợ định dạng “{suffix or name}”: chỉ nhận .txt, .md hoặc .docx.")
