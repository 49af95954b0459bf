"""Builders for the results tests: rounds and decided (or not) ratings written straight to the table, so that the
figures are tested apart from the ratings' workflow (evaluation.domain of the ratings part)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.emulation.factories_registrations import member_at, transfer  # noqa: F401 (re-exported)
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, EvaluationScheme, SchemeLevel, SubjectKind
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation


def evaluation_round(year: int, kind: str = SubjectKind.MEMBER, count_date: dt.date | None = None,
                     ) -> EvaluationRound:
    count_date = count_date or dt.date(year, 11, 30)
    return EvaluationRound.objects.update_or_create(year=year, subject_kind=kind, defaults={
        "count_date": count_date, "self_due": dt.date(year, 12, 10), "proposal_due": dt.date(year, 12, 20),
        "decision_due": dt.date(year, 12, 31)})[0]


def scheme_of(year: int) -> EvaluationScheme:
    return EvaluationScheme.objects.filter(first_year__lte=year).order_by("-first_year").first()  # type: ignore


def level(year: int, code: str) -> SchemeLevel:
    return SchemeLevel.objects.get(scheme=scheme_of(year), code=code)


def rating(year: int, code: str, *, member: Member | None = None, organisation: Organisation,
           stage: str = Evaluation.Stage.DECIDED, cancelled: bool = False, **values: Any) -> Evaluation:
    """A rating of `member` (whose unit on the counting date is `organisation`) or of `organisation`, at the level
    `code` of the year's scheme: decided by default (self-rated or proposed otherwise)."""
    chosen = level(year, code)
    fields: dict[str, Any] = {
        "year": year, "scheme": chosen.scheme, "organisation": organisation, "member": member,
        "subject_kind": SubjectKind.MEMBER if member is not None else SubjectKind.ORGANISATION,
        "decider": organisation, "stage": stage, "self_level": chosen, "self_on": dt.date(year, 12, 5)}
    if stage in (Evaluation.Stage.PROPOSED, Evaluation.Stage.DECIDED):
        fields |= {"proposed_level": chosen, "proposed_on": dt.date(year, 12, 15)}
    if stage == Evaluation.Stage.DECIDED:
        fields |= {"level": chosen, "step": chosen.step, "decided_on": dt.date(year, 12, 28)}
    if cancelled:
        fields["cancelled_on"] = dt.date(year, 12, 30)
    fields.update(values)
    return Evaluation.objects.create(**fields)
