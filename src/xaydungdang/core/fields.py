"""Model and form fields shared by the apps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import dates
from xaydungdang.core.formatting import format_date


class BinaryCharField(models.CharField):
    """CharField compared byte-wise on PostgreSQL ("C" collation), as SQLite compares by default.

    Used for keys whose order is defined by their bytes: materialised paths, name collation keys.
    """

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, str | None]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


# ---------------------------------------------------------------- form fields


class DateInput(forms.TextInput):
    """A text box for d/m/yyyy with a calendar button (core/static/xdd/dates.js).

    A text box, not <input type=date>: what was typed stays in the box when it is wrong (a native date input
    hands the server an empty value for 31/6/2025), and d/m/yyyy types as people write it. The button opens
    the browser's own calendar through a hidden native date input, limited to the field's range.
    """

    template_name = "core/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None, span: dates.DateRange = dates.EVENT) -> None:
        super().__init__({"placeholder": "dd/mm/yyyy", "autocomplete": "off", "size": 10, **(attrs or {})})
        self.span = span

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        earliest, latest = self.span.bounds()  # at render time: today moves on
        context["picker"] = {"min": earliest.isoformat(), "max": latest.isoformat(), "label": _("Choose on a calendar")}
        return context


class VnDateField(forms.DateField):
    """A date typed d/m/yyyy (or ISO), held to a plausible range stated in the error message.

    The text typed comes back in the box when it is refused (Django renders the bound value).
    """

    default_error_messages = {"invalid": _("Enter a date as day/month/year, for example 29/8/2022.")}

    def __init__(self, *, span: dates.DateRange = dates.EVENT, **kwargs: Any) -> None:
        kwargs.setdefault("widget", DateInput(span=span))
        super().__init__(**kwargs)
        self.span = span

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dates.read_date(str(value))
        except dates.DateInputError as error:
            raise ValidationError(error.message, code="invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and (message := self.span.error(value)) is not None:
            raise ValidationError(message, code="out_of_range")

    def prepare_value(self, value: Any) -> Any:
        return format_date(value) if isinstance(value, dt.date) else value
