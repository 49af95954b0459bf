"""Reference class types (DOMAIN.md §1.8): loaded by a data migration (and by tests after a flush), then
edited in the admin, since the kinds of classes are data. `awareness` marks the class a candidate needs before
admission, `new_members` the class for new members."""

from __future__ import annotations

import datetime as dt
from typing import Any

BEGINNING = dt.date(1930, 2, 3)

# code, name, awareness class, class for new members
CLASS_TYPES: list[tuple[str, str, bool, bool]] = [
    ("nhan-thuc-ve-dang", "Bồi dưỡng nhận thức về Đảng", True, False),
    ("dang-vien-moi", "Bồi dưỡng đảng viên mới", False, True),
    ("so-cap-llct", "Sơ cấp lý luận chính trị", False, False),
    ("trung-cap-llct", "Trung cấp lý luận chính trị", False, False),
    ("cao-cap-llct", "Cao cấp lý luận chính trị", False, False),
    ("nghiep-vu-cong-tac-dang", "Tập huấn nghiệp vụ công tác Đảng", False, False),
    ("hoi-nghi-tap-huan", "Hội nghị tập huấn", False, False),
]


def load_class_types(type_model: Any) -> None:
    """Create the reference class types that are missing (idempotent; an edited name is kept)."""
    for position, (code, name, awareness, new_members) in enumerate(CLASS_TYPES):
        type_model.objects.get_or_create(code=code, defaults={
            "name": name, "position": position, "awareness": awareness, "new_members": new_members,
            "valid_from": BEGINNING})
