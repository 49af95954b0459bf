"""`{% may_make_login member as flag %}`: whether the user may make or close the member's own log-in (records.edit
over the member's official organisation, as every lifecycle step: members.scoping.writable_members)."""

from __future__ import annotations

from typing import Any

from django import template

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.members import scoping

register = template.Library()


@register.simple_tag(takes_context=True)
def may_make_login(context: dict[str, Any], member: Any) -> bool:
    request = context.get("request")
    scope = getattr(request, "scope", None)
    if request is None or scope is None or not scope.has(Capability.EDIT_RECORDS):
        return False
    return scoping.writable_members(request).filter(pk=member.pk).exists()
