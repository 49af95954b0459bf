"""Vietnamese labels for audit action codes and changed fields, shown on the audit page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from xaydungdang.core.formatting import format_date

ACTION_LABELS = {
    "organisation.created": _("Organisation established"),
    "organisation.renamed": _("Organisation renamed"),
    "organisation.moved": _("Organisation moved"),
    "organisation.dissolved": _("Organisation dissolved"),
    "grant.given": _("Role granted"),
    "api_token.created": _("API token created"),
    "api_token.revoked": _("API token revoked"),
    "member.registered": _("Member recorded"),
    "member.admitted": _("Member admitted"),
    "member.recognised": _("Recognised as official member"),
    "member.transfer_sent": _("Transfer sent"),
    "member.transfer_received": _("Transfer received"),
    "member.transfer_cancelled": _("Transfer cancelled"),
    "member.temporary_ended": _("Temporary activity ended"),
    "member.exempted": _("Exempted from activities"),
    "member.exemption_ended": _("Exemption ended"),
    "member.struck_off": _("Member struck off"),
    "member.expelled": _("Member expelled"),
    "member.deceased": _("Death recorded"),
    "member.moved_by_merger": _("Members moved by a merger"),
    "member.imported": _("Members imported from Excel"),
    "member.sensitive_viewed": _("Sensitive personal data viewed"),
    "member.sensitive_filtered": _("Member list filtered by sensitive data"),
    "member.sensitive_exported": _("Member list exported with sensitive data"),
    "member.demo_loaded": _("Sample members loaded"),
    "candidate.added": _("Candidate added"),
}
FIELD_LABELS = {
    "code": _("code"), "name": _("name"), "type": _("type"), "parent": _("superior organisation"),
    "valid_from": _("effective from"), "valid_to": _("ended on"), "subtree_size": _("organisations moved"),
    "event": _("restructuring event"), "user": _("user"), "role": _("role"), "organisation": _("organisation"),
    "revoked_at": _("revoked at"),
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# core/admin.py audits an edit in the administration as "<model name>.<verb>_in_admin", for any model.
ADMIN_ACTIONS = {
    "created_in_admin": _("Created in the administration: %(model)s"),
    "changed_in_admin": _("Changed in the administration: %(model)s"),
    "deleted_in_admin": _("Deleted in the administration: %(model)s"),
}


def action_label(code: str) -> str:
    label = ACTION_LABELS.get(code)
    if label is not None:
        return str(label)
    model_name, _dot, verb = code.rpartition(".")
    if verb in ADMIN_ACTIONS:
        from django.apps import apps

        model = next((m for m in apps.get_models() if m._meta.model_name == model_name), None)
        return str(ADMIN_ACTIONS[verb]) % {"model": model._meta.verbose_name if model is not None else model_name}
    return code


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def display_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and _ISO_DATE.match(value):
        return format_date(dt.date.fromisoformat(value))
    return str(value)
