"""Forms of the pressing issue pages. They parse input; every rule is the domain's (pressing.domain), whose errors,
keyed by field, are shown at their field (and above the form)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import PLANNED
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing import queries
from xaydungdang.pressing.models import IssueField, PressingIssue

FIRST_YEAR, LAST_YEAR = 1930, 9998
STATUS_CHOICES = [("", _("Not cancelled")), *PressingIssue.Status.choices, (queries.OVERDUE, _("Overdue")),
                  (queries.DUE_SOON, _("Due within 30 days")), (queries.CANCELLED, _("Cancelled")),
                  (queries.ALL, _("All, cancelled included"))]


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """The domain's errors at their fields; those about no field of the form (the organisation…) above it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class IssueForm(forms.Form):
    to_chuc = OrganisationField(label=_("Organisation"), capability=Capability.EDIT_RECORDS)
    year = forms.IntegerField(label=_("Year selected for"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    selected_on = VnDateField(label=_("Selected on"))
    field = forms.ModelChoiceField(label=_("Field"), queryset=IssueField.objects.all())
    title = forms.CharField(label=_("Issue"), max_length=500)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    plan = forms.CharField(label=_("Plan for resolving it"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label=_("Responsible (person or body)"), required=False, max_length=255)
    deadline = VnDateField(label=_("Deadline"), span=PLANNED)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)  # the version an edit page was drawn from

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], day: dt.date, fixed: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        # Only the fields in use on the selection date; the domain checks again against the date given.
        self.fields["field"].queryset = IssueField.objects.filter(  # type: ignore[attr-defined]
            pk__in=_valid_field_ids(day, self.initial.get("field")))
        if fixed:  # editing: the organisation of an issue does not change
            del self.fields["to_chuc"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("to_chuc", None)
        data.pop("seen", None)
        return data


def _valid_field_ids(day: dt.date, current: Any) -> list[int]:
    from xaydungdang.pressing.domain import fields_valid_on

    ids = list(fields_valid_on(day).values_list("pk", flat=True))
    current_id = getattr(current, "pk", current)
    return [*ids, current_id] if current_id and current_id not in ids else ids


class ResolveForm(forms.Form):
    resolved_on = VnDateField(label=_("Resolved on"))
    evidence = forms.CharField(label=_("Evidence of resolution"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("What shows the issue is resolved: a decision, a report, a handover "
                                           "record…"))
    document = forms.IntegerField(label=_("Evidence document (number in the registry, optional)"), required=False,
                                  min_value=1)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class FilterForm(forms.Form):
    """The list's filters (?to_chuc, ?nam, ?linh_vuc, ?trang_thai, ?q)."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    nam = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    linh_vuc = forms.ChoiceField(label=_("Field"), required=False)
    trang_thai = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    q = forms.CharField(label=_("Issue contains"), required=False, max_length=200)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["linh_vuc"].choices = [  # type: ignore[attr-defined]
            ("", _("All fields")), *IssueField.objects.values_list("code", "name")]


class PeriodForm(forms.Form):
    """The figures page's period (?to_chuc, ?tu_nam, ?den_nam) and the day resolutions count up to (?den_ngay)."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    tu_nam = forms.IntegerField(label=_("From year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    den_nam = forms.IntegerField(label=_("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    den_ngay = VnDateField(label=_("Resolved as of"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
