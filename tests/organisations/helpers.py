"""Helpers for the organisation tests: row counts (to prove a rejected change wrote nothing)
and short readers for versions, paths and audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from xaydungdang.core.models import AuditEntry
from xaydungdang.organisations import domain
from xaydungdang.organisations.models import Organisation, OrgType, OrgVersion, RestructuringEvent
from xaydungdang.organisations.paths import encode_id

Counts = tuple[int, int, int, int]


def row_counts() -> Counts:
    """Organisation, OrgVersion, RestructuringEvent, AuditEntry."""
    return (Organisation.objects.count(), OrgVersion.objects.count(), RestructuringEvent.objects.count(),
            AuditEntry.objects.count())


def rejected(build: Callable[[], domain.Plan]) -> list[str]:
    """Build and execute a plan that must be refused; return its messages in English.

    Fails the test when anything was written.
    """
    before = row_counts()
    with override("en"):
        with pytest.raises(ValidationError) as info:
            domain.execute(build(), actor=None)
        messages = [str(message) for message in info.value.messages]
    assert row_counts() == before
    return messages


def run(plan: domain.Plan, actor: Any = None) -> RestructuringEvent:
    """Execute in English so the event summary reads predictably."""
    with override("en"):
        return domain.execute(plan, actor=actor)


def codes(versions: Iterable[OrgVersion]) -> set[str]:
    return {v.organisation.code for v in versions}


def path_of(*orgs: Organisation) -> str:
    return "".join(encode_id(org.pk) for org in orgs)


def versions_of(org: Organisation) -> list[tuple[str, str | None, dt.date, dt.date | None]]:
    """(name, parent code, valid_from, valid_to) for every version, oldest first."""
    rows = org.versions.select_related("parent").order_by("valid_from", "id")
    return [(v.name, v.parent.code if v.parent else None, v.valid_from, v.valid_to) for v in rows]


def current(org: Organisation) -> OrgVersion:
    return org.versions.get(valid_to__isnull=True)


def event_codes(event: RestructuringEvent) -> set[str]:
    return set(event.organisations.values_list("code", flat=True))


def audit_rows(after_id: int = 0) -> list[tuple[str, str, dict[str, Any]]]:
    """(action, organisation code, data) for audit entries written after `after_id`, oldest first."""
    entries = AuditEntry.objects.filter(id__gt=after_id).select_related("organisation").order_by("id")
    return [(e.action, e.organisation.code, e.data) for e in entries]


def last_audit_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def org_type(code: str) -> OrgType:
    return OrgType.objects.get(code=code)


def type_id(code: str) -> int:
    return org_type(code).pk
