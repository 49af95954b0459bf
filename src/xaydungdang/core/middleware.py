from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.utils.functional import SimpleLazyObject

from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.core.errors import NUL_REFUSED, api_error, holds_nul, is_api_request


class ScopeMiddleware:
    """Resolve the user's scope once per request, lazily (static files never pay for it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.scope = SimpleLazyObject(lambda: resolve_scope(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)


class NulCharacterMiddleware:
    """A URL (path or query parameter) holding NUL (0x00) is refused before any view reads it: no
    address needs it, and PostgreSQL answered a search or a code holding one with 500 (core.errors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or holds_nul(dict(request.GET.lists())):
            if is_api_request(request):
                return api_error(400, request, NUL_REFUSED)
            return HttpResponseBadRequest(loader.get_template("400.html").render())
        return self.get_response(request)


class ErrorResponseMiddleware:
    """Every error answer speaks to its reader: `{"detail": …}` under /api/, a Vietnamese page elsewhere.

    The operations, ninja's handlers (xaydungdang.api) and the error handlers (core.views) already
    answer so; this catches what none of them writes: ninja's plain-text 405 for a method an API path
    does not take, Django's empty 405 of `require_POST` on a page, and any later one. It sits outside
    every middleware that may answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or getattr(response, "streaming", False):
            return response
        if is_api_request(request):
            if response.get("Content-Type", "").startswith("application/json"):
                return response
            replacement: HttpResponse = api_error(response.status_code, request)
        elif response.status_code == 405 and not response.content:
            replacement = render(request, "405.html", status=405)
        else:
            return response
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                replacement[header] = response[header]
        return replacement
