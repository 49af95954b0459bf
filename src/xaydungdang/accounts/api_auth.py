"""API authentication (session with CSRF, or a bearer token) and capability checks.

The API uses the same capabilities and scope as the web views: an operation declares
its capability with `api_requires`, objects outside the scope answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from xaydungdang.accounts.domain import user_for_token
from xaydungdang.accounts.scope import resolve_scope

Operation = TypeVar("Operation", bound=Callable[..., Any])


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        request.scope = SimpleLazyObject(lambda: resolve_scope(user))  # type: ignore[attr-defined]
        return user


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
