"""Indicators of "làm theo" registrations and commitments (core.indicators), computed by figures_registrations for
the years whose counting date is in the period (see that module for the rules):
- emulation.registrations.collective: collective registrations (not cancelled); rows: the registrations;
- emulation.registrations.collective_rate: collectives registered / organisations of the subtree on the counting
  date; rows: the registrations;
- emulation.registrations.individual: members on the counting date with a registration; rows: the registrations;
- emulation.registrations.individual_rate: the same / members on the counting date ("5.747 cá nhân, đạt 97,2%");
- emulation.registrations.approved: those registrations approved / those registered; rows: the approved ones;
- emulation.registrations.excellent_rate, .done_rate: assessed excellently done / done, over those registered;
- emulation.commitments.rate: members with a commitment / members on the counting date; rows: the commitments;
- emulation.commitments.kept_rate: commitments checked "kept" / commitments; rows: the kept ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import indicators
from xaydungdang.core.indicators import Indicator, IndicatorResult
from xaydungdang.organisations.models import Organisation

Compute = Callable[[Organisation, dt.date, dt.date], IndicatorResult]


def _figures() -> Any:
    from xaydungdang.emulation import figures_registrations

    return figures_registrations


def _ordered(rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.select_related("organisation", "member__person").order_by("year", "organisation_id", "pk")


def _rate(numerator: str, denominator: str, rows: Callable[[Organisation, list[Any]], QuerySet[Any]]) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        figures = _figures()
        counts = figures.node(organisation, start, end)
        return indicators.rate_result(counts[numerator], counts[denominator],
                                      lambda: rows(organisation, figures.years_in(start, end)))

    return compute


def _count(key: str, rows: Callable[[Organisation, list[Any]], QuerySet[Any]]) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        figures = _figures()
        counts = figures.node(organisation, start, end)
        return IndicatorResult(value=counts[key], rows=lambda: rows(organisation, figures.years_in(start, end)))

    return compute


def _individuals(extra: Q | None = None) -> Callable[[Organisation, list[Any]], QuerySet[Any]]:
    return lambda organisation, years: _ordered(_figures().individual_rows(organisation, years, extra))


def _collectives(organisation: Organisation, years: list[Any]) -> QuerySet[Any]:
    return _ordered(_figures().collective_rows(organisation, years))


def _commitments(extra: Q | None = None) -> Callable[[Organisation, list[Any]], QuerySet[Any]]:
    return lambda organisation, years: _ordered(_figures().commitment_rows(organisation, years, extra))


_RATE: dict[str, Any] = {"kind": indicators.RATE}

REGISTRATION_INDICATORS = [
    Indicator("emulation.registrations.collective", _("Collectives registered to follow Hồ Chí Minh's example"),
              _("collectives"), _count("collectives_registered", _collectives)),
    Indicator("emulation.registrations.collective_rate",
              _("Collectives registered to follow Hồ Chí Minh's example (share of the organisations)"), "%",
              _rate("collectives_registered", "collectives_expected", _collectives), **_RATE),
    Indicator("emulation.registrations.individual", _("Members registered to follow Hồ Chí Minh's example"),
              _("members"), _count("individuals_registered", _individuals())),
    Indicator("emulation.registrations.individual_rate",
              _("Members registered to follow Hồ Chí Minh's example (share of the members on the counting date)"),
              "%", _rate("individuals_registered", "members", _individuals()), **_RATE),
    Indicator("emulation.registrations.approved", _("Members' registrations approved"), "%",
              _rate("individuals_approved", "individuals_registered",
                    _individuals(Q(status="approved"))), **_RATE),
    Indicator("emulation.registrations.excellent_rate", _("Members' registrations excellently done"), "%",
              _rate("individuals_excellent", "individuals_registered",
                    _individuals(Q(result="excellent"))), **_RATE),
    Indicator("emulation.registrations.done_rate", _("Members' registrations done (not excellently)"), "%",
              _rate("individuals_done", "individuals_registered", _individuals(Q(result="done"))), **_RATE),
    Indicator("emulation.commitments.rate", _("Members with a yearly commitment (share of the members)"), "%",
              _rate("committed", "members", _commitments()), **_RATE),
    Indicator("emulation.commitments.kept_rate", _("Commitments kept at the year's end"), "%",
              _rate("commitments_kept", "committed", _commitments(Q(check_result="kept"))), **_RATE),
]


def register() -> None:
    for indicator in REGISTRATION_INDICATORS:
        indicators.register(indicator)
