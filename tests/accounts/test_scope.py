from __future__ import annotations

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import resolve_scope


def _codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_reading_covers_units_that_left_the_subtree(restructured_tree, users):
    scope = resolve_scope(users.district_office)
    assert _codes(scope.organisations(Capability.VIEW)) == ["CB1A", "CB1B", "CB2A", "CBCS", "D", "DB1", "DB2"]


def test_writing_follows_todays_tree_only(restructured_tree, users):
    # The district was dissolved on 1/7/2025: its office reads the past but changes nothing now.
    scope = resolve_scope(users.district_office)
    assert _codes(scope.organisations(Capability.MANAGE_ORGANISATIONS)) == []
    province = resolve_scope(users.province_office)
    assert "DB1" in _codes(province.organisations(Capability.MANAGE_ORGANISATIONS))
    assert "D" not in _codes(province.organisations(Capability.MANAGE_ORGANISATIONS))


def test_district_office_cannot_restructure_a_unit_that_left(client, restructured_tree, users):
    client.force_login(users.district_office)
    assert client.get("/to-chuc/DB1/").status_code == 200
    # D has ended, so its office writes nowhere: refused before the unit is looked up (core.permissions.requires).
    assert client.get("/to-chuc/DB1/doi-ten/").status_code == 403
    response = client.post("/to-chuc/DB1/doi-ten/", {"name": "Tên mới", "effective": "1/1/2026", "action": "confirm"})
    assert response.status_code == 403
    restructured_tree.db1.refresh_from_db()
    assert restructured_tree.db1.name == "Tổ chức DB1"
