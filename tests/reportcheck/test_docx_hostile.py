"""Hostile .docx reports (issue 9.7): each is refused, or read, within 2 s and 200 MB.

The files are built in tmp_path by hand (zipfile, raw XML) and read by the checker's own entry
point (reading.read_report) in a child process, which reports the CPU seconds and how far its peak
resident memory rose while reading (VmHWM reset through /proc/self/clear_refs), as
tests/core/test_xlsx_hostile.py does for workbooks.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tests import costly
from tests.core.test_xlsx_hostile import BILLION_LAUGHS, lie_about_size, repeated
from tests.costly import assert_bounded
from xaydungdang.reportcheck.reading import MAX_BYTES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<w:document xmlns:w="{W}"><w:body>'.encode()
TAIL = b"</w:body></w:document>"
PARAGRAPH = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
DAMAGED = "Không đọc được tệp .docx (tệp hỏng hoặc không phải văn bản Word)."

READ = r"""
from xaydungdang.reportcheck.reading import ReadError, read_report
try:
    text = read_report("bao-cao.docx", content)
    outcome = {"lines": len(text.splitlines()), "first": text.splitlines()[0], "last": text.splitlines()[-1]}
except ReadError as error:
    outcome = {"refused": str(error)}
"""


def read_in_child(path: Path) -> dict[str, Any]:
    return costly.read_in_child(READ, path)


def write_docx(path: Path, document: Iterable[bytes] | bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal .docx: the package relationship to its main part, the main part (streamed in), extra parts."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         '</Relationships>')
        with archive.open("word/document.xml", "w", force_zip64=False) as part:
            for chunk in [document] if isinstance(document, bytes) else document:
                part.write(chunk)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    assert path.stat().st_size < MAX_BYTES
    return path



def refused(what: str) -> str:
    return f"Tệp .docx {what}: không phải một báo cáo thông thường."


def test_zip_bomb_of_a_huge_document_part_is_refused_by_its_declared_size(tmp_path):
    document = repeated(HEAD + b"<w:p><w:r><w:t>", b" " * 1000, 40_000, b"</w:t></w:r></w:p>" + TAIL)  # 40 MB
    outcome = read_in_child(write_docx(tmp_path / "bomb.docx", document))
    assert outcome["refused"] == refused("có phần nội dung giải nén ra quá lớn (trên 32 MB)")
    assert_bounded(outcome)


def test_zip_bomb_over_the_total_unpacked_size_is_refused_from_the_directory(tmp_path):
    extra = {f"word/media/image{i}.png": b"\0" * 30_000_000 for i in range(8)}  # 240 MB of "images"
    outcome = read_in_child(write_docx(tmp_path / "images.docx", HEAD + PARAGRAPH.format("a").encode() + TAIL,
                                       extra))
    assert outcome["refused"] == refused("giải nén ra quá lớn (trên 200 MB)")
    assert_bounded(outcome)


def test_zip_bomb_whose_headers_lie_about_its_size_is_not_read_past_them(tmp_path):
    document = repeated(HEAD + b"<w:p><w:r><w:t>", b"a" * 1000, 300_000, b"</w:t></w:r></w:p>" + TAIL,
                        per_chunk=10_000)
    path = write_docx(tmp_path / "liar.docx", document)
    lie_about_size(path, "word/document.xml", 1000)
    outcome = read_in_child(path)
    assert outcome["refused"] == DAMAGED
    assert_bounded(outcome)


def test_millions_of_elements_are_counted_and_refused_before_parsing(tmp_path):
    document = repeated(HEAD + b"<w:p>", b"<w:r/>", 2_000_000, b"</w:p>" + TAIL)
    outcome = read_in_child(write_docx(tmp_path / "elements.docx", document))
    assert outcome["refused"] == refused("chứa quá nhiều phần tử định dạng (trên 400.000 trong một phần nội dung)")
    assert_bounded(outcome)


def test_text_longer_than_a_report_is_refused(tmp_path):
    paragraph = PARAGRAPH.format("x" * 5_000).encode()  # 3 million paragraphs of text: 15 million characters
    outcome = read_in_child(write_docx(tmp_path / "long.docx", repeated(HEAD, paragraph, 3_000, TAIL)))
    assert outcome["refused"] == refused("chứa văn bản quá dài (trên 10.000.000 ký tự)")
    assert_bounded(outcome)


def test_billion_laughs_entities_are_not_expanded(tmp_path):
    laughs = BILLION_LAUGHS.replace(b"DOCTYPE sst", b"DOCTYPE w:document").replace(
        f'<sst xmlns="{W.replace("wordprocessingml", "spreadsheetml")}"><si><t>'.encode(), b"")
    document = laughs.split(b"]>")[0] + b"]>" + HEAD + b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>" + TAIL
    outcome = read_in_child(write_docx(tmp_path / "laughs.docx", document))
    assert outcome["refused"] in ("Tệp trống: không có nội dung để kiểm tra.", DAMAGED)
    assert_bounded(outcome)


def test_deeply_nested_xml_is_refused_as_damaged(tmp_path):
    depth = 100_000
    document = HEAD + b"<w:p>" + b"<w:r>" * depth + b"</w:r>" * depth + b"</w:p>" + TAIL
    outcome = read_in_child(write_docx(tmp_path / "deep.docx", document))
    assert outcome["refused"] == DAMAGED
    assert_bounded(outcome)


def test_archive_of_ten_thousand_parts_is_refused_from_its_directory_record(tmp_path):
    extra = {f"word/media/{i}.bin": b"" for i in range(10_000)}
    outcome = read_in_child(write_docx(tmp_path / "parts.docx", HEAD + PARAGRAPH.format("a").encode() + TAIL, extra))
    assert outcome["refused"] == refused("chứa quá nhiều thành phần nén (trên 1.000)")
    assert_bounded(outcome)


def merged_table(rows: int, columns: int) -> Iterable[bytes]:
    """A table whose first row spans two billion grid columns and whose every later cell continues the one
    above (python-docx walked such a table in time growing with the square of its rows and columns)."""
    first = (b'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/><w:vMerge w:val="restart"/></w:tcPr>'
             + "<w:p><w:r><w:t>Chi bộ 1</w:t></w:r></w:p></w:tc>".encode()
             + b'<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'
             * (columns - 1) + b"</w:tr>")
    later = (b"<w:tr>" + b'<w:tc><w:tcPr><w:gridSpan w:val="2000000000"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
             + b"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" * (columns - 1) + b"</w:tr>")
    yield HEAD + PARAGRAPH.format("Bảng").encode() + b"<w:tbl>" + first
    yield from repeated(b"", later, rows - 1, b"</w:tbl>" + TAIL, per_chunk=1_000)


def test_large_merged_table_is_read_in_linear_time(tmp_path):
    outcome = read_in_child(write_docx(tmp_path / "merged.docx", merged_table(3_000, 20)))
    assert (outcome["lines"], outcome["first"], outcome["last"]) == (
        3_001, "Bảng", "Chi bộ 1 | " + " | ".join(["x"] * 19))
    assert_bounded(outcome)


def test_report_just_under_the_element_limit_is_read_in_bounds(tmp_path):
    paragraph = ('<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr>'
                 "<w:t>Đảng bộ có 73 tổ chức cơ sở đảng.</w:t></w:r></w:p>".encode())  # 8 elements
    outcome = read_in_child(write_docx(tmp_path / "large.docx", repeated(HEAD, paragraph, 49_900, TAIL)))
    assert (outcome["lines"], outcome["last"]) == (49_900, "Đảng bộ có 73 tổ chức cơ sở đảng.")
    assert_bounded(outcome)
