"""Labels of the campaigns' and sessions' audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "campaign.created": _("Study campaign planned"),
    "campaign.updated": _("Study campaign edited"),
    "campaign.cancelled": _("Study campaign cancelled"),
    "session.created": _("Study session planned"),
    "session.updated": _("Study session edited"),
    "session.cancelled": _("Study session cancelled"),
    "session.attendance_recorded": _("Attendance at a study session recorded"),
    "session.attendance_changed": _("Attendance at a study session changed"),
    "session.self_study_confirmed": _("Self-study confirmed"),
    "session.made_up": _("Study session made up later"),
    "activity.demo_loaded": _("Sample study campaigns and sessions loaded"),
}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
