"""Reading one cell of an import file: each reader returns the value or raises CellError saying why not."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from xaydungdang.core.text import fold

Reader = Callable[[Any], Any]
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_TYPED = (str, int, float, dt.date, dt.time, dt.timedelta, type(None))


class CellError(Exception):
    pass


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_formula(value: Any) -> bool:
    # The file reader gives a formula as its text ("=SUM(A1:A3)"), as openpyxl does with
    # data_only=False; any other kind of object is not a value a person typed either.
    return (isinstance(value, str) and value.startswith("=")) or not isinstance(value, _TYPED)


def text(value: Any) -> str:
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise CellError(_("This cell holds a date; type the value as text."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def limited(limit: int) -> Reader:
    validator = MaxLengthValidator(limit)

    def read(value: Any) -> str:
        result = text(value)
        _check(validator, result)
        return result

    return read


def _check(validator: Callable[[str], None], value: str) -> None:
    try:
        validator(value)
    except ValidationError as error:
        raise CellError(error.messages[0]) from None


def date(value: Any) -> dt.date:
    """A real Excel date, or text "29/8/2022" (also with - or .); an impossible date is named."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE_TEXT.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise CellError(_("Enter a date as day/month/year, for example 29/8/2022."))
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(_("The date %(value)s does not exist.") % {"value": value.strip()}) from None


def choice(words: Mapping[str, str], message: str) -> Reader:
    """One of a few words, compared without diacritics or case."""
    def read(value: Any) -> str:
        code = words.get(fold(text(value)))
        if code is None:
            raise CellError(message)
        return code

    return read


def national_id(value: Any) -> str:
    result = text(value).replace(" ", "")
    if not result.isdigit() or len(result) not in (9, 12):
        raise CellError(_("A national ID number has 12 digits (9 on an old identity card)."))
    return result


def identifier(validator: Callable[[str], None], *, upper: bool) -> Reader:
    """A card or lý lịch number: spaces dropped, checked by the model's validator."""
    def read(value: Any) -> str:
        result = text(value).replace(" ", "")
        _check(validator, result.upper() if upper else result)
        return result.upper() if upper else result

    return read
