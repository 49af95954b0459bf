"""Forms of the good model and recognition pages. They read what was typed (an organisation by the picker, a member
by the party card number, a decision by its number and symbol among the registry documents the user reads); the
rules are emulation.domain_exemplars', whose messages (naming the field) the views put on the form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.fields import OrganisationField, OrganisationsField, VnDateField
from xaydungdang.emulation.models import GoodModel, Holder, ModelField, Recognition
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation

BLANK = [("", gettext_lazy("All"))]


def readable_members(scope: Any) -> QuerySet[Member]:
    """Members who belong, or belonged, to an organisation the scope reads."""
    memberships = scope.filter_by_organisation(Membership.objects.all(), since="valid_from")
    return Member.objects.filter(pk__in=memberships.values("member_id"))


class MemberCardField(forms.CharField):
    """A member named by the party card number (8 digits), among the members the user reads."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("help_text", gettext_lazy("Party card number (8 digits); leave empty for a person who is "
                                                    "not a member, and write the name below."))
        super().__init__(**kwargs)
        self.members: QuerySet[Member] = Member.objects.none()

    def prepare_value(self, value: Any) -> Any:
        return value.card_number if isinstance(value, Member) else value

    def clean(self, value: Any) -> Member | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        found = self.members.filter(card_number=text).select_related("person").first()
        if found is None:
            raise ValidationError(_("Member: no member with the card number %(card)s is open to you.") % {
                "card": text})
        return found  # type: ignore[no-any-return]


class DecisionField(forms.CharField):
    """The decision of a recognition: one document of the registry the user reads, named by its number and symbol
    ("12-QĐ/HU"; with its date when numbers repeat across terms)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("help_text", gettext_lazy("Number and symbol of the decision in the document registry, "
                                                    "for example 12-QĐ/HU."))
        kwargs.setdefault("error_messages", {"required": gettext_lazy(
            "Decision: a recognition rests on a decision of the document registry; give its number and symbol.")})
        super().__init__(**kwargs)
        self.scope: Any = None

    def prepare_value(self, value: Any) -> Any:
        return getattr(value, "identifier", value)

    def clean(self, value: Any) -> Any:
        from xaydungdang.documents import identifiers, references

        text = (super().clean(value) or "").strip()
        found = references.resolve(self.scope, identifiers.find_references(text))
        matched = [r.document for r in found if r.status == references.MATCHED]
        if len(found) != 1 or len(matched) != 1:
            raise ValidationError(_("Decision: no document of the registry open to you is %(name)s (or several "
                                    "are: add its date).") % {"name": text})
        return matched[0]


class ModelForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the model"), max_length=500)
    holder = forms.ChoiceField(label=gettext_lazy("Of"), choices=Holder.choices, widget=forms.RadioSelect,
                               initial=Holder.COLLECTIVE)
    field = forms.ModelChoiceField(label=gettext_lazy("Field"), queryset=ModelField.objects.none())
    organisation = OrganisationField(label=gettext_lazy("Organisation"), capability=Capability.EDIT_RECORDS)
    member = MemberCardField(label=gettext_lazy("Member"))
    person_name = forms.CharField(label=gettext_lazy("Person (name as published)"), required=False, max_length=150)
    started_year = forms.IntegerField(label=gettext_lazy("Year started"), min_value=1930, max_value=9999)
    recognised_on = VnDateField(label=gettext_lazy("Recorded on"))
    description = forms.CharField(label=gettext_lazy("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    copied_by = OrganisationsField(label=gettext_lazy("Units that copied it"), required=False)

    def __init__(self, *args: Any, scope: Any, organisations: QuerySet[Organisation], editing: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = ModelField.objects.order_by("position", "code")  # type: ignore[attr-defined]
        self.fields["member"].members = readable_members(scope)  # type: ignore[attr-defined]
        self.fields["copied_by"].set_queryset(scope.organisations())  # type: ignore[attr-defined]
        if editing:  # the organisation of a model stays
            del self.fields["organisation"]
        else:
            self.fields["organisation"].set_queryset(organisations)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["copied_by"] = data.get("copied_by") or []
        return data

    @staticmethod
    def initial_for(model: GoodModel, copied: list[Organisation]) -> dict[str, Any]:
        return {"name": model.name, "holder": model.holder, "field": model.field_id, "member": model.member,
                "person_name": model.person_name, "started_year": model.started_year,
                "recognised_on": model.recognised_on, "description": model.description,
                "copied_by": ", ".join(o.code for o in copied)}


class EndForm(forms.Form):
    ngay = VnDateField(label=gettext_lazy("No longer kept up since"), required=False)


class ModelFilterForm(forms.Form):
    """The model list's filters (?to_chuc, ?loai, ?linh_vuc, ?duy_tri, ?nam, ?q)."""

    to_chuc = OrganisationField(label=gettext_lazy("Organisation, with its subtree"), required=False)
    q = forms.CharField(label=gettext_lazy("Name contains"), required=False, max_length=200)
    loai = forms.ChoiceField(label=gettext_lazy("Of"), required=False, choices=[*BLANK, *Holder.choices])
    linh_vuc = forms.ModelChoiceField(label=gettext_lazy("Field"), required=False, to_field_name="code",
                                      queryset=ModelField.objects.none(), empty_label=gettext_lazy("All"))
    duy_tri = forms.ChoiceField(label=gettext_lazy("Kept up"), required=False, choices=[
        *BLANK, ("1", gettext_lazy("Still kept up")), ("0", gettext_lazy("No longer kept up"))])
    nam = forms.IntegerField(label=gettext_lazy("Year started"), required=False, min_value=1930, max_value=9999)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["linh_vuc"].queryset = ModelField.objects.order_by(  # type: ignore[attr-defined]
            "position", "code")

    def filters(self) -> dict[str, Any]:
        return dict(self.cleaned_data) if self.is_valid() else {}


class RecognitionForm(forms.Form):
    form = forms.ChoiceField(label=gettext_lazy("Form"), choices=Recognition.Form.choices, widget=forms.RadioSelect,
                             initial=Recognition.Form.RECORDED)
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=Recognition.Level.choices)
    decision = DecisionField(label=gettext_lazy("Decision"))
    date = VnDateField(label=gettext_lazy("Date"))
    holder = forms.ChoiceField(label=gettext_lazy("Recognised"), choices=Holder.choices, widget=forms.RadioSelect,
                               initial=Holder.COLLECTIVE)
    organisation = OrganisationField(label=gettext_lazy("Organisation (the collective, or the person's unit)"),
                                     capability=Capability.EDIT_RECORDS)
    member = MemberCardField(label=gettext_lazy("Member"))
    person_name = forms.CharField(label=gettext_lazy("Person (name as published)"), required=False, max_length=150)
    good_model = forms.ModelChoiceField(label=gettext_lazy("Good model (number)"), required=False,
                                        queryset=GoodModel.objects.none(), widget=forms.NumberInput)
    reason = forms.CharField(label=gettext_lazy("For"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, scope: Any, organisations: QuerySet[Organisation], models: QuerySet[GoodModel],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].scope = scope  # type: ignore[attr-defined]
        self.fields["member"].members = readable_members(scope)  # type: ignore[attr-defined]
        self.fields["organisation"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["good_model"].queryset = models  # type: ignore[attr-defined]
        self.fields["good_model"].error_messages["invalid_choice"] = _(
            "Good model: no model with this number is open to you.")

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class RecognitionFilterForm(forms.Form):
    """The recognition list's filters (?to_chuc, ?tu_ngay, ?den_ngay, ?hinh_thuc, ?loai)."""

    to_chuc = OrganisationField(label=gettext_lazy("Organisation, with its subtree"), required=False)
    tu_ngay = VnDateField(label=gettext_lazy("From"), required=False)
    den_ngay = VnDateField(label=gettext_lazy("To"), required=False)
    hinh_thuc = forms.ChoiceField(label=gettext_lazy("Form"), required=False,
                                  choices=[*BLANK, *Recognition.Form.choices])
    loai = forms.ChoiceField(label=gettext_lazy("Recognised"), required=False, choices=[*BLANK, *Holder.choices])

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        self.is_valid()
        start = self.cleaned_data.get("tu_ngay") or dt.date(today.year, 1, 1)
        end = self.cleaned_data.get("den_ngay") or today
        return start, max(start, end)
