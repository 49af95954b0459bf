"""Reference fields of pressing issues, from seed 000 (data: editable afterwards in the administration). Loaded by
migration 0002 and, after a test flushed the database, by the tests (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

SINCE = dt.date(2010, 1, 1)
FIELDS = [
    ("giai-phong-mat-bang", "Giải phóng mặt bằng", 10),
    ("quan-ly-dat-dai", "Sử dụng và quản lý đất đai", 20),
    ("cap-giay-chung-nhan", "Cấp Giấy chứng nhận quyền sử dụng đất", 30),
    ("giao-thong-nong-thon", "Đường giao thông nông thôn, giao thông phục vụ sản xuất", 40),
    ("sau-thanh-tra", "Xử lý vụ việc sau thanh tra, kiểm tra", 50),
    ("moi-truong", "Môi trường, vệ sinh", 60),
    ("an-ninh-trat-tu", "An ninh, trật tự", 70),
    ("khac", "Lĩnh vực khác", 100),
]


def load_issue_fields(model: Any) -> None:
    for code, name, position in FIELDS:
        model.objects.update_or_create(code=code, defaults={"name": name, "position": position, "valid_from": SINCE})
