"""Forms of the rating pages. They parse input; every write goes through evaluation.domain_ratings, whose
ValidationError (the field named, a broken rule cited) is shown on the page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, SchemeLevel, SubjectKind
from xaydungdang.organisations.models import Organisation

KIND_CHOICES = [("", _("All")), (SubjectKind.MEMBER.value, _("Party members")),
                (SubjectKind.ORGANISATION.value, _("Organisations"))]
STAGE_CHOICES = [("", _("All")), *Evaluation.Stage.choices, ("cancelled", _("Cancelled"))]
STEP_CHOICES = [("", _("All")), ("1", _("1 – excellent (HTXSNV, TSVM)")), ("2", _("2 – good (HTTNV)")),
                ("3", _("3 – done (HTNV)")), ("4", _("4 – not done (KHTNV, weak)"))]


def year_choices() -> list[tuple[int, str]]:
    years = sorted(set(EvaluationRound.objects.values_list("year", flat=True)), reverse=True)
    return [(y, str(y)) for y in years]


def level_choices(levels: list[SchemeLevel]) -> list[tuple[str, str]]:
    return [("", "—"), *((lv.code, f"{lv.name} ({lv.abbreviation})") for lv in levels)]


class ListForm(forms.Form):
    """The list's filters (?nam, ?to_chuc, ?loai, ?buoc, ?muc, ?bac): the figures of the results link here."""

    nam = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    to_chuc = OrganisationField(label=_("Organisation, with its subtree"), required=False)
    loai = forms.ChoiceField(label=_("Rated"), required=False, choices=KIND_CHOICES)
    buoc = forms.ChoiceField(label=_("Stage"), required=False, choices=STAGE_CHOICES)
    muc = forms.SlugField(label=_("Level (code)"), required=False, max_length=20)
    bac = forms.ChoiceField(label=_("Step on the common scale"), required=False, choices=STEP_CHOICES)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["nam"].choices = [("", _("All")), *year_choices()]  # type: ignore[attr-defined]


class StepForm(forms.Form):
    """One step on a rating's page: a level of the year's scheme, the score (a points scheme), a comment, the date."""

    level = forms.ChoiceField(label=_("Level"), required=False)
    score = forms.CharField(label=_("Score"), required=False, max_length=10)
    comment = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    on = VnDateField(label=_("Date"), required=False)

    def __init__(self, *args: Any, levels: list[SchemeLevel], points: bool, comment_label: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = level_choices(levels)  # type: ignore[attr-defined]
        if not points:
            del self.fields["score"]
        if comment_label:
            self.fields["comment"].label = comment_label


class OwnForm(forms.Form):
    """A member's own self-assessment and self-rating."""

    self_assessment = forms.CharField(label=_("My self-assessment (bản tự kiểm điểm)"),
                                      widget=forms.Textarea(attrs={"rows": 8}), required=False)
    level = forms.ChoiceField(label=_("My self-rating"), required=False)
    score = forms.CharField(label=_("My score"), required=False, max_length=10)

    def __init__(self, *args: Any, levels: list[SchemeLevel], points: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = level_choices(levels)  # type: ignore[attr-defined]
        if not points:
            del self.fields["score"]
