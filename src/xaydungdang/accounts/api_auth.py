"""API authentication (session with CSRF, or a bearer token) and capability checks.

A request carrying `Authorization: Bearer …` is the token's alone: it is authenticated by the
token or not at all, and CSRF does not apply to it (a browser never adds that header by itself,
which is what CSRF exploits). A request of a logged-in session must carry the CSRF token on
writes. The API uses the same capabilities and scope as the web views: an operation declares
its capability with `api_requires`, objects outside the scope answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from xaydungdang.accounts.domain import user_for_token
from xaydungdang.accounts.scope import resolve_scope
from xaydungdang.core.errors import CSRF_FAILED

Operation = TypeVar("Operation", bound=Callable[..., Any])


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        request.scope = SimpleLazyObject(lambda: resolve_scope(user))  # type: ignore[attr-defined]
        return user


def carries_bearer(request: HttpRequest) -> bool:
    return request.headers.get("Authorization", "").split(" ", 1)[0].lower() == "bearer"


class SessionAuth(APIKeyCookie):
    """The browser's logged-in session, with Django's CSRF check (ninja's SessionAuth checked CSRF
    before anything else, so a token request without a cookie was refused as a forgery)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        if carries_bearer(request) or not request.user.is_authenticated:
            return None  # the token's request, or no session: TokenAuth or 401
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise HttpError(403, CSRF_FAILED)
        return request.user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # required by APIKeyCookie; unused
        return request.user if request.user.is_authenticated else None


AUTH = [SessionAuth(), TokenAuth()]


def api_requires(capability: str) -> Callable[[Operation], Operation]:
    def decorator(func: Operation) -> Operation:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.scope.has(capability):  # type: ignore[attr-defined]
                raise HttpError(403, "Không có quyền thực hiện thao tác này.")
            return func(request, *args, **kwargs)

        wrapped.capability = capability  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator
