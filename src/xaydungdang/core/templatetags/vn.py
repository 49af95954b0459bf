"""Template filters for Vietnamese formatting; loaded as a builtin in every template."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone

from xaydungdang.core import audit_labels, dates, formatting
from xaydungdang.core.fields import DateInput

register = template.Library()


@register.filter
def vn_number(value: Any) -> str:
    return formatting.format_number(value)


@register.filter
def vn_percent(value: Decimal | float | None) -> str:
    return formatting.format_percent(value)


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formatting.format_date(value)


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} {formatting.format_date(local.date())}"


@register.filter
def vn_date_long(value: dt.date | None) -> str:
    return formatting.format_date_long(value)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def audit_action(code: str) -> str:
    return audit_labels.action_label(code)


@register.filter
def audit_field(name: str) -> str:
    return audit_labels.field_label(name)


@register.filter
def audit_value(value: Any) -> str:
    return audit_labels.display_value(value)


@register.simple_tag(takes_context=True)
def date_param(context: template.Context, name: str) -> dates.DateParam:
    """{% date_param "ngay" as asof %}: the date typed in the query string, or why it is not one."""
    return dates.date_param(context["request"], name)


@register.simple_tag
def date_box(name: str, value: Any, *, id: str, error: str = "") -> str:
    """A date field of a GET form (filters, the as-of control), with its calendar button; the
    error (from date_param) marks it invalid and names the message element `<id>-error`."""
    attrs = {"id": id}
    if error:
        attrs |= {"aria-invalid": "true", "aria-describedby": f"{id}-error"}
    return DateInput().render(name, value, attrs)
