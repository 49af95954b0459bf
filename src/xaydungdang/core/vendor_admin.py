"""Admin classes of django-axes and django-tasks-db with Vietnamese column names and messages
(see core.vendor_apps). Only what the originals label in English literals is redefined."""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class VietnameseAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description=_("Expires at"))
    def expiration(self, obj: AccessAttempt) -> Any:
        return obj.expiration.expires_at if hasattr(obj, "expiration") else _("Not set")

    @admin.display(description=_("Status"))
    def status(self, obj: AccessAttempt) -> str:
        remaining = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if remaining <= 0:
            return str(_("Locked Out"))
        return ngettext("%(count)d attempt left", "%(count)d attempts left", remaining) % {"count": remaining}

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, ngettext("%(count)d expired attempt removed.", "%(count)d expired attempts "
                                            "removed.", count) % {"count": count})


class VietnameseTaskResultAdmin(DBTaskResultAdmin):
    list_display = ("id", "task_label", "status", "enqueued_at", "started_at", "finished_at", "priority",
                    "queue_name")

    @admin.display(description=_("task"))
    def task_label(self, obj: DBTaskResult) -> str:
        return str(obj.task_name)

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj: DBTaskResult) -> Any:
        return super().display_run_after(obj)


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S") if moment else "—"


# The apps' models name themselves in English f-strings ("Attempted Access: …"), which the admin prints
# as page titles and breadcrumbs; the names are replaced, nothing else about the models is.
def _attempt_str(attempt: AccessAttempt) -> str:
    return gettext("Failed log-ins of %(user)s from %(address)s, %(when)s") % {
        "user": attempt.username, "address": attempt.ip_address, "when": _when(attempt.attempt_time)}


def _log_str(log: AccessLog) -> str:
    return gettext("Log-in of %(user)s from %(address)s, %(when)s") % {
        "user": log.username, "address": log.ip_address, "when": _when(log.attempt_time)}


def _failure_str(failure: AccessFailureLog) -> str:
    return gettext("Failed log-in of %(user)s from %(address)s, %(when)s") % {
        "user": failure.username, "address": failure.ip_address, "when": _when(failure.attempt_time)}


def _task_str(result: DBTaskResult) -> str:
    return pgettext("task result", "%(task)s, %(when)s") % {"task": result.task_name, "when": _when(
        result.enqueued_at)}


def _swap(model: Any, admin_class: type[admin.ModelAdmin]) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, admin_class)


def register_axes_admin() -> None:
    AccessAttempt.__str__ = _attempt_str  # type: ignore[method-assign,assignment]
    AccessLog.__str__ = _log_str  # type: ignore[method-assign,assignment]
    AccessFailureLog.__str__ = _failure_str  # type: ignore[method-assign,assignment]
    if admin.site.is_registered(AccessAttempt):  # axes registers its admin only when AXES_ENABLE_ADMIN
        _swap(AccessAttempt, VietnameseAccessAttemptAdmin)


def register_tasks_admin() -> None:
    DBTaskResult.__str__ = _task_str  # type: ignore[method-assign,assignment]
    _swap(DBTaskResult, VietnameseTaskResultAdmin)
