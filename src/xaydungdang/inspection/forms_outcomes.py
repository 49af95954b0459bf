"""Forms of the outcome pages (recommendations, follow-up, disciplinary decisions, figures). They parse input; every
rule is domain_outcomes', whose errors (each naming its field) are shown above the form, nothing written.

A member is named by their number in the system; a number the user does not read answers like an unknown one, so
no name leaks through the form (as in forms_plans)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import dates
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.inspection.models import DisciplinaryDecision, InspectionRecommendation
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation

Status = InspectionRecommendation.Status


def readable_members(scope: Any) -> QuerySet[Member]:
    """Members who belong, or belonged, to an organisation the scope reads."""
    memberships = scope.filter_by_organisation(Membership.objects.all(), since="valid_from")
    return Member.objects.filter(pk__in=memberships.values("member_id"))


class MemberNumberField(forms.CharField):
    """One member number; cleans to the Member among `queryset` (unknown and unreadable alike)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.queryset: QuerySet[Member] = Member.objects.none()

    def clean(self, value: Any) -> Member | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValidationError(_("Enter one member number."))
        found = self.queryset.filter(pk=int(text)).first()
        if found is None:
            raise ValidationError(_("No member numbered %(numbers)s is open to you.") % {"numbers": text})
        return found


def error_summary(form: forms.Form) -> list[str]:
    """Every error for the box above the form: a field's named by its label, the domain's as they are."""
    summary = [str(message) for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name != NON_FIELD_ERRORS:
            summary += [f"{form.fields[name].label}: {message}" for message in messages]
    return summary


class RecommendationForm(forms.Form):
    content = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 4}))
    gui_den = OrganisationField(label=_("To (organisation)"), required=False,
                                help_text=_("The organisation inspected or a unit of the committee; empty: the "
                                            "subject inspected."))
    due_on = VnDateField(label=_("Deadline"), span=dates.PLANNED)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gui_den"].set_queryset(organisations)  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Follow-up status"), choices=[(Status.DONE, Status.DONE.label),
                                                              (Status.NOT_DONE, Status.NOT_DONE.label)],
                               widget=forms.RadioSelect)
    followed_up_on = VnDateField(label=_("Followed up on"))
    follow_up_note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    seen = forms.CharField(widget=forms.HiddenInput, required=False)  # updated_at the page was drawn from


class DecisionForm(forms.Form):
    to_chuc = OrganisationField(label=_("Decided by (committee)"), capability=Capability.EDIT_RECORDS)
    dang_vien = MemberNumberField(label=_("Member disciplined (member number)"))
    doi_tuong = OrganisationField(label=_("Or the organisation disciplined"), required=False)
    form = forms.ChoiceField(label=_("Form of discipline"), choices=DisciplinaryDecision.Form.choices)
    decision = forms.CharField(label=_("Decision (number and symbol)"), max_length=255)
    decided_on = VnDateField(label=_("Decided on"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, committees: QuerySet[Organisation], organisations: QuerySet[Organisation],
                 members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(committees)  # type: ignore[attr-defined]
        self.fields["doi_tuong"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["dang_vien"].queryset = members  # type: ignore[attr-defined]


class PeriodForm(forms.Form):
    """An organisation and a period (?to_chuc, ?tu_ngay, ?den_ngay): 1 January to today by default."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    tu_ngay = VnDateField(label=_("From"), required=False)
    den_ngay = VnDateField(label=_("To"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        self.is_valid()
        end = self.cleaned_data.get("den_ngay") or today
        start = self.cleaned_data.get("tu_ngay") or dt.date(end.year, 1, 1)
        return start, max(start, end)
