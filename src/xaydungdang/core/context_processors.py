from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from xaydungdang.accounts.capabilities import Capability


def _ended_grants(request: HttpRequest) -> dict[str, Any]:
    """For a user whose granted organisations have all ended (accounts.scope: `last_day`): the day their pages
    open on, how each organisation ended and its successors, each with whether the user may open it. Nothing,
    and no query, for anyone else."""
    from xaydungdang.organisations import succession
    from xaydungdang.organisations.models import Organisation
    from xaydungdang.organisations.scoping import covered_ids

    scope = request.scope  # type: ignore[attr-defined]
    day = scope.last_day()
    if day is None:
        return {}
    endings = succession.endings(Organisation.objects.filter(pk__in=scope.ended_organisation_ids()))
    openable = covered_ids(request, [s.organisation.pk for e in endings for s in e.successors])
    return {"day": day, "endings": [{"ending": e, "successors": [(s, s.organisation.pk in openable)
                                                                for s in e.successors]} for e in endings]}


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"demo_banner": settings.XDD_DEMO_BANNER}
    scope = request.scope  # type: ignore[attr-defined]
    return {
        "demo_banner": settings.XDD_DEMO_BANNER,
        "can": {c.name.lower(): scope.has(c) for c in Capability},
        # The banner of every page of a user whose organisation has ended (core/_ended_banner.html).
        "ended": SimpleLazyObject(lambda: _ended_grants(request)),
    }
