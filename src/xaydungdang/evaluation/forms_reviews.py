"""Forms of the self-criticism meeting pages. They parse input; every rule is the domain's (domain_reviews), whose
errors, keyed by field, are shown at their field (and above the form when they are about no field of it)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import PLANNED
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.evaluation.domain_reviews import FIRST_YEAR, LAST_YEAR, FollowUp
from xaydungdang.evaluation.queries_reviews import HELD, NOT_HELD
from xaydungdang.organisations.models import Organisation

HELD_CHOICES = [("", _("All")), (HELD, _("Meeting held")), (NOT_HELD, _("No meeting yet"))]
FOLLOW_UP_CHOICES = [(value, label) for value, label in FollowUp.choices if value != FollowUp.OPEN]


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """The domain's errors at their fields; those about no field of the form above it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class MeetingForm(forms.Form):
    to_chuc = OrganisationField(label=_("Organisation"), capability=Capability.EDIT_RECORDS)
    year = forms.IntegerField(label=_("Year reviewed"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    held_on = VnDateField(label=_("Held on"), help_text=_("From 1 December of the year reviewed to 31 March of the "
                                                          "next year."))
    attended = forms.IntegerField(label=_("Members attending"), required=False, min_value=0)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    seen = forms.CharField(widget=forms.HiddenInput, required=False)  # the version an edit page was drawn from

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        if fixed:  # editing: the organisation and the year of a meeting do not change
            del self.fields["to_chuc"]
            del self.fields["year"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("to_chuc", "seen", "year"):
            data.pop(name, None)
        return data


class CancelForm(forms.Form):
    """Cancelling a meeting recorded by mistake: the user ticks the confirmation."""

    confirm = forms.BooleanField(label=_("I confirm this meeting was recorded by mistake"))
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class ShortcomingForm(forms.Form):
    content = forms.CharField(label=_("Shortcoming"), widget=forms.Textarea(attrs={"rows": 3}))
    remedy = forms.CharField(label=_("Remedial plan"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("Responsible (person or body)"), required=False, max_length=255)
    due_on = VnDateField(label=_("Remedy due"), required=False, span=PLANNED)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("seen", None)
        return data


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Follow-up"), choices=FOLLOW_UP_CHOICES, widget=forms.RadioSelect)
    follow_up_note = forms.CharField(label=_("Follow-up note"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}),
                                     help_text=_("Required unless remedied: what is left to remedy."))
    carry_over = forms.BooleanField(label=_("Carry it over: raise it again at this meeting"), required=False)
    due_on = VnDateField(label=_("New remedy due (when carried over)"), required=False, span=PLANNED)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class ListForm(forms.Form):
    """The list's filters (?to_chuc, ?nam, ?hop)."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    nam = forms.IntegerField(label=_("Year reviewed"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    hop = forms.ChoiceField(label=_("Meeting"), required=False, choices=HELD_CHOICES)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]


class OverdueForm(forms.Form):
    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
