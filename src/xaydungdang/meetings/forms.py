"""Forms of the meeting pages. They parse and check input; every write goes through meetings.domain, whose
ValidationError (the rule named) is shown above the form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.meetings.domain import MAX_GUESTS
from xaydungdang.meetings.models import Meeting
from xaydungdang.organisations.models import Organisation

_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})-[Qq]([1-4])\s*$")


def read_month(text: str) -> tuple[int, int] | None:
    """"2024-03" or "3/2024" -> (2024, 3); None when it is not a month."""
    found = _MONTH.match(text or "")
    if found is None:
        return None
    year, month = (int(found.group(1)), int(found.group(2))) if found.group(1) else (int(found.group(4)),
                                                                                     int(found.group(3)))
    return (year, month) if 1 <= month <= 12 and 1930 <= year <= 9998 else None


def read_quarter(text: str) -> tuple[int, int] | None:
    """"2024-Q1" -> (2024, 1)."""
    found = _QUARTER.match(text or "")
    if found is None:
        return None
    year = int(found.group(1))
    return (year, int(found.group(2))) if 1930 <= year <= 9998 else None


class MeetingForm(forms.Form):
    to_chuc = OrganisationField(label=_("Chi bộ"), capability=Capability.EDIT_RECORDS)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices, initial=Meeting.Kind.REGULAR,
                             widget=forms.RadioSelect)
    date = VnDateField(label=_("Date"))
    topic = forms.CharField(label=_("Topic"), required=False, max_length=500)
    place = forms.CharField(label=_("Place"), required=False, max_length=255)
    chair = forms.CharField(label=_("Chaired by"), required=False, max_length=150)
    secretary = forms.CharField(label=_("Minutes taken by"), required=False, max_length=150)
    guests_count = forms.IntegerField(label=_("Guests (count)"), required=False, min_value=0, max_value=MAX_GUESTS,
                                      initial=0)
    summary = forms.CharField(label=_("Content (minutes summary)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    conclusions = forms.CharField(label=_("Conclusions and resolutions"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        if fixed:  # editing: the chi bộ of a meeting does not change
            del self.fields["to_chuc"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("to_chuc", None)
        data["guests_count"] = data.get("guests_count") or 0
        return data


class PeriodForm(forms.Form):
    """The meeting list's filters (?to_chuc, ?tu_ngay, ?den_ngay, ?loai)."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    tu_ngay = VnDateField(label=_("From"), required=False)
    den_ngay = VnDateField(label=_("To"), required=False)
    loai = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Meeting.Kind.choices])

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        self.is_valid()
        start = self.cleaned_data.get("tu_ngay") or dt.date(today.year, 1, 1)
        end = self.cleaned_data.get("den_ngay") or today
        return start, max(start, end)
