"""Pages of the Excel import (upload, column mapping, preview, commit, progress) and the export.

An import is a job (ImportJob) that only its uploader sees (404 for anyone else); the job
is named by the query parameter ?lan=<id>. Checking and recording run in members.tasks:
inline for small files, as tasks for large ones, whose progress the page polls with htmx.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl.utils import get_column_letter

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.exporting import XLSX, download, export_response
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.members import importing, tasks
from xaydungdang.members.exporting import ExportRefused, MemberExporter, refusal, template_workbook
from xaydungdang.members.import_preview import PREVIEW_HOURS
from xaydungdang.members.importing import FIELDS, ImportFileError
from xaydungdang.members.models import ImportJob

EDIT = Capability.EDIT_RECORDS
MAX_UPLOAD_MB = 20
JOB_PARAM = "lan"
TOKEN_PARAM = "ma"
PREVIEW_PER_PAGE = 100
ERRORS_PER_PAGE = 100
RECENT_JOBS = 10
Status = ImportJob.Status
RUNNING = (Status.VALIDATING, Status.COMMITTING)
FORM_METHODS = require_http_methods(["GET", "POST"])


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (.xlsx, .xls or .ods)"), widget=forms.ClearableFileInput(
        attrs={"accept": ".xlsx,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                         "application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"}))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_MB * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(limit)s MB: split it into several files.")
                                  % {"limit": MAX_UPLOAD_MB})
        return upload


class MappingForm(forms.Form):
    """For each field, the column of the file that fills it (pre-filled by matching the headers)."""

    def __init__(self, *args: Any, headers: list[str], mapping: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [("", _("— not in the file —")),
                   *((str(i), f"{get_column_letter(i + 1)}: {h}") for i, h in enumerate(headers) if h)]
        for f in FIELDS:
            self.fields[f.key] = forms.ChoiceField(
                label=f.header, choices=columns, required=False,
                initial=str(mapping[f.key]) if f.key in mapping else "")

    def mapping(self) -> dict[str, int]:
        return {key: int(value) for key, value in self.cleaned_data.items() if value not in ("", None)}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for message in importing.mapping_errors(self.mapping()):
            self.add_error(None, message)
        return cleaned


def _jobs(request: HttpRequest) -> QuerySet[ImportJob]:
    """The imports the user may see: their own (the file is theirs, with its personal data)."""
    jobs = ImportJob.objects.defer("content")
    return jobs if request.user.is_superuser else jobs.filter(created_by=request.user)  # type: ignore[misc]


def _job(request: HttpRequest, raw: str) -> ImportJob:
    if not raw.isdigit():
        raise Http404
    return ensure(_jobs(request).filter(pk=int(raw)).first())


def _job_url(job: ImportJob) -> str:
    return f"{reverse('members:import_job')}?{JOB_PARAM}={job.pk}"


@requires(EDIT)
@FORM_METHODS
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            layout = importing.inspect_workbook(content)
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            job = tasks.create_job(actor=request.user, file_name=upload.name or "", content=content, layout=layout)
            return redirect(_job_url(job))
    return render(request, "members/import_start.html", {
        "form": form, "jobs": _jobs(request)[:RECENT_JOBS], "limit_mb": MAX_UPLOAD_MB})


@requires(EDIT)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    return download(template_workbook(), XLSX, "mau-nhap-dang-vien.xlsx")


@requires(EDIT)
@FORM_METHODS
def import_job(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get(JOB_PARAM, "")
    if not raw:
        return render(request, "members/import_jobs.html", {"jobs": _jobs(request)[:RECENT_JOBS]})
    job = _job(request, raw)
    form = MappingForm(request.POST if request.method == "POST" else None, headers=list(job.headers),
                       mapping={k: int(v) for k, v in job.mapping.items()})
    if request.method == "POST":
        done = _act(request, job, form)
        if done:
            return redirect(_job_url(job))
    return render(request, "members/import_job.html", _job_context(request, job, form))


def _act(request: HttpRequest, job: ImportJob, form: MappingForm) -> bool:
    """Run the POSTed action; False to show the form again with its errors."""
    action = request.POST.get("action", "")
    if action == "remap" and job.status in (Status.INVALID, Status.READY, Status.FAILED):
        tasks.reopen_mapping(job)
    elif action == "validate" and job.status in (Status.MAPPING, Status.INVALID, Status.READY):
        if not form.is_valid():
            return False
        tasks.start_validation(job, form.mapping())
    else:
        messages.error(request, _("This import cannot do that now: it is “%(status)s”.")
                       % {"status": job.get_status_display()})
    return True


def _job_context(request: HttpRequest, job: ImportJob, form: MappingForm) -> dict[str, Any]:
    errors = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    preview = job.preview or {}
    return {"job": job, "form": form, "errors": errors, "running": job.status in RUNNING,
            "bad_rows": len({e["row"] for e in job.errors}), "job_param": JOB_PARAM, "token_param": TOKEN_PARAM,
            "required": importing.REQUIRED, "notice": preview.get("notice", ""),
            "to_change": Paginator(preview.get("change", []), PREVIEW_PER_PAGE).get_page(request.GET.get("page")),
            "to_create": Paginator(preview.get("create", []), PREVIEW_PER_PAGE).get_page(request.GET.get("page")),
            "unchanged": len(preview.get("unchanged", []))}


@requires(EDIT)
@require_GET
def import_progress(request: HttpRequest) -> HttpResponse:
    """The progress fragment the job page polls (the latest import when none is named)."""
    raw = request.GET.get(JOB_PARAM, "")
    job = _job(request, raw) if raw else _jobs(request).first()
    running = job is not None and job.status in RUNNING
    response = render(request, "members/import_progress.html", {"job": job, "running": running})
    if job is not None and not running and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # finished: reload the page to show the outcome
    return response


@requires(EDIT)
@require_POST
def import_commit(request: HttpRequest) -> HttpResponse:
    """Confirm a preview: the POST names the job and carries the preview's token."""
    raw = request.POST.get(JOB_PARAM, "")
    if not raw:
        messages.error(request, _("Choose an import to record."))
        return redirect("members:import_start")
    job = _jobs(request).filter(pk=int(raw)).first() if raw.isdigit() else None
    if job is None:  # missing and someone else's read alike
        return render(request, "members/import_gone.html", status=404)
    outcome = tasks.start_commit(job, request.POST.get(TOKEN_PARAM, ""))
    if outcome == "expired":
        messages.warning(request, _("The preview was more than %(hours)s hours old: the rows were checked again. "
                                    "Check the new preview and confirm it.") % {"hours": PREVIEW_HOURS})
    elif outcome == "refused":
        messages.error(request, _("This preview was already confirmed, or replaced by a newer one: nothing more "
                                  "was recorded. The import is “%(status)s”.") % {"status": job.get_status_display()})
    return redirect(_job_url(job))


@requires(Capability.VIEW)
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The member list as .xlsx (or ?dinh_dang=csv), with the list's filters."""
    file_format = "csv" if request.GET.get("dinh_dang") == "csv" else "xlsx"
    try:
        exporter = MemberExporter(request)
    except ExportRefused as error:
        return refusal(request, error)
    return export_response(exporter, file_format)
