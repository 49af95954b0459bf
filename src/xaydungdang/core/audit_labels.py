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
}
FIELD_LABELS = {
    "code": _("code"), "name": _("name"), "type": _("type"), "parent": _("superior organisation"),
    "valid_from": _("effective from"), "valid_to": _("ended on"), "subtree_size": _("organisations moved"),
    "event": _("restructuring event"), "user": _("user"), "role": _("role"), "organisation": _("organisation"),
    "revoked_at": _("revoked at"),
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def display_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and _ISO_DATE.match(value):
        return format_date(dt.date.fromisoformat(value))
    return str(value)
