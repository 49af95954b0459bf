"""The home page: what needs the user's attention, in panels that apps contribute (a registry like
core.indicators).

Each app registers its panels in its own `home_panels.py`, imported when the apps are ready
(core/apps.py: `autodiscover_modules("home_panels")`). A panel declares the capability a user needs to see
it and builds its content from a `HomeContext`, which carries the request's scope, the organisation the
home is about and the date it is read on: a panel never looks beyond that scope. Every figure carries the
URL of the list of the rows behind it (DOMAIN.md §8), and every step offered is one the user may take.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from xaydungdang.core.dates import AS_OF_PARAM
from xaydungdang.core.formatting import format_date

if TYPE_CHECKING:
    from xaydungdang.accounts.scope import Scope
    from xaydungdang.organisations.models import OrgVersion

PANEL_PARAM = "khung"  # ?khung=<code>: one panel on its own page, every line shown
LINES_ON_HOME = 5


@dataclass(frozen=True)
class Figure:
    label: Any  # Vietnamese (gettext)
    value: int
    url: str  # the list of the rows behind the value


@dataclass(frozen=True)
class Action:
    label: Any
    url: str


@dataclass(frozen=True)
class Line:
    """One row shown in a panel: a member, a transfer, a document, a change."""

    text: str
    url: str = ""
    note: str = ""
    action: Action | None = None  # only a step the user may take


@dataclass
class PanelContent:
    figures: list[Figure] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    more: int = 0  # lines not shown on the home page
    more_url: str = ""  # where they are listed: the panel's own page unless the panel names a list
    summary: str = ""
    empty: str = ""  # set when there is nothing to show: said briefly instead


@dataclass
class HomeContext:
    request: HttpRequest
    scope: Scope
    day: dt.date  # the date the home is read on (today, or the last day of a dissolved organisation)
    today: dt.date
    unit: OrgVersion | None  # the organisation the home is about, as it stood on `day`
    limit: int | None = LINES_ON_HOME  # None: a panel's own page, every line

    def url(self, name: str, *, dated: bool = True, **params: Any) -> str:
        """The URL of a page, with the unit and the date the home is read on when the page takes them."""
        query = {key: value for key, value in params.items() if value not in (None, "")}
        if dated and self.day != self.today:
            query[AS_OF_PARAM] = format_date(self.day)
        path = reverse(name)
        return f"{path}?{urlencode(query)}" if query else path

    def panel_url(self, code: str) -> str:
        """The panel's own page (every line): the rows behind a figure no other list shows."""
        params: dict[str, Any] = {PANEL_PARAM: code, "to_chuc": self.unit.organisation.code if self.unit else None}
        return self.url("home", **params)

    def shown(self, rows: list[Any]) -> tuple[list[Any], int]:
        """The rows a panel lists, and how many more it has."""
        if self.limit is None:
            return rows, 0
        return rows[:self.limit], max(0, len(rows) - self.limit)


@dataclass(frozen=True)
class Panel:
    code: str  # "members.transfers": app, then what it shows
    title: Any  # Vietnamese label (gettext_lazy)
    capability: str  # what a user needs to see the panel
    order: int
    build: Callable[[HomeContext], PanelContent]


_REGISTRY: dict[str, Panel] = {}


def register_panel(code: str, title: Any, capability: str, order: int,
                   build: Callable[[HomeContext], PanelContent]) -> Panel:
    """Add a panel; registering the same code again replaces it (app reloads in tests)."""
    panel = Panel(code, title, capability, order, build)
    _REGISTRY[code] = panel
    return panel


def unregister_panel(code: str) -> None:
    _REGISTRY.pop(code, None)


def get(code: str) -> Panel | None:
    return _REGISTRY.get(code)


def panels_for(scope: Scope) -> list[Panel]:
    """The panels this scope may see, in their order."""
    return sorted((p for p in _REGISTRY.values() if scope.has(p.capability)), key=lambda p: (p.order, p.code))
