"""Values of the activities URL parameters for the permission walk (tests/core/test_permissions.py): a campaign
planned by each sample organisation, and a session held by it, both long past (read by an ended grant too).

Campaigns flow down as documents do (activities/scoping.py): a campaign planned above the actor's root is read
(its subtree covers the actor's units), written only inside the actor's subtree; the same for sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities import domain
from xaydungdang.activities.models import Audience, Campaign, Session
from xaydungdang.organisations.models import Organisation

START, END, DAY = dt.date(2017, 1, 1), dt.date(2017, 12, 31), dt.date(2017, 6, 1)
READS = {Capability.VIEW, Capability.VIEW_AUDIT, Capability.VIEW_SENSITIVE}
ADDS_SESSIONS = {"activities:session_create", "/api/campaigns/{campaign_id}/sessions"}


def campaign_of(code: str) -> Campaign:
    """A campaign planned by the organisation (made once, then reused by the walk)."""
    title = f"Học tập nghị quyết {code}"  # other walks make campaigns of their own
    found = Campaign.objects.filter(organisation__code=code, title=title).first()
    return found or domain.create_campaign(
        actor=None, organisation=Organisation.objects.get(code=code), kind=Campaign.Kind.STUDY, title=title,
        start=START, end=END, audiences=[Audience.MEMBERS])


def session_of(code: str) -> Session:
    planned = campaign_of(code)
    found = Session.objects.filter(organisation__code=code, campaign=planned).first()
    return found or domain.create_session(actor=None, campaign=planned,
                                          organisation=Organisation.objects.get(code=code), date=DAY,
                                          audience=Audience.MEMBERS)


def _cases(actor: Any, route: Any, make: Any, name: str) -> Iterator[tuple[dict[str, Any], bool]]:
    from tests.core.test_permissions import ancestors_and_self

    writes = getattr(route.callback, "capability", Capability.VIEW) not in READS
    if route.name in ADDS_SESSIONS:  # a unit adds its session to a campaign planned above it
        writes = False
    for code in actor.sample_codes():
        above = actor.root is not None and code in ancestors_and_self(actor.root)
        yield {name: make(code).pk}, actor.covers(code) or (above and not writes)


def campaign_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    yield from _cases(actor, route, campaign_of, "campaign_id")


def session_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    yield from _cases(actor, route, session_of, "session_id")
