"""Reading report files: .txt/.md/.docx (paragraphs, tables, footnotes) and every bad input."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from xaydungdang.reportcheck.engine import check_text
from xaydungdang.reportcheck.reading import MAX_BYTES, MAX_UNPACKED_BYTES, ReadError, read_report

FOOTNOTES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats'
             '.org/wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>Có 45 trên 50 chi bộ đạt, '
             'đạt 80%.</w:t></w:r></w:p></w:footnote></w:footnotes>')


def docx_bytes(*, footnotes: bool = False) -> bytes:
    document = Document()
    document.add_paragraph("BÁO CÁO kết quả công tác xây dựng Đảng")
    document.add_paragraph("Đảng ủy Khối hiện có 73 tổ chức cơ sở đảng, gồm 43 đảng bộ cơ sở và 31 chi bộ cơ sở.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "Kết quả"
    table.cell(1, 0).text = "Đảng viên tham gia học tập"
    table.cell(1, 1).text = "6.042/6.213 đảng viên, đạt 96,7%"
    buffer = io.BytesIO()
    document.save(buffer)
    if not footnotes:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/footnotes.xml", FOOTNOTES)
    return out.getvalue()


def test_docx_paragraphs_and_table_cells_are_read_and_checked():
    text = read_report("bao-cao.docx", docx_bytes())
    assert text.splitlines() == [
        "BÁO CÁO kết quả công tác xây dựng Đảng",
        "Đảng ủy Khối hiện có 73 tổ chức cơ sở đảng, gồm 43 đảng bộ cơ sở và 31 chi bộ cơ sở.",
        "Chỉ tiêu | Kết quả", "Đảng viên tham gia học tập | 6.042/6.213 đảng viên, đạt 96,7%"]
    assert [f.brief() for f in check_text(text).findings] == [
        ("error", "sum", "73", "74 (43 + 31)"), ("error", "ratio", "96,7%", "97,2%")]


def test_docx_footnotes_are_read():
    text = read_report("bao-cao.docx", docx_bytes(footnotes=True))
    assert text.splitlines()[-1] == "Có 45 trên 50 chi bộ đạt, đạt 80%."


def test_text_and_markdown_are_read_as_utf8():
    assert (read_report("a.txt", "Có 27 hội nghị.".encode()), read_report("a.md", b"\xef\xbb\xbf# Tieu de")) == (
        "Có 27 hội nghị.", "# Tieu de")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.txt", b"", "Tệp trống: không có nội dung để kiểm tra."),
    ("a.txt", b"   \n ", "Tệp trống: không có nội dung để kiểm tra."),
    ("a.txt", b"abc\x00\x01def", "Tệp chứa dữ liệu nhị phân, không phải văn bản."),
    ("a.txt", bytes(range(128, 256)), "Tệp không phải văn bản UTF-8: hãy lưu lại dưới dạng UTF-8 hoặc dán nội "
                                      "dung vào ô văn bản."),
    ("a.docx", b"not a zip at all", "Tệp .docx không hợp lệ (không phải tệp Word): hãy mở và lưu lại bằng Word."),
    ("a.docx", b"PK\x03\x04 random", "Tệp .docx không hợp lệ (không phải tệp Word): hãy mở và lưu lại bằng Word."),
    ("a.pdf", b"%PDF-1.4", "Không hỗ trợ định dạng “.pdf”: chỉ nhận .txt, .md hoặc .docx."),
    ("a.txt", b"x" * (MAX_BYTES + 1), "Tệp quá lớn (10,0 MB): giới hạn là 10 MB."),
])
def test_bad_files_give_a_clear_message(name, data, message):
    with pytest.raises(ReadError) as error:
        read_report(name, data)
    assert str(error.value) == message


def test_a_zip_that_is_not_a_word_document_gives_a_clear_message():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(ReadError) as error:
        read_report("a.docx", buffer.getvalue())
    assert str(error.value) == "Không đọc được tệp .docx (tệp hỏng hoặc không phải văn bản Word)."


def test_text_in_another_language_says_no_vietnamese_figures():
    report = check_text(read_report("en.txt", b"The committee met twice and agreed on the plan."))
    assert [(f.severity, f.kind, f.message) for f in report.findings] == [
        ("info", "no_figures", "Không tìm thấy số liệu tiếng Việt nào để kiểm tra.")]


def test_a_docx_that_unpacks_to_too_much_is_refused_before_it_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (MAX_UNPACKED_BYTES + 1))
    with pytest.raises(ReadError) as error:
        read_report("bom.docx", buffer.getvalue())
    assert (len(buffer.getvalue()) < MAX_BYTES, str(error.value)) == (
        True, "Tệp .docx giải nén ra quá lớn (trên 200 MB): không phải một báo cáo thông thường.")
