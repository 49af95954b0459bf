"""Capability checks for web views: each view declares what it needs (pretix style).

`requires(capability)` marks a view and enforces it: anonymous users go to the login
page, users without the capability get 403. Objects outside the scope answer 404
through `get_in_scope`, so their existence is not revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from xaydungdang.accounts.capabilities import AUTHENTICATED, PUBLIC

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def requires(capability: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if capability != PUBLIC and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if capability not in (PUBLIC, AUTHENTICATED) and not request.scope.has(capability):  # type: ignore[attr-defined]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.capability = capability  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def ensure(found: Any) -> Any:
    """404 for an object the scope does not cover (None)."""
    if found is None:
        raise Http404
    return found
