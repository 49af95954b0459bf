"""Hostile .xls and .ods workbooks (issue 9.7): each is refused, or read, under 200 MB and 2 s in all.

calamine reads them in a child process (core.calamine_child) limited to CHILD_MEMORY of address
space; the cost counted here is the CPU seconds of the server and its children, and the server's
memory (the rise of its peak resident memory while reading, as tests/core/test_xlsx_hostile.py
measures it) plus the child's peak (ru_maxrss of the waited-for children, which also counts the
pages the child shared with the server before it started Python, so the sum overstates). Each file
is read by the import's own entry points in a fresh process.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import xlwt

from tests.core.test_xlsx_hostile import read_in_child
from tests.costly import assert_bounded
from tests.members.test_import_formats import ods, ods_cell
from xaydungdang.core.bounded_zip import MB
from xaydungdang.core.calamine_reader import CHILD_MEMORY, LEGIT_ROWS, MAX_XLS_BYTES

TOO_COSTLY = ("Tệp bị từ chối: để đọc tệp cần nhiều bộ nhớ hoặc thời gian hơn mức cho phép của một lần nhập "
              "(tệp .xls hoặc .ods chỉ đọc được đến khoảng 20.000 đảng viên). Hãy mở tệp và lưu lại dưới dạng Excel "
              "Workbook (.xlsx), hoặc chia thành nhiều tệp.")




def xls_file(path: Path, write: Any) -> Path:
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Đảng viên")
    sheet.write(0, 0, "Họ và tên")
    sheet.write(0, 1, "Giới tính")
    write(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_the_limits_keep_the_child_under_the_bound():
    assert (CHILD_MEMORY, MAX_XLS_BYTES, LEGIT_ROWS) == (128 * MB, 8 * MB, 20_000)


def test_xls_asking_for_the_largest_grid_the_child_can_hold_stays_in_bounds(tmp_path):
    # Two values, at A1 and IV6000: calamine fills a grid of 1.5 million cells (106 MB), just under the limit.
    outcome = read_in_child(xls_file(tmp_path / "grid.xls", lambda sheet: sheet.write(6_000, 255, 1)))
    assert outcome["rows"] == 1
    assert_bounded(outcome)


def test_xls_asking_for_a_grid_past_the_childs_memory_is_refused(tmp_path):
    outcome = read_in_child(xls_file(tmp_path / "grid.xls", lambda sheet: sheet.write(20_000, 255, 1)))
    assert outcome["refused"] == TOO_COSTLY
    assert_bounded(outcome)


def dense(sheet: Any) -> None:
    for number in range(1, 5_001):  # a million numbers, 6 bytes each (MULRK records): a 6 MB file
        row = sheet.row(number)
        for column in range(200):
            row.set_cell_number(column, 1)


def test_xls_of_a_million_values_is_refused_past_the_cells_limit(tmp_path):
    path = xls_file(tmp_path / "dense.xls", dense)
    outcome = read_in_child(path)
    assert (path.stat().st_size < MAX_XLS_BYTES, outcome["refused"]) == (
        True, "Tệp bị từ chối trước khi đọc: tệp chứa hơn 600.000 ô, vượt giới hạn của một lần nhập. "
              "Hãy chia thành nhiều tệp.")
    assert_bounded(outcome)


def test_xls_repeating_a_long_shared_string_in_many_cells_is_refused(tmp_path):
    text = "ă" * 30_000  # stored once, handed back once per cell: 90 KB each

    def write(sheet: Any) -> None:
        for number in range(1, 1_001):
            sheet.write(number, 0, text)

    path = xls_file(tmp_path / "shared.xls", write)
    outcome = read_in_child(path)
    assert (path.stat().st_size < 200_000, outcome["refused"]) == (True, TOO_COSTLY)
    assert_bounded(outcome)


def test_xls_larger_than_its_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * MAX_XLS_BYTES)
    outcome = read_in_child(path)
    assert outcome["refused"] == ("Tệp bị từ chối trước khi đọc: tệp lớn hơn 8 MB, giới hạn cho tệp Excel định dạng "
                                  "cũ (.xls), tức khoảng 20.000 đảng viên. Hãy lưu lại dưới dạng Excel Workbook "
                                  "(.xlsx), hoặc chia thành nhiều tệp.")
    assert_bounded(outcome)


def test_ods_asking_for_the_largest_grid_it_may_name_is_refused(tmp_path):
    table = ("<table:table-row>" + ods_cell("Họ và tên") + "</table:table-row>"
             '<table:table-row table:number-rows-repeated="140000">' + ods_cell(None, 255) + "</table:table-row>"
             "<table:table-row>" + ods_cell(None, 255) + ods_cell(1) + "</table:table-row>")
    path = tmp_path / "grid.ods"
    path.write_bytes(ods(table))
    outcome = read_in_child(path)
    assert outcome["refused"] == TOO_COSTLY
    assert_bounded(outcome)


def test_ods_repeating_a_long_text_down_many_rows_is_refused(tmp_path):
    table = ("<table:table-row>" + ods_cell("Họ và tên") + "</table:table-row>"
             '<table:table-row table:number-rows-repeated="2000">' + ods_cell("ă" * 10_000) + "</table:table-row>")
    path = tmp_path / "repeated.ods"
    path.write_bytes(ods(table))
    outcome = read_in_child(path)
    assert outcome["refused"] == TOO_COSTLY
    assert_bounded(outcome)
