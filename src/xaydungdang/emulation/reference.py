"""Reference fields of good models (data: editable afterwards in the administration). Loaded by migration 0002 and,
after a test flushed the database, by the tests (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

SINCE = dt.date(2016, 5, 15)  # Chỉ thị 05-CT/TW
FIELDS = [
    ("xay-dung-dang", "Xây dựng Đảng, hệ thống chính trị", 10),
    ("kinh-te", "Phát triển kinh tế, sản xuất", 20),
    ("nong-thon-moi", "Xây dựng nông thôn mới, đô thị văn minh", 30),
    ("van-hoa-xa-hoi", "Văn hóa – xã hội, giáo dục, y tế", 40),
    ("moi-truong", "Môi trường, cảnh quan", 50),
    ("an-ninh-quoc-phong", "Quốc phòng, an ninh, trật tự an toàn giao thông", 60),
    ("cai-cach-hanh-chinh", "Cải cách hành chính, văn hóa công vụ", 70),
    ("an-sinh", "An sinh xã hội, nhân đạo, từ thiện", 80),
]


def load_model_fields(model: Any) -> None:
    for code, name, position in FIELDS:
        model.objects.update_or_create(code=code, defaults={"name": name, "position": position, "valid_from": SINCE})
