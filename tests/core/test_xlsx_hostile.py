"""Hostile workbooks (issue 9.7): each is refused, or read, within 2 s and 200 MB.

An 875 KB .xlsx with 20 million shared strings once took 116 s and 3.9 GB. Every file here is
built in tmp_path by hand (zipfile, raw XML) and read by the import's own entry points
(inspect_workbook, then read_rows when it is accepted) in a child process, which reports the
seconds the reading took and how far its peak resident memory rose above its size before
reading (VmHWM, reset through /proc/self/clear_refs), so that what the C parsers allocate counts
too. The bounds are generous but real: the file of the issue took 58 times the time and 20 times
the memory.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils.translation import override

from tests import costly
from tests.costly import assert_bounded
from xaydungdang.members import importing

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Giới tính</t></is></c></row>')
DATA_ROW = '<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}" t="inlineStr"><is><t>Nam</t></is></c></row>'

READ = r"""
from xaydungdang.members import importing
try:
    layout = importing.inspect_workbook(content)
    outcome = {"rows": sum(1 for _row in importing.read_rows(content, layout.sheet, layout.header_row))}
except importing.ImportFileError as error:
    outcome = {"refused": error.message}
"""


def read_in_child(path: Path) -> dict[str, Any]:
    return costly.read_in_child(READ, path)


def write_workbook(path: Path, sheet: Iterable[bytes] | bytes, shared: Iterable[bytes] | bytes | None = None,
                   extra: dict[str, bytes] | None = None) -> Path:
    """A minimal .xlsx: the workbook, its relationships, one sheet, optional shared strings (streamed in)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships"><sheets><sheet name="Đảng viên" sheetId="1" '
                         'r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
                         '/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                         '</Relationships>')
        _stream(archive, "xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            _stream(archive, "xl/sharedStrings.xml", shared)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _stream(archive: zipfile.ZipFile, name: str, data: Iterable[bytes] | bytes) -> None:
    with archive.open(name, "w", force_zip64=False) as part:
        for chunk in [data] if isinstance(data, bytes) else data:
            part.write(chunk)


def sheet_xml(rows: str, before: str = "") -> bytes:
    return f'<worksheet xmlns="{MAIN}">{before}<sheetData>{HEADER_ROW}{rows}</sheetData></worksheet>'.encode()


def repeated(head: bytes, item: bytes, times: int, tail: bytes, per_chunk: int = 200_000) -> Iterable[bytes]:
    yield head
    for start in range(0, times, per_chunk):
        yield item * min(per_chunk, times - start)
    yield tail


def refused(what: str, limit: str) -> str:
    return (f"Tệp bị từ chối trước khi đọc: tệp chứa hơn {limit} {what}, vượt giới hạn của một lần nhập. "
            "Hãy chia thành nhiều tệp.")


def unpacked(limit_mb: int) -> str:
    return (f"Tệp bị từ chối trước khi đọc: khi giải nén, tệp chiếm hơn {limit_mb} MB, vượt giới hạn của một lần "
            "nhập. Hãy chia thành nhiều tệp.")


def damaged() -> str:
    with override("vi"):
        return importing._damaged()



SHARED_HEAD = f'<sst xmlns="{MAIN}">'.encode()


def test_twenty_million_shared_strings_are_counted_and_refused_before_any_is_kept(tmp_path):
    # 20 million <si/> are 100 MB unpacked (under the part limit) and no count attribute says so.
    path = write_workbook(tmp_path / "strings.xlsx", sheet_xml(DATA_ROW.format(n=2)),
                          repeated(SHARED_HEAD, b"<si/>", 20_000_000, b"</sst>"))
    outcome = read_in_child(path)
    assert (path.stat().st_size < 1_000_000, outcome["refused"]) == (
        True, refused("chuỗi văn bản dùng chung", "2.000.000"))
    assert_bounded(outcome)


def test_twenty_million_tiny_text_items_are_refused_by_their_unpacked_size(tmp_path):
    path = write_workbook(tmp_path / "items.xlsx", sheet_xml(DATA_ROW.format(n=2)),
                          repeated(SHARED_HEAD, b"<si><t>a</t></si>", 20_000_000, b"</sst>"))
    outcome = read_in_child(path)
    assert (path.stat().st_size < 1_000_000, outcome["refused"]) == (True, unpacked(256))
    assert_bounded(outcome)


def test_zip_bomb_in_the_shared_strings_is_refused_by_its_declared_size(tmp_path):
    text = repeated(SHARED_HEAD + b"<si><t>", b"a" * 1000, 300_000, b"</t></si></sst>", per_chunk=10_000)
    path = write_workbook(tmp_path / "bomb.xlsx", sheet_xml(DATA_ROW.format(n=2)), text)
    outcome = read_in_child(path)
    assert (path.stat().st_size < 1_000_000, outcome["refused"]) == (True, unpacked(256))
    assert_bounded(outcome)


def test_zip_bomb_whose_headers_lie_about_its_size_is_not_read_past_them(tmp_path):
    text = repeated(SHARED_HEAD + b"<si><t>", b"a" * 1000, 300_000, b"</t></si></sst>", per_chunk=10_000)
    path = write_workbook(tmp_path / "liar.xlsx", sheet_xml(DATA_ROW.format(n=2)), text)
    lie_about_size(path, "xl/sharedStrings.xml", 1000)
    outcome = read_in_child(path)
    assert outcome["refused"] == damaged()
    assert_bounded(outcome)


def lie_about_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size the local header and the central directory declare for `name`."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(encoded)] == encoded:
                data[at + offset:at + offset + 4] = struct.pack("<I", size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_sheet_with_millions_of_cells_is_refused_before_it_is_parsed(tmp_path):
    row = b"<row>" + b"<c><v>1</v></c>" * 40 + b"</row>"
    sheet = repeated(f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW}'.encode(), row, 100_000,  # 4 million cells
                     b"</sheetData></worksheet>", per_chunk=10_000)
    outcome = read_in_child(write_workbook(tmp_path / "cells.xlsx", sheet))
    assert outcome["refused"] == refused("ô", "3.000.000")
    assert_bounded(outcome)


def test_one_row_of_millions_of_cells_is_refused_before_it_is_parsed(tmp_path):
    sheet = repeated(f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW}<row r="2">'.encode(),
                     b"<c><v>1</v></c>", 2_000_000, b"</row></sheetData></worksheet>")
    outcome = read_in_child(write_workbook(tmp_path / "wide.xlsx", sheet))
    assert outcome["refused"] == refused("ô trên một dòng", "16.384")
    assert_bounded(outcome)


def test_millions_of_empty_rows_are_refused(tmp_path):
    sheet = repeated(f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW}'.encode(), b"<row/>", 5_000_000,
                     b"</sheetData></worksheet>")
    outcome = read_in_child(write_workbook(tmp_path / "tall.xlsx", sheet))
    assert outcome["refused"] == refused("dòng", "150.000")
    assert_bounded(outcome)


def test_huge_dimension_is_harmless(tmp_path):
    rows = "".join(DATA_ROW.format(n=n) for n in range(2, 5))
    sheet = sheet_xml(rows, before='<dimension ref="A1:XFD1048576"/>')
    shared = SHARED_HEAD + b"<si><t>Nguyen Van A</t></si></sst>"
    outcome = read_in_child(write_workbook(tmp_path / "dimension.xlsx", sheet, shared))
    assert outcome["rows"] == 3
    assert_bounded(outcome)


def test_value_in_the_last_column_of_every_row_is_refused(tmp_path):
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 5000))
    outcome = read_in_child(write_workbook(tmp_path / "far.xlsx", sheet_xml(rows)))
    assert outcome["refused"] == refused("cột", "256")
    assert_bounded(outcome)


def test_empty_formatted_cells_far_to_the_right_are_skipped(tmp_path):
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="XFD{n}" s="1"/></row>' for n in range(2, 5000))
    outcome = read_in_child(write_workbook(tmp_path / "styled.xlsx", sheet_xml(rows)))
    assert outcome["rows"] == 4998
    assert_bounded(outcome)


def test_deeply_nested_xml_is_refused_as_damaged(tmp_path):
    depth = 100_000  # under the bound on elements per row: the parser's own depth limit refuses it
    sheet = repeated(f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW}<row r="2"><c><is>'.encode(), b"<r>",
                     depth, b"</r>" * depth + b"</is></c></row></sheetData></worksheet>")
    outcome = read_in_child(write_workbook(tmp_path / "deep.xlsx", sheet))
    assert outcome["refused"] == damaged()
    assert_bounded(outcome)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol">'
                  + b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                             .encode() for i in range(1, 10))
                  + f']><sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'.encode())


def test_billion_laughs_entities_are_not_expanded(tmp_path):
    outcome = read_in_child(write_workbook(tmp_path / "laughs.xlsx", sheet_xml(DATA_ROW.format(n=2)),
                                           BILLION_LAUGHS))
    assert outcome.get("rows", 0) <= 1
    assert_bounded(outcome)


def test_archive_of_a_hundred_thousand_parts_is_refused_from_its_directory_record(tmp_path):
    extra = {f"xl/media/{i}.bin": b"" for i in range(100_000)}
    outcome = read_in_child(write_workbook(tmp_path / "parts.xlsx", sheet_xml(DATA_ROW.format(n=2)), extra=extra))
    assert outcome["refused"] == refused("thành phần nén bên trong", "2.000")
    assert_bounded(outcome)
