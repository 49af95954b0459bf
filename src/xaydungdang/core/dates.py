"""Dates as users type them, and the range a date may take: the one place for both rules.

A date is typed d/m/yyyy or dd/mm/yyyy (also with - or .), or ISO yyyy-mm-dd (the native date
picker, the API, links). Every date field of the forms, the Excel import and the API is also held
to a plausible range, so that a typo such as 31/12/9999 is refused before it is written: the
probation end of a member admitted then (year 10000) cannot even be computed. "Today" is the local
date of the request, never of the start-up.

The as-of date a page is looking at (?ngay=29/8/2022) is today by default, or the last day of the user's
organisation when it has ended (`default_day`: one rule for every page); a date that cannot be read is not
replaced silently: `date_param` keeps the text typed and says what is wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

AS_OF_PARAM = "ngay"
EARLIEST = dt.date(1900, 1, 1)

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def today() -> dt.date:
    return timezone.localdate()


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29/2 becomes 28/2 in a common year."""
    year = day.year + years
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


# ---------------------------------------------------------------- reading what was typed


class DateInputError(ValueError):
    """Text that is not a date; the message (Vietnamese) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_date(text: str) -> dt.date:
    """29/8/2022, 29/08/2022, 29-8-2022, 29.8.2022 or 2022-08-29; DateInputError otherwise."""
    text = text.strip()
    if found := _DAY_MONTH_YEAR.match(text):
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO.match(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise DateInputError(gettext("Enter a date as day/month/year, for example 29/8/2022."))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateInputError(gettext("The date %(value)s does not exist.") % {"value": text}) from None


# ---------------------------------------------------------------- plausible ranges


@dataclass(frozen=True)
class DateRange:
    """From `earliest` to `years_ahead` years after today; `latest_rule` names that end in words."""

    earliest: dt.date
    years_ahead: int
    latest_rule: Promise | str

    def latest(self, now: dt.date | None = None) -> dt.date:
        return years_after(now or today(), self.years_ahead)

    def bounds(self, now: dt.date | None = None) -> tuple[dt.date, dt.date]:
        return self.earliest, self.latest(now)

    def error(self, value: dt.date, now: dt.date | None = None) -> str | None:
        """None when `value` is in the range, else the message stating the rule (Vietnamese)."""
        earliest, latest = self.bounds(now)
        if earliest <= value <= latest:
            return None
        return gettext("The date %(value)s is outside the accepted range: from %(earliest)s to %(latest)s "
                       "(%(rule)s).") % {"value": _written(value), "earliest": _written(earliest),
                                         "latest": _written(latest), "rule": self.latest_rule}


def _written(day: dt.date) -> str:
    """29/8/2022; the year in four digits, so that year 1 reads 1/1/0001 and not 1/1/1."""
    return f"{day.day}/{day.month}/{day.year:04d}"


# Events already happened or are decided for the coming months: admissions, recognitions, transfers,
# endings, exemptions, restructuring, documents issued, and the dates a page or report is read on.
EVENT = DateRange(EARLIEST, 1, _("one year after today"))
# Nobody is born in the future.
BIRTH = DateRange(EARLIEST, 0, pgettext_lazy("date range", "today"))
# Deadlines and periods of action programmes run to strategies decades ahead (Vision 2045).
PLANNED = DateRange(EARLIEST, 30, _("thirty years after today"))


def check_date(value: dt.date, span: DateRange = EVENT) -> dt.date:
    """`value` itself, or DateInputError with the rule when it is outside `span`."""
    message = span.error(value)
    if message is not None:
        raise DateInputError(message)
    return value


def date_problem(value: object, messages: tuple[object, object, object], span: DateRange = EVENT, *,
                 now: dt.date) -> str | None:
    """What is wrong with a date a domain function was given, in its field's own words, or None. `messages` are
    (no date, in the future with %(day)s — empty where a future date is allowed —, outside `span` with %(error)s);
    `now` is the caller's today (a domain module's clock, which its tests set)."""
    from xaydungdang.core.formatting import format_date

    missing, future, out_of_range = messages
    if not isinstance(value, dt.date):
        return str(missing)
    if future and value > now:
        return str(future) % {"day": format_date(value)}
    problem = span.error(value)
    return str(out_of_range) % {"error": problem} if problem else None


def read_date_in(text: str, span: DateRange = EVENT) -> dt.date:
    return check_date(read_date(text), span)


# ---------------------------------------------------------------- dates in query strings


@dataclass(frozen=True)
class DateParam:
    """A date read from the query string: the text as typed, the date, or why it is not one."""

    text: str
    value: dt.date | None
    error: str = ""


def date_param(request: HttpRequest, name: str, span: DateRange = EVENT) -> DateParam:
    text = request.GET.get(name, "").strip()
    if not text:
        return DateParam(text, None)
    try:
        return DateParam(text, read_date_in(text, span))
    except DateInputError as error:
        return DateParam(text, None, error.message)


def default_day(request: HttpRequest) -> dt.date:
    """The day a page shows when none is asked for: today, or for a user whose organisation has ended its last
    day (accounts.scope: `Scope.reading_day`), so that every page of theirs opens on it."""
    scope = getattr(request, "scope", None)
    return scope.reading_day(today()) if scope is not None else today()


def as_of_date(request: HttpRequest) -> dt.date:
    """The date asked for, or the default day; a wrong date is shown with its message by
    organisations/_as_of.html."""
    return date_param(request, AS_OF_PARAM).value or default_day(request)
