"""Tags of the rating pages: whether the user decides ratings for some organisation (the decision page's link)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def may_decide_ratings(context: Any) -> bool:
    """Whether the page's user may decide ratings for some organisation (cached on the request)."""
    from xaydungdang.evaluation.views_ratings import may_decide_some

    request = context.get("request")
    return request is not None and may_decide_some(request)


@register.filter
def rating_score(value: Any) -> str:
    """A rating's score in Vietnamese form with its decimals (72,5; 89,75; 85), never rounded to a whole point."""
    from decimal import Decimal

    from xaydungdang.core.formatting import format_number

    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    decimals = next((d for d in (0, 1) if number == number.quantize(Decimal(1).scaleb(-d))), 2)
    return format_number(number, decimals)
