"""Labels of the chi bộ meetings' audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "meeting.recorded": _("Chi bộ meeting recorded"),
    "meeting.updated": _("Chi bộ meeting edited"),
    "meeting.cancelled": _("Chi bộ meeting cancelled"),
    "meeting.attendance_recorded": _("Attendance at a chi bộ meeting recorded"),
    "meeting.checklist_answered": _("Meeting quality checklist answered"),
    "meeting.demo_loaded": _("Sample chi bộ meetings loaded"),
}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
