"""Attendance of a session from an .xlsx (.xls, .ods) file: the template prefilled with the session's sheet, and the
reading of a filled file into AttendanceEntry rows, every row checked, each error naming its row and column.

The file is untrusted: it is opened by members.importing.open_workbook (core.xlsx_reader, bounded before it is
parsed) and at most MAX_ROWS rows are read. A person is found by the system's number (column "Mã", filled in by
the template), else by the party card number, else by the full name among the people on the session's sheet
(compared without diacritics or case; two people of that name are ambiguous). The status is "có mặt", "vắng" or
"học bù" or a synonym; left empty it is "có mặt", or "vắng" when a reason is given, or "học bù" when a make-up date
is. Nothing is written here: the caller shows the preview, then passes the entries to domain.record_attendance.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from xaydungdang.activities import queries
from xaydungdang.activities.domain import AttendanceEntry
from xaydungdang.activities.models import Attendance, Session
from xaydungdang.core.bounded_zip import LimitError
from xaydungdang.core.exporting import DATE_FORMAT, cell_value
from xaydungdang.core.formatting import format_date
from xaydungdang.core.text import fold
from xaydungdang.members import import_cells as cells
from xaydungdang.members.importing import ImportFileError, RowError, normalise_header, open_workbook
from xaydungdang.members.models import Member

MAX_ROWS = 5_000  # a session's sheet: the largest đảng bộ holds a few thousand members
HEADER_SCAN_ROWS = 10
Status = Attendance.Status


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the template's header: part of the file format
    aliases: tuple[str, ...] = ()
    width: int = 14


COLUMNS = (
    Column("number", "STT", ("số thứ tự", "tt"), 6),
    Column("full_name", "Họ và tên", ("họ tên", "họ tên đảng viên", "tên"), 28),
    Column("card_number", "Số thẻ đảng viên", ("số thẻ", "số thẻ đảng", "thẻ đảng viên"), 16),
    Column("person_id", "Mã", ("mã số", "mã đảng viên", "id"), 10),
    Column("organisation", "Nơi sinh hoạt", ("chi bộ", "đơn vị"), 28),
    Column("status", "Tình trạng", ("tham dự", "điểm danh", "có mặt vắng"), 12),
    Column("reason", "Lý do vắng", ("lý do",), 30),
    Column("made_up_on", "Ngày học bù", ("học bù ngày",), 14),
)
BY_KEY = {c.key: c for c in COLUMNS}
_ALIASES = {normalise_header(name): c.key for c in COLUMNS for name in (c.header, *c.aliases)}
STATUS_WORDS = {
    Status.PRESENT: ("có mặt", "có", "x", "có mặt đầy đủ", "dự", "tham dự", "present", "cm"),
    Status.ABSENT: ("vắng", "vắng mặt", "v", "không", "nghỉ", "vắng có lý do", "absent"),
    Status.MADE_UP: ("học bù", "bù", "đã học bù", "made up", "hb"),
}
STATUS_LABELS: dict[str, str] = {Status.PRESENT: "Có mặt", Status.ABSENT: "Vắng", Status.MADE_UP: "Học bù"}
_STATUS = {fold(word): code for code, words in STATUS_WORDS.items() for word in (*words, code)}
_CARD = re.compile(r"^[0-9]{8}\Z")


def _mapping(headers: Sequence[Any]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _ALIASES.get(normalise_header(header))
        if key is not None and key not in mapping:
            mapping[key] = index
    return mapping


def _rows(content: bytes) -> Iterator[tuple[int, dict[str, Any], dict[str, int], list[str]]]:
    """(row number, {key: cell value}, mapping, headers) of every row under the header row."""
    reader = open_workbook(content)
    try:
        found = None
        for sheet in reader.sheet_names:
            for number, values in reader.rows(sheet, max_row=HEADER_SCAN_ROWS):
                mapping = _mapping(values)
                if "status" in mapping and {"full_name", "card_number", "person_id"} & mapping.keys():
                    found = (sheet, number, mapping, [" ".join(str(v or "").split()) for v in values])
                    break
            if found:
                break
        if found is None:
            raise ImportFileError(_("No sheet of this file has the columns “Họ và tên” (or “Mã”, or “Số thẻ đảng "
                                    "viên”) and “Tình trạng”. Use the template of the session."))
        sheet, header_row, mapping, headers = found
        for number, values in reader.rows(sheet, min_row=header_row + 1):
            if number - header_row > MAX_ROWS:
                raise ImportFileError(_("The file has more than %(limit)s rows under its header row.") % {
                    "limit": MAX_ROWS})
            yield number, {key: values[index] if index < len(values) else None
                           for key, index in mapping.items()}, mapping, headers
    except ImportFileError:
        raise
    except LimitError as error:
        raise ImportFileError(error.message) from error
    except Exception as error:  # the sheets are read lazily: a damaged part only fails here
        raise ImportFileError(_("The file could not be read as a spreadsheet (.xlsx, .xls or .ods): it may be "
                                "damaged.")) from error
    finally:
        reader.close()


class _Sheet:
    """The people of the session's sheet, to find a row's person; and how to name a column in an error."""

    def __init__(self, session: Session) -> None:
        self.rows = queries.expected_sheet(session)
        self.by_person = {row.person_id: row for row in self.rows}
        self.by_name: dict[str, list[int]] = {}
        for row in self.rows:
            self.by_name.setdefault(fold(row.full_name), []).append(row.person_id)
        members = Member.objects.filter(person_id__in=self.by_person).values_list("card_number", "person_id")
        self.by_card = {card: person_id for card, person_id in members if card}

    def error(self, number: int, key: str, mapping: dict[str, int], headers: list[str], message: str) -> RowError:
        index = mapping.get(key)
        if index is None:
            return RowError(number, "", BY_KEY[key].header, message)
        return RowError(number, get_column_letter(index + 1), headers[index] or BY_KEY[key].header, message)


def _plain(value: Any) -> str:
    """A cell as text; a date typed where text was expected reads as its date (the person is then not found)."""
    try:
        return cells.text(value)
    except cells.CellError:
        return format_date(value) if hasattr(value, "year") else str(value)


def _person(sheet: _Sheet, session: Session, values: dict[str, Any]) -> tuple[int | None, str, str]:
    """(person id, column key, error message) of a row: the person, or the column that failed and why."""
    raw_id, card, name = values.get("person_id"), values.get("card_number"), values.get("full_name")
    if not cells.is_blank(raw_id):
        text = _plain(raw_id)
        if not text.isdigit() or int(text) not in sheet.by_person:
            return None, "person_id", _("No one with the number %(value)s is on the sheet of this session.") % {
                "value": text}
        return int(text), "", ""
    if not cells.is_blank(card):
        text = _plain(card).replace(" ", "")
        if not _CARD.match(text):
            return None, "card_number", _("A party card number has exactly 8 digits.")
        if text not in sheet.by_card:
            return None, "card_number", _("No member with the card number %(value)s is expected at %(org)s on "
                                          "%(day)s.") % {"value": text, "org": session.organisation,
                                                         "day": format_date(session.date)}
        return sheet.by_card[text], "", ""
    if cells.is_blank(name):
        return None, "full_name", _("Give the full name, the number (Mã) or the party card number.")
    found = sheet.by_name.get(fold(_plain(name)), [])
    if not found:
        return None, "full_name", _("%(name)s is not expected at %(org)s on %(day)s.") % {
            "name": _plain(name), "org": session.organisation, "day": format_date(session.date)}
    if len(found) > 1:
        return None, "full_name", _("%(count)s people called %(name)s are on the sheet: give their number (Mã) or "
                                    "card number.") % {"count": len(found), "name": _plain(name)}
    return found[0], "", ""


def _status(values: dict[str, Any], reason: str, made_up: Any) -> str | None:
    raw = values.get("status")
    if cells.is_blank(raw):
        return Status.MADE_UP if made_up is not None else Status.ABSENT if reason else Status.PRESENT
    return _STATUS.get(fold(_plain(raw)))


def parse_attendance_file(session: Session, content: bytes) -> tuple[list[AttendanceEntry], list[RowError]]:
    """The answers of a filled attendance file, and the errors of its rows (row as Excel numbers it, column letter,
    header, message). Blank rows are skipped; a person on the sheet and not in the file is present (the domain's
    default). Raises ImportFileError when the file as a whole cannot be read."""
    sheet = _Sheet(session)
    entries: list[AttendanceEntry] = []
    errors: list[RowError] = []
    seen: dict[int, int] = {}
    for number, values, mapping, headers in _rows(content):
        if all(cells.is_blank(v) for k, v in values.items() if k not in ("number", "organisation")):
            continue
        row_errors: list[RowError] = []

        def fail(key: str, message: str, number: int = number, mapping: dict[str, int] = mapping,
                 headers: list[str] = headers, into: list[RowError] = row_errors) -> None:
            into.append(sheet.error(number, key, mapping, headers, message))

        if any(cells.is_formula(v) for v in values.values() if v is not None):
            fail(next(k for k, v in values.items() if v is not None and cells.is_formula(v)),
                 _("This cell holds a formula: type the value."))
            errors += row_errors
            continue
        person_id, key, message = _person(sheet, session, values)
        if person_id is None:
            fail(key, message)
        elif person_id in seen:
            fail(key or "full_name", _("%(name)s appears twice (also row %(first)s).") % {
                "name": sheet.by_person[person_id].full_name, "first": seen[person_id]})
        elif sheet.by_person[person_id].exempted:
            fail("full_name", _("%(name)s was exempted from activities on %(day)s and is not expected.") % {
                "name": sheet.by_person[person_id].full_name, "day": format_date(session.date)})
        reason = "" if cells.is_blank(values.get("reason")) else _plain(values["reason"])
        made_up = None
        if not cells.is_blank(values.get("made_up_on")):
            try:
                made_up = cells.date(values["made_up_on"])
            except cells.CellError as error:
                fail("made_up_on", str(error))
        status = _status(values, reason, made_up)
        if status is None:
            fail("status", _("Write Có mặt, Vắng or Học bù."))
        if not row_errors and person_id is not None and status is not None:
            seen[person_id] = number
            entries.append(AttendanceEntry(person_id, status, reason, made_up, row=number))
        errors += row_errors
    return entries, errors


# ---------------------------------------------------------------- the template


def attendance_template(session: Session) -> bytes:
    """The .xlsx to fill in for `session`: one row per person expected (the recorded answers if any, else present),
    choice list for the status, dates as dates; a second sheet says what the session is and how to fill it in."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Điểm danh"
    sheet.append([c.header for c in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = column.width
    expected = [row for row in queries.expected_sheet(session) if not row.exempted]
    cards = dict(Member.objects.filter(pk__in=[r.member_id for r in expected if r.member_id]).values_list(
        "pk", "card_number"))
    for number, row in enumerate(expected, start=1):
        status = STATUS_LABELS.get(row.status or Status.PRESENT, "Có mặt")
        sheet.append([number, cell_value(row.full_name), cards.get(row.member_id or 0) or None, row.person_id,
                      cell_value(row.organisation_name), status, cell_value(row.reason), row.made_up_on])
        sheet.cell(number + 1, 3).number_format = "@"
        sheet.cell(number + 1, 8).number_format = DATE_FORMAT
    last = max(2, len(expected) + 1)
    validation = DataValidation(type="list", formula1='"Có mặt,Vắng,Học bù"', allow_blank=True)
    validation.add(f"F2:F{last}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = "C2"
    _instructions(workbook.create_sheet("Hướng dẫn"), session)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(sheet: Any, session: Session) -> None:
    sheet.append([_("Campaign"), cell_value(str(session.campaign))])
    sheet.append([_("Organised by"), cell_value(str(session.organisation))])
    sheet.append([_("Date"), format_date(session.date)])
    sheet.append([])
    sheet.append([_("Status: Có mặt, Vắng (write the reason) or Học bù (write the date it was made up, "
                    "day/month/year). Keep the column “Mã”: it names the person. A person left out of the file "
                    "is present. Every row is checked before anything is recorded; if one row has an error, "
                    "nothing is recorded.")])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 18, 80
