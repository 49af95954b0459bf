from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import requires


@requires(Capability.VIEW)
def member_list(request: HttpRequest) -> HttpResponse:
    return render(request, "members/list.html", {})
