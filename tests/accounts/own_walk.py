"""The permission walk's (tests/core/test_permissions.py) member actor and values for <self_study_id>.

The member actor is a member's own log-in (role dang-vien) linked to the walk's member of ZQCB1A: its own pages
answer 200, everything else 403 as the walk computes. A self-study session of ZQCB1A (organised for the district
ZQD's campaign) is its own to confirm; one of ZQCB2A is nobody's in the walk (404)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from tests.factories import EPOCH
from xaydungdang.accounts.domain import create_member_login
from xaydungdang.activities.models import Audience, Campaign, Session
from xaydungdang.core.dates import today
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation

OWN_UNIT = "ZQCB1A"
OTHER_UNIT = "ZQCB2A"
MEMBER_ACTOR = "member"
SELF_NAME = "Đảng viên tự xem"


def member_actor() -> Any:
    """The Actor of a member's own log-in, linked to a member of OWN_UNIT made after the walk's own one there (the
    walk closes that one's log-in through the secretary's pages, which would end this actor's session)."""
    from tests.core.test_permissions import _member_at, actor_for

    _member_at(OWN_UNIT)  # the walk's member of the unit is made first, so it stays the one member_cases uses
    member = Member.objects.filter(person__full_name=SELF_NAME).first() or members_domain.register_member(
        actor=None, person={"full_name": SELF_NAME, "sex": "nu"}, organisation=Organisation.objects.get(code=OWN_UNIT),
        since=EPOCH)
    if member.user_id is None:
        create_member_login(actor=None, member=member, username="dang-vien-walk")
        member.refresh_from_db()
    return actor_for(MEMBER_ACTOR, member.user)


def _self_study_at(code: str) -> Session:
    organisation = Organisation.objects.get(code=code)
    found = Session.objects.filter(organisation=organisation, form=Session.Form.SELF_STUDY).first()
    if found is not None:
        return found
    day = today()
    campaign = Campaign.objects.create(organisation=Organisation.objects.get(code="ZQD"), title="Học tập chuyên đề",
                                       start=day - dt.timedelta(days=30), end=day + dt.timedelta(days=30),
                                       audiences=[Audience.MEMBERS])
    return Session.objects.create(campaign=campaign, organisation=organisation, date=day - dt.timedelta(days=1),
                                  form=Session.Form.SELF_STUDY)


def self_study_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    """A self-study session expecting the member actor (theirs alone to confirm) and one expecting nobody here."""
    yield {"self_study_id": _self_study_at(OWN_UNIT).pk}, actor.name == MEMBER_ACTOR
    yield {"self_study_id": _self_study_at(OTHER_UNIT).pk}, False
