"""Reads of chi bộ meetings: meeting lists with attendance counts, the chi bộ that held no regular meeting in a
month or no thematic meeting in a quarter, attendance turns, and the shares of the yearly checklist.

Which chi bộ are expected in a period (month, quarter, year): those in the subtree on the period's last day (the
tree of that period; the organisation's last day when it ended earlier) that already existed on its first day. A
chi bộ founded, or formed by a merger, during a month is first expected the month after; one that ended during the
month is no longer in the tree on its last day and not expected either. A meeting counts where its chi bộ stood on
the meeting's own date (a chi bộ moved later still counts in the district it belonged to then). Each read is a fixed
number of grouped queries, whatever the number of chi bộ.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from xaydungdang.core.formatting import ratio_percent
from xaydungdang.meetings.domain import CHI_BO_TYPES, items_of_year, year_bounds
from xaydungdang.meetings.models import ChecklistAnswer, ChecklistItem, Meeting, MeetingAttendance
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.rollup import placed_under_q

# ---------------------------------------------------------------- periods


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_range(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = 3 * (quarter - 1) + 1
    return dt.date(year, first, 1), month_range(year, first + 2)[1]


def months_between(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The calendar months from `start`'s to `end`'s, whole."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(month_range(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def quarters_between(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    quarters = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while (year, quarter) <= (end.year, (end.month - 1) // 3 + 1):
        quarters.append(quarter_range(year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


def tree_day(organisation: Organisation, end: dt.date) -> dt.date:
    last = organisation.last_day
    return min(end, last) if last is not None else end


# ---------------------------------------------------------------- the subtree on a row's own date


def placed_in_subtree_q(organisation: Organisation, *, field: str = "organisation_id", date: str = "date") -> Q:
    """Rows whose organisation (`field`) was in `organisation`'s subtree on the row's own `date`
    (organisations.rollup.placed_under_q)."""
    return placed_under_q(organisation, field=field, date=date)


# ---------------------------------------------------------------- meetings


def meetings_in(organisation: Organisation, start: dt.date, end: dt.date, *, kind: str = "",
                cancelled: bool = False) -> QuerySet[Meeting]:
    """Meetings of the subtree's chi bộ in [start, end] (cancelled ones only with `cancelled`), newest first,
    each with `present` and `expected` (attendance rows) annotated; one query."""
    meetings = Meeting.objects.filter(placed_in_subtree_q(organisation), date__gte=start, date__lte=end)
    if kind:
        meetings = meetings.filter(kind=kind)
    if not cancelled:
        meetings = meetings.filter(cancelled_on__isnull=True)
    return meetings.select_related("organisation").annotate(
        expected_count=Count("attendances"),
        present_count=Count("attendances", filter=Q(attendances__attended=True)),
    ).order_by("-date", "-id")


def meetings_in_ids(ids: list[int]) -> QuerySet[Meeting]:
    """These meetings with their attendance counts annotated (as meetings_in)."""
    return Meeting.objects.filter(pk__in=ids).select_related("organisation").annotate(
        expected_count=Count("attendances"),
        present_count=Count("attendances", filter=Q(attendances__attended=True)))


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    rows = meeting.attendances.aggregate(expected=Count("pk"), present=Count("pk", filter=Q(attended=True)))
    rows["absent"] = rows["expected"] - rows["present"]
    return rows


def turns(organisation: Organisation, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(attended rows, rows) of the subtree's meetings not cancelled in [start, end], each row placed in the tree of
    its own date. One query."""
    rows = MeetingAttendance.objects.filter(placed_in_subtree_q(organisation), date__gte=start, date__lte=end,
                                            meeting__cancelled_on__isnull=True)
    stats = rows.aggregate(n=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    return stats["attended"], stats["n"]


# ---------------------------------------------------------------- expected chi bộ, and those that held nothing


def expected_chi_bo(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[OrgVersion]:
    """The chi bộ expected to meet in [start, end] (see the module) as they stood on the period's last day."""
    day = tree_day(organisation, end)
    root = org_queries.version_on(organisation.pk, day)
    if root is None or day < start:
        return OrgVersion.objects.none()
    return org_queries.subtree_on(root, day).filter(org_type__code__in=CHI_BO_TYPES,
                                                    organisation__valid_from__lte=start)


@dataclass
class Missing:
    start: dt.date
    end: dt.date
    kind: str
    expected: int
    missing: list[OrgVersion]  # in tree order

    @property
    def held(self) -> int:
        return self.expected - len(self.missing)

    @property
    def percent_held(self) -> Decimal | None:
        return ratio_percent(self.held, self.expected)


def missing(organisation: Organisation, kind: str, start: dt.date, end: dt.date, *,
            within: QuerySet[Any] | None = None) -> Missing:
    """The expected chi bộ that held no meeting of `kind` (not cancelled) in [start, end]; `within` (organisation
    ids) narrows the chi bộ to a scope. Three queries."""
    expected = expected_chi_bo(organisation, start, end)
    if within is not None:
        expected = expected.filter(organisation_id__in=within)
    held = Meeting.objects.filter(organisation_id=OuterRef("organisation_id"), kind=kind, date__gte=start,
                                  date__lte=end, cancelled_on__isnull=True)
    rows = list(expected.annotate(held=Exists(held)).select_related("organisation", "parent").order_by("path"))
    return Missing(start, end, kind, len(rows), [v for v in rows if not v.held])  # type: ignore[attr-defined]


def held_counts(organisation: Organisation, kind: str, periods: list[tuple[dt.date, dt.date]]) -> tuple[int, int]:
    """(chi bộ-periods with a meeting of `kind`, chi bộ-periods expected) over `periods`: two queries a period."""
    held = expected = 0
    for start, end in periods:
        found = missing(organisation, kind, start, end)
        held, expected = held + found.held, expected + found.expected
    return held, expected


# ---------------------------------------------------------------- the yearly checklist


@dataclass
class ItemShare:
    item: ChecklistItem
    met: int
    expected: int

    @property
    def percent(self) -> Decimal | None:
        return ratio_percent(self.met, self.expected)

    @property
    def not_met(self) -> int:
        return self.expected - self.met


def checklist_expected(organisation: Organisation, year: int) -> QuerySet[OrgVersion]:
    """The chi bộ expected to answer for `year`: those of the subtree on the year's last day (or the
    organisation's last day), as they stood then."""
    start, end = year_bounds(year)
    day = tree_day(organisation, end)
    root = org_queries.version_on(organisation.pk, day)
    if root is None or day < start:
        return OrgVersion.objects.none()
    return org_queries.subtree_on(root, day).filter(org_type__code__in=CHI_BO_TYPES)


def checklist_shares(organisation: Organisation, year: int, *, within: QuerySet[Any] | None = None) -> list[ItemShare]:
    """For each item of `year`: how many expected chi bộ met it, of how many ("216 chi bộ, 88,9%"). Four queries."""
    expected = checklist_expected(organisation, year)
    if within is not None:
        expected = expected.filter(organisation_id__in=within)
    total = expected.count()
    met = dict(ChecklistAnswer.objects.filter(year=year, met=True,
                                              organisation_id__in=expected.values("organisation_id"))
               .values("item_id").annotate(n=Count("pk")).values_list("item_id", "n"))
    return [ItemShare(item, met.get(item.pk, 0), total) for item in items_of_year(year)]


def checklist_rows(organisation: Organisation, year: int, item: ChecklistItem, *, met: bool,
                   within: QuerySet[Any] | None = None) -> list[OrgVersion]:
    """The expected chi bộ that met (or did not meet: no answer, or answered no) `item` in `year`, in tree order."""
    expected = checklist_expected(organisation, year)
    if within is not None:
        expected = expected.filter(organisation_id__in=within)
    answered = ChecklistAnswer.objects.filter(year=year, item=item, met=True,
                                              organisation_id=OuterRef("organisation_id"))
    rows = expected.annotate(met=Exists(answered)).filter(met=met)
    return list(rows.select_related("organisation", "parent").order_by("path"))


def answers_of(organisation: Organisation, year: int) -> dict[int, ChecklistAnswer]:
    """Item id -> the chi bộ's answer for `year`."""
    return {a.item_id: a for a in ChecklistAnswer.objects.filter(organisation=organisation, year=year)}
