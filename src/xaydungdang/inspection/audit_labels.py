"""Labels of the inspection app's audit actions, added to the audit page's table when the app is ready. Each part
appends its own block below."""

from __future__ import annotations

from typing import Any

ACTION_LABELS: dict[str, Any] = {}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
