"""Vietnamese numbers: "6.042" (thousands dot), "96,1" (decimal comma), "04", and exact rounding.

Percentages in reports are rounded half-up at the precision they are written with, so every
comparison works on exact fractions: a float would call 97,25% "97,2%".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from xaydungdang.core.formatting import format_number

# "91.7%" is a decimal in either convention (a thousands group has three digits): never "91" and "7%".
NUMBER_PATTERN = r"\d+\.\d{1,2}(?=\s*%)|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# The other convention (issue 11): "2,415" thousands, "95.2" decimal.
EN_NUMBER_PATTERN = r"\d+,\d{1,2}(?=\s*%)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # "92,4%" still a decimal
_NUMBER = re.compile(rf"^(?:{NUMBER_PATTERN})$")
_EN_NUMBER = re.compile(rf"^(?:{EN_NUMBER_PATTERN})$")
DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")  # matched by NUMBER_PATTERN only before "%"
COMMA_DECIMAL = re.compile(r"^\d+,\d{1,2}$")  # matched by EN_NUMBER_PATTERN only before "%"
VI, EN = "vi", "en"
# Evidence of each convention: a decimal comma (or dot) with one or two digits, or two thousands groups.
_VI_EVIDENCE = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?!\d)(?![,.]\d)|\d{1,3}(?:\.\d{3}){2,}(?![\d.])")
_EN_EVIDENCE = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?!\d)(?![,.]\d)|\d{1,3}(?:,\d{3}){2,}(?![\d,])")


def convention(text: str) -> str:
    """Which notation the document uses: Vietnamese ("6.042", "96,1") unless its numbers are readable only
    the other way ("2,415 … 95.2%"). A mixed document stays Vietnamese; counts are then read by their noun."""
    vi = sum(1 for _ in _VI_EVIDENCE.finditer(text))
    en = sum(1 for _ in _EN_EVIDENCE.finditer(text))
    return EN if en > vi else VI
MAX_DECIMALS = 6  # "96,123456789%" is not a report's figure; longer fractions are not checked
MAX_DIGITS = 15  # nor is a 16-digit count (an ID or a phone number run together): not read as a quantity


@dataclass(frozen=True)
class VnNumber:
    value: Decimal
    decimals: int  # digits written after the decimal comma


def parse_number(text: str, notation: str = VI) -> VnNumber | None:
    """"6.042" -> 6042, "96,1" -> 96.1 (1 decimal), "04" -> 4; None for anything else.
    In the EN notation "2,415" -> 2415 and "95.2" -> 95.2."""
    text = text.strip()
    if notation == EN:
        if not _EN_NUMBER.match(text):
            return None
        text = text.replace(",", "").replace(".", ",")
    elif not _NUMBER.match(text):
        return None
    whole, _, fraction = text.replace(".", "").partition(",")
    if len(fraction) > MAX_DECIMALS or len(whole) > MAX_DIGITS:
        return None
    return VnNumber(Decimal(f"{whole}.{fraction}" if fraction else whole), len(fraction))


def round_half_up(value: Fraction | Decimal | int, decimals: int) -> Decimal:
    exact = value if isinstance(value, Fraction) else Fraction(value)
    quantum = Decimal(1).scaleb(-decimals)
    # Decimal division at 40 digits is exact enough that no tie is mis-rounded below 10^-30.
    as_decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    return as_decimal.quantize(quantum, rounding=ROUND_HALF_UP)


def truncate(value: Fraction, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_DOWN)


def percent(part: int, whole: int) -> Fraction:
    return Fraction(100 * part, whole)


def compare_percent(stated: Decimal, decimals: int, exact: Fraction) -> str:
    """"ok", "truncated" (the exact value cut, not rounded) or "wrong"."""
    if round_half_up(exact, decimals) == stated:
        return "ok"
    if truncate(exact, decimals) == stated:
        return "truncated"
    return "wrong"


def _half(decimals: int) -> Fraction:
    return Fraction(1, 2 * 10**decimals)


def reachable_with_base(stated: Decimal, decimals: int, base: int, *, above_whole: bool = False) -> bool:
    """Is there a whole k in [0, base] (any k >= 0 when above_whole) with round(100k/base) == stated?

    round_half_up(x) == s  <=>  s - h <= x < s + h  (h = half a unit of the last digit).
    """
    if base <= 0:
        return False
    s, h = Fraction(stated), _half(decimals)
    low = max(0, math.ceil((s - h) * base / 100))
    high = math.ceil((s + h) * base / 100) - 1
    if not above_whole:
        high = min(high, base)
    return low <= high


def reachable_with_part(stated: Decimal, decimals: int, part: int) -> bool:
    """Is there a whole base n >= part with round(100 * part / n) == stated?  (part > 0, stated > 0)"""
    s, h = Fraction(stated), _half(decimals)
    if part <= 0 or s <= 0:
        return True
    if s - h <= 0:
        return True
    lowest = math.floor(100 * part / (s + h)) + 1
    highest = math.floor(100 * part / (s - h))
    return max(lowest, part if s <= 100 else 1) <= highest


def format_decimal(value: Decimal | int, decimals: int | None = None) -> str:
    """6042 -> "6.042", Decimal("96.1") -> "96,1" (the report's own notation): as many decimals as the
    value holds unless `decimals` is given."""
    number = Decimal(value)
    places = decimals if decimals is not None else len(f"{number:f}".partition(".")[2])
    return format_number(number, places)


def format_percent(value: Decimal, decimals: int) -> str:
    return f"{format_decimal(value, decimals)}%"
