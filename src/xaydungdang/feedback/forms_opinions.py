"""Forms of the briefing and opinion pages. They parse and check input; every write goes through
feedback.domain_opinions, whose ValidationError (the rule named) is shown on the form (`attach`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import dates
from xaydungdang.core.fields import OrganisationField, VnDateField, find_organisations
from xaydungdang.feedback.domain_opinions import MAX_PARTICIPANTS
from xaydungdang.feedback.models import Opinion, OpinionTopic, SourceGroup
from xaydungdang.organisations.models import Organisation

# domain field -> form field, where they differ
FIELD_NAMES = {"organisation": "to_chuc"}


def attach(form: forms.Form, error: ValidationError) -> None:
    """Put the domain's messages on the form's fields they name (the others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        name = FIELD_NAMES.get(key, key)
        form.add_error(name if name in form.fields else None, messages)


def _valid_today(model: Any) -> QuerySet[Any]:
    day = dates.today()
    return model.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))  # type: ignore[no-any-return]


class BriefingForm(forms.Form):
    to_chuc = OrganisationField(label=_("Held by"), capability=Capability.EDIT_RECORDS)
    date = VnDateField(label=_("Date"))
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    chaired_by = forms.CharField(label=_("Chaired by"), required=False, max_length=150)
    participant_codes = forms.CharField(
        label=_("Organisations taking part"), required=False, max_length=5000,
        help_text=_("Codes of the organisations under the committee that took part, separated by commas."))
    participants_count = forms.IntegerField(label=_("Participants (count)"), required=False, min_value=0,
                                            max_value=MAX_PARTICIPANTS, initial=0)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], readable: QuerySet[Organisation],
                 fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.readable = readable
        if fixed:  # editing: the committee of a briefing does not change
            del self.fields["to_chuc"]

    def clean_participant_codes(self) -> list[Organisation]:
        found, unknown = [], []
        for code in filter(None, (c.strip() for c in self.cleaned_data.get("participant_codes", "").split(","))):
            match = find_organisations(self.readable, code, limit=1)
            (found.append(match[0]) if match else unknown.append(code))  # type: ignore[func-returns-value]
        if unknown:
            raise ValidationError(_("Organisations taking part: no organisation open to you has the code %(codes)s.")
                                  % {"codes": ", ".join(unknown)})
        return list(dict.fromkeys(found))

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("to_chuc", None)
        data["participants"] = data.pop("participant_codes", [])
        data["participants_count"] = data.get("participants_count") or 0
        return data


class OpinionForm(forms.Form):
    to_chuc = OrganisationField(label=_("Received by"), capability=Capability.EDIT_RECORDS, required=False)
    raised_on = VnDateField(label=_("Raised on"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Opinion.Kind.choices, initial=Opinion.Kind.OPINION,
                             widget=forms.RadioSelect)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=OpinionTopic.objects.none())
    source_group = forms.ModelChoiceField(label=_("Source group"), queryset=SourceGroup.objects.none())
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 5}))
    wants_answer = forms.BooleanField(label=_("The raiser asks for an answer"), required=False)
    consents = forms.BooleanField(label=_("The raiser agrees to be named"), required=False)
    raiser_name = forms.CharField(label=_("Raiser's name"), required=False, max_length=150,
                                  help_text=_("Only when the raiser asks for an answer and agrees to be named."))
    raiser_contact = forms.CharField(label=_("Raiser's contact"), required=False, max_length=255)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation] | None = None, at_briefing: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = _valid_today(OpinionTopic)  # type: ignore[attr-defined]
        self.fields["source_group"].queryset = _valid_today(SourceGroup)  # type: ignore[attr-defined]
        if at_briefing or organisations is None:  # at a briefing (or editing): where and when are fixed
            del self.fields["to_chuc"], self.fields["raised_on"]
        else:
            self.fields["to_chuc"].required = True
            self.fields["raised_on"].required = True
            self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("to_chuc", None)
        data.pop("raised_on", None)
        return data


class AssignForm(forms.Form):
    assigned_to = OrganisationField(label=_("Assigned to (an organisation)"), required=False)
    assigned_to_name = forms.CharField(label=_("or a body outside the party tree"), required=False, max_length=255,
                                       help_text=_("For example: Ủy ban nhân dân xã, Phòng Tài nguyên và Môi trường."))
    assigned_on = VnDateField(label=_("Assigned on"), required=False)
    due_on = VnDateField(label=_("Answer due by"), span=dates.PLANNED, required=False)

    def __init__(self, *args: Any, bodies: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].set_queryset(bodies)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
    answered_on = VnDateField(label=_("Answered on"), required=False)
    answered_by_name = forms.CharField(label=_("Answered by (body)"), required=False, max_length=255)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def seen_at(self) -> dt.datetime | None:
        text = self.cleaned_data.get("seen") or ""
        try:
            return dt.datetime.fromisoformat(text) if text else None
        except ValueError:
            return None


STATUS_CHOICES = [("", _("All")), ("counted", _("Not cancelled (counted)")), ("open", _("Waiting for an answer")),
                  ("answered", _("Answered")), ("overdue", _("Overdue")), ("cancelled", _("Cancelled"))]
# Where an opinion was raised, against the chosen organisation: the figures page's links ask for "subtree" (what
# its numbers count) or "own" (raised at the organisation itself); empty: raised in the subtree or assigned to it.
RAISED_CHOICES = [("", _("Raised in the subtree or assigned to it")), ("cay", _("Raised in the subtree")),
                  ("cap", _("Raised at the organisation itself"))]
BRIEFING_STATUS_CHOICES = [("", _("All")), ("da_hop", _("Not cancelled (counted)")), ("huy", _("Cancelled"))]
HELD_CHOICES = [("", _("In the subtree")), ("cap", _("By the organisation itself"))]


class OpinionFilterForm(forms.Form):
    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    tu_ngay = VnDateField(label=_("From"), required=False)
    den_ngay = VnDateField(label=_("To"), required=False)
    trang_thai = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    chu_de = forms.ModelChoiceField(label=_("Topic"), required=False, queryset=OpinionTopic.objects.all(),
                                    to_field_name="code", empty_label=_("All"))
    nhom_nguon = forms.ModelChoiceField(label=_("Source group"), required=False, queryset=SourceGroup.objects.all(),
                                        to_field_name="code", empty_label=_("All"))
    noi_neu = forms.ChoiceField(label=_("Raised where"), required=False, choices=RAISED_CHOICES)
    giao_cho_toi = forms.BooleanField(label=_("Assigned to my organisation"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        self.is_valid()
        start = self.cleaned_data.get("tu_ngay") or dt.date(today.year, 1, 1)
        end = self.cleaned_data.get("den_ngay") or today
        return start, max(start, end)


class PeriodForm(forms.Form):
    """The briefing list's and the figures page's filters (?to_chuc, ?tu_ngay, ?den_ngay)."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    tu_ngay = VnDateField(label=_("From"), required=False)
    den_ngay = VnDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        self.is_valid()
        start = self.cleaned_data.get("tu_ngay") or dt.date(today.year, 1, 1)
        end = self.cleaned_data.get("den_ngay") or today
        return start, max(start, end)


class BriefingFilterForm(PeriodForm):
    """The briefing list's filters: the period form, the status and "held by the organisation itself" (the figures
    page's links: its numbers count the briefings not cancelled)."""

    trang_thai = forms.ChoiceField(label=_("Status"), required=False, choices=BRIEFING_STATUS_CHOICES)
    noi_hop = forms.ChoiceField(label=_("Held where"), required=False, choices=HELD_CHOICES)
