"""Forms of the recommendation and communication pages. They parse input; every rule is checked by
domain_recommendations, whose ValidationError (the field named) is shown above the form, nothing written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities.forms import DocumentsField
from xaydungdang.core import dates
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.feedback.models import Channel
from xaydungdang.organisations.models import Organisation

_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")
STATES = [("", _("All")), ("qua-han", _("Overdue")), ("cho-tra-loi", _("Awaiting an answer")),
          ("da-tra-loi", _("Answered")), ("da-rut", _("Withdrawn"))]


def read_month(text: str) -> dt.date | None:
    """"2024-03" or "3/2024" -> 1/3/2024; None when it is not a month."""
    found = _MONTH.match(text or "")
    if found is None:
        return None
    year, month = (int(found.group(1)), int(found.group(2))) if found.group(1) else (int(found.group(4)),
                                                                                     int(found.group(3)))
    return dt.date(year, month, 1) if 1 <= month <= 12 and 1930 <= year <= 9998 else None


class OneDocumentField(DocumentsField):
    """One document of the registry named by its identifier (08-CTr/TU), among those the user reads."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput)
        kwargs.setdefault("help_text", _("Number and symbol, for example 08-CTr/TU."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:  # type: ignore[override]
        found = super().clean(value)
        if len(found) > 1:
            raise ValidationError(_("Name one document only."))
        return found[0] if found else None


class RecommendationForm(forms.Form):
    to_chuc = OrganisationField(label=pgettext_lazy("recommendation", "Sent by"),
                                capability=Capability.EDIT_RECORDS)
    sent_on = VnDateField(label=pgettext_lazy("recommendation", "Sent on"))
    # A list, not the search box: the valid recipients are the few committees above the sender, outside the
    # organisations the user records for (the search box offers only those). Any committee the user may name is
    # still accepted by its code; the domain checks it was above the sender on the sending date.
    gui_den = OrganisationField(label=_("Sent to (a committee above)"), required=False, widget=forms.Select,
                                help_text=_("The committees above the sender on the sending date; if you change "
                                            "the sender or the date, the list is updated when you press Record."))
    to_name = forms.CharField(label=_("Or a body outside the tree"), required=False, max_length=255,
                              help_text=_("For example Ban Tuyên giáo Trung ương."))
    subject = forms.CharField(label=pgettext_lazy("recommendation", "Subject"), max_length=500)
    content = forms.CharField(label=pgettext_lazy("recommendation", "Content"), widget=forms.Textarea(
        attrs={"rows": 5}))
    document = OneDocumentField(label=_("Sent with document"))
    due_on = VnDateField(label=_("Answer expected by"), required=False, span=dates.PLANNED)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], recipients: QuerySet[Organisation],
                 scope: Any, recipient_choices: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["gui_den"].set_queryset(recipients)  # type: ignore[attr-defined]
        self.fields["gui_den"].widget.choices = [  # type: ignore[attr-defined]
            ("", _("— none: a body outside the tree —")), *(recipient_choices or [])]
        self.fields["document"].scope = scope  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"organisation": data["to_chuc"], "sent_on": data["sent_on"], "to_organisation": data.get("gui_den"),
                "to_name": data.get("to_name") or "", "subject": data["subject"], "content": data["content"],
                "document": data.get("document"), "due_on": data.get("due_on")}


def error_summary(form: forms.Form) -> list[str]:
    """Every error of the form for the box above it, each field's named ("Subject: This field is required."),
    the domain's (which name their field themselves) as they are."""
    summary = [str(message) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name != NON_FIELD_ERRORS:
            summary += [f"{form.fields[name].label}: {message}" for message in messages]
    return summary


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer received"), widget=forms.Textarea(attrs={"rows": 5}))
    answered_on = VnDateField(label=_("Answered on"))
    answer_document = OneDocumentField(label=_("Answering document"))

    def __init__(self, *args: Any, scope: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer_document"].scope = scope  # type: ignore[attr-defined]


class ListForm(forms.Form):
    """The list's filters (?to_chuc, ?tu_ngay, ?den_ngay, ?trang_thai)."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    tu_ngay = VnDateField(label=_("From"), required=False)
    den_ngay = VnDateField(label=_("To"), required=False)
    trang_thai = forms.ChoiceField(label=_("State"), required=False, choices=STATES)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        self.is_valid()
        start = self.cleaned_data.get("tu_ngay") or dt.date(today.year, 1, 1)
        end = self.cleaned_data.get("den_ngay") or today
        return start, max(start, end)


def channel_rows(channels: list[Channel], data: Any, recorded: dict[int, Any]) -> list[dict[str, Any]]:
    """One row per channel for the monthly entry: what was typed (on a refusal), else what is recorded."""
    rows = []
    for channel in channels:
        row = recorded.get(channel.pk)
        if data is not None:
            articles, sessions = data.get(f"a-{channel.code}", ""), data.get(f"s-{channel.code}", "")
        else:
            articles, sessions = (row.articles, row.sessions) if row else (0, 0)
        rows.append({"channel": channel, "articles": articles, "sessions": sessions})
    return rows
