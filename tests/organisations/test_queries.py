"""Reading the tree as of a date, around a merge (1/1/2021) and the 2025 split (1/7/2025).

The `tree` fixture (tests/conftest.py) is established on 1/1/2015:
P ── D ── DB1 ── CB1A, CB1B / DB2 ── CB2A / CBCS;  P ── K ── DB3 ── CB3A;  OP ── ODB.
`restructured_tree` splits D on 1/7/2025 into X1 (DB1) and X2 (DB2, CBCS).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import make_org
from tests.organisations.helpers import codes, current, org_type, path_of, run, type_id
from xaydungdang.organisations import domain, queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.reference import RESTRUCTURING_2025

EPOCH = dt.date(2015, 1, 1)
MERGE_DAY = dt.date(2021, 1, 1)
JUNE_30 = dt.date(2025, 6, 30)
LATER = dt.date(2026, 1, 1)

BEFORE_SPLIT = {"P", "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS", "K", "DB3", "CB3A"}
AFTER_SPLIT = {"P", "X1", "DB1", "CB1A", "CB1B", "X2", "DB2", "CB2A", "CBCS", "K", "DB3", "CB3A"}


@pytest.fixture
def merged_tree(tree):
    """DB1 and DB2 merged into a new DB12 under D on 1/1/2021."""
    target = domain.NewOrganisation("DB12", "Đảng bộ Hợp nhất", org_type("dang-bo-co-so"), tree.district)
    run(domain.plan_merge(sources=[tree.db1, tree.db2], target=target, effective=MERGE_DAY))
    return tree.refresh()


def subtree_codes(org: Organisation, day: dt.date, *, include_self: bool = True) -> set[str]:
    version = queries.version_on(org.pk, day)
    assert version is not None
    return codes(queries.subtree_on(version, day, include_self=include_self).select_related("organisation"))


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


# ---------------------------------------------------------------- versions_on / version_on

def test_versions_on_before_establishment_is_empty(tree):
    assert queries.versions_on(dt.date(2014, 12, 31)).count() == 0


def test_versions_on_lists_whole_tree(tree):
    assert codes(queries.versions_on(EPOCH).select_related("organisation")) == BEFORE_SPLIT | {"OP", "ODB"}


def test_version_on_district_ends_with_split(restructured_tree):
    t = restructured_tree
    assert queries.version_on(t.district.pk, JUNE_30).path == path_of(t.province, t.district)
    assert queries.version_on(t.district.pk, RESTRUCTURING_2025) is None
    assert queries.version_on(org("X1").pk, JUNE_30) is None
    assert queries.version_on(org("X1").pk, RESTRUCTURING_2025).parent_id == t.province.pk


# ---------------------------------------------------------------- subtree around a merge

def test_subtree_day_before_merge(merged_tree):
    assert subtree_codes(merged_tree.district, dt.date(2020, 12, 31)) == {
        "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"}


@pytest.mark.parametrize("day", [MERGE_DAY, dt.date(2021, 1, 2), LATER])
def test_subtree_from_merge_day(merged_tree, day):
    assert subtree_codes(merged_tree.district, day) == {"D", "DB12", "CB1A", "CB1B", "CB2A", "CBCS"}
    assert subtree_codes(org("DB12"), day) == {"DB12", "CB1A", "CB1B", "CB2A"}


def test_subtree_of_merged_source_day_before_merge(merged_tree):
    assert subtree_codes(merged_tree.db1, dt.date(2020, 12, 31)) == {"DB1", "CB1A", "CB1B"}
    assert queries.version_on(merged_tree.db1.pk, MERGE_DAY) is None
    assert queries.version_on(org("DB12").pk, dt.date(2020, 12, 31)) is None


def test_subtree_without_self(merged_tree):
    assert subtree_codes(org("DB12"), MERGE_DAY, include_self=False) == {"CB1A", "CB1B", "CB2A"}


def test_children_on_around_merge(merged_tree):
    district = merged_tree.district.pk
    assert [c.organisation.code for c in queries.children_on(district, dt.date(2020, 12, 31))] == [
        "DB1", "DB2", "CBCS"]
    assert [c.organisation.code for c in queries.children_on(district, MERGE_DAY)] == ["DB12", "CBCS"]


# ---------------------------------------------------------------- subtree around a split

def test_subtree_day_before_split(restructured_tree):
    t = restructured_tree
    assert subtree_codes(t.province, JUNE_30) == BEFORE_SPLIT
    assert subtree_codes(t.district, JUNE_30) == {"D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"}


@pytest.mark.parametrize("day", [RESTRUCTURING_2025, dt.date(2025, 7, 2), LATER])
def test_subtree_from_split_day(restructured_tree, day):
    t = restructured_tree
    assert subtree_codes(t.province, day) == AFTER_SPLIT
    assert subtree_codes(org("X1"), day) == {"X1", "DB1", "CB1A", "CB1B"}
    assert subtree_codes(org("X2"), day) == {"X2", "DB2", "CB2A", "CBCS"}
    assert subtree_codes(t.db1, day) == {"DB1", "CB1A", "CB1B"}


def test_subtree_of_old_district_version_is_empty_after_split(restructured_tree):
    t = restructured_tree
    old = queries.version_on(t.district.pk, JUNE_30)
    assert queries.subtree_on(old, RESTRUCTURING_2025).count() == 0


def test_subtree_ids_on_around_split(restructured_tree):
    t = restructured_tree
    ids = set(queries.subtree_ids_on(t.district.pk, JUNE_30).values_list("organisation_id", flat=True))
    assert ids == {t.district.pk, t.db1.pk, t.cb1a.pk, t.cb1b.pk, t.db2.pk, t.cb2a.pk, t.cbcs.pk}
    assert list(queries.subtree_ids_on(t.district.pk, RESTRUCTURING_2025)) == []


def test_children_on_orders_by_type_rank_then_name(restructured_tree):
    t = restructured_tree
    make_org("dang-bo-co-so", org("X2"), code="DBA", name="Đảng bộ Công ty An", on=LATER)
    assert [c.organisation.code for c in queries.children_on(t.province.pk, JUNE_30)] == ["D", "K"]
    assert [c.organisation.code for c in queries.children_on(t.province.pk, RESTRUCTURING_2025)] == [
        "K", "X2", "X1"]  # khối (rank 21) before xã (22); "Hai" sorts before "Một"
    assert [c.organisation.code for c in queries.children_on(org("X2").pk, LATER)] == ["DBA", "DB2", "CBCS"]


# ---------------------------------------------------------------- type counts

def test_descendant_type_counts_before_split(restructured_tree):
    t = restructured_tree
    counts = queries.descendant_type_counts(queries.version_on(t.province.pk, JUNE_30), JUNE_30)
    co_so, cbcs, cb = type_id("dang-bo-co-so"), type_id("chi-bo-co-so"), type_id("chi-bo-truc-thuoc")
    assert dict(counts) == {t.district.pk: {co_so: 2, cbcs: 1, cb: 3}, t.bloc.pk: {co_so: 1, cb: 1}}


def test_descendant_type_counts_after_split(restructured_tree):
    t = restructured_tree
    counts = queries.descendant_type_counts(queries.version_on(t.province.pk, RESTRUCTURING_2025),
                                            RESTRUCTURING_2025)
    co_so, cbcs, cb = type_id("dang-bo-co-so"), type_id("chi-bo-co-so"), type_id("chi-bo-truc-thuoc")
    assert dict(counts) == {org("X1").pk: {co_so: 1, cb: 2}, org("X2").pk: {co_so: 1, cbcs: 1, cb: 1},
                            t.bloc.pk: {co_so: 1, cb: 1}}


def test_descendant_type_counts_leaves_out_childless_children(tree):
    counts = queries.descendant_type_counts(queries.version_on(tree.district.pk, EPOCH), EPOCH)
    assert dict(counts) == {tree.db1.pk: {type_id("chi-bo-truc-thuoc"): 2},
                            tree.db2.pk: {type_id("chi-bo-truc-thuoc"): 1}}


def test_descendant_type_counts_of_leaf_is_empty(tree):
    assert dict(queries.descendant_type_counts(queries.version_on(tree.cb1a.pk, EPOCH), EPOCH)) == {}


def test_subtree_type_counts_around_split(restructured_tree):
    t = restructured_tree
    co_so, cbcs, cb = type_id("dang-bo-co-so"), type_id("chi-bo-co-so"), type_id("chi-bo-truc-thuoc")
    before = queries.subtree_type_counts(queries.version_on(t.province.pk, JUNE_30), JUNE_30)
    assert before == {type_id("dang-bo-huyen"): 1, type_id("dang-bo-khoi"): 1, co_so: 3, cbcs: 1, cb: 4}
    after = queries.subtree_type_counts(queries.version_on(t.province.pk, RESTRUCTURING_2025), RESTRUCTURING_2025)
    assert after == {type_id("dang-bo-xa"): 2, type_id("dang-bo-khoi"): 1, co_so: 3, cbcs: 1, cb: 4}


def test_subtree_type_counts_around_merge(merged_tree):
    t = merged_tree
    co_so, cbcs, cb = type_id("dang-bo-co-so"), type_id("chi-bo-co-so"), type_id("chi-bo-truc-thuoc")
    before = queries.subtree_type_counts(queries.version_on(t.district.pk, dt.date(2020, 12, 31)),
                                         dt.date(2020, 12, 31))
    assert before == {co_so: 2, cbcs: 1, cb: 3}
    after = queries.subtree_type_counts(queries.version_on(t.district.pk, MERGE_DAY), MERGE_DAY)
    assert after == {co_so: 1, cbcs: 1, cb: 3}


def test_type_counts_are_one_grouped_query_then_cached(restructured_tree, django_assert_num_queries):
    version = queries.version_on(restructured_tree.province.pk, RESTRUCTURING_2025)
    for count in (queries.subtree_type_counts, queries.descendant_type_counts):
        with django_assert_num_queries(2):  # the tree revision, then the grouped count
            cold = count(version, RESTRUCTURING_2025)
        with django_assert_num_queries(1):  # the tree revision only
            assert count(version, RESTRUCTURING_2025) == cold


def test_cached_counts_follow_a_restructuring(restructured_tree):
    t = restructured_tree
    version = queries.version_on(t.province.pk, RESTRUCTURING_2025)
    cb = org_type("chi-bo-truc-thuoc").pk
    assert queries.descendant_type_counts(version, RESTRUCTURING_2025)[t.bloc.pk] == {
        org_type("dang-bo-co-so").pk: 1, cb: 1}
    domain.execute(domain.plan_create(code="CB3B", name="Chi bộ mới", org_type=org_type("chi-bo-truc-thuoc"),
                                      parent=t.db3, effective=RESTRUCTURING_2025), actor=None)
    assert queries.descendant_type_counts(version, RESTRUCTURING_2025)[t.bloc.pk] == {
        org_type("dang-bo-co-so").pk: 1, cb: 2}


# ---------------------------------------------------------------- ancestors

def test_ancestors_on_around_split(restructured_tree):
    t = restructured_tree
    before = queries.ancestors_on(queries.version_on(t.cb1a.pk, JUNE_30), JUNE_30)
    assert [a.organisation.code for a in before] == ["P", "D", "DB1"]
    after = queries.ancestors_on(queries.version_on(t.cb1a.pk, RESTRUCTURING_2025), RESTRUCTURING_2025)
    assert [a.organisation.code for a in after] == ["P", "X1", "DB1"]


def test_ancestors_on_of_root_is_empty(tree):
    assert queries.ancestors_on(queries.version_on(tree.province.pk, EPOCH), EPOCH) == []


def test_ancestors_on_takes_one_query(tree, django_assert_num_queries):
    version = queries.version_on(tree.cb3a.pk, EPOCH)
    with django_assert_num_queries(1):
        ancestors = queries.ancestors_on(version, EPOCH)
    assert [a.organisation.code for a in ancestors] == ["P", "K", "DB3"]


# ---------------------------------------------------------------- ids_ever_under

def ever_under(organisation: Organisation) -> set[str]:
    ids = queries.ids_ever_under(organisation)
    return set(Organisation.objects.filter(pk__in=ids).values_list("code", flat=True))


def test_ids_ever_under_keeps_moved_organisation_under_old_ancestor(tree):
    run(domain.plan_move(organisation=tree.db1, parent=tree.bloc, effective=dt.date(2020, 1, 1)))
    assert ever_under(tree.district) == {"D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"}
    assert ever_under(tree.bloc) == {"K", "DB1", "CB1A", "CB1B", "DB3", "CB3A"}
    assert ever_under(tree.db1) == {"DB1", "CB1A", "CB1B"}
    assert ever_under(tree.db2) == {"DB2", "CB2A"}


def test_ids_ever_under_follows_ancestor_that_moved(tree):
    run(domain.plan_move(organisation=tree.db1, parent=tree.bloc, effective=dt.date(2020, 1, 1)))
    make_org("chi-bo-truc-thuoc", tree.db1, code="CB1C", on=dt.date(2021, 1, 1))
    assert ever_under(tree.db1) == {"DB1", "CB1A", "CB1B", "CB1C"}
    assert ever_under(tree.bloc) == {"K", "DB1", "CB1A", "CB1B", "CB1C", "DB3", "CB3A"}
    assert ever_under(tree.district) == {"D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"}


def test_ids_ever_under_after_split_and_dissolution(restructured_tree):
    t = restructured_tree
    assert ever_under(t.district) == {"D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"}
    assert ever_under(org("X1")) == {"X1", "DB1", "CB1A", "CB1B"}
    assert ever_under(t.province) == AFTER_SPLIT | {"D"}
    assert ever_under(t.other_province) == {"OP", "ODB"}


# ---------------------------------------------------------------- type rules

@pytest.mark.parametrize(("child", "parent", "day", "allowed"), [
    ("dang-bo-huyen", "dang-bo-tinh", JUNE_30, True),
    ("dang-bo-huyen", "dang-bo-tinh", RESTRUCTURING_2025, False),
    ("dang-bo-xa", "dang-bo-tinh", JUNE_30, False),
    ("dang-bo-xa", "dang-bo-tinh", RESTRUCTURING_2025, True),
    ("chi-bo-truc-thuoc", "dang-bo-xa", RESTRUCTURING_2025, True),
    ("chi-bo-truc-thuoc", "dang-bo-tinh", EPOCH, False),
    ("to-dang", "chi-bo-co-so", EPOCH, True),
    ("dang-bo-tinh", None, EPOCH, True),
    ("trung-uong", None, EPOCH, True),
    ("dang-bo-huyen", None, EPOCH, False),
])
def test_type_allowed(reference_data, child, parent, day, allowed):
    parent_type = org_type(parent) if parent else None
    assert queries.type_allowed(org_type(child), parent_type, day) is allowed


def test_allowed_parent_types_of_commune_party_unit(reference_data):
    before = queries.allowed_parent_types(org_type("dang-bo-bo-phan"), JUNE_30)
    after = queries.allowed_parent_types(org_type("dang-bo-bo-phan"), RESTRUCTURING_2025)
    assert set(before.values_list("code", flat=True)) == {"dang-bo-co-so"}
    assert set(after.values_list("code", flat=True)) == {"dang-bo-co-so", "dang-bo-xa"}


# ---------------------------------------------------------------- history and search

def test_history_lists_versions_oldest_first(restructured_tree):
    t = restructured_tree
    rows = [(v.parent.code, v.valid_from, v.valid_to, v.event.kind) for v in queries.history(t.db1)]
    assert rows == [("D", EPOCH, RESTRUCTURING_2025, "create"), ("X1", RESTRUCTURING_2025, None, "split")]


def test_latest_and_current_version_of_dissolved_organisation(restructured_tree):
    t = restructured_tree
    assert queries.current_version(t.district) is None
    assert queries.latest_version(t.district).valid_to == RESTRUCTURING_2025
    assert queries.current_version(t.db1) == current(t.db1)


def test_search_versions_ignores_diacritics(restructured_tree):
    found = queries.search_versions(queries.versions_on(RESTRUCTURING_2025), "dang bo xa mot")
    assert [v.organisation.code for v in found] == ["X1"]
    assert queries.search_versions(queries.versions_on(JUNE_30), "xa mot").count() == 0
