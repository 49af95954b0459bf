from __future__ import annotations

import datetime as dt

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static

from xaydungdang.accounts.capabilities import PUBLIC, Capability
from xaydungdang.core.dates import date_param
from xaydungdang.core.errors import CSRF_FAILED, api_error, is_api_request, upload_limit_mb
from xaydungdang.core.fields import resolve_organisation
from xaydungdang.core.permissions import OrganisationEnded, requires
from xaydungdang.core.queries import AuditFilter, audit_actions, audit_entries
from xaydungdang.organisations.models import Organisation


@requires(PUBLIC)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page declares."""
    return redirect(static("xdd/favicon.svg"), permanent=True)


@requires(Capability.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    params = request.GET
    organisation, organisation_error = _audit_organisation(request)
    # A date that cannot be read is shown with its message and left out of the filter, not dropped silently.
    date_from, date_to = date_param(request, "tu"), date_param(request, "den")
    filters = AuditFilter(
        organisation=organisation,
        actor=params.get("nguoi", "").strip(),
        action=params.get("hanh_dong", "").strip(),
        date_from=date_from.value,
        date_to=date_to.value,
    )
    entries = audit_entries(request.scope, filters)  # type: ignore[attr-defined]
    if organisation_error:  # the subtree asked for is not known: list nothing rather than the whole scope
        entries = entries.none()
    page = Paginator(entries, 50).get_page(params.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "filters": filters, "actions": audit_actions(),
                                                   "params": params, "date_from": date_from, "date_to": date_to,
                                                   "organisation_error": organisation_error})


def _audit_organisation(request: HttpRequest) -> tuple[Organisation | None, str]:
    """?to_chuc=: a code, the picker's label or words typed without picking, resolved within the audit scope as
    the member list does (exactly one match); else the message saying what is wrong (none open to the user, an
    unknown code and one outside the scope alike; or several: choose one)."""
    text = request.GET.get("to_chuc", "").strip()
    if not text:
        return None, ""
    try:
        return resolve_organisation(request.scope.organisations(Capability.VIEW_AUDIT), text), ""  # type: ignore[attr-defined]
    except ValidationError as error:
        return None, error.messages[0]


# Error handlers: a Vietnamese page on the web, `{"detail": …}` under /api/ (core.errors).

def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400, or 413 for a request body over DATA_UPLOAD_MAX_MEMORY_SIZE (Django raises it as a 400)."""
    status = 413 if isinstance(exception, RequestDataTooBig) else 400
    if is_api_request(request):
        return api_error(status, request)
    # Without the request context, as for 500: the body that could not be read may be read again there.
    page = loader.get_template(f"{status}.html").render({"limit_mb": upload_limit_mb()})
    return HttpResponse(page, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        return api_error(404, request)
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        return api_error(403, request)
    # An ended organisation's office has the capability: say why it may not write (core.permissions).
    last_day = exception.last_day if isinstance(exception, OrganisationEnded) else None
    ended_on = last_day + dt.timedelta(days=1) if last_day is not None else None
    return render(request, "403.html", {"ended_on": ended_on}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its CSRF token (an old page after log-in again, or a forged request)."""
    if is_api_request(request):
        return api_error(403, request, CSRF_FAILED)
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        return api_error(500, request)
    # Without the request context (as Django's own handler does): the context processors read
    # the scope from the database, which may be what failed, and the error page then crashed too.
    return HttpResponseServerError(loader.get_template("500.html").render())
