from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain, queries
from xaydungdang.members.models import MemberEvent, Membership
from xaydungdang.organisations import domain as org_domain
from xaydungdang.organisations.models import OrgVersion

DAY = dt.date(2021, 1, 1)


def _member(organisation, name):
    return domain.register_member(actor=None, person={"full_name": name, "sex": "nam"}, organisation=organisation,
                                  since=dt.date(2018, 1, 1))


def test_dissolving_an_organisation_with_members_is_refused_and_writes_nothing(tree):
    _member(tree.cbcs, "Hoàng Văn Em")
    versions, memberships = OrgVersion.objects.count(), Membership.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        org_domain.plan_dissolve(organisation=tree.cbcs, effective=DAY)
    assert error.value.messages == [
        "Tổ chức CBCS cannot be dissolved: 1 member still belongs to it; transfer them first."]
    assert (OrgVersion.objects.count(), Membership.objects.count()) == (versions, memberships)


def test_merger_hands_members_to_the_target_with_a_timeline_event(tree):
    member = _member(tree.cbcs, "Hoàng Văn Em")
    org_domain.execute(org_domain.plan_merge(sources=[tree.cbcs], target=tree.db2, effective=DAY), actor=None)
    assert list(member.memberships.values_list("organisation__code", "valid_from", "valid_to", "end_reason")) == [
        ("CBCS", dt.date(2018, 1, 1), DAY, "merged"), ("DB2", DAY, None, "")]
    assert list(member.events.values_list("kind", "organisation__code", "other_organisation__code")) == [
        ("registered", "CBCS", None), (MemberEvent.Kind.MOVED, "DB2", "CBCS")]
    assert queries.count_members_on(tree.db2.pk, DAY) == 1
    assert queries.count_members_on(tree.district.pk, DAY - dt.timedelta(days=1)) == 1
    assert AuditEntry.objects.filter(action="member.moved_by_merger").values_list("data", flat=True)[0]["new"] == {
        "to": "DB2", "members": 1, "valid_from": "2021-01-01"}
