"""Model and form fields shared by the apps."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import dates
from xaydungdang.core.formatting import format_date

if TYPE_CHECKING:  # organisations.models imports this module (BinaryCharField)
    from xaydungdang.organisations.models import Organisation


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


# ---------------------------------------------------------------- organisations


class OrganisationPicker(forms.Widget):
    """A searchable organisation picker (core/templates/core/widgets/organisation.html, core/static/xdd/picker.js).

    A text box where part of a name (diacritics optional) or a code is typed; htmx asks the organisation search
    (organisations:search with ?chon=) for the matching organisations within the user's scope for the field's
    capability, shown with their superior in a listbox. The value sent is a hidden input: the code of the
    organisation picked, or what was typed (an exact code works without picking). `named` is where the name of
    the chosen organisation is looked up to show it: never wider than the user's scope.
    """

    template_name = "core/widgets/organisation.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, capability: str = "view", dated: bool = False,
                 submit_on_pick: bool = False) -> None:
        super().__init__(attrs)
        self.capability, self.dated, self.submit_on_pick = capability, dated, submit_on_pick
        self.named: QuerySet[Organisation] | None = None
        # Narrow the suggestions to the children of one organisation, less one (the merge's siblings): only fewer
        # suggestions, never more; the field's queryset decides what is accepted.
        self.within, self.excluded = "", ""

    def format_value(self, value: Any) -> str:
        return "" if value is None else str(getattr(value, "code", value)).strip()

    def text_for(self, value: str) -> str:
        """What the box shows: "Name (CODE)" for a code the user may see named, else what was typed."""
        if not value or self.named is None:
            return value
        name = self.named.filter(code=value).values_list("name", flat=True).first()
        return f"{name} ({value})" if name else value

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        code = context["widget"]["value"]
        context["picker"] = {"url": reverse("organisations:search"), "capability": self.capability,
                             "text": self.text_for(code), "dated": self.dated, "submit": self.submit_on_pick,
                             "within": self.within, "excluded": self.excluded,
                             "placeholder": _("Type part of a name or a code")}
        return context


CODE_IN_LABEL = re.compile(r"\(([^()\s]+)\)\s*$")  # "Chi bộ 1 (DEMO-HUYEN-DB01-CB01)", as the picker shows one
# A code as typed: one word of letters and digits joined by hyphens ("DEMO-HUYEN", "DEMO-XA-02"). It names that
# organisation or none: never read as words, which would match the codes that merely contain it (the chi bộ
# "DEMO-HUYEN-DB01-CB01" of a commune's scope) and so answer "several match" for a code hidden from the user.
CODE_TYPED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")


def find_organisations(queryset: QuerySet[Organisation], text: str, limit: int = 2,
                       named: QuerySet[Organisation] | None = None) -> list[Organisation]:
    """The organisations of `queryset` that `text` names: its exact code (any case; also "Name (CODE)" as the
    picker writes it), else, unless `text` is shaped like a code (CODE_TYPED), those of `named` (default `queryset`:
    never wider than what the user may see named) whose code and name hold every word typed (diacritics optional),
    at most `limit`. One to three queries."""
    from xaydungdang.core.text import fold, search_words

    text = " ".join(text.split())
    if not text:
        return []
    found = CODE_IN_LABEL.search(text)
    for code in dict.fromkeys([text, *([found.group(1)] if found else [])]):
        exact = queryset.filter(code__iexact=code).first()
        if exact is not None:
            return [exact]
    if CODE_TYPED.fullmatch(text):
        return []  # an unknown code and one outside the scope read alike
    matches = named if named is not None else queryset
    for word in search_words(fold(text)):
        matches = matches.filter(search_text__contains=word)
    return list(matches.order_by("code")[:limit])


class OrganisationField(forms.CharField):
    """An organisation chosen with the picker (or typed by its code); cleans to the Organisation among `queryset`.

    An unknown code and one outside `queryset` (outside the user's scope) get the same message; a few words that
    name several organisations ask to choose one. `capability` is what the picker's suggestions need: an "edit"
    field offers only organisations the user may edit.
    """

    widget = OrganisationPicker

    def __init__(self, *, queryset: QuerySet[Organisation] | None = None, capability: str = "view",
                 dated: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("widget", OrganisationPicker(capability=capability, dated=dated))
        super().__init__(**kwargs)
        self.queryset = queryset
        if queryset is not None:
            self.set_queryset(queryset)

    def set_queryset(self, queryset: QuerySet[Organisation], named: QuerySet[Organisation] | None = None) -> None:
        """Accept the organisations of `queryset`; name in the box those of `named` (default: the same)."""
        self.queryset = queryset
        self.widget.named = named if named is not None else queryset  # type: ignore[attr-defined]

    def prepare_value(self, value: Any) -> Any:
        return getattr(value, "code", value)

    def clean(self, value: Any) -> Organisation | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        if self.queryset is None:
            raise unknown_organisation(text)
        return resolve_organisation(self.queryset, text, named=self.widget.named)  # type: ignore[attr-defined]


def unknown_organisation(text: str) -> ValidationError:
    return ValidationError(_("No organisation with the code %(code)s is open to you."), params={"code": text},
                           code="unknown")


def resolve_organisation(queryset: QuerySet[Organisation], text: str,
                         named: QuerySet[Organisation] | None = None) -> Organisation:
    """The one organisation of `queryset` that `text` names (find_organisations), else a ValidationError that
    says what is wrong: several match (choose one), or none is open to the user (an unknown code and one outside
    the scope read alike)."""
    found = find_organisations(queryset, text, named=named)
    if len(found) > 1:
        raise ValidationError(_("Several organisations match “%(text)s”: choose one in the list."),
                              params={"text": text}, code="ambiguous")
    if not found:
        raise unknown_organisation(text)
    return found[0]


class OrganisationsPicker(OrganisationPicker):
    """The picker for several organisations (core/templates/core/widgets/organisations.html): each one picked
    becomes a chip with a remove button; the hidden input sends the codes separated by commas, followed by what
    is typed in the box, so a power user may type "CB1A, CB1B" without picking. Suggestions are asked for the
    words after the last comma."""

    template_name = "core/widgets/organisations.html"

    def format_value(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, (list, tuple)):
            return ", ".join(str(getattr(v, "code", v)).strip() for v in value)
        return str(value).strip()

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        parts = split_codes(context["widget"]["value"])
        names = dict(self.named.filter(code__in=parts).values_list("code", "name")) if self.named is not None else {}
        context["picker"]["chips"] = [{"code": p, "label": f"{names[p]} ({p})"} for p in parts if p in names]
        context["picker"]["text"] = ", ".join(p for p in parts if p not in names)  # typed, not found: to correct
        context["picker"]["remove"] = _("Remove")
        return context


def split_codes(text: str) -> list[str]:
    """The parts of a comma (or semicolon) separated list, stripped, empty ones dropped, each once."""
    return list(dict.fromkeys(p.strip() for p in str(text).replace(";", ",").split(",") if p.strip()))


class OrganisationsField(OrganisationField):
    """Several organisations chosen with the multi-value picker, or typed as codes separated by commas; cleans to
    the list of Organisations (in the order given, each once). Every part that names no organisation open to the
    user (unknown or outside the scope alike) is listed in one message."""

    def __init__(self, *, capability: str = "view", **kwargs: Any) -> None:
        kwargs.setdefault("widget", OrganisationsPicker(capability=capability))
        kwargs.setdefault("max_length", 2000)
        super().__init__(capability=capability, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value

    def clean(self, value: Any) -> list[Organisation]:  # type: ignore[override]
        text = forms.CharField.clean(self, value) or ""
        found: list[Organisation] = []
        unknown: list[str] = []
        for part in split_codes(text):
            matches = find_organisations(self.queryset, part, named=self.widget.named) \
                if self.queryset is not None else []  # type: ignore[attr-defined]
            if len(matches) > 1:
                raise ValidationError(_("Several organisations match “%(text)s”: choose one in the list."),
                                      params={"text": part}, code="ambiguous")
            if matches:
                found.append(matches[0])
            else:
                unknown.append(part)
        if unknown:
            raise ValidationError(_("No organisation in your scope has the code %(codes)s."),
                                  params={"codes": ", ".join(unknown)}, code="unknown")
        return list(dict.fromkeys(found))
