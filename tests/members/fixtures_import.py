"""Helpers building import files in memory with openpyxl (fictional names and numbers only)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook

from xaydungdang.members.importing import FIELDS

TEMPLATE_HEADERS = {f.key: f.header for f in FIELDS if f.in_template}
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Khánh", "Lan", "Minh", "Nam", "Ngọc", "Phương",
         "Quang", "Sơn", "Thảo", "Trang", "Tuấn", "Yến"]
FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn", "Bùi Thị"]


def card(i: int) -> str:
    return f"{20_000_000 + i}"


def lylich(i: int) -> str:
    return f"{300_000 + i:06d}BN"


def valid_row(i: int, org: str = "CB1A", **changes: Any) -> dict[str, Any]:
    """A row that passes every check for the `tree` fixture (organisations exist since 1/1/2015)."""
    row: dict[str, Any] = {
        "full_name": f"{FAMILY[i % len(FAMILY)]} {GIVEN[i % len(GIVEN)]}",
        "sex": "Nữ" if i % 2 else "Nam",
        "birth_date": dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
        "hometown": "Xã Thử Nghiệm, Tỉnh Mẫu",
        "residence": "Thôn Một, Xã Thử Nghiệm",
        "ethnicity": "Kinh",
        "religion": "Không",
        "national_id": f"{1_000_000_000 + i:012d}",
        "education": "12/12",
        "professional_level": "Đại học",
        "theory_level": "Sơ cấp",
        "job": "Giáo viên",
        "position": "Đảng viên",
        "card_number": card(i),
        "lylich_number": lylich(i),
        "admission_decision_date": "01/03/2016",
        "admission_ceremony_date": "15/3/2016",
        "official_decision_date": dt.date(2017, 3, 20),
        "organisation_code": org,
        "since": "01/06/2018",
    }
    row.update(changes)
    return row


def xlsx(rows: Iterable[dict[str, Any]], *, headers: dict[str, str] | None = None, title: str = "Đảng viên",
         above: Sequence[Sequence[Any]] = (), sheets_before: Sequence[str] = ()) -> bytes:
    """A workbook whose sheet `title` holds `above` rows, a header row, then one row per dict (by field key).

    A string value starting with "=" becomes a real formula cell, as openpyxl writes it.
    """
    headers = headers or TEMPLATE_HEADERS
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    for index, name in enumerate(sheets_before):
        sheet = first if index == 0 else workbook.create_sheet(name)
        sheet.title = name
        sheet.append(["Báo cáo tổng hợp", "không phải danh sách"])
    sheet = workbook.create_sheet(title) if sheets_before else first
    sheet.title = title
    for line in above:
        sheet.append(list(line))
    keys = list(headers)
    sheet.append([headers[k] for k in keys])
    for row in rows:
        sheet.append([row.get(k) for k in keys])
    return save(workbook)


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
