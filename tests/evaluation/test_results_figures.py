"""The results' figures: counts per node against hand-computed values on the `tree` fixture, the counting date,
cancelled and undecided ratings, the period rule, query counts that do not grow with the tree."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.evaluation import factories_results as f
from tests.factories import make_org
from xaydungdang.evaluation import figures
from xaydungdang.evaluation.models import Evaluation, SubjectKind

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
SELF = Evaluation.Stage.SELF
PROPOSED = Evaluation.Stage.PROPOSED


@pytest.fixture
def rated(tree):
    """Members: CB1A m1 HTXSNV, m2 HTTNV, m3 self-rated only, m4 cancelled; CB2A m5 HTTNV, m6 HTTNV then moved to
    CB3A after the counting date; m7 joined CB2A after it. Organisations: DB1 HTXSNV, DB2 HTTNV, CBCS proposed only,
    DB3 cancelled; the chi bộ trực thuộc CB1A HTNV."""
    f.evaluation_round(2023, SubjectKind.MEMBER)
    f.evaluation_round(2023, SubjectKind.ORGANISATION)
    m = [f.member_at(tree.cb1a) for _ in range(4)] + [f.member_at(tree.cb2a) for _ in range(2)]
    m.append(f.member_at(tree.cb2a, since=dt.date(2023, 12, 5)))
    f.rating(2023, "htxsnv", member=m[0], organisation=tree.cb1a)
    f.rating(2023, "httnv", member=m[1], organisation=tree.cb1a)
    f.rating(2023, "httnv", member=m[2], organisation=tree.cb1a, stage=SELF)
    f.rating(2023, "htnv", member=m[3], organisation=tree.cb1a, cancelled=True)
    f.rating(2023, "httnv", member=m[4], organisation=tree.cb2a)
    f.rating(2023, "httnv", member=m[5], organisation=tree.cb2a)
    f.transfer(m[5], tree.cb3a, dt.date(2023, 12, 15))
    f.rating(2023, "htxsnv", organisation=tree.db1)
    f.rating(2023, "httnv", organisation=tree.db2)
    f.rating(2023, "httnv", organisation=tree.cbcs, stage=PROPOSED)
    f.rating(2023, "htnv", organisation=tree.db3, cancelled=True)
    f.rating(2023, "htnv", organisation=tree.cb1a)
    return m


def pick(counts, *keys):
    return tuple(counts[k] for k in keys)


def test_members_by_node(tree, rated):
    counts = figures.by_node(tree.province, *YEAR)
    keys = ("members_expected", "members_rated", "members_not_rated", "members_step_1", "members_step_2",
            "members_step_3", "members_level_htxsnv", "members_level_httnv")
    assert pick(counts[tree.cb1a.pk], *keys) == (4, 2, 2, 1, 1, 0, 1, 1)
    # m6 moved to CB3A after the counting date: still expected and rated in CB2A; m7 joined after it.
    assert pick(counts[tree.cb2a.pk], *keys) == (2, 2, 0, 0, 2, 0, 0, 2)
    assert pick(counts[tree.cb3a.pk], *keys) == (0, 0, 0, 0, 0, 0, 0, 0)
    assert pick(counts[tree.db1.pk], *keys) == (4, 2, 2, 1, 1, 0, 1, 1)
    assert pick(counts[tree.district.pk], *keys) == (6, 4, 2, 1, 3, 0, 1, 3)
    assert pick(counts[tree.province.pk], *keys) == (6, 4, 2, 1, 3, 0, 1, 3)
    assert tree.other_province.pk not in counts


def test_organisations_by_node(tree, rated):
    counts = figures.by_node(tree.province, *YEAR)
    keys = ("organisations_expected", "organisations_rated", "organisations_not_rated", "organisations_step_1",
            "organisations_step_2", "organisations_step_3", "organisations_level_htxsnv")
    assert pick(counts[tree.province.pk], *keys) == (4, 2, 2, 1, 1, 0, 1)
    assert pick(counts[tree.district.pk], *keys) == (3, 2, 1, 1, 1, 0, 1)
    assert pick(counts[tree.db1.pk], *keys) == (1, 1, 0, 1, 0, 0, 1)
    assert pick(counts[tree.bloc.pk], *keys) == (1, 0, 1, 0, 0, 0, 0)
    # The chi bộ trực thuộc apart: CB1A rated HTNV; not in the TCCSĐ figures.
    cells = ("cells_expected", "cells_rated", "cells_step_3", "cells_level_htnv")
    assert pick(counts[tree.db1.pk], *cells) == (2, 1, 1, 1)
    assert pick(counts[tree.province.pk], *cells) == (4, 1, 1, 1)


def test_rows_match_the_figures(tree, rated):
    members, organisations = (f.evaluation_round(2023, k) for k in (SubjectKind.MEMBER, SubjectKind.ORGANISATION))
    assert set(figures.rated_rows(tree.district, members).values_list("member_id", flat=True)) == {
        rated[0].pk, rated[1].pk, rated[4].pk, rated[5].pk}
    assert set(figures.rated_rows(tree.cb2a, members, step=2).values_list("member_id", flat=True)) == {
        rated[4].pk, rated[5].pk}
    assert list(figures.rated_rows(tree.cb3a, members)) == []
    assert set(figures.unrated_members(tree.cb1a, members)) == {rated[2], rated[3]}
    assert set(figures.rated_rows(tree.province, organisations, group=figures.ORGANISATIONS)
               .values_list("organisation_id", flat=True)) == {tree.db1.pk, tree.db2.pk}
    assert set(figures.rated_rows(tree.province, organisations, group=figures.ORGANISATIONS, level="htxsnv")
               .values_list("organisation_id", flat=True)) == {tree.db1.pk}
    assert {v.organisation_id for v in figures.unrated_organisations(tree.province, organisations)} == {
        tree.cbcs.pk, tree.db3.pk}
    assert {v.organisation_id for v in figures.unrated_organisations(tree.db1, organisations, figures.CELLS)} == {
        tree.cb1b.pk}


def test_period_counts_the_years_that_end_in_it(tree, rated):
    assert figures.by_node(tree.province, dt.date(2023, 1, 1), dt.date(2023, 12, 30)) == {}
    assert figures.by_node(tree.province, dt.date(2022, 1, 1), dt.date(2022, 12, 31)) == {}
    whole = figures.by_node(tree.province, dt.date(2023, 12, 31), dt.date(2024, 6, 30))
    assert whole[tree.province.pk]["members_rated"] == 4
    assert figures.node(tree.district, *YEAR)["organisations_rated"] == 2


def test_two_years_are_summed_and_each_counts_its_own_scheme(tree):
    f.evaluation_round(2017, SubjectKind.ORGANISATION)
    f.evaluation_round(2018, SubjectKind.ORGANISATION)
    f.rating(2017, "tsvm", organisation=tree.db1)
    f.rating(2018, "htxsnv", organisation=tree.db1)
    counts = figures.by_node(tree.province, dt.date(2017, 1, 1), dt.date(2018, 12, 31))[tree.province.pk]
    assert pick(counts, "organisations_rated", "organisations_step_1", "organisations_level_tsvm",
                "organisations_level_htxsnv", "organisations_expected") == (2, 2, 1, 1, 8)


def test_query_count_does_not_grow_with_the_tree(tree, rated, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as few:
        small = figures.by_node(tree.province, *YEAR)
    for i in range(5):
        cell = make_org("chi-bo-truc-thuoc", tree.db2, code=f"NEW{i}")
        f.rating(2023, "htnv", member=f.member_at(cell), organisation=cell)
        f.rating(2023, "httnv", organisation=make_org("chi-bo-co-so", tree.bloc, code=f"CS{i}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = figures.by_node(tree.province, *YEAR)
    assert large[tree.province.pk]["members_rated"] == small[tree.province.pk]["members_rated"] + 5
    assert large[tree.province.pk]["organisations_rated"] == small[tree.province.pk]["organisations_rated"] + 5
