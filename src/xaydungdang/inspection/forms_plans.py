"""Forms of the plan, team and inspection pages. They parse input; every rule is domain_plans', whose errors, keyed by
field, are shown at their field (and above the form).

Members are named by their number in the system (shown on their page); a number the user does not read answers
like an unknown one, so that no name leaks through the form.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.inspection.models import Finding, InspectionPlan
from xaydungdang.members.models import Member, Membership

FIRST_YEAR, LAST_YEAR = 1930, 9998


def readable_members(scope: Any) -> QuerySet[Member]:
    """Members who belong, or belonged, to an organisation the scope reads."""
    memberships = scope.filter_by_organisation(Membership.objects.all(), since="valid_from")
    return Member.objects.filter(pk__in=memberships.values("member_id"))


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """The domain's errors at their fields; those about no field of the form above it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    named: set[str] = set(getattr(form, "named_errors", ()))
    for name, messages in error.message_dict.items():
        named.update(messages)  # the domain's messages begin with their field's name: not labelled twice
        form.add_error(name if name in form.fields else None, messages)
    form.named_errors = named  # type: ignore[attr-defined]


class MembersField(forms.CharField):
    """Member numbers separated by commas or spaces; cleans to the Members among `queryset`, in the order typed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.queryset: QuerySet[Member] = Member.objects.none()

    def clean(self, value: Any) -> list[Member]:  # type: ignore[override]
        text = super().clean(value) or ""
        parts = [p for p in re.split(r"[\s,;]+", text) if p]
        if any(not p.isdigit() for p in parts):
            raise ValidationError(_("Enter member numbers separated by commas."))
        numbers = [int(p) for p in parts]
        found = {m.pk: m for m in self.queryset.select_related("person").filter(pk__in=numbers)}
        unknown = [str(n) for n in numbers if n not in found]
        if unknown:
            raise ValidationError(_("No member numbered %(numbers)s is open to you.") % {
                "numbers": ", ".join(unknown)})
        return [found[n] for n in numbers]


class MemberField(MembersField):
    def clean(self, value: Any) -> Member | None:  # type: ignore[override]
        found = super().clean(value)
        if len(found) > 1:
            raise ValidationError(_("Enter one member number."))
        return found[0] if found else None


class SeenForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput, required=False)  # the version the page was drawn from


class PlanForm(forms.Form):
    to_chuc = OrganisationField(label=_("Committee"), capability=Capability.EDIT_RECORDS)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionPlan.Kind.choices)
    title = forms.CharField(label=_("Plan title"), max_length=500)
    adopted_on = VnDateField(label=_("Adopted on"))
    content = forms.CharField(label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, organisations: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=255)
    decision = forms.CharField(label=_("Decision forming it"), max_length=255, required=False)
    formed_on = VnDateField(label=_("Formed on"))
    leader = MemberField(label=_("Leader (member number)"), required=True,
                         help_text=_("A member's number is the last part of the address of their page "
                                     "(/dang-vien/123/)."))
    deputy = MemberField(label=_("Deputy leader (member number)"))
    secretary = MemberField(label=_("Secretary (member number)"))
    others = MembersField(label=_("Other members (member numbers, separated by commas)"))

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("leader", "deputy", "secretary", "others"):
            self.fields[name].queryset = members  # type: ignore[attr-defined]

    def team_members(self) -> list[tuple[Member, str]]:
        data = self.cleaned_data
        chosen = [(data["leader"], "leader")] if data.get("leader") else []
        chosen += [(data[name], name) for name in ("deputy", "secretary") if data.get(name)]
        return chosen + [(member, "member") for member in data.get("others") or []]


class InspectionForm(forms.Form):
    to_chuc = OrganisationField(label=_("Organisation inspected"), required=False)
    dang_vien = MemberField(label=_("Or the party member inspected (member number)"))
    topic = forms.CharField(label=_("Content inspected"), max_length=500)
    starts_on = VnDateField(label=_("From"))
    ends_on = VnDateField(label=_("To"))

    def __init__(self, *args: Any, organisations: QuerySet[Any], members: QuerySet[Member] | None,
                 **kwargs: Any) -> None:
        """`members`: those who may be inspected, None when the user may not add an inspection of a member."""
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        if members is None:
            del self.fields["dang_vien"]
        else:
            self.fields["dang_vien"].queryset = members  # type: ignore[attr-defined]


class VisitForm(SeenForm):
    visited_on = VnDateField(label=_("Date of the visit"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class FindingForm(SeenForm):
    kind = forms.ChoiceField(label=_("Kind of finding"), choices=Finding.Kind.choices)
    content = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 4}))
    recorded_on = VnDateField(label=_("Recorded on"))
    member = MemberField(label=_("About the member (member number, optional)"))

    def __init__(self, *args: Any, members: QuerySet[Member] | None, **kwargs: Any) -> None:
        """`members`: those a finding may name, None when the user may not record findings about members."""
        super().__init__(*args, **kwargs)
        if members is None:
            del self.fields["member"]
        else:
            self.fields["member"].queryset = members  # type: ignore[attr-defined]


class ConcludeForm(SeenForm):
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 6}))
    concluded_on = VnDateField(label=_("Concluded on"))
    document = forms.IntegerField(label=_("Conclusion document (number in the registry, optional)"),
                                  required=False, min_value=1)
