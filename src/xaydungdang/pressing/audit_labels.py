"""Labels of the pressing app's audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "pressing.selected": _("Pressing issue selected"),
    "pressing.updated": _("Pressing issue edited"),
    "pressing.status_changed": _("Pressing issue being resolved"),
    "pressing.resolved": _("Pressing issue resolved"),
    "pressing.cancelled": _("Pressing issue cancelled"),
}

# The demo (demo/pressing.py).
ACTION_LABELS |= {"pressing.demo_loaded": _("Sample pressing issues loaded")}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
