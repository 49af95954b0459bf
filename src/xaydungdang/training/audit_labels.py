"""Labels of the training classes' audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "training.class_created": _("Training class opened"),
    "training.class_changed": _("Training class edited"),
    "training.class_cancelled": _("Training class cancelled"),
    "training.others_counted": _("Other participants of a class counted"),
    "training.enrolled": _("Enrolled in a training class"),
    "training.withdrawn": _("Withdrawn from a training class"),
    "training.results_recorded": _("Training class results recorded"),
    "training.demo_loaded": _("Sample training classes loaded"),
}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
