"""Builders for the rating tests: rounds, members (tests/emulation/factories_registrations.member_at) and ratings
taken through their steps by evaluation.domain_ratings (actor None: the system)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.emulation.factories_registrations import member_at, transfer  # noqa: F401 (re-exported)
from xaydungdang.evaluation import domain_ratings as domain
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, SchemeLevel, SubjectKind
from xaydungdang.evaluation.rules import scheme_for
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation


def rating_round(year: int = 2023, kind: str = SubjectKind.MEMBER) -> EvaluationRound:
    return EvaluationRound.objects.update_or_create(year=year, subject_kind=kind, defaults={
        "count_date": dt.date(year, 12, 1), "self_due": dt.date(year, 12, 10), "proposal_due": dt.date(year, 12, 20),
        "decision_due": dt.date(year + 1, 1, 15)})[0]


def level(code: str, year: int = 2023) -> SchemeLevel:
    return SchemeLevel.objects.get(scheme=scheme_for(year), code=code)


def rated(member: Member | None = None, organisation: Organisation | None = None, *, year: int = 2023,
          self_code: str = "httnv", proposed: str | None = None, decided: str | None = None,
          score: Decimal | int | None = None, on: dt.date | None = None) -> Evaluation:
    """A rating self-rated, then proposed and decided when those levels are given (the system as actor)."""
    rating_round(year, SubjectKind.MEMBER if member is not None else SubjectKind.ORGANISATION)
    on = on or dt.date(year, 12, 15)
    evaluation = domain.self_rate(actor=None, year=year, level=level(self_code, year), score=score, member=member,
                                  organisation=organisation, on=on)
    if proposed or decided:
        evaluation = domain.propose(actor=None, evaluation=evaluation, level=level(proposed or decided or "", year),
                                    score=score, on=on)
    if decided:
        evaluation = domain.decide(actor=None, evaluation=evaluation, level=level(decided, year), score=score, on=on)
    return evaluation


def values(evaluation: Evaluation) -> dict[str, Any]:
    evaluation.refresh_from_db()
    return domain.values(evaluation)
