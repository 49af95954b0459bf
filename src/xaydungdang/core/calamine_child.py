"""Run as a child process by core.calamine_reader: read a .xls or .ods from stdin, print its rows as JSON.

calamine (python-calamine) reads a whole sheet into a dense grid, so a small hostile file can ask
for gigabytes (two cells, at A1 and at the last row and column). The parent runs this with limits
on memory and CPU time set by the operating system, so such a file kills this process, not the
server. Only the standard library and python_calamine are imported here: no Django, no settings.

Output, one JSON value a line, written as the rows are read (nothing kept here): {"sheet": name}
before each sheet's rows, then [row number, [values…]] per row that holds something (trailing
empty cells dropped, dates as ["d"|"dt"|"t", ISO text] or ["td", seconds]), and last {"end": true},
{"refused": "cells" | "rows" | "columns" | "output"} past the limits given as arguments (the last
one: bytes written, as a shared string repeated in many cells costs the server once per cell),
or {"damaged": …}.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return ["dt", value.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, dt.time):
        return ["t", value.isoformat()]
    if isinstance(value, dt.timedelta):
        return ["td", value.total_seconds()]
    return value


def read(content: bytes, max_cells: int, max_rows: int, max_columns: int, out: Any,
         max_output: int = 1 << 62) -> dict[str, Any]:
    """Write each sheet's name, then its rows, one JSON line each; return how it ended."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    del content  # calamine keeps its own copy
    cells = written = 0
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        if sheet.end is not None and sheet.end[0] >= max_rows:
            return {"refused": "rows"}
        out.write(json.dumps({"sheet": name}, ensure_ascii=False) + "\n")
        start = sheet.start[0] if sheet.start is not None else 0
        for index, values in enumerate(sheet.iter_rows()):
            while values and values[-1] in ("", None):
                values.pop()
            if len(values) > max_columns:
                return {"refused": "columns"}
            cells += len(values)
            if cells > max_cells:
                return {"refused": "cells"}
            if values:
                line = json.dumps([start + index + 1, [_plain(v) for v in values]], ensure_ascii=False) + "\n"
                written += len(line.encode())
                if written > max_output:
                    return {"refused": "output"}
                out.write(line)
    return {"end": True}


def main() -> None:
    max_cells, max_rows, max_columns, max_output = (int(a) for a in sys.argv[1:5])
    try:
        outcome = read(sys.stdin.buffer.read(), max_cells, max_rows, max_columns, sys.stdout, max_output)
    except Exception as error:  # calamine's own errors: a damaged file
        outcome = {"damaged": type(error).__name__}
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
