"""Exports: small registered classes, one shared renderer (pretix `base/exporter.py` style).

An exporter names itself (identifier), carries a label (a msgid, Vietnamese once
translated), the capability it needs, its columns and a function yielding rows. Rendering
to XLSX or CSV lives here once, with the escaping every export needs:

- formula injection: a text starting with = + - @ (or tab, CR, LF) would run as a formula
  when the file is opened in a spreadsheet; it is written with a leading apostrophe, so it
  reads as the text it is (OWASP "CSV injection");
- characters XML forbids (control characters) are dropped, as openpyxl refuses them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from xaydungdang.accounts.capabilities import Capability

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "DD/MM/YYYY"  # Vietnamese order (DOMAIN.md §7)
_SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise  # the header cell
    width: int = 18
    is_date: bool = False


class Exporter(ABC):
    """One export. Subclasses set the class attributes and implement columns() and rows()."""

    identifier: ClassVar[str]
    label: ClassVar[str | Promise]
    capability: ClassVar[str] = Capability.VIEW

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @abstractmethod
    def columns(self) -> Sequence[Column]: ...

    @abstractmethod
    def rows(self) -> Iterable[Sequence[Any]]:
        """The rows, each in the order of columns()."""

    def filename(self) -> str:
        return self.identifier

    def sheet_title(self) -> str:
        return str(self.label)

    def exported(self, row_count: int) -> None:  # noqa: B027 - a hook, empty unless a subclass needs it
        """Called once the file is rendered (an export of sensitive data is audited here)."""


EXPORTERS: dict[str, type[Exporter]] = {}
E = TypeVar("E", bound=type[Exporter])


def register(exporter: E) -> E:
    if exporter.identifier in EXPORTERS:
        raise ValueError(f"two exporters named {exporter.identifier!r}")
    EXPORTERS[exporter.identifier] = exporter
    return exporter


def available(scope: Any) -> list[type[Exporter]]:
    """The exporters a scope may run, by label."""
    return sorted((e for e in EXPORTERS.values() if scope.has(e.capability)), key=lambda e: str(e.label))


def escape_text(text: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def cell_value(value: Any) -> Any:
    """What a spreadsheet cell may safely hold: numbers and dates as they are, any text escaped."""
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    return escape_text(str(value)) or None  # an empty text is an empty cell


def render_xlsx(columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, title: str) -> tuple[bytes, int]:
    """The workbook (one sheet, bold frozen header, dates as real dates) and the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title.translate(_SHEET_TITLE_FORBIDDEN)[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append([_header_cell(sheet, column) for column in columns])
    makers = [_date_cell(sheet) if c.is_date else cell_value for c in columns]
    count = 0
    for row in rows:
        sheet.append([make(value) for make, value in zip(makers, row, strict=True)])
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def _header_cell(sheet: Any, column: Column) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=escape_text(str(column.label)))
    cell.font = Font(bold=True)
    return cell


def _date_cell(sheet: Any) -> Callable[[Any], Any]:
    def make(value: Any) -> Any:
        if not isinstance(value, dt.date):
            return cell_value(value)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell

    return make


def render_csv(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> tuple[bytes, int]:
    """UTF-8 with a byte-order mark (so Excel reads Vietnamese correctly), dates as d/m/yyyy."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_text(str(c.label)) for c in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def _csv_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    return "" if value is None else cell_value(value)


def export_response(exporter: Exporter, file_format: str = "xlsx") -> HttpResponse:
    """Render an exporter as a download ("xlsx" or "csv") and tell it how many rows went out."""
    if file_format == "csv":
        content, count = render_csv(exporter.columns(), exporter.rows())
        content_type, extension = CSV, "csv"
    else:
        content, count = render_xlsx(exporter.columns(), exporter.rows(), title=exporter.sheet_title())
        content_type, extension = XLSX, "xlsx"
    exporter.exported(count)
    return download(content, content_type, f"{exporter.filename()}.{extension}")


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename)  # codes are data: no quote or newline reaches the header
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
