"""feedback.scoping, the one place of the rule: an opinion is visible where it was raised OR where it is assigned;
edited by the raising office; answered by it or by the assignee; the identity only to those who may edit."""

from __future__ import annotations

import datetime as dt

from django.test import RequestFactory

from tests.feedback.factories_opinions import briefing, opinion
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.feedback import scoping

DAY = dt.date(2024, 3, 12)


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    request.scope = resolve_scope(user)
    return request


def test_visible_where_raised_or_assigned_edited_where_raised(tree, users):
    above = opinion(tree.district, DAY, assigned_to=tree.db1, due_on=DAY, wants_answer=True, consents=True,
                    raiser_name="Phạm Thị D")
    plain = opinion(tree.district, DAY)
    below = opinion(tree.cb1a, DAY)
    aside = opinion(tree.db3, DAY, assigned_to=tree.cb3a)
    secretary = request_of(users.grassroots_secretary)  # DB1
    office = request_of(users.district_office)  # D
    leader = request_of(users.leader)  # P, view only
    assert set(scoping.visible_opinions(secretary)) == {above, below}
    assert set(scoping.editable_opinions(secretary)) == {below}
    assert set(scoping.answerable_opinions(secretary)) == {above, below}
    assert set(scoping.visible_opinions(office)) == {above, plain, below}
    assert set(scoping.editable_opinions(office)) == {above, plain, below}
    assert set(scoping.visible_opinions(leader)) == {above, plain, below, aside}
    assert not scoping.answerable_opinions(leader).exists()
    flags = {o.pk: (o.may_edit, o.may_answer, o.identity_shown)
             for o in scoping.with_permissions(secretary, scoping.visible_opinions(secretary))}
    assert flags == {above.pk: (False, True, False), below.pk: (True, True, False)}
    shown = {o.pk for o in scoping.with_permissions(office, scoping.visible_opinions(office)) if o.identity_shown}
    assert shown == {above.pk}
    assert not any(o.identity_shown for o in scoping.with_permissions(leader, scoping.visible_opinions(leader)))
    assert set(scoping.visible_opinions(secretary).filter(scoping.assigned_to_me_q(secretary))) == {above}


def test_briefings_follow_the_committee(tree, users):
    held = briefing(tree.district, DAY)
    assert list(scoping.visible_briefings(request_of(users.district_office))) == [held]
    assert not scoping.visible_briefings(request_of(users.grassroots_secretary)).exists()
    assert not scoping.writable_briefings(request_of(users.leader)).exists()
