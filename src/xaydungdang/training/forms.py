"""Forms of the training pages: the list's filters, a class, cancelling it, enrolling people, results.

The forms only parse and check input; every write goes through training.domain, whose ValidationError (the rule
named, in Vietnamese) is shown above the form. Organisers are chosen with the picker of core.fields among those
the user may edit records of.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.organisations.models import Organisation
from xaydungdang.training.domain import MAX_CAPACITY
from xaydungdang.training.models import ClassType, Enrolment

FIRST_YEAR = 1930


class ClassFilterForm(forms.Form):
    loai = forms.ChoiceField(label=pgettext_lazy("training class", "Type"), required=False)
    nam = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=2100,
                             widget=forms.NumberInput(attrs={"class": "narrow"}))
    to_chuc = OrganisationField(label=_("Organised in"), required=False)

    def __init__(self, *args: Any, types: QuerySet[ClassType], organisations: QuerySet[Organisation],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loai"].choices = [("", _("All")), *((t.code, t.name) for t in types)]  # type: ignore[attr-defined]
        self.fields["to_chuc"].set_queryset(organisations)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The filters as given; a value that is not valid is left out, the others still apply."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in ("loai", "nam", "to_chuc")}


class ClassForm(forms.Form):
    class_type = forms.ModelChoiceField(label=pgettext_lazy("training class", "Type"),
                                        queryset=ClassType.objects.none())
    title = forms.CharField(label=pgettext_lazy("training class", "Title"), max_length=500)
    organiser = OrganisationField(label=_("Organised by"), capability=Capability.EDIT_RECORDS)
    start = VnDateField(label=_("From"))
    end = VnDateField(label=_("To"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=1, max_value=MAX_CAPACITY,
                                  help_text=_("Learners the class takes, other participants included; empty: "
                                              "no limit."))
    others_count = forms.IntegerField(label=_("Other participants (count)"), required=False, min_value=0,
                                      max_value=MAX_CAPACITY, initial=0,
                                      help_text=_("People who are neither party members nor candidates."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_type"].queryset = ClassType.objects.all()  # type: ignore[attr-defined]
        self.fields["organiser"].set_queryset(organisations)  # type: ignore[attr-defined]


class CancelForm(forms.Form):
    on = VnDateField(label=_("Cancelled on"), initial=today)


class ResultsForm(forms.Form):
    """One result and one grade per enrolled person (fields result-<person id>, grade-<person id>), and the
    day they completed (the class's last day unless given)."""

    completed_on = VnDateField(label=_("Completed on"), required=False,
                               help_text=_("Empty: the last day of the class."))

    def __init__(self, *args: Any, enrolments: list[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for enrolment in enrolments:
            self.fields[f"result-{enrolment.person_id}"] = forms.ChoiceField(
                label=_("Result"), choices=Enrolment.Result.choices, initial=enrolment.result)
            self.fields[f"grade-{enrolment.person_id}"] = forms.ChoiceField(
                label=_("Grade"), choices=Enrolment.Grade.choices, initial=enrolment.grade, required=False)

    def rows(self) -> list[dict[str, Any]]:
        return [{"enrolment": e, "result": self[f"result-{e.person_id}"], "grade": self[f"grade-{e.person_id}"]}
                for e in self.enrolments]
