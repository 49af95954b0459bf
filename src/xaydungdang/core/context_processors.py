from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from xaydungdang.accounts.capabilities import Capability


def _switcher_roots(request: HttpRequest) -> list[Any]:
    from xaydungdang.organisations.models import Organisation

    scope = request.scope  # type: ignore[attr-defined]
    if scope.is_superuser:
        return list(Organisation.objects.filter(versions__parent__isnull=True).distinct().order_by("code"))
    return list(Organisation.objects.filter(pk__in=scope.root_ids()).order_by("code"))


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"demo_banner": settings.XDD_DEMO_BANNER}
    scope = request.scope  # type: ignore[attr-defined]
    return {
        "demo_banner": settings.XDD_DEMO_BANNER,
        "can": {c.name.lower(): scope.has(c) for c in Capability},
        "switcher_roots": SimpleLazyObject(lambda: _switcher_roots(request)),
    }
