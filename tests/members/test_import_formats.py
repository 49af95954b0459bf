"""Import of .xls (Excel 97–2003) and .ods files through python-calamine (issue 10.6), bounded (issue 9.7).

The same rows as an .xlsx give the same clean values; hostile files are refused in a child process
whose memory the operating system limits, within 2 s, the server's own memory untouched.
"""

from __future__ import annotations

import datetime as dt
import io
import resource
import time
import zipfile
from typing import Any
from xml.sax.saxutils import escape

import xlwt
from django.utils.translation import override

from tests.members.fixtures_import import TEMPLATE_HEADERS, valid_row, xlsx
from tests.members.test_import import run_validation
from xaydungdang.members import importing

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def xls(rows: list[dict[str, Any]]) -> bytes:
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Đảng viên")
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    keys = list(TEMPLATE_HEADERS)
    for column, key in enumerate(keys):
        sheet.write(0, column, TEMPLATE_HEADERS[key])
    for number, row in enumerate(rows, start=1):
        for column, key in enumerate(keys):
            value = row.get(key)
            if isinstance(value, dt.date):
                sheet.write(number, column, value, dates)
            elif value is not None:
                sheet.write(number, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_cell(value: Any, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None:
        return f"<table:table-cell{repeated}/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"{repeated}>'
                f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>")
    if isinstance(value, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{value}"{repeated}/>'
    return f'<table:table-cell office:value-type="string"{repeated}><text:p>{escape(value)}</text:p></table:table-cell>'


def ods(table: str) -> bytes:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="Đảng viên">{table}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ods_rows(rows: list[dict[str, Any]]) -> bytes:
    keys = list(TEMPLATE_HEADERS)
    lines = [[TEMPLATE_HEADERS[k] for k in keys], *[[row.get(k) for k in keys] for row in rows]]
    return ods("".join(f"<table:table-row>{''.join(ods_cell(v) for v in line)}</table:table-row>" for line in lines))


ROWS = [valid_row(1), valid_row(2, birth_date="02/03/1981"), valid_row(3)]


def test_xls_rows_read_as_the_same_rows_of_an_xlsx(users):
    expected = run_validation(xlsx(ROWS), users.district_office)
    result = run_validation(xls(ROWS), users.district_office)
    assert (result.errors, result.rows) == ([], expected.rows)


def test_ods_rows_read_as_the_same_rows_of_an_xlsx(users):
    expected = run_validation(xlsx(ROWS), users.district_office)
    result = run_validation(ods_rows(ROWS), users.district_office)
    assert (result.errors, result.rows) == ([], expected.rows)


def refusal(content: bytes) -> tuple[str, float, float]:
    """The refusal in Vietnamese, the seconds it took and the peak memory of the children (MB): the largest
    of every child this process has waited for, so a bound on it is asserted in a fresh process instead
    (tests/core/test_calamine_hostile.py)."""
    start = time.perf_counter()
    try:
        with override("vi"):
            importing.inspect_workbook(content)
    except importing.ImportFileError as error:
        return (error.message, time.perf_counter() - start,
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    raise AssertionError("accepted")


TOO_COSTLY = ("Tệp bị từ chối: để đọc tệp cần nhiều bộ nhớ hoặc thời gian hơn mức cho phép của một lần nhập "
              "(tệp .xls hoặc .ods chỉ đọc được đến khoảng 20.000 đảng viên). Hãy mở tệp và lưu lại dưới dạng Excel "
              "Workbook (.xlsx), hoặc chia thành nhiều tệp.")


def test_xls_asking_for_a_huge_grid_is_refused_by_the_childs_memory_limit():
    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Đảng viên")
    sheet.write(0, 0, "Họ và tên")
    sheet.write(65_535, 255, 1)  # two cells: a dense grid of 16.7 million
    buffer = io.BytesIO()
    workbook.save(buffer)
    message, seconds, _child = refusal(buffer.getvalue())
    assert (message, seconds < 2) == (TOO_COSTLY, True)


def test_ods_repeating_a_cell_millions_of_times_is_refused():
    row = f'<table:table-row table:number-rows-repeated="100000">{ods_cell(1, repeat=200)}</table:table-row>'
    message, seconds, _child = refusal(ods(row))
    assert (message, seconds < 2) == (
        "Tệp bị từ chối trước khi đọc: tệp chứa hơn 600.000 ô, vượt giới hạn của một lần nhập. "
        "Hãy chia thành nhiều tệp.", True)


def test_ods_padded_to_the_full_sheet_as_libreoffice_writes_it_is_read(users):
    with zipfile.ZipFile(io.BytesIO(ods_rows(ROWS))) as archive:
        content = archive.read("content.xml").decode()
    table = content.split('table:name="Đảng viên">', 1)[1].rsplit("</table:table>", 1)[0]
    padded = ods(table + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                 'table:number-columns-repeated="1024"/></table:table-row>')
    start = time.perf_counter()
    result = run_validation(padded, users.district_office)
    assert (result.errors, len(result.rows), time.perf_counter() - start < 2) == ([], 3, True)


def test_ods_with_millions_of_cell_elements_is_refused_before_calamine_sees_it():
    row = f"<table:table-row>{ods_cell(1) * 4000}</table:table-row>"
    message, seconds, _child = refusal(ods(row * 1000))
    assert (message, seconds < 2) == (
        "Tệp bị từ chối trước khi đọc: tệp chứa hơn 600.000 ô, vượt giới hạn của một lần nhập. "
        "Hãy chia thành nhiều tệp.", True)


def test_damaged_xls_is_refused_as_damaged():
    with override("vi"):
        expected = importing._damaged()
    message, _seconds, _child = refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    assert message == expected
