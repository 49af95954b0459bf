"""Schemas every API router shares: one definition each, since the OpenAPI document names schemas
by class name and two different "ErrorOut" classes would overwrite each other there."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, BeforeValidator

from xaydungdang.core import dates
from xaydungdang.core.errors import missing_date_message

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _within(span: dates.DateRange) -> AfterValidator:
    """The range of core.dates as a pydantic check: a 422 naming the field and stating the rule."""
    def check(value: dt.date) -> dt.date:
        message = span.error(value)
        if message is not None:
            raise ValueError(message)
        return value

    return AfterValidator(check)


def _existing(value: Any) -> Any:
    """A date written as asked (YYYY-MM-DD) but impossible, such as 2025-06-31, is refused as the web form
    refuses it ("Ngày 31/6/2025 không tồn tại."), not as a date in the wrong format (pydantic's message)."""
    found = _ISO_DATE.match(value) if isinstance(value, str) else None
    if found is not None:
        year, month, day = (int(part) for part in found.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(missing_date_message(day, month, year)) from None
    return value


# Every date the API reads: events and as-of dates, birth dates, deadlines (the rules of core.dates).
EventDate = Annotated[dt.date, BeforeValidator(_existing), _within(dates.EVENT)]
BirthDate = Annotated[dt.date, BeforeValidator(_existing), _within(dates.BIRTH)]
PlannedDate = Annotated[dt.date, BeforeValidator(_existing), _within(dates.PLANNED)]


class ErrorOut(Schema):
    detail: str = Field(description="Why the request was refused (401 not logged in, 403 missing capability, "
                                    "404 unknown or outside the caller's scope).")


class RefusalOut(Schema):
    detail: list[str] = Field(description="Each rule the request breaks, named in the message. Nothing was written.")


class ConflictOut(Schema):
    detail: list[str] = Field(description="Why the record's current state does not allow this step (already done, "
                                          "no longer active, changed by another request first). Nothing was written.")


class InvalidRequestOut(Schema):
    detail: list[dict[str, Any]] = Field(description="Malformed parameters or body: `loc`, `msg` and `type` of each "
                                                     "problem.")


# Bounds of every number a client puts in a URL. A database integer holds at most 2^63 - 1: a larger
# offset or id reached the database and answered 500 (SQLite "datatype mismatch", PostgreSQL "out
# of range"); bounded here, it answers 422 naming the parameter.
MAX_OFFSET = 2**31 - 1
MAX_ID = 2**63 - 1
RecordId = Annotated[int, Field(ge=1, le=MAX_ID, description="Record id.")]


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pages with bounded numbers; a limit above the page cap (the operation's
    `max_limit`, XDD_PAGE_SIZE) is lowered to it, as before."""

    class Input(Schema):
        limit: int = Field(settings.XDD_PAGE_SIZE, ge=1, le=MAX_OFFSET,
                           description="Page size (lowered to XDD_PAGE_SIZE).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")
