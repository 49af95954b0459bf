"""Rows of an import that describe members already recorded: matched, checked and compared.

A row whose party card number or lý lịch number is a member's changes that member instead of
recording a new one, when the member belongs (regular membership, open) to an organisation the
user may record members in; otherwise the number reads as taken, as before, so that nothing is
revealed about members outside the scope. Only the cells that hold a value are compared: an
empty cell says nothing, it does not erase. The organisation of a change row must be the
member's own: moving a member is a transfer, with its own steps and events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from xaydungdang.members.domain import admission_date_errors
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation

IDENTIFIERS = ("card_number", "lylich_number")
MEMBER_KEYS = ("card_number", "lylich_number", "admission_decision_date", "admission_ceremony_date",
               "official_decision_date")
NOT_COMPARED = ("organisation_code", "since")  # where the member belongs changes by transfer, not by import
LOOKUP_CHUNK = 500

ErrorAt = Callable[[int, str, str], Any]  # (row, field key, message) -> RowError


@dataclass(frozen=True)
class Found:
    member_id: int
    editable: bool


@dataclass(frozen=True)
class Change:
    """What a row changes in a member: field key -> (old, new); empty when the row repeats the record."""

    member_id: int
    name: str
    organisation: str
    fields: dict[str, tuple[Any, Any]]


@dataclass
class Matching:
    changes: dict[int, Change] = field(default_factory=dict)  # row number -> change
    errors: list[Any] = field(default_factory=list)


def match(rows: list[tuple[int, dict[str, Any]]], editable: QuerySet[Organisation], error: ErrorAt,
          person_keys: tuple[str, ...]) -> Matching:
    """Which rows are members already recorded, and what each would change."""
    found = {key: _existing(key, sorted({c[key] for _n, c in rows if c.get(key)}), editable) for key in IDENTIFIERS}
    result = Matching()
    targets: dict[int, int] = {}  # row number -> member id
    first_row: dict[int, int] = {}  # member id -> the first row naming it
    for number, clean in rows:
        hits = {key: found[key][clean[key]] for key in IDENTIFIERS if clean.get(key) in found[key]}
        target = _target(number, clean, hits, error, result.errors)
        if target is None:
            continue
        if target in first_row:
            result.errors.append(error(number, next(iter(hits)), _(
                "This member is already on row %(row)s of this file.") % {"row": first_row[target]}))
            continue
        first_row[target] = number
        targets[number] = target
    # The members' audience groups are read only when a change row fills that column.
    records = _records(sorted(set(targets.values())),
                       audiences=any("audiences" in clean for number, clean in rows if number in targets))
    for number, clean in rows:
        if number in targets:
            change, problems = _compare(number, clean, records[targets[number]], error, person_keys)
            result.changes[number] = change
            result.errors += problems
    return result


def _target(number: int, clean: dict[str, Any], hits: dict[str, Found], error: ErrorAt,
            errors: list[Any]) -> int | None:
    """The member a row describes, or None (a new member, or an error already listed)."""
    for key, hit in hits.items():
        if not hit.editable:
            errors.append(error(number, key, _("The number %(value)s already belongs to another member.")
                                % {"value": clean[key]}))
            return None
    members = {hit.member_id for hit in hits.values()}
    if len(members) > 1:
        errors.append(error(number, "lylich_number", _(
            "The card number %(card)s and the lý lịch number %(lylich)s belong to two different members.")
            % {"card": clean["card_number"], "lylich": clean["lylich_number"]}))
        return None
    return members.pop() if members else None


def _existing(key: str, values: list[str], editable: QuerySet[Organisation]) -> dict[str, Found]:
    """Number -> the member holding it, and whether the user may change that member."""
    found: dict[str, Found] = {}
    for start in range(0, len(values), LOOKUP_CHUNK):
        pairs = dict(Member.objects.filter(**{f"{key}__in": values[start:start + LOOKUP_CHUNK]})
                     .values_list(key, "pk"))
        open_here = set(Membership.objects.filter(
            member_id__in=pairs.values(), kind=Membership.Kind.REGULAR, valid_to__isnull=True,
            organisation__in=editable).values_list("member_id", flat=True))
        found.update((value, Found(pk, pk in open_here)) for value, pk in pairs.items())
    return found


def _records(ids: list[int], *, audiences: bool = False) -> dict[int, tuple[Member, str]]:
    """Member (with person, and audience groups if asked) -> its current organisation's code, in chunks."""
    records: dict[int, tuple[Member, str]] = {}
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start:start + LOOKUP_CHUNK]
        codes = dict(Membership.objects.filter(member_id__in=chunk, kind=Membership.Kind.REGULAR,
                                               valid_to__isnull=True).values_list("member_id", "organisation__code"))
        members = Member.objects.filter(pk__in=chunk).select_related("person")
        if audiences:
            members = members.prefetch_related("audiences")
        records.update((m.pk, (m, codes.get(m.pk, ""))) for m in members)
    return records


def _compare(number: int, clean: dict[str, Any], record: tuple[Member, str], error: ErrorAt,
             person_keys: tuple[str, ...]) -> tuple[Change, list[Any]]:
    member, code = record
    errors = []
    if clean.get("organisation_code", code) != code:
        errors.append(error(number, "organisation_code", _(
            "This member belongs to %(code)s: a move to another organisation is recorded as a transfer, not by "
            "an import.") % {"code": code}))
    fields = {}
    for key, new in clean.items():
        if key in NOT_COMPARED:
            continue
        old = recorded(member, key, person_keys)
        if old != new:
            fields[key] = (old, new)
    return Change(member.pk, member.person.full_name, code, fields), errors + _date_errors(number, clean, member,
                                                                                            error)


def recorded(member: Member, key: str, person_keys: tuple[str, ...]) -> Any:
    """The member's value of an import field, as a row's clean value holds it (audience groups: sorted codes)."""
    if key == "audiences":
        return tuple(sorted(tag.code for tag in member.audiences.all()))
    return getattr(member.person if key in person_keys else member, key)


def _date_errors(number: int, clean: dict[str, Any], member: Member, error: ErrorAt) -> list[Any]:
    """The admission dates' order with the recorded dates the row leaves empty (the row's own are checked
    by importing already)."""
    keys = MEMBER_KEYS[2:]
    merged = [clean.get(key, getattr(member, key)) for key in keys]
    own = set(admission_date_errors(*(clean.get(key) for key in keys)))
    return [error(number, "admission_ceremony_date", m) for m in admission_date_errors(*merged) if m not in own]


def plain(value: Any) -> Any:
    """A value as JSON keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value
