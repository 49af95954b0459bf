"""The member's own inspection page (/kiem-tra/cua-toi/, capability own.view): the findings and the disciplinary
decisions about the member linked to the log-in (scoping.own_rows). Nothing is taken from the request: another
member's rows cannot even be named. A decision cancelled as entered by mistake is not shown."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.views_own import own_member
from xaydungdang.core.permissions import requires
from xaydungdang.inspection import scoping


@requires(Capability.OWN_RECORDS)
def own(request: HttpRequest) -> HttpResponse:
    member = own_member(request)
    rows = scoping.own_rows(request)
    findings = list(rows["findings"].select_related("inspection").order_by("-recorded_on", "pk")) if member else []
    decisions = list(rows["decisions"].select_related("decided_by").order_by("-decided_on", "pk")) if member else []
    return render(request, "inspection/own.html", {"member": member, "findings": findings, "decisions": decisions})
