"""Forms of the member pages: the list's filters and the lifecycle steps.

The forms only parse and check input; every write goes through members.domain, whose
ValidationError (the rule named) is shown above the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import dates
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.members.models import AudienceTag, MemberEvent, Membership, Person, Sex, TheoryLevel
from xaydungdang.members.queries import AGE_BANDS, MemberFilter
from xaydungdang.organisations.models import Organisation

# ---------------------------------------------------------------- the member list

AGE_BAND_LABELS = {"<30": _("Under 30"), "30-45": _("30 to 45"), "46-60": _("46 to 60"), ">60": _("Over 60")}


class MemberFilterForm(forms.Form):
    """The list's filters, read from the query string (the export reads the same names). The day (?ngay) is
    read by the view (core.dates.as_of_date) and its box drawn by the template, in the same form; `sap_xep`
    carries the column order through a new submission."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False, dated=True)
    q = forms.CharField(label=_("Name, card or lý lịch number"), required=False)
    trang_thai = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("All")), ("official", _("Official")), ("probationary", _("Probationary"))])
    ly_luan = forms.ChoiceField(label=_("Political theory level"), required=False,
                                choices=[("", _("All")), *[c for c in TheoryLevel.choices if c[0]]])
    doi_tuong = forms.ChoiceField(label=_("Audience group"), required=False)
    do_tuoi = forms.ChoiceField(label=_("Age"), required=False, choices=[
        ("", _("All")), *[(band, AGE_BAND_LABELS[band]) for band in AGE_BANDS]])
    gioi_tinh = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("All")), *Sex.choices])
    dan_toc = forms.CharField(label=_("Ethnicity"), required=False, max_length=60)
    ton_giao = forms.CharField(label=_("Religion"), required=False, max_length=60)

    sap_xep = forms.CharField(required=False, widget=forms.HiddenInput)

    SENSITIVE = ("dan_toc", "ton_giao")

    def __init__(self, *args: Any, sensitive: bool, organisations: QuerySet[Organisation] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(  # type: ignore[attr-defined]
            organisations if organisations is not None else Organisation.objects.none())
        self.fields["doi_tuong"].choices = [  # type: ignore[attr-defined]
            ("", _("All")), *AudienceTag.objects.values_list("code", "name")]
        if not sensitive:  # not shown, and a value typed into the URL is ignored
            for name in self.SENSITIVE:
                del self.fields[name]

    def member_filter(self, day: dt.date) -> MemberFilter:
        """The filters as given; a value that is not a valid choice is left out, the others still apply."""
        self.is_valid()
        data = self.cleaned_data
        return MemberFilter(day=day, q=data.get("q", ""), status=data.get("trang_thai", ""),
                            theory_level=data.get("ly_luan", ""), audience=data.get("doi_tuong", ""),
                            sex=data.get("gioi_tinh", ""), age_band=data.get("do_tuoi", ""),
                            ethnicity=data.get("dan_toc", "").strip(), religion=data.get("ton_giao", "").strip())


class UnitForm(forms.Form):
    """The organisation of a list read by subtree (the overdue recognitions); the day is drawn by the template."""

    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False, dated=True)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- lifecycle steps


DECISION_HELP = _("For example: Quyết định số 125-QĐ/HU ngày 20/6/2025")


class RecogniseForm(forms.Form):
    decision_date = VnDateField(label=_("Decision date"))
    decision = forms.CharField(label=_("Decision"), max_length=255, required=False, help_text=DECISION_HELP)


class TransferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of transfer"), choices=Membership.Kind.choices,
                             initial=Membership.Kind.REGULAR, widget=forms.RadioSelect)
    sent_on = VnDateField(label=_("Date sent"))
    to_organisation = OrganisationField(label=_("Destination in the system"), required=False,
                                        help_text=_("Type part of its name, or its code if it is outside your "
                                                    "organisations."))
    to_external = forms.CharField(label=_("or destination outside the system"), max_length=255, required=False,
                                  help_text=_("For example: Đảng bộ Công ty X, tỉnh Y"))
    decision = forms.CharField(label=_("Decision"), max_length=255, required=False, help_text=DECISION_HELP)

    def __init__(self, *args: Any, destinations: QuerySet[Organisation], suggestions: QuerySet[Organisation],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].set_queryset(destinations, suggestions)  # type: ignore[attr-defined]


class DayForm(forms.Form):
    """A step that needs only its date (end an exemption, end a temporary membership, receive, cancel)."""

    on = VnDateField(label=_("Date"))


class ExemptForm(forms.Form):
    valid_from = VnDateField(label=_("Exempted from"))
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


ENDINGS = [(MemberEvent.Kind.STRUCK_OFF, _("Strike off (xóa tên)")),
           (MemberEvent.Kind.EXPELLED, _("Expel (khai trừ)")),
           (MemberEvent.Kind.DECEASED, _("Record the death"))]


class EndMembershipForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=ENDINGS, widget=forms.RadioSelect)
    on = VnDateField(label=_("Date"))
    decision = forms.CharField(label=_("Decision"), max_length=255, required=False, help_text=DECISION_HELP)


# ---------------------------------------------------------------- new records


PERSON_FIELDS = ["full_name", "sex", "birth_date", "birth_place", "hometown", "residence", "ethnicity", "religion",
                 "national_id", "health", "education", "professional_level", "theory_level", "job", "position"]


class PersonForm(forms.ModelForm):
    """The profile typed once, with every field the import template has (a secretary types the
    ethnicity or health of a new record too: entering it discloses nothing; showing it does, and the
    pages that show it check the capability)."""

    birth_date = VnDateField(label=_("Date of birth"), required=False, span=dates.BIRTH)

    class Meta:
        model = Person
        fields = PERSON_FIELDS

    def __init__(self, *args: Any, sensitive: bool, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            self.fields["organisation"].set_queryset(organisations, organisations)  # type: ignore[attr-defined]

    def person_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS if name in self.fields}


class CandidateForm(PersonForm):
    organisation = OrganisationField(label=_("Organisation"), capability=Capability.EDIT_RECORDS)
    since = VnDateField(label=_("Followed since"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


def card_number_field() -> forms.CharField:
    return forms.CharField(label=_("Party card number"), max_length=8, required=False, help_text=_("8 digits"))


def lylich_number_field() -> forms.CharField:
    return forms.CharField(label=_("Lý lịch number"), max_length=9, required=False,
                           help_text=_("6 digits and 1 to 3 capital letters, for example 123456BN"))


class RegisterForm(PersonForm):
    """An existing member recorded once (the first load of a unit, one-off entry)."""

    organisation = OrganisationField(label=_("Organisation"), capability=Capability.EDIT_RECORDS)
    since = VnDateField(label=_("Member of this organisation since"))
    card_number = card_number_field()
    lylich_number = lylich_number_field()
    admission_decision_date = VnDateField(label=_("Admission decision date"), required=False)
    admission_ceremony_date = VnDateField(label=_("Admission ceremony date"), required=False)
    official_decision_date = VnDateField(label=_("Official membership decision date"), required=False)
    audiences = forms.ModelMultipleChoiceField(label=_("Audience groups"), queryset=AudienceTag.objects.all(),
                                               required=False, widget=forms.CheckboxSelectMultiple)


class AdmitForm(forms.Form):
    """Admission from a candidate's record: the profile is not typed again."""

    organisation = OrganisationField(label=_("Organisation"), capability=Capability.EDIT_RECORDS)
    decision_date = VnDateField(label=_("Admission decision date"))
    ceremony_date = VnDateField(label=_("Admission ceremony date"))
    decision = forms.CharField(label=_("Decision"), max_length=255, required=False, help_text=DECISION_HELP)
    card_number = card_number_field()
    lylich_number = lylich_number_field()

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].set_queryset(organisations, organisations)  # type: ignore[attr-defined]

