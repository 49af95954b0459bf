"""Overdue work highlighted on an organisation's page (a registry like core.home's panels).

An app registers a source in its `home_panels.py` (imported when the apps are ready); the organisation page shows,
in a highlighted box, every source whose count is not zero: opinions not answered by their deadline, recommendations
upward without an answer, pressing issues past their deadline. A source reads within the request's scope only and
links to the list of the rows behind its count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from xaydungdang.organisations.models import Organisation


@dataclass(frozen=True)
class Alert:
    label: Any  # Vietnamese (gettext)
    count: int
    url: str  # the list of the rows behind the count


AlertSource = Callable[[HttpRequest, Organisation, dt.date], Alert | None]
_SOURCES: dict[str, tuple[int, AlertSource]] = {}


def register_alert(code: str, order: int, source: AlertSource) -> AlertSource:
    """Add a source; registering the same code again replaces it (app reloads in tests)."""
    _SOURCES[code] = (order, source)
    return source


def alerts_for(request: HttpRequest, organisation: Organisation, day: dt.date) -> list[Alert]:
    """The alerts with something to show for the organisation's subtree on `day`, in the sources' order."""
    found = []
    for _, source in sorted(_SOURCES.values(), key=lambda item: item[0]):
        alert = source(request, organisation, day)
        if alert is not None and alert.count:
            found.append(alert)
    return found
