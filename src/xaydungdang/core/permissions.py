"""Capability checks for web views: each view declares what it needs (pretix style).

`requires(capability)` marks a view and enforces it: anonymous users go to the login
page, users without the capability get 403. Objects outside the scope answer 404
through `get_in_scope`, so their existence is not revealed.

A view that writes (its capability is not a read) also needs an organisation that takes the write today
(`Scope.may_write`): the office of an organisation that has ended holds the capability but writes nowhere, so
it is refused at the start of the form (403 naming the day its organisation ended), not after filling it in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from xaydungdang.accounts.capabilities import AUTHENTICATED, PUBLIC
from xaydungdang.accounts.scope import READ_CAPABILITIES

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
NOT_WRITES = frozenset({PUBLIC, AUTHENTICATED}) | READ_CAPABILITIES


class OrganisationEnded(PermissionDenied):
    """A write refused because every organisation granting it has ended; `last_day` is the latest last day."""

    def __init__(self, last_day: dt.date | None) -> None:
        super().__init__("organisation ended")
        self.last_day = last_day


def requires(capability: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if capability != PUBLIC and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            scope = request.scope  # type: ignore[attr-defined]
            if capability not in (PUBLIC, AUTHENTICATED) and not scope.has(capability):
                raise PermissionDenied
            if capability not in NOT_WRITES and not scope.may_write(capability):
                raise OrganisationEnded(scope.last_day(capability))
            return view(request, *args, **kwargs)

        wrapped.capability = capability  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def ensure(found: Any) -> Any:
    """404 for an object the scope does not cover (None)."""
    if found is None:
        raise Http404
    return found
