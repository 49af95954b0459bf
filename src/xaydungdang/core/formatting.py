"""Vietnamese formatting of numbers, percentages and dates, used everywhere.

"6.042", "97,2%" (rounded half-up to one decimal, as reports do) and "29/8/2022" or
"ngày 29 tháng 8 năm 2022" (DOMAIN.md §7).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def format_number(value: int | Decimal | float | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def ratio_percent(part: int, whole: int, decimals: int = 1) -> Decimal | None:
    """part/whole as a percentage rounded half-up; None when the whole is zero."""
    if not whole:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | float | int | None, decimals: int = 1) -> str:
    """97.25 -> "97,3%"; a whole percentage keeps no decimals: 100 -> "100%"."""
    if value is None:
        return "–"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return f"{format_number(number)}%"
    return f"{format_number(number, decimals)}%"


def format_ratio(part: int, whole: int) -> str:
    """"941/968 (97,2%)"."""
    return f"{format_number(part)}/{format_number(whole)} ({format_percent(ratio_percent(part, whole))})"


def format_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.day}/{value.month}/{value.year}"


def format_date_long(value: dt.date | None) -> str:
    """Official style: days below 10 and months 1 and 2 take a leading zero (HD 36-HD/VPTW)."""
    if value is None:
        return ""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


