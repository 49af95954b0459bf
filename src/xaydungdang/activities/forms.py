"""Forms of the campaign and session pages, and the attendance sheet of a session (one row per person expected).

Each form only reads what was typed: the rules (a session inside its campaign's period, a person expected in
that unit on that day…) are the domain's (activities.domain), whose messages the views show above the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities.domain import AttendanceEntry
from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.activities.queries import SheetRow
from xaydungdang.core import dates
from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.organisations.models import Organisation

Status = Attendance.Status
MAX_MASSES = 1_000_000


class DocumentsField(forms.CharField):
    """Documents of the registry named by their identifiers ("01-NQ/TW, 12-NQ/TW"), among those the user reads
    (documents.references); each one not found, or naming several, is listed in the message."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("help_text", gettext_lazy("Numbers and symbols, for example 01-NQ/TW, 12-NQ/TW."))
        super().__init__(**kwargs)
        self.scope: Any = None

    def clean(self, value: Any) -> list[Any]:  # type: ignore[override]
        from xaydungdang.documents import identifiers, references

        text = super().clean(value) or ""
        if not text.strip():
            return []
        found = references.resolve(self.scope, identifiers.find_references(text))
        wrong = [r.reference.text for r in found if r.status != references.MATCHED]
        if wrong or not found:
            raise ValidationError(_("No document of the registry open to you is named %(names)s.") % {
                "names": ", ".join(wrong) or text.strip()})
        return list(dict.fromkeys(r.document for r in found))


def document_names(documents: Any) -> str:
    return ", ".join(d.identifier for d in documents if d.identifier)


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of campaign"), choices=Campaign.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Title of the campaign"), max_length=500)
    theme = forms.CharField(label=gettext_lazy("Theme"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    organisation = OrganisationField(label=gettext_lazy("Planned by (its subtree takes part)"),
                                     capability=Capability.EDIT_RECORDS)
    start = VnDateField(label=gettext_lazy("From"), span=dates.PLANNED)
    end = VnDateField(label=gettext_lazy("To"), span=dates.PLANNED)
    audiences = forms.MultipleChoiceField(label=gettext_lazy("Audiences"), choices=Audience.choices,
                                          widget=forms.CheckboxSelectMultiple)
    counts_masses = forms.BooleanField(label=gettext_lazy("The masses take part (counted only)"), required=False)
    documents = DocumentsField(label=gettext_lazy("Documents of the registry"))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], scope: Any, editing: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].scope = scope  # type: ignore[attr-defined]
        if editing:  # the planner stays: its subtree fixed who takes part
            del self.fields["organisation"]
        else:
            self.fields["organisation"].set_queryset(organisations)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it begins."))
        return cleaned

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_for(campaign: Campaign) -> dict[str, Any]:
        return {"kind": campaign.kind, "title": campaign.title, "theme": campaign.theme,
                "organisation": campaign.organisation.code, "start": campaign.start, "end": campaign.end,
                "audiences": list(campaign.audiences), "counts_masses": campaign.counts_masses,
                "documents": document_names(campaign.documents.all())}


class SessionForm(forms.Form):
    organisation = OrganisationField(label=gettext_lazy("Organised by"), capability=Capability.EDIT_RECORDS)
    date = VnDateField(label=gettext_lazy("Date"))
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=Session.Level.choices)
    audience = forms.ChoiceField(label=gettext_lazy("Audience"), choices=Audience.choices)
    form = forms.ChoiceField(label=gettext_lazy("Form"), choices=Session.Form.choices)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=255, required=False)
    masses_count = forms.IntegerField(label=gettext_lazy("Non-members attending (count)"), min_value=0,
                                      max_value=MAX_MASSES, initial=0, required=False)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    documents = DocumentsField(label=gettext_lazy("Documents studied"))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], campaign: Campaign, scope: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].scope = scope  # type: ignore[attr-defined]
        self.fields["organisation"].set_queryset(organisations)  # type: ignore[attr-defined]
        wanted = [(value, label) for value, label in Audience.choices if value in (campaign.audiences or [])]
        if wanted:
            self.fields["audience"].choices = wanted  # type: ignore[attr-defined]
        if not campaign.counts_masses:
            del self.fields["masses_count"]

    def values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        if "masses_count" in values:
            values["masses_count"] = values["masses_count"] or 0
        return values

    @staticmethod
    def initial_for(session: Session) -> dict[str, Any]:
        return {"organisation": session.organisation.code, "date": session.date, "level": session.level,
                "audience": session.audience, "form": session.form, "place": session.place,
                "masses_count": session.masses_count, "note": session.note,
                "documents": document_names(session.documents.all())}


class CancelForm(forms.Form):
    on = VnDateField(label=gettext_lazy("Cancelled on"))


STATUS_LABELS = {Status.PRESENT: gettext_lazy("Present"), Status.ABSENT: gettext_lazy("Absent"),
                 Status.MADE_UP: gettext_lazy("Made up later")}


class SheetForm(forms.Form):
    """The attendance of one session: for each person expected, a status (present by default), a reason when
    absent (required: the message names the person) and the day of a make-up session (học bù)."""

    masses_count = forms.IntegerField(label=gettext_lazy("Non-members attending (count)"), min_value=0,
                                      max_value=MAX_MASSES, required=False)
    recorded_at = forms.CharField(required=False, widget=forms.HiddenInput)  # what the sheet was read at

    def __init__(self, *args: Any, rows: list[SheetRow], session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = [row for row in rows if not row.exempted]
        self.exempted = [row for row in rows if row.exempted]
        self.fields["masses_count"].initial = session.masses_count
        self.fields["recorded_at"].initial = stamp(session)
        for row in self.rows:
            key = str(row.person_id)
            self.fields[f"s{key}"] = forms.ChoiceField(
                label=row.full_name, choices=[(s.value, STATUS_LABELS[s]) for s in Status],
                initial=row.status or Status.PRESENT, widget=forms.RadioSelect)
            self.fields[f"r{key}"] = forms.CharField(label=gettext_lazy("Reason for absence"), max_length=255,
                                                     required=False, initial=row.reason)
            self.fields[f"m{key}"] = VnDateField(label=gettext_lazy("Made up on"), required=False,
                                                 initial=row.made_up_on)

    def lines(self) -> list[dict[str, Any]]:
        """For the template: each row with its bound fields."""
        return [{"row": row, "status": self[f"s{row.person_id}"], "reason": self[f"r{row.person_id}"],
                 "made_up": self[f"m{row.person_id}"]} for row in self.rows]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in self.rows:
            key = str(row.person_id)
            status, reason = cleaned.get(f"s{key}"), (cleaned.get(f"r{key}") or "").strip()
            if status == Status.ABSENT and not reason:
                self.add_error(f"r{key}", ValidationError(
                    _("%(name)s: enter the reason for the absence."), params={"name": row.full_name}))
            if status == Status.MADE_UP and not cleaned.get(f"m{key}") and f"m{key}" not in self.errors:
                self.add_error(f"m{key}", ValidationError(
                    _("%(name)s: enter the day of the make-up session."), params={"name": row.full_name}))
        return cleaned

    def entries(self) -> list[AttendanceEntry]:
        out = []
        for row in self.rows:
            key = str(row.person_id)
            status = self.cleaned_data[f"s{key}"]
            out.append(AttendanceEntry(
                person_id=row.person_id, status=status,
                reason=(self.cleaned_data[f"r{key}"] or "").strip() if status == Status.ABSENT else "",
                made_up_on=self.cleaned_data[f"m{key}"] if status == Status.MADE_UP else None))
        return out

    def error_messages(self) -> list[str]:
        """Every error of the sheet, each naming its person (shown above the sheet)."""
        return [str(message) for errors in self.errors.values() for message in errors]


def stamp(session: Session) -> str:
    """The state of a session's attendance as a form carries it: when it was last recorded ("" never)."""
    return session.attendance_recorded_at.isoformat() if session.attendance_recorded_at else ""


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Attendance file (.xlsx)"), widget=forms.ClearableFileInput(
        attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}))

    MAX_MB = 5

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if (upload.size or 0) > self.MAX_MB * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": self.MAX_MB})
        return upload


def period_text(start: dt.date, end: dt.date) -> str:
    from xaydungdang.core.formatting import format_date

    return f"{format_date(start)} – {format_date(end)}"
