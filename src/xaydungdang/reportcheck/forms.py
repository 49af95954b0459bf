"""The check form: paste or upload a report; optionally an organisation and date to compare with records."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.fields import OrganisationField, VnDateField
from xaydungdang.organisations.models import Organisation
from xaydungdang.reportcheck.reading import MAX_BYTES, ReadError, read_report

# The browser sends pasted text form-encoded (up to 9 bytes a Vietnamese letter) and Django refuses a body
# over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) with a bare 400: the textarea's maxlength stops it before that.
# Longer reports are uploaded as a file (10 MB).
MAX_PASTED_CHARS = 250_000


class CheckForm(forms.Form):
    """`organisations`: those whose records the report may be compared with (the user's scope); the picker
    offers them, and a code outside them reads as an unknown one."""

    text = forms.CharField(label=_("Report text"), required=False, strip=False, max_length=MAX_PASTED_CHARS,
                           widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}))
    file = forms.FileField(label=_("…or a file (.txt, .md, .docx, at most 10 MB)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.docx"}))
    organisation = OrganisationField(label=_("Organisation (to compare with the records)"), required=False)
    date = VnDateField(label=_("Report date (dd/mm/yyyy)"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].set_queryset(organisations)  # type: ignore[attr-defined]

    def clean_file(self) -> str | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        try:
            return read_report(upload.name, upload.read())
        except ReadError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = data.get("file") or data.get("text") or ""
        if not text.strip() and not self.errors:
            raise forms.ValidationError(_("Paste the report's text or choose a file."))
        data["report"] = text
        if bool(data.get("organisation")) != bool(data.get("date")) and not self.errors:
            raise forms.ValidationError(_("To compare with the records give both the organisation and the date."))
        return data
