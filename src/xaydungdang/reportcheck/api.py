# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""JSON API of the reportcheck app (mounted under /api/ by xaydungdang/api.py).

POST /api/report-check with the text (and optionally an organisation code and a date to compare
with the records; 404 outside the caller's scope) answers the findings and the figures.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_schemas import ErrorOut, EventDate, InvalidRequestOut
from xaydungdang.organisations.scoping import get_organisation
from xaydungdang.reportcheck.engine import MAX_CHARS
from xaydungdang.reportcheck.views import run_check

router = Router(tags=["Kiểm tra báo cáo"])


class CheckIn(Schema):
    text: str = Field(description="The report's text.", max_length=MAX_CHARS)
    organisation: str | None = Field(None, description="Organisation code: compare the unit's own counts with "
                                                       "its records (needs `date`).")
    date: EventDate | None = Field(None, description="The report's date (ISO), for the records comparison.")


class FindingOut(Schema):
    severity: str = Field(description="error, warning or info.")
    kind: str = Field(description="ratio, sum, reachability, duplicate, over_100, reference, date, records, "
                                  "no_figures, input (only the first part of an oversized text was checked).")
    sentence: str
    stated: str
    computed: str
    start: int = Field(description="Offset of the highlighted span in the text.")
    end: int
    message: str
    url: str | None = Field(None, description="The records behind a `records` finding.")


class FigureOut(Schema):
    kind: str
    text: str
    value: str
    noun: str | None
    phrase: str
    qualifier: str | None
    sentence: int
    start: int
    end: int
    status: str = Field(description="verified (a relation was checked and held), error, warning, or unchecked.")
    reason: str | None = Field(None, description="Why an unchecked figure could not be checked: approximate, "
                                                 "target, no_base, not_linked, no_noun, time, no_registry.")


class SummaryOut(Schema):
    figures: int = Field(description="Counts, percentages and ratios read.")
    verified: int
    error: int
    warning: int
    unchecked: int


class ReportOut(Schema):
    summary: SummaryOut
    findings: list[FindingOut]
    figures: list[FigureOut]




@router.post("/report-check", summary="Kiểm tra số liệu của một báo cáo",
             response={200: ReportOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut,
                                         404: ErrorOut, 422: InvalidRequestOut})
@api_requires(Capability.VIEW)
def report_check(request: HttpRequest, payload: CheckIn) -> Any:
    """Check every figure of a report. Writes nothing."""
    if bool(payload.organisation) != bool(payload.date):
        return 400, {"detail": "Cần cả mã tổ chức (organisation) và ngày (date) để đối chiếu hồ sơ."}
    organisation = get_organisation(request, payload.organisation) if payload.organisation else None  # 404 outside
    return run_check(request, payload.text, organisation, payload.date).to_dict()
