"""Labels of the accounts' security audit actions, added to the audit page's table when the app is ready."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "api_token.deleted": _("API token deleted"),
    "user.password_changed": _("Password changed"),
    "member.login_created": _("Member's own log-in created"),
    "member.login_deactivated": _("Member's own log-in deactivated"),
}
FIELD_LABELS = {"prefix": _("starts with"), "revoked_at": _("revoked at")}


def register_action_labels() -> None:
    from xaydungdang.core import audit_labels

    audit_labels.ACTION_LABELS.update(ACTION_LABELS)
    audit_labels.FIELD_LABELS.update(FIELD_LABELS)
