"""Reading pressing issues within the request's scope (404 outside it, hidden and missing alike).

An issue belongs to its organisation and is placed in the tree of its selection date: the issues "of" a node are
those whose organisation sat under it on the day they were selected (organisations.rollup.placed_under_q), the same
rule as the figures (pressing.figures), so every list a figure links to shows the rows behind it. It is read where
its organisation is or ever was in a grant's subtree (an ended organisation's office: the issues selected by its last
day); it is written by those who may edit records of the organisation today.

Overdue: not resolved, not cancelled, deadline before the day asked (today by default).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.core.record_scope import default_root, organisation_named  # noqa: F401
from xaydungdang.core.text import fold, search_words
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q
from xaydungdang.pressing.models import PressingIssue

Status = PressingIssue.Status
DUE_SOON_DAYS = 30
# The status filter: the three statuses, cancelled issues, overdue ones, and everything.
CANCELLED, OVERDUE, DUE_SOON, ALL = "cancelled", "overdue", "due_soon", "all"


def scope_of(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def visible_issues(request: HttpRequest) -> QuerySet[PressingIssue]:
    return scope_of(request).filter_by_organisation(  # type: ignore[no-any-return]
        PressingIssue.objects.all(), since="selected_on")


def writable_issues(request: HttpRequest) -> QuerySet[PressingIssue]:
    scope = scope_of(request)
    if not scope.has(Capability.EDIT_RECORDS):
        return PressingIssue.objects.none()
    return PressingIssue.objects.filter(organisation__in=scope.organisations(Capability.EDIT_RECORDS))


def get_issue(request: HttpRequest, issue_id: int, capability: str = Capability.VIEW) -> PressingIssue:
    issues = writable_issues(request) if capability == Capability.EDIT_RECORDS else visible_issues(request)
    return ensure(issues.select_related("organisation", "field", "evidence_document")  # type: ignore[no-any-return]
                  .filter(pk=issue_id).first())


def may_write(request: HttpRequest, issue: PressingIssue) -> bool:
    return writable_issues(request).filter(pk=issue.pk).exists()


# organisation_named, default_root: core/record_scope.py, named here for this app's modules.


def last_year_with_issues(root: Organisation, up_to: int, *,
                          within: QuerySet[PressingIssue] | None = None) -> int | None:
    """The last year up to `up_to` for which `root`'s subtree selected an issue not cancelled (one query): where
    a page opens when this year has none (the office of an organisation that has ended)."""
    issues = (within if within is not None else PressingIssue.objects.all()).filter(
        under(root), year__lte=up_to, cancelled_on__isnull=True)
    return issues.aggregate(last=Max("year"))["last"]  # type: ignore[no-any-return]


def default_year(root: Organisation, year: int, *, within: QuerySet[PressingIssue] | None = None) -> int:
    """`year` when `root`'s subtree has issues for it, else the last earlier year that has some (else `year`)."""
    last = last_year_with_issues(root, year, within=within)
    return last if last is not None else year


# ---------------------------------------------------------------- conditions


def open_q() -> Q:
    """Not resolved and not cancelled."""
    return ~Q(status=Status.RESOLVED) & Q(cancelled_on__isnull=True)


def overdue_q(day: dt.date) -> Q:
    return open_q() & Q(deadline__lt=day)


def due_soon_q(day: dt.date, days: int = DUE_SOON_DAYS) -> Q:
    return open_q() & Q(deadline__gte=day, deadline__lte=day + dt.timedelta(days=days))


def resolved_by_q(end: dt.date) -> Q:
    return Q(status=Status.RESOLVED, resolved_on__lte=end)


def under(root: Organisation | int) -> Q:
    """Issues whose organisation sat under `root` on their selection date."""
    return placed_under_q(root, date="selected_on")


@dataclass(frozen=True)
class IssueFilter:
    first_year: int | None = None
    last_year: int | None = None
    field: str = ""  # a field code
    status: str = ""  # a Status value, CANCELLED, OVERDUE, DUE_SOON, ALL; "" = not cancelled
    search: str = ""
    resolved_by: dt.date | None = None  # with status "resolved": resolved on or before this day
    day: dt.date | None = None  # the day overdue and due soon are judged on (today)


def _status_q(status: str, resolved_by: dt.date | None, day: dt.date) -> Q:
    if status == ALL:
        return Q()
    if status == CANCELLED:
        return Q(cancelled_on__isnull=False)
    live = Q(cancelled_on__isnull=True)
    if status == OVERDUE:
        return overdue_q(day)
    if status == DUE_SOON:
        return due_soon_q(day)
    if status == Status.RESOLVED and resolved_by is not None:
        return live & resolved_by_q(resolved_by)
    if status in Status.values:
        return live & Q(status=status)
    return live


def filtered(issues: QuerySet[PressingIssue], chosen: IssueFilter, today: dt.date) -> QuerySet[PressingIssue]:
    """The issues matching the filter (the search ignores diacritics: see `search_ids`)."""
    if chosen.first_year is not None:
        issues = issues.filter(year__gte=chosen.first_year)
    if chosen.last_year is not None:
        issues = issues.filter(year__lte=chosen.last_year)
    if chosen.field:
        issues = issues.filter(field__code=chosen.field)
    issues = issues.filter(_status_q(chosen.status, chosen.resolved_by, chosen.day or today))
    if chosen.search.strip():
        issues = issues.filter(pk__in=search_ids(issues, chosen.search))
    return issues


def search_ids(issues: QuerySet[PressingIssue], text: str) -> list[int]:
    """Ids of the issues whose title holds every word of `text`, diacritics and Unicode form ignored (đ = d). The
    titles of the already narrowed set are folded in Python (one query): a few issues per organisation a year, and
    no folded column to keep up to date by every writer (the demo inserts issues in bulk)."""
    words = [fold(word) for word in search_words(text)]
    return [pk for pk, title in issues.values_list("pk", "title") if all(word in fold(title) for word in words)]


def issues_under(root: Organisation, chosen: IssueFilter, today: dt.date, *,
                 within: QuerySet[PressingIssue] | None = None) -> QuerySet[PressingIssue]:
    """The issues of `root`'s subtree (placed on their selection date), filtered, within the scope's issues,
    with what a list shows (organisation, field) in the same query, ordered by year, deadline."""
    issues = (within if within is not None else PressingIssue.objects.all()).filter(under(root))
    return filtered(issues, chosen, today).select_related("organisation", "field").order_by(
        "-year", "deadline", "pk")
