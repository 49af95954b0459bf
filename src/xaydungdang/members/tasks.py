"""Import jobs: checking and recording a file, inline for small files, as tasks for large ones.

A file of more than BACKGROUND_ROWS rows runs as a django-tasks task (the database backend in
production, ImmediateBackend in development and tests). Tasks take the job's id, re-fetch the
job and the uploader's scope, and record their progress on the job, which the page polls.
The commit checks every row again first: the database may have changed since the preview.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.members import import_commit, import_preview, importing
from xaydungdang.members.import_commit import StaleImport
from xaydungdang.members.importing import ImportFileError, Layout, Validation
from xaydungdang.members.models import ImportJob
from xaydungdang.organisations.models import Organisation

BACKGROUND_ROWS = 2_000
Status = ImportJob.Status
logger = logging.getLogger(__name__)


def create_job(*, actor: Any, file_name: str, content: bytes, layout: Layout) -> ImportJob:
    """Keep an uploaded file whose layout was recognised, waiting for the mapping to be confirmed."""
    return ImportJob.objects.create(
        created_by=actor, file_name=file_name[:255], content=content,
        language=translation.get_language() or "vi", sheet_name=layout.sheet, header_row=layout.header_row,
        headers=layout.headers, mapping=layout.mapping, total_rows=layout.data_rows)


def layout_of(job: ImportJob) -> Layout:
    return Layout(job.sheet_name, job.header_row, list(job.headers), {k: int(v) for k, v in job.mapping.items()},
                  job.total_rows)


def runs_in_background(job: ImportJob) -> bool:
    return job.total_rows > BACKGROUND_ROWS


def start_validation(job: ImportJob, mapping: dict[str, int]) -> None:
    """Check the rows with this mapping: now, or in a task for a large file."""
    job.mapping, job.status, job.processed_rows, job.valid_rows = mapping, Status.VALIDATING, 0, 0
    job.errors, job.failure, job.preview, job.token = [], "", {}, ""
    job.save(update_fields=["mapping", "status", "processed_rows", "valid_rows", "errors", "failure", "preview",
                            "token"])
    if runs_in_background(job):
        validate_import.enqueue(job.pk)
    else:
        run_validation(job.pk)


def reopen_mapping(job: ImportJob) -> None:
    job.status, job.errors, job.valid_rows, job.processed_rows = Status.MAPPING, [], 0, 0
    job.preview, job.token = {}, ""
    job.save(update_fields=["status", "errors", "valid_rows", "processed_rows", "preview", "token"])


def start_commit(job: ImportJob, token: str) -> str:
    """Record a checked file whose preview the user confirmed (`token`). Returns "started"; "expired" when
    the preview is too old (the rows are checked again, for a new preview); "refused" when the token is
    not this job's current one (confirmed already, in another tab, or an older preview) or the job is
    not ready. The token is spent by the claim: confirming twice records once."""
    if not token or job.status != Status.READY or not secrets.compare_digest(token, job.token):
        return "refused"
    if import_preview.expired(job.preview):
        start_validation(job, {k: int(v) for k, v in job.mapping.items()})
        return "expired"
    claimed = ImportJob.objects.filter(pk=job.pk, status=Status.READY, token=token).update(
        status=Status.COMMITTING, processed_rows=0, token="")
    if not claimed:  # a second click, or another tab, got there first
        return "refused"
    if runs_in_background(job):
        commit_import.enqueue(job.pk)
    else:
        run_commit(job.pk)
    return "started"


@task()
def validate_import(job_id: int) -> None:
    run_validation(job_id)


@task()
def commit_import(job_id: int) -> None:
    run_commit(job_id)


def run_validation(job_id: int) -> None:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with _guard(job):
        result = _validate(job)
        if result is not None:
            _record(job, result)


def run_commit(job_id: int) -> None:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with _guard(job):
        confirmed = job.preview.get("digest")
        result = _validate(job)
        if result is None or result.errors:
            if result is not None:
                _record(job, result)
            return
        if _preview(job, result)["digest"] != confirmed:  # records or rights changed since the preview
            _record(job, result, notice=_changed())
            return
        try:
            created, changed = import_commit.write_members(result, actor=job.created_by, job=job)
        except (IntegrityError, StaleImport):  # someone wrote one of these members between the check and the write
            logger.info("import %s: records changed during the commit; checking again", job.pk)
            again = _validate(job)
            if again is not None:
                _record(job, again, notice=_changed())
            return
        _done(job, created, changed)


def _changed() -> str:
    return _("The records changed since the preview you confirmed: here is the new preview. Nothing was "
             "recorded yet; check it and confirm again.")


def _validate(job: ImportJob) -> Validation | None:
    try:
        return importing.validate(bytes(job.content), layout_of(job), editable=_editable(job),
                                  progress=_progress(job))
    except ImportFileError as error:
        _fail(job, error.message)
        return None


def _preview(job: ImportJob, result: Validation) -> dict[str, Any]:
    scope = resolve_scope(job.created_by)
    return import_preview.build(result, sensitive=scope.has(Capability.VIEW_SENSITIVE),
                                scope_key=import_preview.scope_key(list(_editable(job).values_list("pk", flat=True))))


def _editable(job: ImportJob) -> QuerySet[Organisation]:
    """The uploader's scope as it is now: a grant withdrawn since the upload counts."""
    return resolve_scope(job.created_by).organisations(Capability.EDIT_RECORDS)


def _progress(job: ImportJob) -> Callable[[int], None]:
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return report


def _record(job: ImportJob, result: Validation, notice: str = "") -> None:
    """The outcome of a check: its errors, or its preview and a new token to confirm it with."""
    job.status = Status.INVALID if result.errors else Status.READY
    job.errors = [e.as_dict() for e in result.errors]
    job.total_rows = job.processed_rows = len(result.rows)
    job.valid_rows = result.valid_rows
    job.preview = {} if result.errors else {**_preview(job, result), "notice": notice}
    job.token = "" if result.errors else secrets.token_urlsafe(32)
    job.save(update_fields=["status", "errors", "total_rows", "processed_rows", "valid_rows", "preview", "token"])


def _done(job: ImportJob, created: int, changed: int) -> None:
    # The file and the preview held personal data; what was recorded is now in the registry.
    job.status, job.content, job.preview, job.finished_at = Status.DONE, b"", {}, timezone.now()
    job.created_members, job.changed_members, job.processed_rows = created, changed, job.total_rows
    job.save(update_fields=["status", "created_members", "changed_members", "content", "preview", "finished_at",
                            "processed_rows"])


def _fail(job: ImportJob, message: str) -> None:
    job.status, job.failure, job.finished_at = Status.FAILED, message, timezone.now()
    job.save(update_fields=["status", "failure", "finished_at"])


@contextmanager
def _guard(job: ImportJob) -> Iterator[None]:
    """Messages in the uploader's language; an unexpected error marks the job failed (nothing was written)."""
    with translation.override(job.language):
        try:
            yield
        except Exception:
            logger.exception("import %s failed", job.pk)
            _fail(job, _("The import stopped on an unexpected error; nothing was recorded. Please try again or "
                         "report the problem."))
