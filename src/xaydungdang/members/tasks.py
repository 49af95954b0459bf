"""Import jobs: checking and recording a file, inline for small files, as tasks for large ones.

A file of more than BACKGROUND_ROWS rows runs as a django-tasks task (the database backend in
production, ImmediateBackend in development and tests). Tasks take the job's id, re-fetch the
job and the uploader's scope, and record their progress on the job, which the page polls.
The commit checks every row again first: the database may have changed since the preview.
"""

from __future__ import annotations

import logging
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
from xaydungdang.members import import_commit, importing
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
    job.errors, job.failure = [], ""
    job.save(update_fields=["mapping", "status", "processed_rows", "valid_rows", "errors", "failure"])
    if runs_in_background(job):
        validate_import.enqueue(job.pk)
    else:
        run_validation(job.pk)


def reopen_mapping(job: ImportJob) -> None:
    job.status, job.errors, job.valid_rows, job.processed_rows = Status.MAPPING, [], 0, 0
    job.save(update_fields=["status", "errors", "valid_rows", "processed_rows"])


def start_commit(job: ImportJob) -> bool:
    """Record a checked file; False when it is not ready (already recording, recorded, or has errors)."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=Status.READY).update(status=Status.COMMITTING,
                                                                              processed_rows=0)
    if not claimed:  # a second click, or another tab, got there first
        return False
    if runs_in_background(job):
        commit_import.enqueue(job.pk)
    else:
        run_commit(job.pk)
    return True


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
        result = _validate(job)
        if result is None or result.errors:
            if result is not None:
                _record(job, result)
            return
        try:
            count = import_commit.write_members(result, actor=job.created_by, job=job)
        except IntegrityError:  # someone recorded one of these numbers between the check and the write
            logger.info("import %s: numbers taken during the commit; checking again", job.pk)
            again = _validate(job)
            if again is not None:
                _record(job, again)
            return
        _done(job, count)


def _validate(job: ImportJob) -> Validation | None:
    try:
        return importing.validate(bytes(job.content), layout_of(job), editable=_editable(job),
                                  progress=_progress(job))
    except ImportFileError as error:
        _fail(job, error.message)
        return None


def _editable(job: ImportJob) -> QuerySet[Organisation]:
    """The uploader's scope as it is now: a grant withdrawn since the upload counts."""
    return resolve_scope(job.created_by).organisations(Capability.EDIT_RECORDS)


def _progress(job: ImportJob) -> Callable[[int], None]:
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return report


def _record(job: ImportJob, result: Validation) -> None:
    job.status = Status.INVALID if result.errors else Status.READY
    job.errors = [e.as_dict() for e in result.errors]
    job.total_rows = job.processed_rows = len(result.rows)
    job.valid_rows = result.valid_rows
    job.save(update_fields=["status", "errors", "total_rows", "processed_rows", "valid_rows"])


def _done(job: ImportJob, count: int) -> None:
    # The file held sensitive personal data; what was recorded is now in the registry.
    job.status, job.created_members, job.content, job.finished_at = Status.DONE, count, b"", timezone.now()
    job.processed_rows = job.total_rows
    job.save(update_fields=["status", "created_members", "content", "finished_at", "processed_rows"])


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
