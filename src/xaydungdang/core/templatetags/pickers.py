"""{% org_picker %}: the organisation picker in a form that is not a Django form (the header, the audit log)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from xaydungdang.core.fields import OrganisationPicker

register = template.Library()


@register.simple_tag(takes_context=True)
def org_picker(context: template.Context, name: str, value: Any, *, id: str, capability: str = "view",
               dated: bool = False, submit: bool = False, label: str = "") -> SafeString:
    """{% org_picker "to_chuc" code id="f-unit" %}: the box names the organisation only within the user's scope
    for `capability` (an unknown code and one outside the scope read alike)."""
    widget = OrganisationPicker(capability=capability, dated=dated, submit_on_pick=submit)
    scope = getattr(context.get("request"), "scope", None)
    widget.named = scope.organisations(capability) if scope is not None else None
    attrs = {"id": id} | ({"aria-label": label} if label else {})
    return widget.render(name, value, attrs)
