"""The home page: the registered panels (core/home.py) the user may see, about their organisation.

The organisation is `?to_chuc=<code>` within the scope (404 outside) or the user's first granted one, as
on the member list, so a figure's link opens the same rows. The date is `?ngay=` or the default day of every
page (core.dates.as_of_date): today, or for the office of an organisation that has ended its last day, so a
dissolved district's office still sees its district (what was open on that day) and not an empty page.
`?khung=<code>` shows one panel with every line. A member's own log-in (own.view without view) has no panel to
see: its home is its own page (accounts/views_own.py, "/cua-toi/").
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xaydungdang.accounts import views_own
from xaydungdang.accounts.capabilities import AUTHENTICATED, Capability
from xaydungdang.accounts.scope import Scope
from xaydungdang.core import home
from xaydungdang.core.dates import as_of_date, today
from xaydungdang.core.permissions import requires
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.scoping import get_organisation


def _unit(request: HttpRequest, scope: Scope, day: dt.date) -> Organisation | None:
    code = request.GET.get("to_chuc", "").strip()
    if code:
        return get_organisation(request, code)
    if scope.is_superuser:
        tops = org_queries.versions_on(day).filter(parent__isnull=True).values("organisation_id")
        return Organisation.objects.filter(pk__in=tops).order_by("code").first()
    # The first granted organisation that stood on `day` (of a user granted two that ended on different days,
    # the one still open on the later last day), else the first granted one.
    granted = Organisation.objects.filter(pk__in=scope.root_ids()).order_by("code")
    standing = org_queries.versions_on(day).filter(organisation_id__in=scope.root_ids()).values("organisation_id")
    return granted.filter(pk__in=standing).first() or granted.first()


def home_context(request: HttpRequest, limit: int | None) -> home.HomeContext:
    scope: Scope = request.scope  # type: ignore[attr-defined]
    day = as_of_date(request)
    organisation = _unit(request, scope, day)
    version = org_queries.version_on(organisation.pk, day) if organisation is not None else None
    return home.HomeContext(request=request, scope=scope, day=day, today=today(), unit=version, limit=limit)


@requires(AUTHENTICATED)
def home_page(request: HttpRequest) -> HttpResponse:
    scope: Scope = request.scope  # type: ignore[attr-defined]
    if scope.has(Capability.OWN_RECORDS) and not scope.has(Capability.VIEW):  # a member's own log-in: its page
        return views_own.own_home(request)
    panels = home.panels_for(scope)
    code = request.GET.get(home.PANEL_PARAM, "").strip()
    if code:
        panels = [p for p in panels if p.code == code]
        if not panels:  # unknown, or a panel this user may not see: its existence is not told
            raise Http404
    context = home_context(request, limit=None if code else home.LINES_ON_HOME)
    shown: list[tuple[home.Panel, home.PanelContent]] = []
    for panel in panels:
        content = panel.build(context)
        if content.more and not content.more_url:
            content.more_url = context.panel_url(panel.code)
        shown.append((panel, content))
    return render(request, "core/home.html", {"home": context, "panels": shown, "single": bool(code)})
