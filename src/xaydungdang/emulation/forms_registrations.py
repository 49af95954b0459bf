"""Forms of the registration and commitment pages. They parse and check input; every write goes through
emulation.domain_registrations, whose ValidationError (the field named) is shown on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.emulation.models import Commitment, EmulationYear, Holder, Registration
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation

STATUS_CHOICES = [("", _("All")), *Registration.Status.choices, ("cancelled", _("Cancelled"))]
HOLDER_CHOICES = [("", _("All")), *Holder.choices]


def year_choices() -> list[tuple[int, str]]:
    return [(y, str(y)) for y in EmulationYear.objects.order_by("-year").values_list("year", flat=True)]


class YearField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Year"))
        super().__init__(coerce=int, choices=year_choices, **kwargs)


class MemberIdField(forms.IntegerField):
    """A member chosen by their number (the chi bộ page's links carry it); cleans to a Member among `queryset`
    (unknown and outside the scope read alike)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.queryset: QuerySet[Member] = Member.objects.none()

    def clean(self, value: Any) -> Member | None:  # type: ignore[override]
        pk = super().clean(value)
        if pk is None:
            return None
        member = self.queryset.select_related("person").filter(pk=pk).first()
        if member is None:
            raise forms.ValidationError(_("Member: no such member is open to you."), code="unknown")
        return member


class RegistrationForm(forms.Form):
    """A new registration: an individual's (the member given) or a collective's (the organisation given)."""

    nam = YearField()
    dang_vien = MemberIdField(required=False)
    to_chuc = OrganisationField(label=_("Registering organisation (collective)"), required=False,
                                capability=Capability.EDIT_RECORDS)
    registered_on = VnDateField(label=_("Registered on"))
    actions = forms.CharField(label=_("Actions registered"), widget=forms.Textarea(attrs={"rows": 5}),
                              required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], members: QuerySet[Member],
                 holder: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.holder = holder
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["dang_vien"].queryset = members  # type: ignore[attr-defined]
        if holder == Holder.INDIVIDUAL:
            del self.fields["to_chuc"]
        else:
            del self.fields["dang_vien"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.holder == Holder.INDIVIDUAL and not data.get("dang_vien") and "dang_vien" not in self.errors:
            self.add_error("dang_vien", _("Member: choose the member (from the chi bộ page)."))
        return data


class CommitmentForm(forms.Form):
    nam = YearField()
    dang_vien = MemberIdField()
    written_on = VnDateField(label=_("Written on"))
    content = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 5}), required=False)

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dang_vien"].queryset = members  # type: ignore[attr-defined]


class ActionsForm(forms.Form):
    actions = forms.CharField(label=_("Actions registered"), widget=forms.Textarea(attrs={"rows": 5}),
                              required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)


class ReviewForm(forms.Form):
    review_note = forms.CharField(label=_("Mid-year review"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False)
    reviewed_on = VnDateField(label=_("Reviewed on"), required=False)


class AssessForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Registration.Result.choices, widget=forms.RadioSelect)
    self_assessment = forms.CharField(label=_("Year-end self-assessment"),
                                      widget=forms.Textarea(attrs={"rows": 3}), required=False)
    assessed_on = VnDateField(label=_("Assessed on"), required=False)


class CheckForm(forms.Form):
    check_result = forms.ChoiceField(label=_("Year-end check"), choices=Commitment.Check.choices,
                                     widget=forms.RadioSelect)
    check_note = forms.CharField(label=_("Check note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    checked_on = VnDateField(label=_("Checked on"), required=False)


class ListForm(forms.Form):
    """The registration list's filters (?nam, ?to_chuc, ?hinh_thuc, ?trang_thai, ?ket_qua, ?theo)."""

    nam = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    hinh_thuc = forms.ChoiceField(label=_("Registered by"), required=False, choices=HOLDER_CHOICES)
    trang_thai = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    ket_qua = forms.ChoiceField(label=_("Result"), required=False,
                                choices=[("", _("All")), *Registration.Result.choices])
    theo = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[("", ""), ("so-lieu", "so-lieu")])

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["nam"].choices = [("", _("All")), *year_choices()]  # type: ignore[attr-defined]


class CommitmentListForm(forms.Form):
    nam = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    kiem_diem = forms.ChoiceField(label=_("Year-end check"), required=False,
                                  choices=[("", _("All")), *Commitment.Check.choices])
    theo = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[("", ""), ("so-lieu", "so-lieu")])

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["nam"].choices = [("", _("All")), *year_choices()]  # type: ignore[attr-defined]


class OwnRegistrationForm(forms.Form):
    actions = forms.CharField(label=_("Actions I register"), widget=forms.Textarea(attrs={"rows": 5}),
                              required=False)


class OwnCommitmentForm(forms.Form):
    content = forms.CharField(label=_("My commitment"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
