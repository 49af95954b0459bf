"""The as-of date a page is looking at (?ngay=29/8/2022), today by default."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from xaydungdang.core.formatting import parse_date

AS_OF_PARAM = "ngay"


def today() -> dt.date:
    return timezone.localdate()


def as_of_date(request: HttpRequest) -> dt.date:
    raw = request.GET.get(AS_OF_PARAM, "")
    return (parse_date(raw) if raw else None) or today()
