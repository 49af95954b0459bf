"""The results of the yearly evaluation: the distribution of an organisation's year (its units as rows, the levels
of that year's scheme as columns), the comparison across years on the common four-step scale, the ratings behind
each figure and those not yet rated.

Decisions:
- Every number opens the rows it counts through this part's own list (`results_rows`: ?nam, ?to_chuc, ?loai
  member / organisation / cell, ?muc a level code, ?bac a step, ?den_bac a step and better), built from the same
  conditions as the figure (evaluation.figures.rated_rows), so that a figure and its list always agree: the ratings
  list of the ratings part places and filters its rows its own way (every stage, every kind of organisation).
- A year without a round, or a round with nothing rated, says "Không có số liệu", never 0%: shares are shown only
  over something rated.
- Rows are the units directly below the organisation on the round's counting date that have something to count
  for that table (expected or rated), then the organisation's own total.
- Reads go through evaluation.scoping: an organisation outside the scope answers 404; the lists are narrowed to
  the visible ratings and members as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.exporting import Column as ExportColumn
from xaydungdang.core.exporting import Exporter, export_response
from xaydungdang.core.formatting import ratio_percent
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.evaluation import figures, scoping
from xaydungdang.evaluation.models import EvaluationRound, SchemeLevel, SubjectKind
from xaydungdang.members import queries as member_queries
from xaydungdang.members.models import Membership
from xaydungdang.members.scoping import visible_members
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q

COMPARE_YEARS = 10
# ?loai -> the figures' group, and back.
GROUP_OF = {"member": figures.MEMBERS, "organisation": figures.ORGANISATIONS, "cell": figures.CELLS}
PARAM_OF = {group: param for param, group in GROUP_OF.items()}
TITLES = {figures.ORGANISATIONS: gettext_lazy("Grassroots party organisations (TCCSĐ)"),
          figures.MEMBERS: gettext_lazy("Party members"),
          figures.CELLS: gettext_lazy("Chi bộ trực thuộc (rated by their đảng bộ, not among the TCCSĐ)")}
STEP_LABELS = {1: gettext_lazy("Step 1: excellent (HTXSNV; trong sạch, vững mạnh)"),
               2: gettext_lazy("Step 2: completed well (HTTNV)"),
               3: gettext_lazy("Step 3: completed (HTNV)"),
               4: gettext_lazy("Step 4: not completed (KHTNV; yếu kém; violations)")}


def _kind_of(group: str) -> str:
    return SubjectKind.MEMBER if group == figures.MEMBERS else SubjectKind.ORGANISATION


def _int(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def asked_year(request: HttpRequest) -> int:
    """?nam, else the latest year whose round counted by today, else the latest round's, else this year."""
    year = _int(request.GET.get("nam", ""))
    if year is not None:
        return year
    now = today()
    found = (EvaluationRound.objects.filter(count_date__lte=now).order_by("-year").values_list("year", flat=True)
             .first() or EvaluationRound.objects.order_by("-year").values_list("year", flat=True).first())
    return found or now.year


def asked_organisation(request: HttpRequest) -> Organisation | None:
    text = request.GET.get("to_chuc", "").strip()
    if text:
        return scoping.organisation_named(request, text)
    return scoping.default_root(request, scoping.scope_of(request).reading_day(today()))


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Any:
    return Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def rows_url(code: str, year: int, group: str, **narrow: Any) -> str:
    query = {"nam": year, "to_chuc": code, "loai": PARAM_OF[group], **narrow}
    return f"{reverse('evaluation:results_rows')}?{urlencode(query)}"


def unrated_url(code: str, year: int, group: str) -> str:
    query = {"nam": year, "to_chuc": code, "loai": PARAM_OF[group]}
    return f"{reverse('evaluation:results_unrated')}?{urlencode(query)}"


# ---------------------------------------------------------------- the distribution


@dataclass
class Cell:
    count: int
    share: Decimal | None
    url: str


@dataclass
class Line:
    name: str
    code: str
    expected: int
    rated: int
    rated_url: str
    not_rated: int
    not_rated_url: str
    rated_share: Decimal | None  # rated / expected
    levels: list[Cell] = field(default_factory=list)
    good_or_better: Cell | None = None
    done_or_better: Cell | None = None


@dataclass
class Section:
    group: str
    title: Any
    rules: EvaluationRound
    levels: list[SchemeLevel]
    lines: list[Line]
    total: Line

    @property
    def empty(self) -> bool:
        return not self.total.rated


def _line(name: str, code: str, counts: dict[str, int], group: str, year: int,
          levels: list[SchemeLevel]) -> Line:
    rated, expected = counts.get(f"{group}_rated", 0), counts.get(f"{group}_expected", 0)

    def cell(count: int, **narrow: Any) -> Cell:
        return Cell(count, ratio_percent(count, rated), rows_url(code, year, group, **narrow))

    return Line(name=name, code=code, expected=expected, rated=rated, rated_url=rows_url(code, year, group),
                not_rated=counts.get(f"{group}_not_rated", 0), not_rated_url=unrated_url(code, year, group),
                rated_share=ratio_percent(rated, expected),
                levels=[cell(counts.get(figures.level_key(group, lv.code), 0), muc=lv.code) for lv in levels],
                good_or_better=cell(figures.at_least(counts, group, 2), den_bac=2),
                done_or_better=cell(figures.at_least(counts, group, 3), den_bac=3))


def distribution(organisation: Organisation, year: int) -> list[Section]:
    """The sections of the year (TCCSĐ, members, chi bộ trực thuộc when there are any): a fixed number of
    queries (the rounds, the levels, the figures, the units below on each counting date)."""
    rounds = list(EvaluationRound.objects.filter(year=year).order_by("subject_kind"))
    if not rounds:
        return []
    levels = figures.Levels.load()
    counts = figures.by_rounds(organisation.pk, rounds, levels)
    own = counts.get(organisation.pk, {})
    sections = []
    for rules in sorted(rounds, key=lambda r: r.subject_kind != SubjectKind.ORGANISATION):
        groups = ([figures.MEMBERS] if rules.subject_kind == SubjectKind.MEMBER
                  else [figures.ORGANISATIONS, figures.CELLS])
        children = org_queries.children_on(organisation.pk, rules.count_date)
        version = org_queries.version_on(organisation.pk, rules.count_date)
        own_name = version.name if version is not None else organisation.name
        shown = levels.of(year, rules.subject_kind)
        for group in groups:
            if group == figures.CELLS and not own.get("cells_expected") and not own.get("cells_rated"):
                continue
            lines = [_line(child.name, child.organisation.code, counts.get(child.organisation_id, {}), group, year,
                           shown)
                     for child in children
                     if counts.get(child.organisation_id, {}).get(f"{group}_expected")
                     or counts.get(child.organisation_id, {}).get(f"{group}_rated")]
            sections.append(Section(group, TITLES[group], rules, shown, lines,
                                    _line(own_name, organisation.code, own, group, year, shown)))
    return sections


@requires(Capability.VIEW)
def results(request: HttpRequest) -> HttpResponse:
    organisation = asked_organisation(request)
    year = asked_year(request)
    sections = distribution(organisation, year) if organisation is not None else []
    years = list(EvaluationRound.objects.order_by("-year").values_list("year", flat=True).distinct())
    return render(request, "evaluation/results_distribution.html", {
        "organisation": organisation, "year": year, "years": years, "sections": sections,
        "no_data": not sections or all(section.empty for section in sections)})


class ResultsExporter(Exporter):
    """The distribution table as .xlsx: one line per unit and one per total, for each table of the year; a column
    per step, headed by the year's level names (the tables of one year may have different level codes)."""

    identifier = "ket-qua-danh-gia"
    label = gettext_lazy("Results of the evaluation")

    def __init__(self, request: HttpRequest, organisation: Organisation, year: int, sections: list[Section]) -> None:
        super().__init__(request)
        self.organisation, self.year, self.sections = organisation, year, sections

    def filename(self) -> str:
        return f"ket-qua-danh-gia-{self.organisation.code}-{self.year}"

    def step_label(self, step: int) -> str:
        """The year's level names at that step (as on the page; a member's and an organisation's level may differ
        before 2018), the common scale's label when no table has a level at that step."""
        names = list(dict.fromkeys(lv.name for section in self.sections for lv in section.levels if lv.step == step))
        return " / ".join(names) if names else str(STEP_LABELS[step])

    def columns(self) -> list[ExportColumn]:
        labels = {s: self.step_label(s) for s in figures.STEPS}
        steps = [ExportColumn(f"step_{s}", labels[s], 16) for s in figures.STEPS]
        shares = [ExportColumn(f"share_{s}", f"{labels[s]} (%)", 12) for s in figures.STEPS]
        return [ExportColumn("table", _("Table"), 30), ExportColumn("unit", _("Organisation"), 36),
                ExportColumn("expected", _("Expected"), 12), ExportColumn("rated", _("Rated (decided)"), 12),
                *steps, *shares, ExportColumn("good", _("HTTNV or better"), 12),
                ExportColumn("good_share", f"{_('HTTNV or better')} (%)", 12),
                ExportColumn("done", _("HTNV or better"), 12),
                ExportColumn("done_share", f"{_('HTNV or better')} (%)", 12),
                ExportColumn("not_rated", _("Not yet rated"), 12)]

    def rows(self) -> Any:
        for section in self.sections:
            by_step = {lv.step: i for i, lv in enumerate(section.levels)}
            for line in [*section.lines, section.total]:
                cells = [line.levels[by_step[s]] if s in by_step else None for s in figures.STEPS]
                yield [str(section.title), line.name, line.expected, line.rated,
                       *(c.count if c else 0 for c in cells), *(c.share if c else None for c in cells),
                       line.good_or_better.count if line.good_or_better else 0,
                       line.good_or_better.share if line.good_or_better else None,
                       line.done_or_better.count if line.done_or_better else 0,
                       line.done_or_better.share if line.done_or_better else None, line.not_rated]


@requires(Capability.VIEW)
def results_export(request: HttpRequest) -> HttpResponse:
    organisation = ensure(asked_organisation(request))
    year = asked_year(request)
    exporter = ResultsExporter(request, organisation, year, distribution(organisation, year))
    response = export_response(exporter)
    shares = [i for i, c in enumerate(exporter.columns(), start=1) if c.key.startswith("share_")
              or c.key.endswith("_share")]
    response.content = _as_percent_cells(response.content, shares)
    return response


def _as_percent_cells(content: bytes, columns: list[int]) -> bytes:
    """The share columns (written as percents, 78.1) as percentage cells (0.781 shown "78.1%")."""
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(content))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        for index in columns:
            cell = row[index - 1]
            if isinstance(cell.value, int | float | Decimal):
                cell.value = Decimal(str(cell.value)) / 100
                cell.number_format = "0.0%"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- comparison across years


@dataclass
class Column:
    year: int
    counts: dict[str, int]


def _mapping(levels: figures.Levels, years: list[int]) -> list[dict[str, Any]]:
    """Each scheme of the years shown, with its levels on each step (organisations and members)."""
    shown = []
    for scheme in levels.schemes:
        covered = [y for y in years if scheme.first_year <= y and (scheme.last_year is None or y <= scheme.last_year)]
        if not covered:
            continue
        steps = []
        for step in figures.STEPS:
            names = {lv.name: lv.abbreviation for lv in scheme.levels.all() if lv.step == step}
            steps.append({"step": step, "levels": [f"{name} ({abbr})" for name, abbr in sorted(names.items())]})
        shown.append({"scheme": scheme, "first": min(covered), "last": max(covered), "steps": steps})
    return shown


def _compare_rows(columns: list[Column], code: str, group: str) -> list[dict[str, Any]]:
    def line(label: Any, key: str, **narrow: Any) -> dict[str, Any]:
        cells = [{"count": c.counts.get(key, 0),
                  "share": ratio_percent(c.counts.get(key, 0), c.counts.get(f"{group}_rated", 0)) if narrow else None,
                  "url": rows_url(code, c.year, group, **narrow), "rated": c.counts.get(f"{group}_rated", 0)}
                 for c in columns]
        return {"label": label, "cells": cells}

    lines = [line(_("Rated (decided)"), f"{group}_rated")]
    lines += [line(STEP_LABELS[step], figures.step_key(group, step), bac=step) for step in figures.STEPS]
    expected = {"label": _("Expected on the counting date"), "cells": [
        {"count": c.counts.get(f"{group}_expected", 0), "share": None,
         "url": unrated_url(code, c.year, group), "rated": 1, "not_rated": c.counts.get(f"{group}_not_rated", 0)}
        for c in columns], "expected": True}
    return [expected, *lines]


@requires(Capability.VIEW)
def compare(request: HttpRequest) -> HttpResponse:
    """The years side by side (newest first) on the common four-step scale, each scheme's levels mapped onto it
    (stated on the page)."""
    organisation = asked_organisation(request)
    rounds = list(EvaluationRound.objects.order_by("-year", "subject_kind"))
    years = sorted({r.year for r in rounds}, reverse=True)[:COMPARE_YEARS]
    levels = figures.Levels.load()
    columns = []
    if organisation is not None:
        for year in years:
            counts = figures.by_rounds(organisation.pk, [r for r in rounds if r.year == year], levels)
            columns.append(Column(year, counts.get(organisation.pk, {})))
    tables = []
    if organisation is not None:
        for group in (figures.ORGANISATIONS, figures.MEMBERS):
            if any(c.counts.get(f"{group}_rated") or c.counts.get(f"{group}_expected") for c in columns):
                tables.append({"group": group, "title": TITLES[group],
                               "rows": _compare_rows(columns, organisation.code, group)})
    return render(request, "evaluation/results_compare.html", {
        "organisation": organisation, "columns": columns, "tables": tables,
        "mapping": _mapping(levels, years)})


# ---------------------------------------------------------------- the rows behind the figures


def _round_and_group(request: HttpRequest) -> tuple[EvaluationRound | None, str]:
    group = GROUP_OF.get(request.GET.get("loai", ""), figures.MEMBERS)
    year = asked_year(request)
    rules = EvaluationRound.objects.filter(year=year, subject_kind=_kind_of(group)).first()
    return rules, group


def _step(text: str) -> int | None:
    return int(text) if text in ("1", "2", "3", "4") else None


def detail_url(evaluation_id: int) -> str:
    """A rating's page (the ratings part), when its URL exists."""
    try:
        return reverse("evaluation:detail", kwargs={"evaluation_id": evaluation_id})
    except NoReverseMatch:
        return ""


@requires(Capability.VIEW)
def rated_list(request: HttpRequest) -> HttpResponse:
    """The decided ratings a figure counts: ?nam, ?to_chuc, ?loai, and one of ?muc, ?bac, ?den_bac."""
    organisation = asked_organisation(request)
    rules, group = _round_and_group(request)
    context: dict[str, Any] = {"organisation": organisation, "rules": rules, "group": group,
                               "title": TITLES[group], "year": asked_year(request)}
    if rules is None or organisation is None:
        return render(request, "evaluation/results_rows.html", context)
    level = request.GET.get("muc", "").strip()[:20]
    rows = figures.rated_rows(organisation, rules, group=group, step=_step(request.GET.get("bac", "")), level=level,
                              at_least_step=_step(request.GET.get("den_bac", "")))
    rows = rows.filter(pk__in=scoping.visible_evaluations(request).values("pk"))
    page = _page(request, rows.select_related("member__person", "level").order_by("organisation_id", "member_id",
                                                                                  "pk"))
    names = org_queries.names_on({e.organisation_id for e in page}, rules.count_date) if page else {}
    context |= {"page": page, "query": _query(request), "level": level, "rows": [
        {"evaluation": e, "unit": names.get(e.organisation_id, ""), "url": detail_url(e.pk),
         "name": e.member.person.full_name if e.member is not None else names.get(e.organisation_id, "")}
        for e in page]}
    return render(request, "evaluation/results_rows.html", context)


def _units_on(member_ids: list[int], day: dt.date) -> dict[int, str]:
    units = dict(Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR, member_id__in=member_ids)
                 .values_list("member_id", "organisation_id"))
    names = org_queries.names_on(set(units.values()), day) if units else {}
    return {member: names.get(unit, "") for member, unit in units.items()}


@requires(Capability.VIEW)
def unrated_list(request: HttpRequest) -> HttpResponse:
    """Those expected on the counting date without a decided rating: members (?loai=member), TCCSĐ
    (?loai=organisation) or chi bộ trực thuộc (?loai=cell)."""
    organisation = asked_organisation(request)
    rules, group = _round_and_group(request)
    context: dict[str, Any] = {"organisation": organisation, "rules": rules, "group": group,
                               "title": TITLES[group], "year": asked_year(request)}
    if rules is None or organisation is None:
        return render(request, "evaluation/results_unrated.html", context)
    if group == figures.MEMBERS:
        members = figures.unrated_members(organisation, rules)
        if not scoping.scope_of(request).is_superuser:
            members = members.filter(pk__in=visible_members(request).values("pk"))
        page = _page(request, member_queries.ordered_by_name(members))
        ids = [m.pk for m in page]
        units, exempted = _units_on(ids, rules.count_date), figures.exempted_on(ids, rules.count_date)
        context["rows"] = [{"member": m, "unit": units.get(m.pk, ""), "exempted": m.pk in exempted} for m in page]
    else:
        page = _page(request, figures.unrated_organisations(organisation, rules, group).order_by("path"))
        parents = {v.parent_id for v in page if v.parent_id}
        names = org_queries.names_on(parents, rules.count_date) if parents else {}
        context["rows"] = [{"version": v, "parent": names.get(v.parent_id, "") if v.parent_id else ""} for v in page]
    context |= {"page": page, "query": _query(request)}
    return render(request, "evaluation/results_unrated.html", context)
