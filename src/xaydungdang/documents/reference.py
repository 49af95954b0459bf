"""Reference data of the registry: document types and the central issuing bodies (DOMAIN.md §4).

Loaded by a data migration (and by tests after a flush); offices may edit them later in the admin, since
the rules are data. Types carry a validity period so that a type introduced or retired on a date keeps old
records valid. Local issuers (a Tỉnh ủy "TU", a Huyện ủy "HU"…) are organisations of the tree and are
registered with them (domain.issuer_for_organisation), not here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

BEGINNING = dt.date(1930, 2, 3)

# code (the abbreviation written in symbols), name, can hold an action programme (sections, tasks, targets)
DOCUMENT_TYPES: list[tuple[str, str, bool]] = [
    ("NQ", "Nghị quyết", False),
    ("CT", "Chỉ thị", False),
    ("KL", "Kết luận", False),
    ("QĐ", "Quyết định", False),
    ("QĐi", "Quy định", False),
    ("HD", "Hướng dẫn", False),
    ("KH", "Kế hoạch", True),
    ("CTr", "Chương trình", True),
    ("BC", "Báo cáo", False),
    ("TB", "Thông báo", False),
    ("TTr", "Tờ trình", False),
    ("CV", "Công văn", False),
    ("QC", "Quy chế", False),
    ("TT", "Thông tri", False),
    ("BB", "Biên bản", False),
]

# Bodies outside any office's tree whose documents every committee receives (abbreviation, name).
CENTRAL_ISSUERS: list[tuple[str, str]] = [
    ("TW", "Trung ương Đảng (Ban Chấp hành, Bộ Chính trị, Ban Bí thư)"),
    ("BTCTW", "Ban Tổ chức Trung ương"),
    ("BTGTW", "Ban Tuyên giáo Trung ương"),
    ("BDVTW", "Ban Dân vận Trung ương"),
    ("BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương"),
    ("BNCTW", "Ban Nội chính Trung ương"),
    ("UBKTTW", "Ủy ban Kiểm tra Trung ương"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
    ("TTg", "Thủ tướng Chính phủ"),
]


def load_reference_documents(type_model: Any, issuer_model: Any) -> None:
    """Create or update the document types and central issuers (idempotent)."""
    for position, (code, name, programme) in enumerate(DOCUMENT_TYPES):
        type_model.objects.update_or_create(code=code, defaults={
            "name": name, "position": position, "holds_programme": programme, "valid_from": BEGINNING})
    for abbreviation, name in CENTRAL_ISSUERS:
        issuer_model.objects.get_or_create(abbreviation=abbreviation, organisation=None, name=name)
