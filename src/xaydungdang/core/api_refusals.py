# No `from __future__ import annotations` here: django-ninja reads the annotations of what it wraps at run time.
"""What an API operation answers when the domain function it calls refuses (shared by the apps' routers)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Status

from xaydungdang.core.conflicts import StateConflict


def refusals(func: Callable[..., Any]) -> Callable[..., Any]:
    """A rule the domain refuses answers 400 with its messages, a state that no longer allows the step (already
    done, or done first by a concurrent request) 409; the domain wrote nothing."""
    @wraps(func)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(request, *args, **kwargs)
        except StateConflict as conflict:
            return Status(409, {"detail": conflict.messages})
        except ValidationError as error:
            return Status(400, {"detail": error.messages})

    return wrapped
