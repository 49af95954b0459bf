"""Small helpers every kind of test uses: the Vietnamese text of a message, a logged-in client."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils.translation import gettext, override


def vi(message: str, **values: Any) -> str:
    """A message as the application says it (Vietnamese, same process and catalogue as the server)."""
    with override("vi"):
        text = gettext(message)
    return text % values if values else text


def logged_in(user: Any, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client
