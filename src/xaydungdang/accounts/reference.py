"""Reference roles. Capabilities are named in accounts.capabilities; roles are data."""

from __future__ import annotations

ROLES: list[tuple[str, str, list[str]]] = [
    ("van-phong", "Văn phòng cấp ủy", ["view", "records.edit", "organisations.manage", "audit.view", "sensitive.view"]),
    ("bi-thu", "Bí thư chi bộ, đảng ủy cơ sở", ["view", "records.edit"]),
    ("lanh-dao", "Lãnh đạo (xem báo cáo)", ["view"]),
    ("quan-tri", "Quản trị hệ thống",
     ["view", "records.edit", "organisations.manage", "audit.view", "sensitive.view", "administer"]),
]
