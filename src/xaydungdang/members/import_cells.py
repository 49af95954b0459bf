"""Reading one cell of an import file: each reader returns the value or raises CellError saying why not."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from xaydungdang.core import dates
from xaydungdang.core.text import fold
from xaydungdang.members.models import AudienceTag

Reader = Callable[[Any], Any]
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


def date_in(span: dates.DateRange) -> Reader:
    """A real Excel date, or text "29/8/2022" (also with - or .), within `span` (core.dates)."""
    def read(value: Any) -> dt.date:
        try:
            return dates.check_date(_date(value), span)
        except dates.DateInputError as error:
            raise CellError(error.message) from None

    return read


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):  # a number: not a date cell, and not a date typed as text
        raise dates.DateInputError(_("Enter a date as day/month/year, for example 29/8/2022."))
    return dates.read_date(value)


date = date_in(dates.EVENT)
birth_date = date_in(dates.BIRTH)


def choice(words: Mapping[str, str], message: str) -> Reader:
    """One of a few words, compared without diacritics or case."""
    def read(value: Any) -> str:
        code = words.get(fold(text(value)))
        if code is None:
            raise CellError(message)
        return code

    return read


def audiences() -> Reader:
    """Audience groups by name or code, separated by commas or semicolons, compared without diacritics
    or case: their codes, sorted. The groups are read once, at the first cell that holds some."""
    known: dict[str, str] = {}
    loaded: list[bool] = []

    def read(value: Any) -> tuple[str, ...]:
        if not loaded:
            loaded.append(True)
            for code, name in AudienceTag.objects.values_list("code", "name"):
                known.setdefault(fold(name), code)
                known[fold(code)] = code
        codes = set()
        for word in re.split(r"[,;]", text(value)):
            if not word.strip():
                continue
            found = known.get(fold(word.strip()))
            if found is None:
                raise CellError(_("No audience group is called “%(name)s”: write the names of the audience "
                                  "groups, separated by commas.") % {"name": word.strip()})
            codes.add(found)
        return tuple(sorted(codes))

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
