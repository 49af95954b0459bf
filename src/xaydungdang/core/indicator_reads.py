"""Indicator values as a user may read them: the one rule for `xdd indicators --user`, GET /api/indicators and
the page /chi-tieu/.

The organisation must lie in the reader's scope (an unknown code and one outside it read alike); the period is
checked (its start not after its end) and then read as the scope reads dates: an ended organisation's office
reads no later than its last day (`Scope.reading_day`, applied to both ends). An indicator whose capability the
reader lacks is left out. The operator (`xdd indicators` without --user) reads everything (`OPERATOR`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import Scope
from xaydungdang.core import indicators
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.core.indicators import Indicator, IndicatorValue

if TYPE_CHECKING:
    from xaydungdang.organisations.models import Organisation

OPERATOR = Scope(user_id=None, is_superuser=True)


class PeriodError(ValueError):
    """A period that cannot be read; the message (Vietnamese) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def organisation_for(scope: Scope, code: str) -> Organisation | None:
    """The organisation of this exact code when the scope reads it; None for an unknown one and one outside."""
    return scope.organisations(Capability.VIEW).filter(code=code).first() if code else None


def period(scope: Scope, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """[start, end] as the scope reads it; PeriodError when the start is after the end (as asked)."""
    if start > end:
        raise PeriodError(gettext("The start of the period (%(start)s) is after its end (%(end)s).")
                          % {"start": format_date(start), "end": format_date(end)})
    return scope.reading_day(start), scope.reading_day(end)


def default_period(scope: Scope) -> tuple[dt.date, dt.date]:
    """From 1 January to today, or to the last day of an ended organisation's office."""
    end = scope.reading_day(today())
    return dt.date(end.year, 1, 1), end


def readable(scope: Scope, organisation: Organisation, found: Iterable[Indicator]) -> list[Indicator]:
    """Those of `found` whose capability the scope holds over the organisation (VIEW: already checked)."""
    kept = []
    for indicator in found:
        if indicator.capability == Capability.VIEW or (scope.has(indicator.capability) and scope.organisations(
                indicator.capability).filter(pk=organisation.pk).exists()):
            kept.append(indicator)
    return kept


def scoped_values(scope: Scope, organisation: Organisation, start: dt.date, end: dt.date,
                  codes: Iterable[str] | None = None) -> list[IndicatorValue]:
    """The values the scope may read, for an organisation already found in it (`organisation_for`)."""
    start, end = period(scope, start, end)
    return [IndicatorValue(indicator, indicator(organisation, start, end))
            for indicator in readable(scope, organisation, indicators.matching(codes))]


def scoped_indicator(scope: Scope, organisation: Organisation | None, code: str) -> Indicator | None:
    """One indicator by its code, when it exists and the scope may read it (over the organisation, if given)."""
    indicator = indicators.get(code)
    if indicator is None or not scope.has(indicator.capability):
        return None
    if organisation is not None and not readable(scope, organisation, [indicator]):
        return None
    return indicator
