# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""GET /api/indicators: the catalogue of registered indicators (what a target may name), or, with `org`, their
values for that organisation's subtree over a period (`from`, `to`), read as the caller may read them
(core/indicator_reads.py: an organisation outside the scope answers 404 as an unknown one; an ended
organisation's office reads up to its last day)."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import indicators
from xaydungdang.core.api_schemas import ErrorOut, EventDate, InvalidRequestOut
from xaydungdang.core.indicator_reads import PeriodError, default_period, organisation_for, scoped_values

router = Router(tags=["Chỉ số"])


class IndicatorOut(Schema):
    code: str = Field(description="Code a target names (\"members.admitted\").")
    name: str = Field(description="Name.")
    unit: str = Field(description="Unit.")
    kind: str = Field(description="\"count\", or \"rate\": a percentage with its numerator and denominator.")


class IndicatorValueOut(Schema):
    code: str = Field(description="Indicator code (\"activities.key_cadre_turns\").")
    label: str = Field(description="Name.")
    unit: str = Field(description="Unit.")
    value: int | float | None = Field(description="The count, or the percentage of a rate with one decimal "
                                                   "(97.2); null for a rate with nothing to measure.")
    numerator: int | None = Field(description="A rate's numerator (941); null for a count.")
    denominator: int | None = Field(description="A rate's denominator (968); null for a count.")


class IndicatorQuery(Schema):
    org: str | None = Field(None, max_length=64, description="Code of an organisation: the values for its subtree. "
                                                             "Without it, the catalogue.")
    start: EventDate | None = Field(None, alias="from", description="First day of the period (YYYY-MM-DD); "
                                                                    "1 January of the end's year by default.")
    end: EventDate | None = Field(None, alias="to", description="Last day of the period (YYYY-MM-DD); today by "
                                                                "default (an ended organisation's office: its last "
                                                                "day).")
    code: str = Field("", max_length=100, description="Only the indicators whose code starts with this.")


@router.get("/indicators", summary="Danh mục chỉ số, hoặc giá trị của các chỉ số cho một tổ chức trong một kỳ",
            response={200: list[IndicatorValueOut] | list[IndicatorOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut,
                      404: ErrorOut, 422: InvalidRequestOut})
@api_requires(Capability.VIEW)
def list_indicators(request: HttpRequest, filters: Query[IndicatorQuery]) -> Any:
    """Without `org`: every registered indicator (code, name, unit, kind). With `org`: for each indicator the
    caller may read, `{code, label, unit, value, numerator, denominator}` for the organisation's subtree over
    [`from`, `to`]. A start after the end answers 400."""
    scope = request.scope  # type: ignore[attr-defined]
    if filters.org is None:
        return [{"code": i.code, "name": str(i.name), "unit": str(i.unit), "kind": i.kind}
                for i in indicators.matching([filters.code])]
    organisation = organisation_for(scope, filters.org.strip())
    if organisation is None:
        raise Http404
    default_start, default_end = default_period(scope)
    end = filters.end or default_end
    start = filters.start or (default_start if filters.end is None else end.replace(month=1, day=1))
    try:
        values = scoped_values(scope, organisation, start, end, [filters.code])
    except PeriodError as error:
        raise HttpError(400, error.message) from error
    return [value.as_dict() for value in values]
