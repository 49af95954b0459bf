"""The indicators page (/chi-tieu/): every registered indicator of an organisation's subtree over a period, each
linking to the rows behind its value (/chi-tieu/<code>/). Read as the API reads them (core/indicator_reads.py):
the organisation is picked within the user's scope, an ended organisation's office reads up to its last day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import Scope
from xaydungdang.core.dates import DateParam, date_param
from xaydungdang.core.fields import resolve_organisation
from xaydungdang.core.formatting import format_date
from xaydungdang.core.indicator_reads import PeriodError, default_period, period, scoped_indicator, scoped_values
from xaydungdang.core.indicators import IndicatorValue
from xaydungdang.core.permissions import requires
from xaydungdang.members.models import Member
from xaydungdang.members.queries import ordered_by_name
from xaydungdang.organisations.models import Organisation

# The page's parameters, named as on every other page (dates d/m/yyyy); the API's names (org, from, to) are
# accepted too so that links written for them keep working.
ORG_PARAM, FROM_PARAM, TO_PARAM = "to_chuc", "tu", "den"
ALIASES = {ORG_PARAM: "org", FROM_PARAM: "from", TO_PARAM: "to"}


def _name(request: HttpRequest, name: str) -> str:
    """The parameter's name as the request gives it: ours, else its English alias."""
    alias = ALIASES[name]
    return alias if name not in request.GET and alias in request.GET else name


@dataclass
class Choice:
    """What the form asked for (to_chuc, tu, den), read as the user may read it; `ready` when values can be shown."""

    org_text: str
    organisation: Organisation | None
    org_error: str
    start: DateParam
    end: DateParam
    period_error: str = ""
    shown: tuple[dt.date, dt.date] | None = None  # the period read (clamped for an ended organisation's office)

    @property
    def ready(self) -> bool:
        return self.organisation is not None and self.shown is not None

    def query(self) -> str:
        """?to_chuc=&tu=&den= of the period read, for the links to the rows."""
        if not self.ready:
            return ""
        assert self.organisation is not None and self.shown is not None
        return "?" + urlencode({ORG_PARAM: self.organisation.code, FROM_PARAM: format_date(self.shown[0]),
                                TO_PARAM: format_date(self.shown[1])})


def _default_organisation(scope: Scope) -> Organisation | None:
    """The user's own granted organisation (the first), so that the page opens on it; none for a superuser."""
    roots = scope.root_ids(Capability.VIEW)
    return Organisation.objects.filter(pk=roots[0]).first() if roots else None


def read_choice(request: HttpRequest) -> Choice:
    scope: Scope = request.scope  # type: ignore[attr-defined]
    org_param = _name(request, ORG_PARAM)
    org_text = request.GET.get(org_param, "").strip()
    organisation, org_error = None, ""
    if org_text:
        try:
            organisation = resolve_organisation(scope.organisations(Capability.VIEW), org_text)
        except ValidationError as error:
            org_error = error.messages[0]
    elif org_param not in request.GET:
        organisation = _default_organisation(scope)
    choice = Choice(org_text or (organisation.code if organisation else ""), organisation, org_error,
                    date_param(request, _name(request, FROM_PARAM)), date_param(request, _name(request, TO_PARAM)))
    if choice.start.error or choice.end.error:
        return choice
    default_start, default_end = default_period(scope)
    end = choice.end.value or default_end
    start = choice.start.value or (default_start if choice.end.value is None else end.replace(month=1, day=1))
    try:
        choice.shown = period(scope, start, end)
    except PeriodError as error:
        choice.period_error = error.message
    return choice


def by_app(values: list[IndicatorValue]) -> list[tuple[str, list[IndicatorValue]]]:
    """The values under the name of the app whose code they start with ("members" -> "Members and candidates")."""
    groups: dict[str, list[IndicatorValue]] = {}
    for value in values:
        groups.setdefault(value.code.partition(".")[0], []).append(value)
    return [(str(apps.get_app_config(prefix).verbose_name) if prefix in apps.app_configs else prefix, found)
            for prefix, found in groups.items()]


@requires(Capability.VIEW)
def indicator_values(request: HttpRequest) -> HttpResponse:
    choice = read_choice(request)
    values: list[IndicatorValue] = []
    if choice.ready:
        assert choice.organisation is not None and choice.shown is not None
        values = scoped_values(request.scope, choice.organisation, *choice.shown)  # type: ignore[attr-defined]
    return render(request, "core/indicators.html", {"choice": choice, "values": values, "groups": by_app(values)})


@dataclass(frozen=True)
class Row:
    text: str
    url: str


# Dates written by a record's __str__ as dd/mm/yyyy or mm/yyyy, shown the app's way (17/3/2023, 3/2023).
_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?![\d/])")


def row_text(record: Any) -> str:
    """The record as a row reads, its dates without leading zeros ("Y tế 17/03/2023" -> "Y tế 17/3/2023")."""
    text = _DAY.sub(lambda m: f"{int(m[1])}/{int(m[2])}/{m[3]}", str(record))
    return _MONTH.sub(lambda m: f"{int(m[1])}/{m[2]}", text)


def _row(record: Any) -> Row:
    if isinstance(record, Member):
        return Row(row_text(record), reverse("members:detail", args=[record.pk]))
    url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
    return Row(row_text(record), url)


def _ordered(rows: QuerySet[Any]) -> QuerySet[Any]:
    """Members in Vietnamese name order; other rows in their own order, or by id (a stable page)."""
    if rows.model is Member:
        return ordered_by_name(rows)
    return rows if rows.ordered else rows.order_by("pk")


@requires(Capability.VIEW)
def indicator_rows(request: HttpRequest, indicator_code: str) -> HttpResponse:
    scope = request.scope  # type: ignore[attr-defined]
    if scoped_indicator(scope, None, indicator_code) is None:
        raise Http404
    choice = read_choice(request)
    indicator = scoped_indicator(scope, choice.organisation, indicator_code) if choice.organisation else None
    value, page, rows = None, None, []
    if choice.ready and indicator is not None:
        assert choice.organisation is not None and choice.shown is not None
        result = indicator(choice.organisation, *choice.shown)
        value = IndicatorValue(indicator, result)
        page = Paginator(_ordered(result.rows()), settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [_row(record) for record in page]
    shown_indicator = indicator or scoped_indicator(scope, None, indicator_code)
    return render(request, "core/indicator_rows.html", {"choice": choice, "indicator": shown_indicator,
                                                        "value": value, "page": page, "rows": rows})
