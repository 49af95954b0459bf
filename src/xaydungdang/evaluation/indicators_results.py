"""Indicators of the results of the yearly evaluation (core.indicators), computed by evaluation.figures over the
rounds whose year ends in the period (see that module for what counts):

- evaluation.organisations.rated: TCCSĐ with a decided rating; rows: those ratings;
- evaluation.organisations.excellent_rate (step 1: HTXSNV, or "trong sạch, vững mạnh" until 2017), .good_rate
  (step 2: HTTNV), .done_rate (step 3: HTNV), .not_done_rate (step 4: KHTNV, yếu kém), .good_or_better_rate
  (steps 1–2), .done_or_better_rate (steps 1–3): over the TCCSĐ rated; rows: the ratings of the numerator;
- evaluation.organisations.not_rated: TCCSĐ of the subtree on the counting date without a decided rating; rows:
  those organisations (as they stood then);
- the same for members: evaluation.members.rated, .excellent_rate … .done_or_better_rate over the members rated,
  evaluation.members.not_rated (rows: the members), and evaluation.members.rated_rate: members rated / members
  on the counting date (regular memberships), rows: the ratings.

Seed 001 (2017): done_or_better 73/73 = 100%, excellent ("trong sạch, vững mạnh") 57/73 = 78,1%, good 13/73 =
17,8%; members good_or_better over 97,5%.
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
Rows = Callable[[Organisation, list[Any]], QuerySet[Any]]


def _figures() -> Any:
    from xaydungdang.evaluation import figures

    return figures


def _kind(group: str) -> str:
    from xaydungdang.evaluation.models import SubjectKind

    return SubjectKind.MEMBER if group == "members" else SubjectKind.ORGANISATION


def _counts(organisation: Organisation, start: dt.date, end: dt.date, group: str) -> tuple[dict[str, int], list[Any]]:
    figures = _figures()
    rounds = figures.rounds_in(start, end, _kind(group))
    counts = figures.by_rounds(organisation.pk, rounds).get(organisation.pk, {})
    return counts, rounds


def _ratings(group: str, **narrow: Any) -> Rows:
    def rows(organisation: Organisation, rounds: list[Any]) -> QuerySet[Any]:
        from xaydungdang.evaluation.models import Evaluation

        condition = Q(pk__in=[])
        for rules in rounds:
            condition |= Q(pk__in=_figures().rated_rows(organisation, rules, group=group, **narrow).values("pk"))
        return Evaluation.objects.filter(condition).select_related(
            "organisation", "member__person", "level").order_by("year", "organisation_id", "pk")

    return rows


def _unrated(group: str) -> Rows:
    def rows(organisation: Organisation, rounds: list[Any]) -> QuerySet[Any]:
        figures = _figures()
        if group == "members":
            from xaydungdang.members.models import Member

            condition = Q(pk__in=[])
            for rules in rounds:
                condition |= Q(pk__in=figures.unrated_members(organisation, rules).values("pk"))
            return Member.objects.filter(condition).select_related("person").order_by("pk")
        from xaydungdang.organisations.models import OrgVersion

        condition = Q(pk__in=[])
        for rules in rounds:
            condition |= Q(pk__in=figures.unrated_organisations(organisation, rules).values("pk"))
        return OrgVersion.objects.filter(condition).select_related("organisation").order_by("path")

    return rows


def _rate(group: str, numerator: Callable[[dict[str, int]], int], denominator: str, rows: Rows) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        counts, rounds = _counts(organisation, start, end, group)
        return indicators.rate_result(numerator(counts) if counts else 0, counts.get(denominator, 0),
                                      lambda: rows(organisation, rounds))

    return compute


def _count(group: str, key: str, rows: Rows) -> Compute:
    def compute(organisation: Organisation, start: dt.date, end: dt.date) -> IndicatorResult:
        counts, rounds = _counts(organisation, start, end, group)
        return IndicatorResult(value=counts.get(key, 0), rows=lambda: rows(organisation, rounds))

    return compute


def _steps(group: str, last: int, only: bool) -> Callable[[dict[str, int]], int]:
    if only:
        return lambda counts: counts.get(f"{group}_step_{last}", 0)
    return lambda counts: sum(counts.get(f"{group}_step_{s}", 0) for s in range(1, last + 1))


_RATE: dict[str, Any] = {"kind": indicators.RATE}
# suffix, step, that step only (else that step and better), label of organisations, label of members
RATES = [
    ("excellent_rate", 1, True,
     _("Grassroots organisations rated excellent (HTXSNV; trong sạch, vững mạnh until 2017)"),
     _("Members rated as having completed their tasks excellently (HTXSNV)")),
    ("good_rate", 2, True, _("Grassroots organisations rated as having completed their tasks well (HTTNV)"),
     _("Members rated as having completed their tasks well (HTTNV)")),
    ("done_rate", 3, True, _("Grassroots organisations rated as having completed their tasks (HTNV)"),
     _("Members rated as having completed their tasks (HTNV)")),
    ("not_done_rate", 4, True, _("Grassroots organisations rated as not having completed their tasks (or weak)"),
     _("Members rated as not having completed their tasks")),
    ("good_or_better_rate", 2, False, _("Grassroots organisations rated HTTNV or better"),
     _("Members rated HTTNV or better")),
    ("done_or_better_rate", 3, False, _("Grassroots organisations rated HTNV or better"),
     _("Members rated HTNV or better")),
]


def _group_indicators(group: str) -> list[Indicator]:
    unit = _("organisations") if group == "organisations" else _("members")
    found = [
        Indicator(f"evaluation.{group}.rated", _("Grassroots organisations rated (decided)") if group == "organisations"
                  else _("Members rated (decided)"), unit, _count(group, f"{group}_rated", _ratings(group))),
        Indicator(f"evaluation.{group}.not_rated", _("Grassroots organisations not yet rated")
                  if group == "organisations" else _("Members not yet rated"), unit,
                  _count(group, f"{group}_not_rated", _unrated(group))),
    ]
    for suffix, step, only, organisations_label, members_label in RATES:
        narrow = {"step": step} if only else {"at_least_step": step}
        found.append(Indicator(f"evaluation.{group}.{suffix}",
                               organisations_label if group == "organisations" else members_label, "%",
                               _rate(group, _steps(group, step, only), f"{group}_rated", _ratings(group, **narrow)),
                               **_RATE))
    return found


RESULT_INDICATORS = [
    *_group_indicators("organisations"),
    *_group_indicators("members"),
    Indicator("evaluation.members.rated_rate", _("Members rated (share of the members on the counting date)"), "%",
              _rate("members", lambda counts: counts.get("members_rated", 0), "members_expected",
                    _ratings("members")), **_RATE),
]


def register() -> None:
    for indicator in RESULT_INDICATORS:
        indicators.register(indicator)
