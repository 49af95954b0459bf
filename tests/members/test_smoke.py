from __future__ import annotations

import datetime as dt

from xaydungdang.members import domain, queries


def test_register_and_count(restructured_tree):
    t = restructured_tree
    m = domain.register_member(actor=None, person={"full_name": "Nguyễn Văn An", "sex": "nam"},
                               organisation=t.cb1a, since=dt.date(2020, 1, 1), card_number="12345678",
                               lylich_number="123456BN")
    assert queries.count_members_on(t.district.pk, dt.date(2023, 8, 31)) == 1
    assert queries.count_members_on(t.district.pk, dt.date(2025, 7, 1)) == 0
    counts = queries.counts_by_node(t.province.pk, dt.date(2023, 8, 31))
    assert (counts[t.province.pk], counts[t.district.pk], counts[t.db1.pk], counts[t.cb1a.pk], counts[t.db2.pk]) \
        == (1, 1, 1, 1, 0)
    assert m.person.search_name == "nguyen van an"
