"""Figures of pressing issues for every node of a subtree: "Qua 03 năm đã giải quyết được 61/73 vụ việc, đạt 83,6%".

For a period [start, end] the issues counted are those selected for the years start.year..end.year (not cancelled),
each placed in the tree of its selection date (a chi bộ moved to another district later still counts where it was
when it selected the issue):

- selected: the issues;
- resolved: those resolved on or before `end` (an issue resolved after the period does not count for it);
- overdue: those not resolved and past their deadline on `today` (core.dates.today() unless passed);
- selected.<field code>, resolved.<field code>: the same per field (every field, zeros included).

`by_node` reads the fields, the tree (organisations.rollup.Placement: two queries) and the issues grouped by
organisation, selection date and field (one query), and rolls the sums up the paths in Python: a fixed number of
queries whatever the size of the tree. `rows` is the drill-down: the issues behind one node's figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from xaydungdang.core.dates import today as today_
from xaydungdang.core.formatting import ratio_percent
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.queries import ids_ever_under
from xaydungdang.organisations.rollup import NodeSums, Placement
from xaydungdang.pressing import queries
from xaydungdang.pressing.models import IssueField, PressingIssue

SELECTED, RESOLVED, OVERDUE = "selected", "resolved", "overdue"
MEASURES = (SELECTED, RESOLVED, OVERDUE)


def _as_int(condition: Q) -> Sum:
    return Sum(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()))


def _grouped(root: Organisation, first_year: int, last_year: int, resolved_by: dt.date,
             today: dt.date) -> list[tuple[int, dt.date, int, int, int, int]]:
    """(organisation id, selection date, field id, selected, resolved, overdue), one query."""
    return list(PressingIssue.objects
                .filter(year__gte=first_year, year__lte=last_year, cancelled_on__isnull=True,
                        organisation_id__in=ids_ever_under(root))
                .values("organisation_id", "selected_on", "field_id")
                .annotate(selected=Count("pk"), resolved=Coalesce(_as_int(queries.resolved_by_q(resolved_by)), 0),
                          overdue=Coalesce(_as_int(queries.overdue_q(today)), 0))
                .values_list("organisation_id", "selected_on", "field_id", "selected", "resolved", "overdue")
                .order_by())


def counts(root: Organisation, first_year: int, last_year: int, resolved_by: dt.date,
           today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """The figures of every node of `root`'s subtree for the issues selected for first_year..last_year."""
    today = today or today_()
    fields = list(IssueField.objects.values_list("pk", "code"))
    grouped = _grouped(root, first_year, last_year, resolved_by, today)
    days = [_day(row[1]) for row in grouped]
    start = min([dt.date(first_year, 1, 1), *days])
    end = max([dt.date(last_year, 12, 31), *days])
    placement = Placement.load(root.pk, start, end)
    column = {field_id: index for index, (field_id, _) in enumerate(fields)}
    width = len(MEASURES) + 2 * len(fields)
    rows = []
    for org_id, day, field_id, selected, resolved, overdue in grouped:
        values = [0] * width
        values[0:3] = [selected, resolved, overdue]
        index = len(MEASURES) + 2 * column[field_id]
        values[index:index + 2] = [selected, resolved]
        rows.append((org_id, _day(day), *values))
    keys = [*MEASURES, *(f"{measure}.{code}" for _, code in fields for measure in (SELECTED, RESOLVED))]
    sums = NodeSums(placement, keys)
    sums.add(rows, keys)
    return sums.result()


def _day(value: object) -> dt.date:
    if isinstance(value, str):  # SQLite may hand back text
        return dt.date.fromisoformat(value[:10])
    return value  # type: ignore[return-value]


def by_node(root: Organisation, start: dt.date, end: dt.date, *,
            today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """Organisation id -> {"selected", "resolved", "overdue", "selected.<field>", "resolved.<field>"} for every
    node of `root`'s subtree over [start, end] (see the module): the benchmark's contract."""
    return counts(root, start.year, end.year, end, today)


def for_node(root: Organisation, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> dict[str, int]:
    """The figures of `root` itself (through `by_node`, so the indicator and the table agree)."""
    found = by_node(root, start, end, today=today).get(root.pk)
    if found is None:
        return {key: 0 for key in _keys()}
    return found


def _keys() -> list[str]:
    codes = IssueField.objects.values_list("code", flat=True)
    return [*MEASURES, *(f"{measure}.{code}" for code in codes for measure in (SELECTED, RESOLVED))]


def rows(root: Organisation, first_year: int, last_year: int, measure: str, *, resolved_by: dt.date,
         field: str = "", today: dt.date | None = None) -> QuerySet[PressingIssue]:
    """The issues behind a figure of `root`: selected (measure "selected"), resolved by `resolved_by`, or overdue on
    `today`, of one field when `field` (a code) is given."""
    condition = Q(year__gte=first_year, year__lte=last_year, cancelled_on__isnull=True) & queries.under(root)
    if measure == RESOLVED:
        condition &= queries.resolved_by_q(resolved_by)
    elif measure == OVERDUE:
        condition &= queries.overdue_q(today or today_())
    if field:
        condition &= Q(field__code=field)
    return PressingIssue.objects.filter(condition).select_related("organisation", "field").order_by(
        "-year", "deadline", "pk")


# ---------------------------------------------------------------- the figures page of one organisation


@dataclass(frozen=True)
class Cell:
    selected: int
    resolved: int
    overdue: int = 0

    @property
    def rate(self) -> Decimal | None:
        return ratio_percent(self.resolved, self.selected)


@dataclass(frozen=True)
class FieldLine:
    code: str
    name: str
    cells: list[Cell]  # one per year, then the total


@dataclass(frozen=True)
class Table:
    years: list[int]
    totals: list[Cell]  # one per year, then the whole period
    fields: list[FieldLine]


def table(root: Organisation, start: dt.date, end: dt.date, *, resolved_by: dt.date | None = None,
          today: dt.date | None = None) -> Table:
    """Each year of the period side by side and the whole period, in all and by field: issues selected for the year
    and resolved by `resolved_by` (the period's end unless given; the same day for every column, so the years add
    up to the total). Four queries per column."""
    today = today or today_()
    resolved_by = resolved_by or end
    years = list(range(start.year, end.year + 1))
    columns = [counts(root, year, year, resolved_by, today).get(root.pk, {}) for year in years]
    columns.append(counts(root, start.year, end.year, resolved_by, today).get(root.pk, {}))
    fields = list(IssueField.objects.all())
    return Table(years=years, totals=[_cell(c) for c in columns], fields=[
        FieldLine(f.code, f.name, [_cell(c, f.code) for c in columns]) for f in fields
        if any(c.get(f"{SELECTED}.{f.code}") for c in columns)])


def _cell(found: dict[str, int], code: str = "") -> Cell:
    suffix = f".{code}" if code else ""
    return Cell(found.get(SELECTED + suffix, 0), found.get(RESOLVED + suffix, 0),
                found.get(OVERDUE, 0) if not code else 0)
