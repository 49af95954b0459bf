from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import dates
from xaydungdang.core.fields import OrganisationField, OrganisationsField, VnDateField
from xaydungdang.organisations import queries
from xaydungdang.organisations.models import Organisation, OrgType


class RestructuringForm(forms.Form):
    effective = VnDateField(label=_("Effective date"))
    decision = forms.CharField(label=_("Decision"), max_length=255, required=False,
                               help_text=_("For example: Quyết định số 125-QĐ/TU ngày 20/6/2025"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CreateForm(RestructuringForm):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    org_type = forms.ModelChoiceField(label=_("Type"), queryset=OrgType.objects.all())

    field_order = ["code", "name", "org_type", "effective", "decision", "note"]


class RenameForm(RestructuringForm):
    name = forms.CharField(label=_("New name"), max_length=255)

    field_order = ["name", "effective", "decision", "note"]


class MoveForm(RestructuringForm):
    parent = OrganisationField(label=_("New superior organisation"), capability=Capability.MANAGE_ORGANISATIONS)

    field_order = ["parent", "effective", "decision", "note"]

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].set_queryset(parents)  # type: ignore[attr-defined]


class DissolveForm(RestructuringForm):
    pass


class MergeForm(RestructuringForm):
    """Merge with siblings (today's children of the same superior, that the user manages).

    Pickers, not a select or a list of boxes: a district's đảng bộ has dozens of direct children (60 and more
    before the 2025 restructuring), too many to scroll. Their suggestions are narrowed to the siblings (the
    children of the superior, less this organisation), and the fields accept only the siblings.
    """

    partners = OrganisationsField(label=_("Merged together with"), required=False,
                                  capability=Capability.MANAGE_ORGANISATIONS)
    into_existing = OrganisationField(label=_("Merge into an existing organisation"), required=False,
                                      capability=Capability.MANAGE_ORGANISATIONS,
                                      help_text=_("Leave empty to establish a new organisation below."))
    code = forms.CharField(label=_("Code of the new organisation"), max_length=40, required=False)
    name = forms.CharField(label=_("Name of the new organisation"), max_length=255, required=False)
    org_type = forms.ModelChoiceField(label=_("Type of the new organisation"), queryset=OrgType.objects.all(),
                                      required=False)

    field_order = ["partners", "into_existing", "code", "name", "org_type", "effective", "decision", "note"]

    def __init__(self, *args: Any, siblings: Any, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = queries.current_version(organisation) if organisation is not None else None
        for name in ("partners", "into_existing"):
            self.fields[name].set_queryset(siblings)  # type: ignore[attr-defined]
            widget = self.fields[name].widget
            widget.within = current.parent.code if current is not None and current.parent else ""  # type: ignore[attr-defined]
            widget.excluded = organisation.code if organisation is not None else ""  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "into_existing" in self.errors or "partners" in self.errors:
            return data  # what was typed is refused with its own message: no second one about it
        if not data.get("into_existing") and not (data.get("code") and data.get("name") and data.get("org_type")):
            raise forms.ValidationError(
                _("Choose an existing organisation, or give the code, name and type of the new one."))
        if not data.get("into_existing") and not data.get("partners"):
            raise forms.ValidationError(_("Choose at least one organisation to merge with."))
        return data


class SplitForm(RestructuringForm):
    """Up to PARTS new organisations; each child is assigned to one of them."""

    PARTS = 6

    @staticmethod
    def children_day(data: Mapping[str, Any]) -> dt.date:
        """The day whose children the form lists: the effective date posted, read as its field reads it
        (core.dates, within its range), else today, while the field shows why the date was refused."""
        try:
            return dates.read_date_in(str(data.get("effective", "")), dates.EVENT)
        except dates.DateInputError:
            return dates.today()

    def __init__(self, *args: Any, children: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for i in range(self.PARTS):
            required = i == 0
            self.fields[f"part{i}_code"] = forms.CharField(label=_("Code"), max_length=40, required=required)
            self.fields[f"part{i}_name"] = forms.CharField(label=_("Name"), max_length=255, required=required)
            self.fields[f"part{i}_type"] = forms.ModelChoiceField(label=_("Type"), queryset=OrgType.objects.all(),
                                                                   required=required)
        choices = [(str(i), _("New organisation %(n)s") % {"n": i + 1}) for i in range(self.PARTS)]
        for child in children:
            self.fields[f"child_{child.organisation_id}"] = forms.ChoiceField(label=child.name, choices=choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(self.PARTS):
            values = [data.get(f"part{i}_{f}") for f in ("code", "name", "type")]
            if any(values) and not all(values):
                raise forms.ValidationError(
                    _("New organisation %(n)s needs a code, a name and a type.") % {"n": i + 1})
        return data

    def part_rows(self) -> list[tuple[Any, Any, Any]]:
        return [(self[f"part{i}_code"], self[f"part{i}_name"], self[f"part{i}_type"]) for i in range(self.PARTS)]

    def child_fields(self) -> list[Any]:
        return [self[f"child_{c.organisation_id}"] for c in self.children]
