"""Helpers for the member tests: a snapshot of every member row (to prove a refused step
wrote nothing), short builders for people and members, and readers for audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import override

from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.models import (
    Candidate,
    Exemption,
    KeyCadreRole,
    Member,
    MemberEvent,
    Membership,
    Person,
    Transfer,
)
from xaydungdang.organisations.models import Organisation

SINCE = dt.date(2020, 1, 1)
SNAPSHOT_MODELS: tuple[type[Model], ...] = (
    Person, Member, Membership, MemberEvent, Transfer, Exemption, KeyCadreRole, Candidate, AuditEntry)


def row_counts() -> tuple[int, ...]:
    """Person, Member, Membership, MemberEvent, Transfer, Exemption, KeyCadreRole, Candidate, AuditEntry."""
    return tuple(model._default_manager.count() for model in SNAPSHOT_MODELS)


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every column of every row of the member tables and the audit log."""
    return {model._meta.label: list(model._default_manager.order_by("pk").values()) for model in SNAPSHOT_MODELS}


def refused(call: Callable[[], object]) -> list[str]:
    """Run a domain call that must be refused; return its messages in English.

    Fails the test when anything was written: no row added, none changed.
    """
    counts, before = row_counts(), snapshot()
    with override("en"):
        with pytest.raises(ValidationError) as info:
            call()
        messages = [str(message) for message in info.value.messages]
    assert row_counts() == counts
    assert snapshot() == before
    return messages


def person(full_name: str, sex: str = "nam", **fields: Any) -> dict[str, Any]:
    return {"full_name": full_name, "sex": sex, **fields}


def member(organisation: Organisation, full_name: str, *, since: dt.date = SINCE, sex: str = "nam",
           **kwargs: Any) -> Member:
    """A member registered through the domain; kwargs go to register_member or, when they are
    profile fields, to the person."""
    profile = {k: kwargs.pop(k) for k in list(kwargs) if k in domain.PERSON_FIELDS}
    return domain.register_member(actor=None, person=person(full_name, sex, **profile), organisation=organisation,
                                  since=since, **kwargs)


def names(members: Iterable[Member]) -> list[str]:
    return [m.person.full_name for m in members]


def name_set(members: Iterable[Member]) -> set[str]:
    return set(names(members))


def last_audit_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def audit_rows(after_id: int = 0) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(action, organisation code, data) for audit entries written after `after_id`, oldest first."""
    entries = AuditEntry.objects.filter(id__gt=after_id).select_related("organisation").order_by("id")
    return [(e.action, e.organisation.code if e.organisation else None, e.data) for e in entries]


def memberships_of(m: Member) -> list[tuple[str, str, dt.date, dt.date | None, str]]:
    """(organisation code, kind, from, until, end reason) for every membership, oldest first."""
    rows = m.memberships.select_related("organisation").order_by("valid_from", "id")
    return [(r.organisation.code, r.kind, r.valid_from, r.valid_to, r.end_reason) for r in rows]


def events_of(m: Member) -> list[tuple[str, dt.date, str | None, str | None, str, str]]:
    """(kind, date, organisation code, other organisation code, decision, note), oldest first."""
    rows = m.events.select_related("organisation", "other_organisation").order_by("date", "id")
    return [(e.kind, e.date, e.organisation.code if e.organisation else None,
             e.other_organisation.code if e.other_organisation else None, e.decision, e.note) for e in rows]
