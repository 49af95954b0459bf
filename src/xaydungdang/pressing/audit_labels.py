"""Labels of the pressing app's audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _  # noqa: F401

ACTION_LABELS: dict[str, Any] = {}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
