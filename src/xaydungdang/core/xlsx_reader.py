"""A fast, streaming reader of .xlsx cell values (what an import needs, nothing more).

Why not openpyxl's read-only mode: on a 50,000-row sheet it spends most of its time in
per-cell Python objects, and on files without a leading <dimension> (openpyxl's own
write-only output, several exporters) it parses the whole sheet once more just to size it;
the import of 50,000 rows must take under a minute, checks included. This reader streams
each row with lxml and returns plain values, as openpyxl does with values_only=True and
data_only=False: text, int, float, bool, datetime for date-formatted numbers, and a formula
as its text starting with "=" (so the import can refuse it). Entities and network access
are disabled in the XML parser (the file is untrusted).

The file is untrusted, so its cost is bounded before it is parsed (core.bounded_zip): the archive's
directory and declared sizes when it is opened; the shared strings counted in their raw bytes
before the list is built; each sheet's rows, cells and cells per row counted the same way before
its first row is parsed; a value beyond the last allowed column refused as it is read. A
refusal raises bounded_zip.LimitError, whose message names the limit.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from xaydungdang.core.bounded_zip import (
    LIMITS,
    MB,
    LimitError,
    Limits,
    Tags,
    chunks,
    count_tags,
    elements,
    open_zip,
    too_large,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
ROW, CELL, VALUE, FORMULA, INLINE = (f"{MAIN}{t}" for t in ("row", "c", "v", "f", "is"))
TEXT, PHONETIC = f"{MAIN}t", f"{MAIN}rPh"
DIGITS = "0123456789"
SMALL_PART_BYTES = 4 * MB  # workbook.xml and its relationships are parsed whole: a few KB in real files


class WorkbookError(Exception):
    """The bytes are not a readable .xlsx workbook."""


def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


class XlsxReader:
    def __init__(self, content: bytes, limits: Limits = LIMITS) -> None:
        self.limits = limits
        try:
            self.archive = open_zip(content, limits)
            self._sheets, self._epoch = self._read_workbook()
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as error:
            raise WorkbookError(str(error)) from error
        self._strings: list[str] | None = None
        self._dates: set[int] | None = None
        self._row_counts: dict[str, int] = {}

    @property
    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def close(self) -> None:
        self.archive.close()

    def _open(self, name: str) -> IO[bytes]:
        return self.archive.open(name)

    def _tree(self, name: str) -> Any:
        if self.archive.archive.getinfo(name).file_size > SMALL_PART_BYTES:
            raise WorkbookError(f"{name} is too large")
        with self._open(name) as part:
            return etree.parse(part, etree.XMLParser(**_parser_options()))

    def _read_workbook(self) -> tuple[dict[str, str], dt.datetime]:
        """Worksheet name -> part name, in workbook order (chart sheets left out), and the date epoch."""
        targets = {rel.get("Id"): rel.get("Target") for rel in self._tree("xl/_rels/workbook.xml.rels").getroot()
                   if str(rel.get("Type", "")).endswith("/worksheet")}
        workbook = self._tree("xl/workbook.xml").getroot()
        properties = workbook.find(f"{MAIN}workbookPr")
        mac = properties is not None and properties.get("date1904", "false").lower() in ("1", "true")
        sheets = {}
        for sheet in workbook.iter(f"{MAIN}sheet"):
            target = targets.get(sheet.get(f"{REL}id"))
            if target is not None:
                sheets[sheet.get("name", "")] = (target.lstrip("/") if target.startswith("/")
                                                 else posixpath.normpath(posixpath.join("xl", target)))
        return sheets, CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if "xl/sharedStrings.xml" in self.archive:
                with self._open("xl/sharedStrings.xml") as part:  # counted before any string is kept
                    count_tags(part, b"si", self.limits.shared_strings, self._too_many_strings)
                with self._open("xl/sharedStrings.xml") as part:
                    for _event, item in etree.iterparse(part, tag=f"{MAIN}si", **_parser_options()):
                        self._strings.append(_text_of(item))
                        item.clear()
                        if len(self._strings) > self.limits.shared_strings:  # however the tags were written
                            raise self._too_many_strings()
        return self._strings

    def _too_many_strings(self) -> LimitError:
        return too_large(_("shared text values"), self.limits.shared_strings)

    def _date_styles(self) -> set[int]:
        """Indexes of the cell formats that show numbers as dates."""
        if self._dates is None:
            self._dates = set()
            if "xl/styles.xml" in self.archive:
                self._dates = self._read_date_styles()
        return self._dates

    def _read_date_styles(self) -> set[int]:
        """Streamed (a hostile styles part may hold millions of formats); numFmts come before cellXfs."""
        codes: dict[int, str] = {}
        dates: set[int] = set()
        index, in_cell_formats = 0, False
        with self._open("xl/styles.xml") as part:
            for event, element in etree.iterparse(part, events=("start", "end"), **_parser_options()):
                if element.tag == f"{MAIN}cellXfs":
                    in_cell_formats = event == "start"
                elif event == "end" and element.tag == f"{MAIN}numFmt":
                    codes[int(element.get("numFmtId"))] = element.get("formatCode", "")
                elif event == "end" and element.tag == f"{MAIN}xf" and in_cell_formats:
                    number_format = int(element.get("numFmtId", 0))
                    if is_date_format(codes.get(number_format, BUILTIN_FORMATS.get(number_format, "General"))):
                        dates.add(index)
                    index += 1
                if event == "end" and element.getparent() is not None:
                    element.clear()
        return dates

    def count_rows(self, sheet: str) -> int:
        """How many rows the sheet holds (row elements, empty formatted ones included), without parsing it:
        a declared <dimension> may be missing or wrong, and a full parse costs seconds on a large sheet.
        The same pass refuses a sheet with too many rows, cells, or cells in one row."""
        if sheet not in self._row_counts:
            with self._open(self._sheets[sheet]) as part:
                self._row_counts[sheet] = _scan_sheet(part, self.limits)
        return self._row_counts[sheet]

    def rows(self, sheet: str, min_row: int = 1, max_row: int | None = None) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values from column A) of the rows the sheet holds; empty rows may be absent."""
        self.count_rows(sheet)  # bounded before the first row is parsed
        strings, dates, columns = self._shared_strings(), self._date_styles(), _ColumnIndex()
        number = 0
        with self._open(self._sheets[sheet]) as part:
            for _event, row in etree.iterparse(part, tag=ROW, **_parser_options()):
                number = int(row.get("r") or number + 1)
                if max_row is not None and number > max_row:
                    break
                if number >= min_row:
                    yield number, self._row_values(row, columns, strings, dates)
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]

    def _row_values(self, row: Any, columns: _ColumnIndex, strings: list[str], dates: set[int]) -> tuple[Any, ...]:
        values: list[Any] = []
        for cell in row.iterchildren(CELL):
            ref = cell.get("r")
            index = columns[ref.rstrip(DIGITS)] if ref else len(values)
            if index >= self.limits.columns:
                if len(cell):  # a value out there; an empty formatted cell is only skipped
                    raise too_large(_("columns"), self.limits.columns)
                continue
            if index > len(values):
                values.extend([None] * (index - len(values)))
            values.append(self._value(cell, strings, dates))
        return tuple(values)

    def _value(self, cell: Any, strings: list[str], dates: set[int]) -> Any:
        raw = formula = None
        for child in cell:
            if child.tag == VALUE:
                raw = child.text
            elif child.tag == FORMULA:
                formula = child.text or ""
            elif child.tag == INLINE:
                return _text_of(child)
        if formula is not None:
            return "=" + formula
        kind = cell.get("t")
        if raw is None:
            return None
        if kind == "s":
            return strings[int(raw)]
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw == "1"
        if kind == "d":
            return dt.datetime.fromisoformat(raw)
        number = int(raw) if raw.lstrip("-").isdigit() else float(raw)
        style = cell.get("s")
        if style is not None and int(style) in dates:
            return from_excel(number, self._epoch)
        return number


def _scan_sheet(part: IO[bytes], limits: Limits) -> int:
    """Row elements of a sheet, counted in its raw bytes; refused past the limits of rows, cells and cells
    per row (iterparse holds a whole row in memory, so a row of millions of cells must not reach it).
    Elements of any name count too (16 per cell of a row, 4 per cell of the sheet): rich text has a
    few per cell, and a file naming its cells with an unexpected prefix is bounded all the same."""
    rows = cells = total = current = current_elements = 0
    tags: Tags | None = None
    for data in chunks(part):
        if tags is None:
            tags = Tags(data)
            row_start = tags.pattern(b"row")
        pieces = row_start.split(data)  # the first piece goes on with the row the previous chunk was in
        for index, piece in enumerate(pieces):
            found, everything = tags.count(piece, b"c"), elements(piece)
            current = current + found if index == 0 else found
            current_elements = current_elements + everything if index == 0 else everything
            cells, total = cells + found, total + everything
            if current > limits.row_cells or current_elements > 16 * limits.row_cells:
                raise too_large(_("cells in one row"), limits.row_cells)
        rows += len(pieces) - 1
        if rows > limits.rows:
            raise too_large(_("rows"), limits.rows)
        if cells > limits.cells or total > 4 * limits.cells:
            raise too_large(_("cells"), limits.cells)
    return rows


class _ColumnIndex(dict[str, int]):
    """Column letters ("AB") -> 0-based column index, computed once per column."""

    def __missing__(self, letters: str) -> int:
        index = column_index_from_string(letters) - 1
        self[letters] = index
        return index


def _text_of(element: Any) -> str:
    """The text of a string item or inline string: its runs, without phonetic hints."""
    return "".join(t.text or "" for t in element.iter(TEXT) if t.getparent().tag != PHONETIC)
