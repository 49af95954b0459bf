"""Reading .xls (Excel 97–2003) and .ods (OpenDocument) workbooks with python-calamine, bounded.

Offices still keep member lists in these formats (issue 10.6). calamine reads them well but
loads a whole sheet into a dense grid, so the cost of a hostile file is bounded twice:

- in front, as for .xlsx (core.bounded_zip): an .ods is a zip, whose directory, declared and
  actual unpacked sizes and count of cell elements are checked before calamine sees it; an
  .xls is bounded by its file size;
- around: calamine runs in a child process (core.calamine_child) with the operating system's
  limits on its memory and CPU time, and counts the rows, columns, cells and bytes it hands back.

A hostile file must cost under 200 MB and 2 s (issue 9.7), the child and the server together.
The child's address space is the bound that matters: two values at A1 and at IV20000 of a 6 KB
.xls make calamine fill a grid of 5 million cells (325 MB). So the child gets 128 MB, the
server keeps at most CELLS values and OUTPUT_BYTES of text it hands back, and an .xls is
at most MAX_XLS_BYTES. A legitimate list fits: 20,000 members of the template (22 columns) are a
6.8 MB .xls, read with a 90 MB child peak and 60 MB in the server, in about 1 s; the refusals say
so (LEGIT_ROWS), larger lists go as .xlsx, whose streaming reader has no such cost.

.xlsx files keep the streaming reader (core.xlsx_reader): it refuses formulas (calamine gives
their cached values only) and reads a 50,000-row sheet in a fraction of the memory.
The reader offers what importing uses of XlsxReader: sheet_names, rows, count_rows, close.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import resource
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from lxml import etree

from xaydungdang.core import calamine_child
from xaydungdang.core.bounded_zip import LIMITS, MB, LimitError, Limits, count_tags, open_zip, too_large
from xaydungdang.core.formatting import format_number
from xaydungdang.core.xlsx_reader import WorkbookError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_XLS_BYTES = 8 * MB  # BIFF packs a cell in 6 to 20 bytes: 1.3 million values at most
LEGIT_ROWS = 20_000  # members of the template an .xls or .ods may hold (what the refusals state)
CELLS = 600_000  # values handed back: 27,000 rows of the template's 22 columns
OUTPUT_BYTES = 24 * MB  # JSON handed back: 20,000 members of the template are about 8 MB
CHILD_MEMORY = 128 * MB  # address space of the child, interpreter (15 MB) included
CHILD_CPU_SECONDS = 30
CHILD_WALL_SECONDS = 60
_DECODE: dict[str, Callable[[Any], Any]] = {
    "d": dt.date.fromisoformat, "dt": dt.datetime.fromisoformat, "t": dt.time.fromisoformat,
    "td": lambda seconds: dt.timedelta(seconds=float(seconds))}


def is_ods(content: bytes) -> bool:
    """An OpenDocument spreadsheet: a zip whose first entry, stored, is its mimetype."""
    return content.startswith(b"PK\x03\x04") and content[30:38] == b"mimetype" and ODS_MIMETYPE in content[38:120]


class CalamineReader:
    def __init__(self, content: bytes, limits: Limits = LIMITS) -> None:
        limits = dataclasses.replace(limits, cells=min(limits.cells, CELLS))
        self.limits = limits
        if content.startswith(OLE2):
            if len(content) > MAX_XLS_BYTES:
                raise LimitError(_("The file was refused before reading: it is larger than %(limit)s MB, the limit "
                                   "for an old Excel file (.xls), which holds about %(rows)s members. Save it as an "
                                   "Excel workbook (.xlsx), or split it into several files.")
                                 % {"limit": MAX_XLS_BYTES // MB, "rows": format_number(LEGIT_ROWS)})
        else:
            _bound_ods(content, limits)
        self._sheets = {name: rows for name, rows in _read_in_child(content, limits)}

    @property
    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def close(self) -> None:
        self._sheets = {}

    def count_rows(self, sheet: str) -> int:
        rows = self._sheets[sheet]
        return rows[-1][0] if rows else 0

    def rows(self, sheet: str, min_row: int = 1, max_row: int | None = None) -> Iterator[tuple[int, tuple[Any, ...]]]:
        for number, values in self._sheets[sheet]:
            if max_row is not None and number > max_row:
                break
            if number >= min_row:
                yield number, tuple(_decode(v) for v in values)


def _bound_ods(content: bytes, limits: Limits) -> None:
    try:
        archive = open_zip(content, limits)
    except zipfile.BadZipFile as error:
        raise WorkbookError(str(error)) from error
    try:
        if "content.xml" not in archive:
            raise WorkbookError("no content.xml")
        with archive.open("content.xml") as part:
            count_tags(part, b"table-cell", limits.cells, lambda: too_large(_("cells"), limits.cells), b"table:")
        with archive.open("content.xml") as part:
            _scan_ods(part, limits)
    except (zipfile.BadZipFile, OSError, EOFError, etree.XMLSyntaxError) as error:
        raise WorkbookError(str(error)) from error
    finally:
        archive.close()


def _scan_ods(part: IO[bytes], limits: Limits) -> None:
    """The grid calamine would build, counted with the repeats OpenDocument writes (a row or cell element
    may stand for millions): refused past the limits of rows, columns and cells holding a value.
    Trailing empty repeats (LibreOffice pads every sheet to its full size) cost nothing."""
    rows = cells = 0
    for _event, row in etree.iterparse(part, tag=f"{{{ODS_TABLE}}}table-row", resolve_entities=False,
                                       no_network=True, load_dtd=False, huge_tree=False):
        repeat = int(row.get(f"{{{ODS_TABLE}}}number-rows-repeated", "1"))
        column = last = filled = 0
        for cell in row:
            span = int(cell.get(f"{{{ODS_TABLE}}}number-columns-repeated", "1"))
            if cell.get(f"{{{ODS_OFFICE}}}value-type") is not None or len(cell):
                filled, last = filled + span, column + span
            column += span
        if filled:
            rows_end = rows + repeat
            if rows_end > limits.rows:
                raise too_large(_("rows"), limits.rows)
            if last > limits.columns:
                raise too_large(_("columns"), limits.columns)
            cells += filled * repeat
            if cells > limits.cells:
                raise too_large(_("cells"), limits.cells)
        rows += repeat
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]


def _limit_child() -> None:  # runs in the child, before it starts
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS))


def _read_in_child(content: bytes, limits: Limits) -> list[tuple[str, list[list[Any]]]]:
    """The sheets and their rows, read line by line as the child writes them: the server never holds the
    child's whole output next to what it decoded."""
    command = [sys.executable, "-I", str(Path(calamine_child.__file__)), str(limits.cells), str(limits.rows),
               str(limits.columns), str(OUTPUT_BYTES)]
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             preexec_fn=_limit_child)
    timer = threading.Timer(CHILD_WALL_SECONDS, child.kill)
    timer.start()
    try:
        sheets, outcome = _take_output(child, content)
    finally:
        timer.cancel()
        child.kill()  # a no-op once it has ended
        child.wait()
    if child.returncode != 0 or outcome is None:  # killed by its memory, CPU or wall-clock limit
        raise _too_costly()
    if "damaged" in outcome:
        raise WorkbookError(outcome["damaged"])
    if "refused" in outcome:
        kind = outcome["refused"]
        if kind == "output":
            raise _too_costly()
        what = {"rows": _("rows"), "columns": _("columns")}.get(kind, _("cells"))
        raise too_large(what, getattr(limits, kind if kind in ("rows", "columns") else "cells"))
    return sheets


def _take_output(child: subprocess.Popen[bytes], content: bytes) -> tuple[list[tuple[str, list[list[Any]]]],
                                                                          dict[str, Any] | None]:
    """The child reads the whole file before it writes anything: no deadlock writing it all first."""
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(content)
        child.stdin.close()
    except BrokenPipeError:  # the child died reading it
        return [], None
    sheets: list[tuple[str, list[list[Any]]]] = []
    outcome: dict[str, Any] | None = None
    for line in child.stdout:
        item = json.loads(line)
        if isinstance(item, list):
            sheets[-1][1].append(item)
        elif "sheet" in item:
            sheets.append((item["sheet"], []))
        else:
            outcome = item
    return sheets, outcome


def _too_costly() -> LimitError:
    return LimitError(_("The file was refused: reading it would need more memory or time than an import may use "
                        "(an .xls or .ods file is read up to about %(rows)s members). Open it and save it as an "
                        "Excel workbook (.xlsx), or split it into several files.")
                      % {"rows": format_number(LEGIT_ROWS)})


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return _DECODE[value[0]](value[1])
    return value
