"""The streaming .xlsx reader used by imports: values as openpyxl gives them (values_only, data_only=False)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from xaydungdang.core.xlsx_reader import WorkbookError, XlsxReader


def saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_values_of_every_kind_with_gaps_and_row_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(["Họ và tên", 12, 2.5, True, dt.date(2022, 8, 29), "=SUM(B1:C1)", "#N/A", "  có  khoảng  "])
    sheet["C4"] = "chỉ một ô"
    workbook.create_sheet("Trống")
    reader = XlsxReader(saved(workbook))
    assert reader.sheet_names == ["Danh sách", "Trống"]
    assert list(reader.rows("Danh sách")) == [
        (1, ("Họ và tên", 12, 2.5, True, dt.datetime(2022, 8, 29), "=SUM(B1:C1)", "#N/A", "  có  khoảng  ")),
        (4, (None, None, "chỉ một ô")),
    ]
    assert (list(reader.rows("Danh sách", min_row=2)), list(reader.rows("Trống")), reader.count_rows("Danh sách"),
            reader.count_rows("Trống")) == ([(4, (None, None, "chỉ một ô"))], [], 2, 0)


def test_write_only_files_without_a_declared_size_are_read_and_counted():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("A")
    for i in range(30_000):  # more than one chunk of XML, so rows straddle chunk ends
        sheet.append([f"Nguyễn Văn An {i}", dt.date(1990, 1, 2)])
    reader = XlsxReader(saved(workbook))
    rows = list(reader.rows("A"))
    assert (len(rows), rows[-1], reader.count_rows("A")) == (
        30_000, (30_000, ("Nguyễn Văn An 29999", dt.datetime(1990, 1, 2))), 30_000)


def test_dates_of_a_1904_workbook():
    workbook = Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    workbook.active.append([dt.date(2020, 2, 29)])
    assert list(XlsxReader(saved(workbook)).rows("Sheet")) == [(1, (dt.datetime(2020, 2, 29),))]


@pytest.mark.parametrize("content", [b"", b"plain text", b"PK\x03\x04broken"])
def test_bytes_that_are_not_a_workbook(content):
    with pytest.raises(WorkbookError):
        XlsxReader(content)


def test_zip_without_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(WorkbookError):
        XlsxReader(buffer.getvalue())


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def handmade(sheet_data: str, *, shared: str = "", styles: str = "", doctype: str = "") -> bytes:
    """A minimal workbook as Excel writes it: shared strings, styles, one sheet."""
    parts = {
        "xl/workbook.xml": f'<workbook {NS} {RELS_NS}><sheets><sheet name="Tờ 1" sheetId="1" r:id="rId1"/>'
                           "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                                      'org/officeDocument/2006/relationships/worksheet" Target="worksheets/s1.xml"/>'
                                      "</Relationships>",
        "xl/worksheets/s1.xml": f'<worksheet {NS}><dimension ref="A1:C2"/><sheetData>{sheet_data}</sheetData>'
                                "</worksheet>",
        "xl/sharedStrings.xml": f"{doctype}<sst {NS}>{shared}</sst>",
        "xl/styles.xml": f"<styleSheet {NS}>{styles}</styleSheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode())
    return buffer.getvalue()


def test_shared_strings_rich_text_custom_date_formats_and_shared_formulas():
    shared = ("<si><t>Họ và tên</t></si><si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn An</t></r>"
              "<rPh><t>phiên âm</t></rPh></si>")
    styles = ('<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs>')
    sheet = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1"><v>44802</v></c></row>'
             '<row r="2"><c t="s"><v>1</v></c><c s="2"><v>1234.5</v></c><c><f t="shared" si="0"/><v>3</v></c></row>')
    reader = XlsxReader(handmade(sheet, shared=shared, styles=styles))
    assert (reader.sheet_names, reader.count_rows("Tờ 1"), list(reader.rows("Tờ 1"))) == (["Tờ 1"], 2, [
        (1, ("Họ và tên", None, dt.datetime(2022, 8, 29))),
        (2, ("Nguyễn Văn An", 1234.5, "=")),
    ])


def test_external_entities_are_not_resolved():
    doctype = '<!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    content = handmade('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared="<si><t>&e;</t></si>",
                       doctype=doctype)
    assert list(XlsxReader(content).rows("Tờ 1")) == [(1, ("",))]
