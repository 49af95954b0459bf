"""A fast, streaming reader of .xlsx cell values (what an import needs, nothing more).

Why not openpyxl's read-only mode: on a 50,000-row sheet it spends most of its time in
per-cell Python objects, and on files without a leading <dimension> (openpyxl's own
write-only output, several exporters) it parses the whole sheet once more just to size it;
the import of 50,000 rows must take under a minute, checks included. This reader streams
each row with lxml and returns plain values, as openpyxl does with values_only=True and
data_only=False: text, int, float, bool, datetime for date-formatted numbers, and a formula
as its text starting with "=" (so the import can refuse it). Entities and network access
are disabled in the XML parser (the file is untrusted).
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
ROW, CELL, VALUE, FORMULA, INLINE = (f"{MAIN}{t}" for t in ("row", "c", "v", "f", "is"))
TEXT, PHONETIC = f"{MAIN}t", f"{MAIN}rPh"
DIGITS = "0123456789"
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_TAIL = 64  # longer than any row start tag
MAX_PART_BYTES = 512 * 1024 * 1024  # uncompressed size of one part: beyond it, a zip bomb rather than a list


class WorkbookError(Exception):
    """The bytes are not a readable .xlsx workbook."""


def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


class XlsxReader:
    def __init__(self, content: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(content))
            self._sheets, self._epoch = self._read_workbook()
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as error:
            raise WorkbookError(str(error)) from error
        self._strings: list[str] | None = None
        self._dates: set[int] | None = None

    @property
    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def close(self) -> None:
        self.archive.close()

    def _open(self, name: str) -> IO[bytes]:
        if self.archive.getinfo(name).file_size > MAX_PART_BYTES:
            raise WorkbookError(f"{name} is too large")
        return self.archive.open(name)

    def _tree(self, name: str) -> Any:
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
            if "xl/sharedStrings.xml" in self.archive.namelist():
                with self._open("xl/sharedStrings.xml") as part:
                    for _event, item in etree.iterparse(part, tag=f"{MAIN}si", **_parser_options()):
                        self._strings.append(_text_of(item))
                        item.clear()
        return self._strings

    def _date_styles(self) -> set[int]:
        """Indexes of the cell formats that show numbers as dates."""
        if self._dates is None:
            self._dates = set()
            if "xl/styles.xml" in self.archive.namelist():
                root = self._tree("xl/styles.xml").getroot()
                codes = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{MAIN}numFmt")}
                formats = root.find(f"{MAIN}cellXfs")
                for index, xf in enumerate(formats if formats is not None else ()):
                    number_format = int(xf.get("numFmtId", 0))
                    code = codes.get(number_format, BUILTIN_FORMATS.get(number_format, "General"))
                    if is_date_format(code):
                        self._dates.add(index)
        return self._dates

    def count_rows(self, sheet: str) -> int:
        """How many rows the sheet holds (row elements, empty formatted ones included), without parsing it:
        a declared <dimension> may be missing or wrong, and a full parse costs seconds on a large sheet."""
        count, tail = 0, b""
        with self._open(self._sheets[sheet]) as part:
            while chunk := part.read(1 << 20):
                data = tail + chunk
                cut = len(data) - _TAIL  # a tag starting after this is counted with the next chunk
                count += sum(1 for match in _ROW_START.finditer(data) if match.start() < cut)
                tail = data[cut:]
        return count + len(_ROW_START.findall(tail))

    def rows(self, sheet: str, min_row: int = 1, max_row: int | None = None) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values from column A) of the rows the sheet holds; empty rows may be absent."""
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


class _ColumnIndex(dict[str, int]):
    """Column letters ("AB") -> 0-based column index, computed once per column."""

    def __missing__(self, letters: str) -> int:
        index = column_index_from_string(letters) - 1
        self[letters] = index
        return index


def _text_of(element: Any) -> str:
    """The text of a string item or inline string: its runs, without phonetic hints."""
    return "".join(t.text or "" for t in element.iter(TEXT) if t.getparent().tag != PHONETIC)
