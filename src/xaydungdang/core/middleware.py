from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from xaydungdang.accounts.scope import resolve_scope


class ScopeMiddleware:
    """Resolve the user's scope once per request, lazily (static files never pay for it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.scope = SimpleLazyObject(lambda: resolve_scope(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
