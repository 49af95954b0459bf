"""Excel import of party members: read the workbook, map its columns, check every row, write all or nothing.

1. `inspect_workbook` finds the sheet and its header row and matches the headers to fields,
   ignoring diacritics, case and punctuation, so lists exported by other software map too.
2. The user confirms or adjusts the mapping (views_import.MappingForm).
3. `validate` checks every row without writing: formats, impossible dates and date order,
   identifiers (format, duplicates in the file and in the database), organisation codes
   (known, within the user's scope, existing on the membership date) and formula cells.
4. import_commit.write_members writes every row in one transaction, only when no row has an error.

The job around these steps (status, progress, background runs) is in members.tasks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from xaydungdang.core.bounded_zip import LimitError
from xaydungdang.core.calamine_reader import CalamineReader, is_ods
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.core.text import fold
from xaydungdang.core.xlsx_reader import WorkbookError, XlsxReader
from xaydungdang.members import import_cells as cells
from xaydungdang.members.domain import admission_date_errors, require_active_org
from xaydungdang.members.import_changes import IDENTIFIERS, Change, match
from xaydungdang.members.models import (
    CARD_NUMBER,
    LYLICH_NUMBER,
    Member,
    Person,
    Sex,
    TheoryLevel,
)
from xaydungdang.organisations.models import Organisation

MAX_ROWS = 100_000
HEADER_SCAN_ROWS = 10  # the header row is looked for among the first rows of each sheet
MIN_HEADER_MATCHES = 2
LOOKUP_CHUNK = 500  # values per IN (...) query, well under every database's parameter limit
PROGRESS_EVERY = 1000
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class ImportField:
    """A field a column can fill. `header` is the template's column name: part of the file format."""

    key: str
    header: str
    kind: str = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()
    in_template: bool = True


FIELDS = (
    ImportField("full_name", "Họ và tên", required=True, aliases=("họ tên", "họ tên đảng viên", "tên đảng viên")),
    ImportField("sex", "Giới tính", "sex", required=True),
    ImportField("birth_date", "Ngày sinh", "date", aliases=("ngày tháng năm sinh", "sinh ngày")),
    ImportField("hometown", "Quê quán", aliases=("nguyên quán",)),
    ImportField("residence", "Nơi ở hiện nay", aliases=("nơi ở", "chỗ ở hiện nay", "nơi cư trú", "địa chỉ")),
    ImportField("ethnicity", "Dân tộc"),
    ImportField("religion", "Tôn giáo"),
    ImportField("national_id", "Số CCCD", "national_id",
                aliases=("cccd", "số căn cước công dân", "số căn cước", "số cmnd", "cmnd", "số cmnd cccd",
                         "số định danh cá nhân")),
    ImportField("education", "Trình độ học vấn", aliases=("học vấn", "trình độ văn hóa", "giáo dục phổ thông")),
    ImportField("professional_level", "Trình độ chuyên môn", aliases=("chuyên môn", "chuyên môn nghiệp vụ")),
    ImportField("theory_level", "Lý luận chính trị", "theory", aliases=("trình độ lý luận chính trị", "llct")),
    ImportField("job", "Nghề nghiệp", aliases=("nghề nghiệp hiện nay",)),
    ImportField("position", "Chức vụ", aliases=("chức vụ hiện nay",)),
    ImportField("card_number", "Số thẻ đảng viên", "card", aliases=("số thẻ đảng", "số thẻ")),
    ImportField("lylich_number", "Số lý lịch", "lylich", aliases=("số lý lịch đảng viên", "số ll")),
    ImportField("admission_decision_date", "Ngày quyết định kết nạp", "date", aliases=("ngày qđ kết nạp",)),
    ImportField("admission_ceremony_date", "Ngày kết nạp", "date", aliases=("ngày vào đảng", "ngày kết nạp đảng")),
    ImportField("official_decision_date", "Ngày công nhận chính thức", "date",
                aliases=("ngày chính thức", "ngày công nhận đảng viên chính thức")),
    ImportField("organisation_code", "Mã tổ chức", "code", required=True,
                aliases=("mã tổ chức đảng", "mã chi bộ", "mã đơn vị")),
    ImportField("since", "Sinh hoạt từ ngày", "date", required=True,
                aliases=("ngày sinh hoạt", "sinh hoạt tại chi bộ từ ngày")),
    ImportField("birth_place", "Nơi sinh", aliases=("nơi sinh ra",)),
    ImportField("health", "Sức khỏe", aliases=("tình trạng sức khỏe", "sức khoẻ")),
    # The last column, so files made from the earlier template keep their column letters.
    ImportField("audiences", "Đối tượng", "audiences", aliases=("nhóm đối tượng", "đối tượng đảng viên")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
REQUIRED = tuple(f.key for f in FIELDS if f.required)
PERSON_KEYS = ("full_name", "sex", "birth_date", "birth_place", "hometown", "residence", "ethnicity", "religion",
               "national_id", "health", "education", "professional_level", "theory_level", "job", "position")
DATE_KEYS = tuple(f.key for f in FIELDS if f.kind == "date")
# The words files use for sex and theory level (folded); the export writes the first of each.
SEX_WORDS: dict[str, tuple[str, ...]] = {Sex.MALE: ("nam", "male"), Sex.FEMALE: ("nữ", "nu", "female")}
THEORY_WORDS: dict[str, tuple[str, ...]] = {
    TheoryLevel.ELEMENTARY: ("sơ cấp",), TheoryLevel.INTERMEDIATE: ("trung cấp",),
    TheoryLevel.ADVANCED: ("cao cấp",), TheoryLevel.BACHELOR: ("cử nhân",), TheoryLevel.NONE: ("không", "chưa có")}


def normalise_header(text: Any) -> str:
    """ "1. Họ và tên (*)" -> "ho va ten": folded, punctuation and a leading number dropped."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).split()
    return " ".join(words[1:] if words and words[0].isdigit() else words)


_ALIASES = {normalise_header(name): f.key for f in FIELDS for name in (f.header, *f.aliases)}
_SEX = {fold(word): code for code, words in SEX_WORDS.items() for word in words}
_THEORY = {fold(word): code for code, words in THEORY_WORDS.items() for word in (*words, code)}


def _readers() -> dict[str, cells.Reader]:
    """Field key -> cell reader (messages in the active language, so built per validation)."""
    special: dict[str, cells.Reader] = {
        "date": cells.date,
        "sex": cells.choice(_SEX, _("Write Nam or Nữ.")),
        "theory": cells.choice(_THEORY, _("Write Sơ cấp, Trung cấp, Cao cấp or Cử nhân, or leave the cell empty.")),
        "national_id": cells.national_id,
        "card": cells.identifier(CARD_NUMBER, upper=False),
        "lylich": cells.identifier(LYLICH_NUMBER, upper=True),
        "code": cells.text,
        "audiences": cells.audiences(),
    }
    readers = {f.key: special.get(f.kind) or cells.limited(_max_length(f.key)) for f in FIELDS}
    readers["birth_date"] = cells.birth_date  # the range of birth dates (core.dates.BIRTH), not of events
    return readers


def _max_length(key: str) -> int:
    model = Person if key in PERSON_KEYS else Member
    return getattr(model._meta.get_field(key), "max_length", None) or 255


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not a workbook, empty, no header row…)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel numbers it
    column: str  # letter, "" when the error is not about one cell
    field: str  # the column's header in the file
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class Layout:
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[str, int]  # field key -> column index
    data_rows: int = 0  # rows under the header, empty formatted ones included (decides inline or task)


@dataclass
class Validation:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, clean values)
    errors: list[RowError] = field(default_factory=list)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    changes: dict[int, Change] = field(default_factory=dict)  # row number -> the recorded member it changes

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def valid_rows(self) -> int:
        return len(self.rows) - self.bad_rows


# ---------------------------------------------------------------- reading the workbook


def open_workbook(content: bytes) -> XlsxReader | CalamineReader:
    """The reader for the file's format, read from its first bytes: .xlsx, .xls (Excel 97–2003) or .ods."""
    if not content:
        raise ImportFileError(_("The file is empty."))
    if not content.startswith((_OLE2, _ZIP)):
        raise ImportFileError(_("This is not a spreadsheet file (.xlsx, .xls or .ods)."))
    try:
        return CalamineReader(content) if content.startswith(_OLE2) or is_ods(content) else XlsxReader(content)
    except LimitError as error:
        raise ImportFileError(error.message) from error
    except WorkbookError as error:
        raise ImportFileError(_damaged()) from error


def _damaged() -> str:
    return _("The file could not be read as a spreadsheet (.xlsx, .xls or .ods): it may be damaged.")


def auto_mapping(headers: Sequence[Any]) -> dict[str, int]:
    """Field key -> column index for the headers we recognise (the first column wins)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _ALIASES.get(normalise_header(header))
        if key is not None and key not in mapping:
            mapping[key] = index
    return mapping


def inspect_workbook(content: bytes) -> Layout:
    """Find the sheet and row holding the most recognisable headers, and propose a mapping."""
    reader = open_workbook(content)
    try:
        best, anything = _best_header(reader)
        if best is None:
            raise ImportFileError(_("No sheet in this file has a row of column headers we recognise (such as "
                                    "“Họ và tên”, “Ngày sinh”). Use the template, or check the sheet.")
                                  if anything else _("The file is empty."))
        sheet, row, headers = best
        if not any(any(not cells.is_blank(v) for v in values) for _n, values in reader.rows(sheet, min_row=row + 1)):
            raise ImportFileError(_("The file has no member rows under its header row."))
        return Layout(sheet, row, headers, auto_mapping(headers), max(0, reader.count_rows(sheet) - row))
    except ImportFileError:
        raise
    except LimitError as error:
        raise ImportFileError(error.message) from error
    except Exception as error:  # the sheets are read lazily: a damaged part only fails here
        raise ImportFileError(_damaged()) from error
    finally:
        reader.close()


def _best_header(reader: XlsxReader | CalamineReader) -> tuple[tuple[str, int, list[str]] | None, bool]:
    best: tuple[str, int, list[str]] | None = None
    best_score, anything = MIN_HEADER_MATCHES - 1, False
    for sheet in reader.sheet_names:
        for number, values in reader.rows(sheet, max_row=HEADER_SCAN_ROWS):
            anything = anything or any(not cells.is_blank(v) for v in values)
            score = len(auto_mapping(values))
            if score > best_score:
                best_score = score
                best = (sheet, number, [_header_text(v) for v in values])
    return best, anything


def _header_text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def read_rows(content: bytes, sheet: str, header_row: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cell values) of every row under the header, formulas as their text."""
    reader = open_workbook(content)
    try:
        if sheet not in reader.sheet_names:
            raise ImportFileError(_("The sheet %(sheet)s is no longer in the file.") % {"sheet": sheet})
        yield from reader.rows(sheet, min_row=header_row + 1)
    except ImportFileError:
        raise
    except LimitError as error:
        raise ImportFileError(error.message) from error
    except Exception as error:
        raise ImportFileError(_damaged()) from error
    finally:
        reader.close()


# ---------------------------------------------------------------- validation


class _Columns:
    """Where each mapped field sits in the file, to name it in errors."""

    def __init__(self, layout: Layout) -> None:
        self.mapping = layout.mapping
        self.headers = layout.headers

    def error(self, row: int, key: str, message: str) -> RowError:
        index = self.mapping.get(key)
        if index is None:
            return RowError(row, "", FIELD_BY_KEY[key].header, message)
        header = self.headers[index] if index < len(self.headers) and self.headers[index] else ""
        return RowError(row, get_column_letter(index + 1), header or FIELD_BY_KEY[key].header, message)


def mapping_errors(mapping: dict[str, int]) -> list[str]:
    """What is wrong with a mapping: required fields without a column, a column used twice."""
    errors = [_("Choose the column holding “%(field)s”.") % {"field": FIELD_BY_KEY[key].header}
              for key in REQUIRED if key not in mapping]
    used = list(mapping.values())
    if len(used) != len(set(used)):
        errors.append(_("A column can fill only one field."))
    return errors


def validate(content: bytes, layout: Layout, *, editable: QuerySet[Organisation],
             progress: Callable[[int], None] | None = None) -> Validation:
    """Check every row; nothing is written. `editable`: the organisations the user may record members in."""
    problems = mapping_errors(layout.mapping)
    if problems:
        raise ImportFileError(" ".join(problems))
    columns, readers, result = _Columns(layout), _readers(), Validation()
    for number, values in read_rows(content, layout.sheet, layout.header_row):
        row = {key: values[index] if index < len(values) else None for key, index in layout.mapping.items()}
        if all(cells.is_blank(v) for v in row.values()):
            continue
        if len(result.rows) == MAX_ROWS:
            raise ImportFileError(_("The file has more than %(limit)s rows: split it into several files.")
                                  % {"limit": f"{MAX_ROWS:,}".replace(",", ".")})
        clean, errors = _clean_row(number, row, columns, readers)
        result.rows.append((number, clean))
        result.errors += errors
        if progress is not None and len(result.rows) % PROGRESS_EVERY == 0:
            progress(len(result.rows))
    if not result.rows:
        raise ImportFileError(_("The file has no member rows under its header row."))
    _check_across_rows(result, columns, editable)
    return result


def _clean_row(number: int, row: dict[str, Any], columns: _Columns,
               readers: dict[str, cells.Reader]) -> tuple[dict[str, Any], list[RowError]]:
    clean: dict[str, Any] = {}
    errors: list[RowError] = []
    for key, raw in row.items():
        if cells.is_formula(raw):
            errors.append(columns.error(number, key, _("Formulas are not accepted: type the value itself.")))
        elif cells.is_blank(raw):
            if FIELD_BY_KEY[key].required:
                errors.append(columns.error(number, key, _("This field is required.")))
        else:
            try:
                value = readers[key](raw)
                if value != ():  # a cell of separators only (audience groups: ", ;") is empty: it changes nothing
                    clean[key] = value
            except cells.CellError as error:
                errors.append(columns.error(number, key, str(error)))
    return clean, errors + _date_errors(number, clean, columns)


def _date_errors(number: int, clean: dict[str, Any], columns: _Columns) -> list[RowError]:
    now = today()
    errors = [columns.error(number, key, _("The date %(day)s is later than today.") % {"day": format_date(clean[key])})
              for key in DATE_KEYS if key in clean and clean[key] > now]
    decision, ceremony = clean.get("admission_decision_date"), clean.get("admission_ceremony_date")
    official = clean.get("official_decision_date")
    # The same rules, and words, as members.domain.register_member.
    errors += [columns.error(number, "admission_ceremony_date", m)
               for m in admission_date_errors(decision, ceremony, None)]
    errors += [columns.error(number, "official_decision_date", m)
               for m in admission_date_errors(None, ceremony, official)]
    return errors


def _check_across_rows(result: Validation, columns: _Columns, editable: QuerySet[Organisation]) -> None:
    for key in IDENTIFIERS:
        result.errors += _duplicates(result.rows, key, columns)
    repeated = {e.row for e in result.errors}
    matching = match([(n, c) for n, c in result.rows if n not in repeated], editable, columns.error, PERSON_KEYS)
    result.changes, result.errors = matching.changes, result.errors + matching.errors
    result.organisations = _organisation_lookup(result.rows, editable)
    result.errors += _organisation_errors(result.rows, result.organisations, columns)
    result.errors.sort(key=lambda e: (e.row, len(e.column), e.column))


def _duplicates(rows: list[tuple[int, dict[str, Any]]], key: str, columns: _Columns) -> list[RowError]:
    """A number twice in the file, flagged where it appears again. Numbers already recorded are
    matched by import_changes (a member of the user's scope is changed, any other is taken)."""
    errors: list[RowError] = []
    first_seen: dict[str, int] = {}
    for number, clean in rows:
        value = clean.get(key)
        if value is None:
            continue
        if value in first_seen:
            errors.append(columns.error(number, key, _("The number %(value)s is already on row %(row)s of this "
                                                       "file.") % {"value": value, "row": first_seen[value]}))
        else:
            first_seen[value] = number
    return errors


def _organisation_lookup(rows: list[tuple[int, dict[str, Any]]],
                         editable: QuerySet[Organisation]) -> dict[str, Organisation]:
    """Code -> organisation, for the codes of the file that the user may record members in."""
    codes = sorted({clean["organisation_code"] for _n, clean in rows if "organisation_code" in clean})
    found: dict[str, Organisation] = {}
    for start in range(0, len(codes), LOOKUP_CHUNK):
        found.update((o.code, o) for o in editable.filter(code__in=codes[start:start + LOOKUP_CHUNK]))
    return found


def _organisation_errors(rows: list[tuple[int, dict[str, Any]]], organisations: dict[str, Organisation],
                         columns: _Columns) -> list[RowError]:
    errors = []
    for number, clean in rows:
        code = clean.get("organisation_code")
        if code is None:
            continue
        organisation = organisations.get(code)
        if organisation is None:
            # Unknown and out of scope read the same: the existence of other units is not revealed.
            errors.append(columns.error(number, "organisation_code", _(
                "No organisation you may record members in has the code %(code)s.") % {"code": code}))
        elif "since" in clean:
            try:
                require_active_org(organisation, clean["since"])
            except ValidationError as error:
                errors += [columns.error(number, "organisation_code", m) for m in error.messages]
    return errors
