"""The list of pressing issues as the page and its .xlsx export read it (one reading of the query string for both),
and the exporter (core.exporting: the shared renderer escapes formulas and control characters).

Query string: ?to_chuc (the subtree; the user's first granted organisation by default), ?nam (a year; this year by
default on the list, or the last year with issues when this one has none; every year on the overdue list) or
?tu_nam & ?den_nam (a range of years, as the figures page links), ?linh_vuc (a field code), ?trang_thai (a status,
overdue, due_soon, cancelled, all), ?den_ngay (with trang_thai=resolved: resolved on or before this day, as a
figure of a period counts), ?q (words of the title).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.dates import date_param, today
from xaydungdang.core.exporting import Column, Exporter, register
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing import queries
from xaydungdang.pressing.forms import FilterForm
from xaydungdang.pressing.models import PressingIssue


@dataclass
class Listed:
    form: FilterForm
    root: Organisation | None
    issues: QuerySet[PressingIssue]
    year: int | None  # the single year shown, None for several
    empty_year: int | None = None  # this year, when it had no issues and the list opened on `year` instead


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def listed(request: HttpRequest, now: dt.date, *, overdue: bool = False) -> Listed:
    scope = queries.scope_of(request)
    form = FilterForm(request.GET, organisations=scope.organisations())
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    text = request.GET.get("to_chuc", "").strip()
    root = queries.organisation_named(request, text) if text else queries.default_root(request, now)
    first, last = _int(request.GET.get("tu_nam", "")), _int(request.GET.get("den_nam", ""))
    year = data.get("nam")
    status = queries.OVERDUE if overdue else data.get("trang_thai", "")
    empty_year = None
    if year is None and first is None and last is None and status not in (queries.OVERDUE, queries.DUE_SOON):
        # The list opens on this year's issues, or the last year's that had some (an ended organisation's office);
        # overdue and due soon ones of every year.
        year = queries.default_year(root, now.year, within=queries.visible_issues(request)) if root else now.year
        empty_year = now.year if year != now.year else None
    if year is not None:
        first = last = year
    chosen = queries.IssueFilter(first_year=first, last_year=last, field=data.get("linh_vuc", ""), status=status,
                                 search=data.get("q", ""), resolved_by=date_param(request, "den_ngay").value,
                                 day=now)
    issues = queries.issues_under(root, chosen, now, within=queries.visible_issues(request)) if root \
        else PressingIssue.objects.none()
    return Listed(form=form, root=root, issues=issues, year=year, empty_year=empty_year)


@register
class IssueExporter(Exporter):
    identifier = "pressing-issues"
    label = _("Pressing issues")

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.day = queries.scope_of(request).reading_day(today())
        self.found = listed(request, self.day, overdue=request.GET.get("qua_han") == "1")

    def filename(self) -> str:
        root = self.found.root
        return f"van-de-noi-com-{root.code if root else ''}-{self.day.isoformat()}"

    def columns(self) -> Sequence[Column]:
        return [Column("organisation", _("Organisation"), 30), Column("year", _("Year"), 8),
                Column("field", _("Field"), 28), Column("title", _("Issue"), 50),
                Column("owner", _("Responsible"), 24), Column("selected_on", _("Selected on"), 12, is_date=True),
                Column("deadline", _("Deadline"), 12, is_date=True), Column("status", _("Status"), 16),
                Column("resolved_on", _("Resolved on"), 12, is_date=True),
                Column("evidence", _("Evidence of resolution"), 40), Column("plan", _("Plan"), 40),
                Column("cancelled_on", _("Cancelled on"), 12, is_date=True)]

    def rows(self) -> Iterator[Sequence[Any]]:
        issues = list(self.found.issues)
        names = org_queries.names_on({i.organisation_id for i in issues}, self.day) if issues else {}
        for issue in issues:
            yield [names.get(issue.organisation_id, ""), issue.year, issue.field.name, issue.title, issue.owner,
                   issue.selected_on, issue.deadline, str(issue.get_status_display()), issue.resolved_on,
                   issue.evidence, issue.plan, issue.cancelled_on]
