"""Reference data: organisation types and where each may sit (DOMAIN.md §2).

Loaded by a data migration; offices may edit them later in the admin, since the rules
are data. The 2025 restructuring ended the district level (đảng bộ cấp huyện) on
1/7/2025 and created commune-level đảng bộ (xã, phường, đặc khu) from that day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

RESTRUCTURING_2025 = dt.date(2025, 7, 1)

# code, name, rank, is_grassroots, valid_from, valid_to
ORG_TYPES: list[tuple[str, str, int, bool, dt.date | None, dt.date | None]] = [
    ("trung-uong", "Trung ương", 0, False, None, None),
    ("dang-bo-tinh", "Đảng bộ tỉnh, thành phố", 10, False, None, None),
    ("dang-bo-truc-thuoc-tw", "Đảng bộ trực thuộc Trung ương", 11, False, None, None),
    ("dang-bo-huyen", "Đảng bộ huyện, thị xã, thành phố thuộc tỉnh", 20, False, None, RESTRUCTURING_2025),
    ("dang-bo-khoi", "Đảng bộ khối", 21, False, None, None),
    ("dang-bo-xa", "Đảng bộ xã, phường, đặc khu", 22, False, RESTRUCTURING_2025, None),
    ("dang-bo-co-so", "Đảng bộ cơ sở", 30, True, None, None),
    ("chi-bo-co-so", "Chi bộ cơ sở", 31, True, None, None),
    ("dang-bo-bo-phan", "Đảng bộ bộ phận", 40, False, None, None),
    ("chi-bo-truc-thuoc", "Chi bộ trực thuộc", 41, False, None, None),
    ("to-dang", "Tổ đảng", 50, False, None, None),
]

_ABOVE_GRASSROOTS = ["dang-bo-tinh", "dang-bo-truc-thuoc-tw", "dang-bo-huyen", "dang-bo-khoi", "dang-bo-xa"]

# child, parent (None: may be a root), valid_from, valid_to
TYPE_RULES: list[tuple[str, str | None, dt.date | None, dt.date | None]] = [
    ("trung-uong", None, None, None),
    ("dang-bo-tinh", None, None, None),
    ("dang-bo-tinh", "trung-uong", None, None),
    ("dang-bo-truc-thuoc-tw", "trung-uong", None, None),
    ("dang-bo-huyen", "dang-bo-tinh", None, RESTRUCTURING_2025),
    ("dang-bo-khoi", "dang-bo-tinh", None, None),
    ("dang-bo-khoi", "trung-uong", None, None),
    ("dang-bo-xa", "dang-bo-tinh", RESTRUCTURING_2025, None),
    *[(child, parent, None, None) for child in ("dang-bo-co-so", "chi-bo-co-so") for parent in _ABOVE_GRASSROOTS],
    ("dang-bo-bo-phan", "dang-bo-co-so", None, None),
    ("dang-bo-bo-phan", "dang-bo-xa", RESTRUCTURING_2025, None),
    ("chi-bo-truc-thuoc", "dang-bo-co-so", None, None),
    ("chi-bo-truc-thuoc", "dang-bo-bo-phan", None, None),
    ("chi-bo-truc-thuoc", "dang-bo-xa", RESTRUCTURING_2025, None),
    ("to-dang", "chi-bo-co-so", None, None),
    ("to-dang", "chi-bo-truc-thuoc", None, None),
]

BEGINNING = dt.date(1930, 2, 3)


def load_reference_types(org_type_model: Any, rule_model: Any) -> None:
    """Create or update the reference types and rules (idempotent; used by a migration and by tests)."""
    types = {}
    for code, name, rank, grassroots, valid_from, valid_to in ORG_TYPES:
        types[code], _created = org_type_model.objects.update_or_create(code=code, defaults={
            "name": name, "rank": rank, "is_grassroots": grassroots,
            "valid_from": valid_from or BEGINNING, "valid_to": valid_to})
    for child, parent, rule_from, rule_to in TYPE_RULES:
        rule_model.objects.get_or_create(child_type=types[child], parent_type=types.get(parent) if parent else None,
                                         valid_from=rule_from or BEGINNING, valid_to=rule_to)
