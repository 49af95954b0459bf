"""Reading a report file: .txt, .md or .docx (paragraphs, table cells and footnotes), safely.

Every refusal is a ReadError with a Vietnamese message naming the problem; nothing else escapes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 10 MB .docx of text and tables unpacks to a few tens of MB
TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIX = ".docx"


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


def read_docx(data: bytes) -> str:
    """The text of a .docx, read with its cost bounded (reportcheck.docx_text)."""
    from xaydungdang.reportcheck import docx_text

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("Tệp .docx không hợp lệ (không phải tệp Word): hãy mở và lưu lại bằng Word.")
    try:
        text = docx_text.read_text(data)
    except docx_text.DocxLimitError as error:
        raise ReadError(error.message) from error
    except Exception as error:  # zipfile, zlib, lxml: a damaged file or another kind of zip
        raise ReadError("Không đọc được tệp .docx (tệp hỏng hoặc không phải văn bản Word).") from error
    return _text_of(text)


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
