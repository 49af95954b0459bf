"""Who sees and edits which documents: own subtree, the committees above (documents flow down), central ones."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.documents.conftest import make_document
from tests.factories import UserFactory, user_with_role
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.documents import scoping
from xaydungdang.organisations.models import Organisation

pytestmark = pytest.mark.django_db
CODES = ["P", "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS", "K", "DB3", "CB3A", "OP", "ODB"]


@pytest.fixture
def owned(tree, tw):
    """One document kept by every organisation of the fixture tree, and one central document (key "—")."""
    documents = {code: make_document(tw, "CV", code, dt.date(2024, 1, 2), owner=Organisation.objects.get(code=code))
                 for code in CODES}
    documents["—"] = make_document(tw, "KL", "21", dt.date(2021, 10, 25))
    return documents


def keys(documents, queryset) -> list[str]:
    ids = set(queryset.values_list("pk", flat=True))
    return [key for key, document in documents.items() if document.pk in ids]


@pytest.mark.parametrize(("role", "visible", "editable"), [
    ("province_office", ["P", "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS", "K", "DB3", "CB3A", "—"],
     ["P", "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS", "K", "DB3", "CB3A"]),
    ("district_office", ["P", "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS", "—"],
     ["D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS"]),
    ("grassroots_secretary", ["P", "D", "DB1", "CB1A", "CB1B", "—"], ["DB1", "CB1A", "CB1B"]),
    ("cell_secretary", ["P", "D", "DB1", "CB1A", "—"], ["CB1A"]),
    ("leader", ["P", "D", "DB1", "CB1A", "CB1B", "DB2", "CB2A", "CBCS", "K", "DB3", "CB3A", "—"], []),
])
def test_each_role_sees_its_subtree_the_committees_above_and_central_documents(users, owned, role, visible,
                                                                               editable):
    scope = resolve_scope(getattr(users, role))
    assert keys(owned, scoping.visible_documents(scope)) == visible
    assert keys(owned, scoping.editable_documents(scope)) == editable


def test_superuser_and_administrator_edit_central_documents(tree, owned):
    superuser = resolve_scope(UserFactory(is_superuser=True))
    assert keys(owned, scoping.editable_documents(superuser)) == [*CODES, "—"]
    administrator = resolve_scope(user_with_role("quan-tri", tree.district))
    assert keys(owned, scoping.editable_documents(administrator)) == ["D", "DB1", "CB1A", "CB1B", "DB2", "CB2A",
                                                                      "CBCS", "—"]
    assert scoping.may_keep(administrator, None) is True
    assert scoping.may_keep(resolve_scope(user_with_role("van-phong", tree.province)), None) is False


def test_no_grant_sees_nothing(owned):
    assert keys(owned, scoping.visible_documents(resolve_scope(UserFactory()))) == []


def test_a_unit_moved_in_2025_still_reads_its_former_districts_documents(restructured_tree, tw):
    tree = restructured_tree
    district_plan = make_document(tw, "KH", "9", dt.date(2024, 3, 1), owner=tree.district)
    commune_plan = make_document(tw, "KH", "10", dt.date(2025, 8, 1), owner=Organisation.objects.get(code="X1"))
    other_commune = make_document(tw, "KH", "11", dt.date(2025, 8, 1), owner=Organisation.objects.get(code="X2"))
    scope = resolve_scope(user_with_role("bi-thu", tree.db1))  # DB1 now under X1
    visible = set(scoping.visible_documents(scope).values_list("pk", flat=True))
    assert (district_plan.pk in visible, commune_plan.pk in visible, other_commune.pk in visible) == (True, True,
                                                                                                     False)
