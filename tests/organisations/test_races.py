"""Concurrent restructurings (issue 9 point 6): two changes that each validated against the tree
as it was are written one at a time, the second validated against the first's result and refused
with the rule it now breaks. Real threads, each on its own connection (tests/concurrency.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.concurrency import Start, race, split
from tests.factories import org_type
from tests.helpers import vi
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain as members
from xaydungdang.members.models import Member, Membership, Transfer
from xaydungdang.organisations import domain
from xaydungdang.organisations.models import Organisation, RestructuringEvent

pytestmark = pytest.mark.django_db(transaction=True)

DAY = dt.date(2024, 3, 10)


def refusals(errors: list[BaseException]) -> list[list[str]]:
    assert all(isinstance(error, ValidationError) for error in errors), errors
    return [list(error.messages) for error in errors]  # type: ignore[attr-defined]


def dissolve(code: str) -> Any:
    def step(start: Start) -> None:
        plan = domain.plan_dissolve(organisation=Organisation.objects.get(code=code), effective=DAY)  # the preview
        start()
        domain.execute(plan, actor=None)
    return step


def test_two_concurrent_dissolutions_record_one(tree):
    won, errors = split(race(dissolve("CB3A"), dissolve("CB3A")))
    assert len(won) == 1
    assert refusals(errors) == [[vi("%(org)s no longer exists on %(day)s (ended %(ended)s).", org="Tổ chức CB3A",
                                    day="10/3/2024", ended="10/3/2024")]]
    assert Organisation.objects.get(code="CB3A").valid_to == DAY
    assert RestructuringEvent.objects.filter(kind="dissolve", organisations__code="CB3A").count() == 1
    assert AuditEntry.objects.filter(action="organisation.dissolved", object_repr="Tổ chức CB3A").count() == 1


def test_two_concurrent_establishments_of_one_code_record_one(tree):
    parents = ["DB1", "DB2"]

    def establish(parent: str) -> Any:
        def step(start: Start) -> None:
            plan = domain.plan_create(code="CB-MOI", name=f"Chi bộ mới của {parent}",
                                      org_type=org_type("chi-bo-truc-thuoc"),
                                      parent=Organisation.objects.get(code=parent), effective=DAY)
            start()
            domain.execute(plan, actor=None)
        return step

    won, errors = split(race(*(establish(p) for p in parents)))
    assert len(won) == 1
    assert refusals(errors) == [[vi("The code %(code)s is already used by another organisation.", code="CB-MOI")]]
    assert Organisation.objects.get(code="CB-MOI").name == f"Chi bộ mới của {parents[won[0]]}"
    assert AuditEntry.objects.filter(action="organisation.created", object_repr__startswith="Chi bộ mới").count() == 1


def test_dissolving_while_a_member_is_received_leaves_no_member_in_a_dissolved_unit(tree):
    """The member steps lock the organisation a membership opens at; the restructuring locks it too."""
    member = members.register_member(actor=None, person={"full_name": "Nguyễn Văn An", "sex": "nam"},
                                     organisation=tree.cb1a, since=dt.date(2020, 1, 1))
    transfer = members.send_transfer(actor=None, member=member, kind=Membership.Kind.REGULAR,
                                     sent_on=dt.date(2024, 3, 1), to_organisation=tree.cb1b)

    def receive(start: Start) -> None:
        target = Transfer.objects.select_related("member__person", "to_organisation").get(pk=transfer.pk)
        start()
        members.receive_transfer(actor=None, transfer=target, received_on=DAY)

    won, errors = split(race(receive, dissolve("CB1B")))
    assert len(won) == 1
    cb1b = Organisation.objects.get(code="CB1B")
    if won == [0]:  # received first: the unit still has a member and cannot be dissolved
        assert refusals(errors) == [[vi("%(org)s cannot be dissolved: %(count)s member still belongs to it; "
                                        "transfer them first.", org="Tổ chức CB1B", count=1)]]
        assert (cb1b.valid_to, Member.objects.get().memberships.get(valid_to__isnull=True).organisation) == (
            None, cb1b)
    else:  # dissolved first: nobody can join it any more
        assert refusals(errors) == [[vi("%(org)s was dissolved on %(ended)s: no member can join it on %(day)s.",
                                        org="Tổ chức CB1B", ended="10/3/2024", day="10/3/2024")]]
        assert (cb1b.valid_to, Transfer.objects.get().status) == (DAY, "pending")
        assert not Membership.objects.filter(organisation=cb1b).exists()
