"""Schemas every API router shares: one definition each, since the OpenAPI document names schemas
by class name and two different "ErrorOut" classes would overwrite each other there."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator

from xaydungdang.core import dates


def _within(span: dates.DateRange) -> AfterValidator:
    """The range of core.dates as a pydantic check: a 422 naming the field and stating the rule."""
    def check(value: dt.date) -> dt.date:
        message = span.error(value)
        if message is not None:
            raise ValueError(message)
        return value

    return AfterValidator(check)


# Every date the API reads: events and as-of dates, birth dates, deadlines (the rules of core.dates).
EventDate = Annotated[dt.date, _within(dates.EVENT)]
BirthDate = Annotated[dt.date, _within(dates.BIRTH)]
PlannedDate = Annotated[dt.date, _within(dates.PLANNED)]


class ErrorOut(Schema):
    detail: str = Field(description="Why the request was refused (401 not logged in, 403 missing capability, "
                                    "404 unknown or outside the caller's scope).")


class RefusalOut(Schema):
    detail: list[str] = Field(description="Each rule the request breaks, named in the message. Nothing was written.")


class InvalidRequestOut(Schema):
    detail: list[dict[str, Any]] = Field(description="Malformed parameters or body: `loc`, `msg` and `type` of each "
                                                     "problem.")
