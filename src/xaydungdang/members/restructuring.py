"""How members follow a restructuring of the tree (registered in MembersConfig.ready).

Members belong to an organisation, not to a place in the tree: when units move, their
members move with them for free. When a unit is merged away, its open memberships are
handed to the merger's target from the effective date; a unit that is dissolved or split
while members still belong directly to it is refused, because nobody could say where
they go.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import ngettext

from xaydungdang.core.audit import log_action
from xaydungdang.members.models import MemberEvent, Membership
from xaydungdang.organisations.models import Organisation


def _open(organisation: Organisation) -> Any:
    return Membership.objects.filter(organisation=organisation, valid_to__isnull=True)


def members_block_dissolving(organisation: Organisation, day: dt.date) -> list[str]:
    count = _open(organisation).count()
    if not count:
        return []
    return [ngettext("%(org)s cannot be dissolved: %(count)s member still belongs to it; transfer them first.",
                     "%(org)s cannot be dissolved: %(count)s members still belong to it; transfer them first.",
                     count) % {"org": organisation, "count": count}]


def hand_members_to_successor(source: Organisation, target: Organisation, day: dt.date, actor: Any) -> None:
    """Close the source's open memberships on `day` and open the same kind at the target."""
    moved = list(_open(source).select_related("member"))
    for membership in moved:
        membership.valid_to, membership.end_reason = day, "merged"
    Membership.objects.bulk_update(moved, ["valid_to", "end_reason"])
    Membership.objects.bulk_create([Membership(member=m.member, organisation=target, kind=m.kind, valid_from=day)
                                    for m in moved])
    creator = actor if getattr(actor, "pk", None) else None
    MemberEvent.objects.bulk_create([
        MemberEvent(member=m.member, kind=MemberEvent.Kind.MOVED, date=day, organisation=target,
                    other_organisation=source, created_by=creator) for m in moved])
    if moved:
        log_action("member.moved_by_merger", actor=actor, obj=source, organisation=source,
                   new={"to": target.code, "members": len(moved), "valid_from": day})
