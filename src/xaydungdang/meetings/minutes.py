"""The minutes of a chi bộ meeting (biên bản sinh hoạt chi bộ) as a .docx in the usual layout (HD 36-HD/VPTW):
the party committee above and the chi bộ top left, "ĐẢNG CỘNG SẢN VIỆT NAM" top right with the place and date,
the title, time and place, chair and secretary, attendance "có mặt x/y đồng chí, vắng z (lý do)", content,
conclusions, and the signatures of the chair and of the secretary. The text is Vietnamese whatever the reader's
language: it is an official document.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xaydungdang.core.formatting import format_date_long
from xaydungdang.meetings.models import Meeting
from xaydungdang.organisations import queries as org_queries

KIND_TITLES: dict[str, str] = {Meeting.Kind.REGULAR: "Sinh hoạt thường kỳ",
                               Meeting.Kind.THEMATIC: "Sinh hoạt chuyên đề"}


def attendance_line(meeting: Meeting) -> str:
    """"Có mặt 9/10 đồng chí, vắng 1 đồng chí (Nguyễn Văn A: ốm)." or that it was not recorded."""
    rows = list(meeting.attendances.select_related("person").order_by("person__name_key", "pk"))
    if not rows:
        return "Chưa ghi điểm danh."
    present = sum(1 for row in rows if row.attended)
    absent = [row for row in rows if not row.attended]
    line = f"Có mặt {present}/{len(rows)} đồng chí"
    if absent:
        reasons = "; ".join(f"{row.person.full_name}: {row.reason}" for row in absent)
        line += f", vắng {len(absent)} đồng chí ({reasons})"
    else:
        line += ", vắng 0 đồng chí"
    if meeting.guests_count:
        line += f"; khách mời: {meeting.guests_count}"
    return line + "."


def _paragraph(document: DocxDocument, text: str = "", *, bold: bool = False, align: Any = None,
               size: int = 13, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def build(meeting: Meeting) -> bytes:
    version = org_queries.version_on(meeting.organisation_id, meeting.date)
    chi_bo = version.name if version else meeting.organisation.name
    parent = ""
    if version is not None and version.parent_id is not None:
        above = org_queries.version_on(version.parent_id, meeting.date)
        parent = above.name if above else ""
    document = Document()
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.text = ""
    left.paragraphs[0].add_run(parent.upper()).bold = False
    left.add_paragraph().add_run(chi_bo.upper()).bold = True
    left.add_paragraph("*")
    for paragraph in left.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.text = ""
    run = right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    run.bold = True
    right.add_paragraph().add_run(meeting.place + (", " if meeting.place else "") +
                                  format_date_long(meeting.date)).italic = True
    for paragraph in right.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _paragraph(document)
    _paragraph(document, "BIÊN BẢN SINH HOẠT CHI BỘ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    subtitle = KIND_TITLES.get(meeting.kind, "")
    if meeting.topic:
        subtitle += f": {meeting.topic}"
    _paragraph(document, subtitle, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if meeting.cancelled_on is not None:
        _paragraph(document, f"(Đã hủy {format_date_long(meeting.cancelled_on)})", bold=True,
                   align=WD_ALIGN_PARAGRAPH.CENTER)

    _paragraph(document, f"Thời gian: {format_date_long(meeting.date)}.")
    _paragraph(document, f"Địa điểm: {meeting.place or '…'}.")
    _paragraph(document, f"Chủ trì: đồng chí {meeting.chair or '…'}.")
    _paragraph(document, f"Thư ký: đồng chí {meeting.secretary or '…'}.")
    _paragraph(document, f"Thành phần: {attendance_line(meeting)}")
    documents = list(meeting.documents.all())
    if documents:
        _paragraph(document, "Văn bản nghiên cứu, học tập: " + "; ".join(str(d) for d in documents) + ".")

    _paragraph(document, "NỘI DUNG", bold=True)
    for line in (meeting.summary or "…").splitlines() or ["…"]:
        _paragraph(document, line)
    _paragraph(document, "KẾT LUẬN", bold=True)
    for line in (meeting.conclusions or "…").splitlines() or ["…"]:
        _paragraph(document, line)
    _paragraph(document, "Buổi sinh hoạt kết thúc cùng ngày.", italic=True)

    signatures = document.add_table(rows=3, cols=2)
    signatures.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, (title, name) in enumerate([("THƯ KÝ", meeting.secretary), ("CHỦ TRÌ", meeting.chair)]):
        signatures.cell(0, column).text = title
        signatures.cell(1, column).text = "(Ký, ghi rõ họ tên)"
        signatures.cell(2, column).text = "\n\n\n" + name
        for row in range(3):
            for paragraph in signatures.cell(row, column).paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        signatures.cell(0, column).paragraphs[0].runs[0].bold = True

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_name(meeting: Meeting) -> str:
    return f"bien-ban-sinh-hoat-{meeting.organisation.code}-{meeting.date:%Y-%m-%d}.docx"
