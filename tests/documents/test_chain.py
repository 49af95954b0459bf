"""Implementation chains: who should implement a document on its date, who has, who has not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.conftest import make_document
from tests.factories import UserFactory
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.documents import domain, queries

pytestmark = pytest.mark.django_db


def codes(versions) -> list[str]:
    return [v.organisation.code for v in versions]


@pytest.fixture
def plans(tree, tw, issuers):
    kl21 = make_document(tw, "KL", "21", dt.date(2021, 10, 25), title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng")
    kh82 = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 20), owner=tree.province, implements=[kl21])
    kh15 = make_document(issuers["D"], "KH", "15", dt.date(2022, 3, 1), owner=tree.district, implements=[kh82])
    kh03 = make_document(issuers["DB1"], "KH", "03", dt.date(2022, 4, 1), owner=tree.db1, implements=[kh15])
    return {"kl21": kl21, "kh82": kh82, "kh15": kh15, "kh03": kh03}


def test_chain_from_a_central_document_for_a_superuser(plans, users):
    root = queries.chain(resolve_scope(UserFactory(is_superuser=True)), plans["kl21"])
    assert (codes(root.expected), codes(root.done), codes(root.missing), root.hidden) == (["OP", "P"], ["P"],
                                                                                          ["OP"], 0)
    assert root.summary == "Kết luận 21-KL/TW: 1/2 cấp ủy đã ban hành kế hoạch; chưa có: Tổ chức OP"
    (province,) = root.children
    assert (province.document, codes(province.expected), codes(province.missing)) == (plans["kh82"], ["D", "K"],
                                                                                      ["K"])
    assert province.summary == "Kế hoạch 82-KH/TU: 1/2 cấp ủy đã ban hành kế hoạch; chưa có: Tổ chức K"
    (district,) = province.children
    assert (codes(district.expected), codes(district.done)) == (["DB1", "DB2", "CBCS"], ["DB1"])
    (grassroots,) = district.children
    assert (codes(grassroots.expected), codes(grassroots.missing), grassroots.children) == (
        ["CB1A", "CB1B"], ["CB1A", "CB1B"], [])


def test_chain_for_a_district_office_counts_only_its_scope(plans, users):
    scope = resolve_scope(users.district_office)
    root = queries.chain(scope, plans["kl21"])
    assert (codes(root.expected), root.hidden) == ([], 2)  # the tops of its scope is the district, not a root
    province = queries.chain(scope, plans["kh82"])
    assert (codes(province.expected), codes(province.done), province.hidden) == (["D"], ["D"], 1)
    assert province.summary == "Kế hoạch 82-KH/TU: 1/1 cấp ủy đã ban hành kế hoạch"


def test_expected_implementers_follow_the_tree_of_the_documents_date(restructured_tree, tw, issuers):
    tree = restructured_tree
    scope = resolve_scope(UserFactory(is_superuser=True))
    before = make_document(issuers["P"], "KH", "1", dt.date(2024, 5, 1), owner=tree.province)
    after = make_document(issuers["P"], "KH", "2", dt.date(2025, 8, 1), owner=tree.province)
    assert codes(queries.chain(scope, before).expected) == ["D", "K"]
    assert codes(queries.chain(scope, after).expected) == ["K", "X2", "X1"]  # "Hai" sorts before "Một"
    x1 = domain.issuer_for_organisation(actor=None, organisation=tree.refresh().db1, abbreviation="ĐU")
    make_document(x1, "KH", "7", dt.date(2025, 9, 1), owner=tree.db1, implements=[after])
    node = queries.chain(scope, after)
    assert (codes(node.done), codes(node.missing)) == ([], ["K", "X2", "X1"])  # DB1 is not a child of P


def test_top_of_chain_and_neighbours(plans, users):
    scope = resolve_scope(users.cell_secretary)
    assert queries.top_of_chain(scope, plans["kh03"]) == plans["kl21"]
    assert list(queries.implementing(scope, plans["kh82"])) == [plans["kh15"]]
    assert list(queries.implemented_by(scope, plans["kh82"])) == [plans["kl21"]]


def test_chain_query_count_does_not_grow_with_the_plans_of_a_level(plans, users, tw, tree, issuers):
    scope = resolve_scope(UserFactory(is_superuser=True))
    with CaptureQueriesContext(connection) as first:
        queries.chain(scope, plans["kh15"])
    for issuer, owner in ((issuers["DB2"], tree.db2), (None, tree.cbcs)):
        issuer = issuer or domain.issuer_for_organisation(actor=None, organisation=owner, abbreviation="CB")
        make_document(issuer, "KH", "5", dt.date(2022, 4, 1), owner=owner, implements=[plans["kh15"]])
    with CaptureQueriesContext(connection) as second:
        node = queries.chain(scope, plans["kh15"])
    assert (len(node.children), [c.document.owner.code for c in node.children], node.missing) == (
        3, ["DB1", "DB2", "CBCS"], [])
    assert len(first.captured_queries) == len(second.captured_queries) == 7
