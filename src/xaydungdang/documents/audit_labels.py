"""Labels of the registry's audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "document.registered": _("Document registered"),
    "document.updated": _("Document edited"),
    "document.status": _("Document status changed"),
    "document.linked": _("Implements link added"),
    "document.unlinked": _("Implements link removed"),
    "document.attachment_added": _("File attached to a document"),
    "document.issuer_registered": _("Issuing body registered"),
    "document.imported": _("Documents registered from a pasted list"),
    "document.demo_loaded": _("Sample documents loaded"),
    "programme.section_added": _("Programme section added"),
    "programme.task_added": _("Programme task added"),
    "programme.target_added": _("Target added"),
}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
