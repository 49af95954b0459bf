"""Reference roles. Capabilities are named in accounts.capabilities; roles are data."""

from __future__ import annotations

from typing import Any

ROLES: list[tuple[str, str, list[str]]] = [
    ("van-phong", "Văn phòng cấp ủy", ["view", "records.edit", "organisations.manage", "audit.view", "sensitive.view"]),
    ("bi-thu", "Bí thư chi bộ, đảng ủy cơ sở", ["view", "records.edit"]),
    ("lanh-dao", "Lãnh đạo (xem báo cáo)", ["view"]),
    ("quan-tri", "Quản trị hệ thống",
     ["view", "records.edit", "organisations.manage", "audit.view", "sensitive.view", "administer"]),
]


def load_roles(role_model: Any) -> None:
    """Create or update the reference roles (idempotent; used by a migration and by tests)."""
    for code, name, capabilities in ROLES:
        role_model.objects.update_or_create(code=code, defaults={"name": name, "capabilities": capabilities})
