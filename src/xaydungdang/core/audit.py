"""The one way writes are recorded: domain functions call log_action explicitly.

A change (the default) also raises the records' revision (core.revisions), which keys the
caches of aggregates; a logged read (a view of sensitive data) passes change=False.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from xaydungdang.core import revisions
from xaydungdang.core.models import AuditEntry

# Values never written to the log in clear (Decree 13/2023 sensitive personal data, secrets).
SENSITIVE_FIELDS = frozenset({"ethnicity", "religion", "national_id", "health", "password", "key_hash"})
MASK = "••••"


def mask(values: Mapping[str, Any] | None) -> dict[str, Any]:
    if not values:
        return {}
    return {key: MASK if key in SENSITIVE_FIELDS and value not in (None, "") else value
            for key, value in values.items()}


def log_action(
    action: str,
    *,
    actor: Any,
    obj: models.Model,
    organisation: Any = None,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
    change: bool = True,
) -> AuditEntry:
    if change:
        revisions.bump()
    data: dict[str, Any] = {"old": mask(old), "new": mask(new)}
    if extra:
        data["extra"] = dict(extra)
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        organisation=organisation,
        data=data,
    )
