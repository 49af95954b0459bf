"""Reference roles. Capabilities are named in accounts.capabilities; roles are data."""

from __future__ import annotations

from typing import Any

MEMBER_ROLE = "dang-vien"

ROLES: list[tuple[str, str, list[str]]] = [
    ("van-phong", "Văn phòng cấp ủy", ["view", "records.edit", "organisations.manage", "audit.view", "sensitive.view"]),
    ("bi-thu", "Bí thư chi bộ, đảng ủy cơ sở", ["view", "records.edit"]),
    ("lanh-dao", "Lãnh đạo (xem báo cáo)", ["view"]),
    # The inspection committee of a level (ủy ban kiểm tra): records inspections, and alone (with the inspection
    # team and the member concerned) reads the findings and disciplinary decisions about members (inspection/).
    ("uy-ban-kiem-tra", "Ủy ban kiểm tra", ["view", "records.edit", "inspection.view"]),
    ("quan-tri", "Quản trị hệ thống",
     ["view", "records.edit", "organisations.manage", "audit.view", "sensitive.view", "administer"]),
    # A member's own log-in (accounts.domain.create_member_login): granted on the member's official organisation,
    # it reads nothing of that organisation; its pages (/cua-toi/) show the linked member's own record only.
    (MEMBER_ROLE, "Đảng viên", ["own.view"]),
]


def load_roles(role_model: Any) -> None:
    """Create or update the reference roles (idempotent; used by a migration and by tests)."""
    for code, name, capabilities in ROLES:
        role_model.objects.update_or_create(code=code, defaults={"name": name, "capabilities": capabilities})
