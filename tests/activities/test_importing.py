"""Attendance from a file: the template prefilled with the session's sheet reads back as it is; every bad row is
named with its row, column and field (unknown member, ambiguous name, bad status, bad date), and nothing is
recorded unless every row is right."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils.translation import override
from openpyxl import Workbook, load_workbook

from tests.activities.factories import absent, campaign, entry, record, rows, session
from tests.members.helpers import member
from xaydungdang.activities.domain import AttendanceEntry
from xaydungdang.activities.importing import attendance_template, parse_attendance_file
from xaydungdang.members import domain as members_domain
from xaydungdang.members.importing import ImportFileError

pytestmark = pytest.mark.django_db
HEADERS = ["STT", "Họ và tên", "Số thẻ đảng viên", "Mã", "Nơi sinh hoạt", "Tình trạng", "Lý do vắng", "Ngày học bù"]


@pytest.fixture
def cell(tree):
    people = {
        "an": member(tree.cb1a, "Nguyễn Văn An", card_number="12345678"),
        "binh": member(tree.cb1a, "Trần Văn Bình"),
        "binh2": member(tree.cb1a, "Trần Văn Bình", sex="nam"),
        "cuong": member(tree.cb1a, "Lê Văn Cường"),
        "dung": member(tree.cb1b, "Phạm Văn Dũng", card_number="87654321"),
    }
    return session(campaign(tree.district), tree.cb1a), people


def workbook(*rows: list[Any], headers: list[str] = HEADERS, title_rows: int = 0) -> bytes:
    book = Workbook()
    sheet = book.active
    for _i in range(title_rows):
        sheet.append(["BIÊN BẢN ĐIỂM DANH"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse(held, content):
    with override("en"):
        entries, errors = parse_attendance_file(held, content)
    return entries, [(e.row, e.column, e.field, e.message) for e in errors]


def test_the_template_lists_the_sheet_and_reads_back_unchanged(cell):
    held, people = cell
    record(held, entry(people["cuong"], absent, "Ốm"))
    content = attendance_template(held)
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == HEADERS
    assert [(v[1], v[2], v[5], v[6]) for v in values[1:]] == [
        ("Nguyễn Văn An", "12345678", "Có mặt", None), ("Trần Văn Bình", None, "Có mặt", None),
        ("Trần Văn Bình", None, "Có mặt", None), ("Lê Văn Cường", None, "Vắng", "Ốm")]
    entries, errors = parse(held, content)
    assert errors == []
    assert [(e.person_id, e.status, e.reason, e.row) for e in entries] == [
        (people["an"].person_id, "present", "", 2), (people["binh"].person_id, "present", "", 3),
        (people["binh2"].person_id, "present", "", 4), (people["cuong"].person_id, "absent", "Ốm", 5)]


def test_people_found_by_number_card_or_name_with_status_synonyms(cell):
    held, people = cell
    content = workbook(
        [1, "", "", people["binh"].person_id, "", "vắng mặt", "Đi công tác", ""],
        [2, "", "1234 5678", "", "", "Học bù", "Ốm", "5/9/2022"],
        [3, "le van cuong", "", "", "", "x", "", ""],
        [None, None, None, None, None, None, None, None],
        title_rows=2)
    entries, errors = parse(held, content)
    assert errors == []
    assert entries == [
        AttendanceEntry(people["binh"].person_id, "absent", "Đi công tác", None, 4),
        AttendanceEntry(people["an"].person_id, "made_up", "Ốm", dt.date(2022, 9, 5), 5),
        AttendanceEntry(people["cuong"].person_id, "present", "", None, 6)]


def test_an_empty_status_follows_the_reason_or_the_make_up_date(cell):
    held, _people = cell
    entries, errors = parse(held, workbook([1, "Nguyễn Văn An", "", "", "", "", "Ốm", ""],
                                           [2, "Lê Văn Cường", "", "", "", "", "", "3/9/2022"]))
    assert errors == []
    assert [(e.status, e.reason, e.made_up_on) for e in entries] == [
        ("absent", "Ốm", None), ("made_up", "", dt.date(2022, 9, 3))]


def test_every_bad_row_is_named_with_its_row_column_and_field(cell, tree):
    held, people = cell
    members_domain.exempt(actor=None, member=people["cuong"], valid_from=dt.date(2022, 1, 1))
    content = workbook(
        [1, "Nguyễn Văn Không Có", "", "", "", "có mặt", "", ""],
        [2, "Trần Văn Bình", "", "", "", "có mặt", "", ""],
        [3, "", "87654321", "", "", "có mặt", "", ""],
        [4, "", "", 999999, "", "có mặt", "", ""],
        [5, "Nguyễn Văn An", "", "", "", "đến muộn", "", ""],
        [6, "", "", people["an"].person_id, "", "học bù", "", "31/2/2022"],
        [7, "Lê Văn Cường", "", "", "", "có mặt", "", ""],
        [8, "", "12345678", "", "", "có mặt", "", ""],
        [9, "", "1234", "", "", "có mặt", "", ""],
        [10, "", "", "", "", "vắng", "Ốm", ""],
    )
    entries, errors = parse(held, content)
    assert errors == [
        (2, "B", "Họ và tên", "Nguyễn Văn Không Có is not expected at Tổ chức CB1A on 29/8/2022."),
        (3, "B", "Họ và tên", "2 people called Trần Văn Bình are on the sheet: give their number (Mã) or card "
                              "number."),
        (4, "C", "Số thẻ đảng viên", "No member with the card number 87654321 is expected at Tổ chức CB1A on "
                                     "29/8/2022."),
        (5, "D", "Mã", "No one with the number 999999 is on the sheet of this session."),
        (6, "F", "Tình trạng", "Write Có mặt, Vắng or Học bù."),
        (7, "H", "Ngày học bù", "The date 31/2/2022 does not exist."),
        (8, "B", "Họ và tên", "Lê Văn Cường was exempted from activities on 29/8/2022 and is not expected."),
        (10, "C", "Số thẻ đảng viên", "A party card number has exactly 8 digits."),
        (11, "B", "Họ và tên", "Give the full name, the number (Mã) or the party card number."),
    ]
    assert entries == [AttendanceEntry(people["an"].person_id, "present", "", None, 9)]


def test_a_person_twice_in_the_file_is_named_at_the_second_row(cell):
    held, _people = cell
    _entries, errors = parse(held, workbook([1, "Nguyễn Văn An", "", "", "", "có mặt", "", ""],
                                            [2, "", "12345678", "", "", "vắng", "Ốm", ""]))
    assert errors == [(3, "B", "Họ và tên", "Nguyễn Văn An appears twice (also row 2).")]


def test_a_formula_is_refused(cell):
    held, _people = cell
    _entries, errors = parse(held, workbook([1, "Nguyễn Văn An", "", "", "", "=A1", "", ""]))
    assert errors == [(2, "F", "Tình trạng", "This cell holds a formula: type the value.")]


def test_a_file_without_the_columns_is_refused_whole(cell):
    held, _people = cell
    with override("en"), pytest.raises(ImportFileError) as error:
        parse_attendance_file(held, workbook(["x", "y"], headers=["Ngày sinh", "Quê quán"]))
    assert error.value.message.startswith("No sheet of this file has the columns")
    with override("en"), pytest.raises(ImportFileError) as error:
        parse_attendance_file(held, b"not a workbook")
    assert error.value.message == "This is not a spreadsheet file (.xlsx, .xls or .ods)."


def test_parsed_entries_are_recorded_by_the_domain(cell):
    held, _people = cell
    entries, errors = parse(held, workbook([1, "Lê Văn Cường", "", "", "", "vắng", "Ốm", ""]))
    assert errors == []
    record(held, *entries)
    assert rows(held)["Lê Văn Cường"] == ("absent", False, "Ốm", None, "CB1A")
    from xaydungdang.activities.models import Attendance

    assert Attendance.objects.filter(session=held).count() == 4  # two members are called Trần Văn Bình
