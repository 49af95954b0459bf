"""Reads of the audit log, scoped and filtered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from xaydungdang.accounts.scope import Scope
from xaydungdang.core.models import AuditEntry
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.queries import ids_ever_under


@dataclass
class AuditFilter:
    organisation: Organisation | None = None
    actor: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_entries(scope: Scope, filters: AuditFilter) -> QuerySet[AuditEntry]:
    """The entries the scope reads (an ended organisation's office: up to its last day, see Scope.audit_q)."""
    entries = AuditEntry.objects.filter(scope.audit_q())
    if filters.organisation is not None:
        entries = entries.filter(organisation_id__in=ids_ever_under(filters.organisation))
    if filters.actor:
        entries = entries.filter(actor__username__icontains=filters.actor)
    if filters.action:
        entries = entries.filter(action__startswith=filters.action)
    if filters.date_from:
        entries = entries.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(created_at__date__lte=filters.date_to)
    return entries.select_related("actor", "organisation")


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())
