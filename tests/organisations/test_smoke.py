from __future__ import annotations

import datetime as dt

from xaydungdang.organisations import queries


def test_restructured_tree_moves_db1_under_commune(restructured_tree):
    t = restructured_tree
    before = queries.version_on(t.db1.pk, dt.date(2025, 6, 30))
    after = queries.version_on(t.db1.pk, dt.date(2025, 7, 1))
    assert before.parent_id == t.district.pk
    assert after.parent.code == "X1"
