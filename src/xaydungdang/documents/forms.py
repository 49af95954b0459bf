"""Forms of the document pages: the list's filters, a document, its status, links, files, the pasted list and
the parts of an action programme.

The forms only parse and check input; every write goes through documents.domain, importing,
attachments or programmes, whose ValidationError (the rule named, in Vietnamese) is shown above the form.
Choices are limited to what the user may use: owners they may keep documents for, issuers they see.
Organisations are chosen with the pickers of core.fields (a code typed still works).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import dates, indicators
from xaydungdang.core.dates import today
from xaydungdang.core.fields import OrganisationField, OrganisationsField, VnDateField
from xaydungdang.documents.models import Document, DocumentType, Issuer, Section, Target, Task
from xaydungdang.documents.queries import DocumentFilter
from xaydungdang.organisations.models import Organisation

SYSTEM_WIDE = "he_thong"  # the box for system-wide reference documents, no keeper (administrators only)
FIRST_YEAR = 1930


# ---------------------------------------------------------------- the list


class DocumentFilterForm(forms.Form):
    """The list's search box and filters, read from the query string."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Number, symbol or words of the title: 21-KL, KL/TW, chinh don…"),
        "autocomplete": "off"}))
    loai = forms.ChoiceField(label=pgettext_lazy("document", "Type"), required=False)
    co_quan = forms.ChoiceField(label=_("Issuer"), required=False)
    nam = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=2100,
                             widget=forms.NumberInput(attrs={"class": "narrow"}))
    khoa = forms.CharField(label=_("Term (khóa)"), required=False, max_length=10,
                           widget=forms.TextInput(attrs={"class": "narrow", "placeholder": "XIII"}))
    trang_thai = forms.ChoiceField(label=_("Status"), required=False,
                                   choices=[("", _("All")), *Document.Status.choices])
    to_chuc = OrganisationField(label=_("Kept by"), required=False)

    def __init__(self, *args: Any, types: QuerySet[DocumentType], issuers: QuerySet[Issuer],
                 organisations: QuerySet[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_chuc"].set_queryset(  # type: ignore[attr-defined]
            organisations if organisations is not None else Organisation.objects.none())
        self.fields["loai"].choices = [("", _("All")), *((t.code, t.name) for t in types)]  # type: ignore[attr-defined]
        self.fields["co_quan"].choices = [  # type: ignore[attr-defined]
            ("", _("All")), *((str(i.pk), f"{i.abbreviation} – {i.name}") for i in issuers)]

    def document_filter(self) -> DocumentFilter:
        """The filters as given; a value that is not valid is left out, the others still apply."""
        self.is_valid()
        data = self.cleaned_data
        issuer = data.get("co_quan") or ""
        owner = data.get("to_chuc")
        return DocumentFilter(q=data.get("q", ""), doc_type=data.get("loai", ""),
                              issuer=int(issuer) if issuer.isdigit() else None, year=data.get("nam"),
                              term=data.get("khoa", ""), status=data.get("trang_thai", ""),
                              owner=owner.pk if owner is not None else None)


# ---------------------------------------------------------------- a document


class OwnerFields:
    """The keeper of a document: a picker offering only the organisations the user may keep documents for
    (records.edit), and for administrators a box "system-wide" (no keeper) instead. cleaned_data["owner"] is the
    Organisation, or None for a system-wide reference document."""

    def add_owner(self: Any, owners: QuerySet[Organisation], system_wide: bool, help_text: Any) -> None:
        owner = OrganisationField(label=_("Kept by"), queryset=owners, capability=Capability.EDIT_RECORDS,
                                  required=not system_wide, help_text=help_text)
        fields: dict[str, forms.Field] = {"owner": owner}
        if system_wide:
            fields[SYSTEM_WIDE] = forms.BooleanField(
                label=_("System-wide (reference document for every committee)"), required=False)
        self.fields = fields | {k: v for k, v in self.fields.items() if k not in fields}

    def clean_owner_choice(self: Any, data: dict[str, Any]) -> None:
        if data.pop(SYSTEM_WIDE, False):
            data["owner"] = None
        elif SYSTEM_WIDE in self.fields and data.get("owner") is None and "owner" not in self.errors:
            self.add_error("owner", forms.ValidationError(self.fields["owner"].error_messages["required"],
                                                          code="required"))


class DocumentForm(OwnerFields, forms.Form):
    """Register or edit a document: the fields of its key, its title and summary."""

    doc_type = forms.ModelChoiceField(label=pgettext_lazy("document", "Type"), queryset=DocumentType.objects.all())
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=Issuer.objects.all(), required=False,
                                    help_text=_("Empty: the committee of the office keeping it, under the "
                                                "abbreviation ending the symbol (KH/HU: HU)."))
    number = forms.CharField(label=_("Number"), max_length=20, required=False,
                             help_text=_('As written, for example "21" or "0091"; empty for a document known by '
                                         'name only.'))
    symbol = forms.CharField(label=_("Symbol"), max_length=40, required=False,
                             help_text=_('For example "KL/TW"; empty: type/issuer abbreviations.'))
    issued_on = VnDateField(label=_("Issued on"), required=False)
    term = forms.CharField(label=_("Term (khóa)"), max_length=10, required=False,
                           help_text=_("Roman numerals, for example XIII."))
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    direction = forms.ChoiceField(label=_("Direction"), choices=Document.Direction.choices)

    def __init__(self, *args: Any, owners: QuerySet[Organisation], system_wide: bool, issuers: QuerySet[Issuer],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_owner(owners, system_wide, _("The office that keeps this document in its registry."))
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]
        self.fields["doc_type"].queryset = DocumentType.objects.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_owner_choice(data)
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned fields named as the domain functions take them."""
        data = dict(self.cleaned_data)
        data["term"] = data["term"].strip().upper()
        return data

    @staticmethod
    def initial_for(document: Document) -> dict[str, Any]:
        return {"owner": document.owner.code if document.owner else "", SYSTEM_WIDE: document.owner is None,
                "doc_type": document.doc_type_id,
                "issuer": document.issuer_id, "number": document.number, "symbol": document.symbol,
                "issued_on": document.issued_on, "term": document.term, "title": document.title,
                "summary": document.summary, "direction": document.direction}


class PickForm(forms.Form):
    """Choose another visible document by searching (a link up, or the document that replaces this one)."""

    q = forms.CharField(label=_("Find the document"), required=False, max_length=200, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("21-KL/TW, ket luan 21…"), "autocomplete": "off"}))


class ImplementsForm(forms.Form):
    implemented = forms.IntegerField(label=_("Document implemented"), widget=forms.HiddenInput,
                                     error_messages={"required": _("Choose the higher document in the list.")})
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Document.Status.choices, widget=forms.RadioSelect)
    replaced_by = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF or DOCX)"), allow_empty_file=True,
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
                           error_messages={"required": _("File: choose a PDF or DOCX file.")})


class PasteForm(OwnerFields, forms.Form):
    text = forms.CharField(label=_("Identifiers, one per line"), strip=False, widget=forms.Textarea(attrs={
        "rows": 12, "spellcheck": "false",
        "placeholder": "Kết luận số 21-KL/TW ngày 25/10/2021 về đẩy mạnh xây dựng, chỉnh đốn Đảng…\n"
                       "Quy định 37-QĐ/TW ngày 25/10/2021 về những điều đảng viên không được làm"}),
        help_text=_("Each line: the identifier with its date, optionally followed by the title."))

    def __init__(self, *args: Any, owners: QuerySet[Organisation], system_wide: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_owner(owners, system_wide, _("The office that keeps every document of the list."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_owner_choice(data)
        return data


# ---------------------------------------------------------------- action programmes


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title of the section"), max_length=500)


class TaskForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    title = forms.CharField(label=_("Title of the task"), max_length=500)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = document.sections.all()  # type: ignore[attr-defined]


class TaskChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.section.title} › {obj.title}"


class TargetForm(forms.Form):
    task = TaskChoice(label=_("Task"), queryset=Task.objects.none())
    description = forms.CharField(label=_("Target"), max_length=500,
                                  help_text=_("For example: admit at least 120 new members in 2022."))
    indicator_code = forms.CharField(label=_("Indicator"), max_length=80, required=False,
                                     help_text=_("The code of the indicator that measures it; it may name one "
                                                 "not registered yet."))
    comparator = forms.ChoiceField(label=_("Comparison"), choices=Target.Comparator.choices)
    value = forms.DecimalField(label=_("Target value"), max_digits=14, decimal_places=2, min_value=Decimal(0),
                               localize=True)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    period_start = VnDateField(label=_("Counted from"), required=False, span=dates.PLANNED,
                               help_text=_("Empty: from the date of the programme."))
    deadline = VnDateField(label=_("Deadline"), span=dates.PLANNED)
    responsible = OrganisationsField(label=_("Responsible organisations"), required=False,
                                     help_text=_("Pick them, or type codes separated by commas; empty: the office "
                                                 "keeping the programme."))

    def __init__(self, *args: Any, document: Document, organisations: QuerySet[Organisation],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].set_queryset(organisations)  # type: ignore[attr-defined]
        self.fields["task"].queryset = Task.objects.filter(  # type: ignore[attr-defined]
            section__document=document).select_related("section").order_by("section__position", "position", "id")
        self.fields["indicator_code"].widget.attrs["list"] = "indicator-codes"
        self.indicator_choices = [(i.code, str(i.name)) for i in indicators.all()]


def default_deadline() -> dt.date:
    return dt.date(today().year, 12, 31)
