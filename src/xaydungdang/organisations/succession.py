"""What took over an organisation that has ended: the restructuring that ended it, and its successors.

An organisation ends by a split (its units go to the new organisations), a merger (into the target) or a
dissolution (no successor). The event that ended it is the one of those kinds that touched it on the day it
ended (`valid_to`); its successors are the organisations that event touched without ending, moving or
renaming them: those it established, and the existing organisation a merger flowed into. Everything is
read from the recorded events, so no successor is ever listed by hand.

The office of an ended organisation may name its successors (organisations.scoping.nameable_ids): they are
its organisation's own history, and the banner of its pages (core.context_processors) names them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F

from xaydungdang.organisations import queries
from xaydungdang.organisations.models import Organisation, OrgVersion, RestructuringEvent

Kind = RestructuringEvent.Kind
ENDING_KINDS = (Kind.SPLIT, Kind.MERGE, Kind.DISSOLVE)
_Touched = RestructuringEvent.organisations.through


@dataclass(frozen=True)
class Successor:
    organisation: Organisation
    name: str  # its name on the day it took over


@dataclass(frozen=True)
class Ending:
    organisation: Organisation
    event: RestructuringEvent
    successors: list[Successor] = field(default_factory=list)

    @property
    def last_day(self) -> dt.date:
        return self.event.effective_date - dt.timedelta(days=1)


def ending_events(organisation_ids: Iterable[int]) -> dict[int, RestructuringEvent]:
    """Organisation id -> the event that ended it, for those of the ids that ended by a recorded event
    (one query; of two such events on that day, the later recorded)."""
    links = _Touched.objects.filter(
        organisation_id__in=set(organisation_ids), restructuringevent__kind__in=ENDING_KINDS,
        restructuringevent__effective_date=F("organisation__valid_to"),
    ).select_related("restructuringevent").order_by("restructuringevent_id")
    return {link.organisation_id: link.restructuringevent for link in links}


def successors_by_event(event_ids: Iterable[int]) -> dict[int, set[int]]:
    """Event id -> the organisations it handed over to: touched by it, neither ended nor moved or renamed by
    it (two queries)."""
    ids = set(event_ids)
    if not ids:
        return {}
    opened = set(OrgVersion.objects.filter(event_id__in=ids).values_list("event_id", "organisation_id"))
    found: dict[int, set[int]] = {pk: set() for pk in ids}
    for event_id, organisation_id, since, until, day in _Touched.objects.filter(
            restructuringevent_id__in=ids).values_list("restructuringevent_id", "organisation_id",
                                                       "organisation__valid_from", "organisation__valid_to",
                                                       "restructuringevent__effective_date"):
        ended, changed = until == day, since < day and (event_id, organisation_id) in opened
        if not ended and not changed:
            found[event_id].add(organisation_id)
    return found


def successor_ids(organisation_ids: Iterable[int]) -> set[int]:
    """The direct successors of the given organisations that have ended (at most three queries)."""
    events = ending_events(organisation_ids)
    return set().union(*successors_by_event(e.pk for e in events.values()).values())


def endings(organisations: Iterable[Organisation]) -> list[Ending]:
    """How each of the organisations that have ended by a recorded event ended, with its successors named as on
    the event's day, in the order of the events."""
    ended = {o.pk: o for o in organisations if o.valid_to is not None}
    events = ending_events(ended)
    successors = successors_by_event(e.pk for e in events.values())
    found = []
    for organisation_id, event in sorted(events.items(), key=lambda pair: (pair[1].effective_date, pair[0])):
        ids = successors[event.pk]
        names = queries.names_on(ids, event.effective_date) if ids else {}
        heirs = sorted((Successor(o, names[o.pk]) for o in Organisation.objects.filter(pk__in=ids)),
                       key=lambda s: s.organisation.code)
        found.append(Ending(ended[organisation_id], event, heirs))
    return found
