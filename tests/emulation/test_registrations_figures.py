"""Figures of registrations and commitments: members placed on the counting date around transfers, exact rounding,
query counts constant in the tree size, indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.emulation import factories_registrations as f
from tests.factories import make_org
from xaydungdang.core import indicators
from xaydungdang.core.formatting import ratio_percent
from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation import figures_registrations as figures

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def year(tree):
    return f.emulation_year(2023, count_date=dt.date(2023, 3, 31))


def test_exact_rounding():
    assert ratio_percent(5747, 5912) == Decimal("97.2")
    assert figures.individual_rate({"individuals_registered": 5747, "members": 5912}) == Decimal("97.2")
    assert figures.individual_rate({"individuals_registered": 0, "members": 0}) is None


def test_counts_by_node(tree, year):
    members = [f.member_at(tree.cb1a) for _ in range(3)] + [f.member_at(tree.cb2a) for _ in range(2)]
    for member in members[:2] + members[3:4]:
        f.individual(member)
    domain.approve_registration(actor=None, registration=members[0].emulation_registrations.get())
    f.commitment(members[0])
    domain.check_commitment(actor=None, commitment=members[0].commitments.get(), result="kept",
                            on=dt.date(2023, 12, 1))
    f.collective(tree.cb1a)
    f.collective(tree.db1)
    counts = figures.by_node(tree.province, *YEAR)
    assert counts[tree.cb1a.pk]["members"] == 3
    assert counts[tree.cb1a.pk]["individuals_registered"] == 2
    assert counts[tree.district.pk]["members"] == 5
    assert counts[tree.district.pk]["individuals_registered"] == 3
    assert counts[tree.district.pk]["individuals_approved"] == 1
    assert counts[tree.district.pk]["committed"] == 1 and counts[tree.district.pk]["commitments_kept"] == 1
    assert counts[tree.db1.pk]["collectives_registered"] == 2
    assert counts[tree.db1.pk]["collectives_expected"] == 3  # DB1, CB1A, CB1B
    assert counts[tree.province.pk]["collectives_expected"] == 11
    assert tree.other_province.pk not in counts
    assert figures.node(tree.district, *YEAR) == counts[tree.district.pk]
    assert figures.by_node(tree.province, dt.date(2022, 1, 1), dt.date(2022, 12, 31)) == {}


def test_transfers_around_the_counting_date(tree, year):
    before = f.member_at(tree.cb1a)
    after = f.member_at(tree.cb1a)
    late = f.member_at(tree.cb2a, since=dt.date(2023, 4, 10))  # joined after the counting date
    for member in (before, after, late):
        f.individual(member, on=dt.date(2023, 4, 20) if member is late else None)
    f.transfer(before, tree.cb2a, dt.date(2023, 3, 1))  # before the counting date: counts in CB2A
    f.transfer(after, tree.cb2a, dt.date(2023, 6, 1))  # after it: still counts in CB1A
    counts = figures.by_node(tree.province, *YEAR)
    assert (counts[tree.cb1a.pk]["members"], counts[tree.cb1a.pk]["individuals_registered"]) == (1, 1)
    assert (counts[tree.cb2a.pk]["members"], counts[tree.cb2a.pk]["individuals_registered"]) == (1, 1)
    assert (counts[tree.district.pk]["members"], counts[tree.district.pk]["individuals_registered"]) == (2, 2)
    rows = figures.individual_rows(tree.cb1a, [year])
    assert list(rows.values_list("member_id", flat=True)) == [after.pk]
    assert list(figures.unregistered_rows(tree.cb2a, year)) == []


def test_restructured_tree_counts_in_the_tree_of_the_counting_date(restructured_tree):
    tree = restructured_tree
    y2023 = f.emulation_year(2023)
    y2025 = f.emulation_year(2025, count_date=dt.date(2025, 9, 30), opens_on=dt.date(2025, 1, 1),
                             closes_on=dt.date(2025, 10, 31))
    member = f.member_at(tree.cb1a)
    f.individual(member)
    counts = figures.by_year(tree.district, [y2023, y2025])
    assert counts[2023]["individuals_registered"] == 1
    assert counts[2025]["members"] == 0


def test_by_node_query_count_does_not_grow_with_the_tree(tree, year, django_assert_max_num_queries):
    for org in (tree.cb1a, tree.cb2a):
        f.individual(f.member_at(org))
    with django_assert_max_num_queries(9) as few:
        small = figures.by_node(tree.province, *YEAR)
    for i in range(6):
        org = make_org("chi-bo-truc-thuoc", tree.db2, code=f"NEW{i}")
        f.individual(f.member_at(org))
        f.collective(org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = figures.by_node(tree.province, *YEAR)
    assert large[tree.province.pk]["individuals_registered"] == small[tree.province.pk]["individuals_registered"] + 6


def test_indicators(tree, year):
    members = [f.member_at(tree.cb1a) for _ in range(3)]
    f.individual(members[0])
    f.individual(members[1])
    f.commitment(members[0])
    result = indicators.compute("emulation.registrations.individual_rate", tree.district, *YEAR)
    assert (result.numerator, result.denominator, result.value) == (2, 3, Decimal("66.7"))
    assert result.rows().count() == 2
    result = indicators.compute("emulation.registrations.individual", tree.district, *YEAR)
    assert result.value == 2
    result = indicators.compute("emulation.commitments.rate", tree.district, *YEAR)
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.rows().count() == 1
    result = indicators.compute("emulation.registrations.collective_rate", tree.db1, *YEAR)
    assert (result.numerator, result.denominator) == (0, 3)
