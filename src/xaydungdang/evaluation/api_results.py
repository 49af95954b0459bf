# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The results of the yearly evaluation as JSON: GET /api/evaluation/results?org=…&year=…, the distribution the
page /danh-gia/ket-qua/ shows (evaluation.views_results.distribution; what counts: evaluation.figures).

Needs `view` over the organisation: outside the scope (or unknown) answers 404, a missing right 403. A year without
a round answers 200 with no tables and `no_data` true (never 0%).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_schemas import ErrorOut, InvalidRequestOut
from xaydungdang.core.dates import today
from xaydungdang.core.permissions import ensure
from xaydungdang.evaluation import scoping, views_results
from xaydungdang.evaluation.models import EvaluationRound

router = Router(tags=["Đánh giá, xếp loại"])
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}


class ResultsQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation; the caller's first by default.")
    year: int | None = Field(None, ge=1930, le=9999, description="The year rated; by default the latest whose "
                                                                 "counting date has passed (else the latest).")


class LevelOut(Schema):
    code: str
    abbreviation: str
    name: str
    step: int = Field(description="Step on the common four-step scale (1 the highest).")


class LineOut(Schema):
    organisation: str = Field(description="Code of the unit (or of the organisation asked, for the total).")
    name: str = Field(description="Its name on the counting date.")
    expected: int = Field(description="Members (regular memberships) or organisations in the subtree on the "
                                      "counting date.")
    rated: int = Field(description="Decided ratings, not cancelled.")
    not_rated: int
    levels: dict[str, int] = Field(description="Level code -> ratings decided at that level.")
    level_shares: dict[str, Decimal | None] = Field(description="Level code -> % of those rated (None: none rated).")
    good_or_better: int
    done_or_better: int


class TableOut(Schema):
    group: str = Field(description="members, organisations (TCCSĐ) or cells (chi bộ trực thuộc).")
    count_date: dt.date
    levels: list[LevelOut]
    units: list[LineOut] = Field(description="The units directly below the organisation on the counting date.")
    total: LineOut


class ResultsOut(Schema):
    organisation: str
    year: int
    no_data: bool = Field(description="True when the year has no round or nothing rated.")
    tables: list[TableOut]


def _line(line: views_results.Line, levels: list[Any]) -> dict[str, Any]:
    return {"organisation": line.code, "name": line.name, "expected": line.expected, "rated": line.rated,
            "not_rated": line.not_rated,
            "levels": {lv.code: cell.count for lv, cell in zip(levels, line.levels, strict=True)},
            "level_shares": {lv.code: cell.share for lv, cell in zip(levels, line.levels, strict=True)},
            "good_or_better": line.good_or_better.count if line.good_or_better else 0,
            "done_or_better": line.done_or_better.count if line.done_or_better else 0}


@router.get("/evaluation/results", summary="Kết quả đánh giá, xếp loại của một tổ chức trong một năm",
            response={200: ResultsOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def results(request: HttpRequest, filters: Query[ResultsQuery]) -> object:
    organisation = (scoping.organisation_named(request, filters.org) if filters.org
                    else ensure(scoping.default_root(request, today())))
    year = filters.year
    if year is None:
        year = (EvaluationRound.objects.filter(count_date__lte=today()).order_by("-year")
                .values_list("year", flat=True).first() or today().year)
    sections = views_results.distribution(organisation, year)
    return {"organisation": organisation.code, "year": year,
            "no_data": not sections or all(s.empty for s in sections),
            "tables": [{"group": s.group, "count_date": s.rules.count_date,
                        "levels": [{"code": lv.code, "abbreviation": lv.abbreviation, "name": lv.name,
                                    "step": lv.step} for lv in s.levels],
                        "units": [_line(line, s.levels) for line in s.lines], "total": _line(s.total, s.levels)}
                       for s in sections]}
