"""Builders for the rule engine's tests: members through the members domain, ratings written straight to the table
(the engine reads them; the workflow that writes them is tested with the ratings part)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from xaydungdang.evaluation.models import Evaluation, EvaluationScheme, SchemeLevel, SchemeRule, SubjectKind
from xaydungdang.members import domain as members_domain
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation

SINCE = dt.date(2020, 1, 1)
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quang", "Sơn", "Tâm"]
_numbers = itertools.count(1)


def scheme(code: str) -> EvaluationScheme:
    return EvaluationScheme.objects.get(code=code)


def level(scheme_code: str, code: str) -> SchemeLevel:
    return SchemeLevel.objects.get(scheme__code=scheme_code, code=code)


def rule(scheme_code: str, kind: str, subject_kind: str, basis: str) -> SchemeRule:
    return SchemeRule.objects.select_related("level", "basis_level").get(
        scheme__code=scheme_code, kind=kind, subject_kind=subject_kind, basis_level__code=basis)


def members(organisation: Organisation, count: int) -> list[Member]:
    """`count` fictional members of `organisation`."""
    made = []
    for _ in range(count):
        n = next(_numbers)
        made.append(members_domain.register_member(
            actor=None, person={"full_name": f"Lê Văn {GIVEN[n % len(GIVEN)]} {n}", "sex": "nam"},
            organisation=organisation, since=SINCE))
    return made


def rate(year: int, scheme_code: str, code: str | None, *, decider: Organisation, organisation: Organisation,
         member: Member | None = None, stage: str | None = None, cancelled: bool = False,
         **values: Any) -> Evaluation:
    """A rating of `member` (in `organisation`) or of `organisation`, decided by `decider` at the level `code`
    (stage "decided" by default; with code None, self-rated and undecided)."""
    chosen = level(scheme_code, code) if code is not None else None
    stage = stage or (Evaluation.Stage.DECIDED if chosen is not None else Evaluation.Stage.SELF)
    fields: dict[str, Any] = {
        "year": year, "scheme": scheme(scheme_code), "organisation": organisation, "member": member,
        "subject_kind": SubjectKind.MEMBER if member is not None else SubjectKind.ORGANISATION, "decider": decider,
        "stage": stage, "self_level": chosen, "self_on": dt.date(year, 12, 5)}
    if stage in (Evaluation.Stage.PROPOSED, Evaluation.Stage.DECIDED):
        fields |= {"proposed_level": chosen, "proposed_on": dt.date(year, 12, 15)}
    if stage == Evaluation.Stage.DECIDED:
        assert chosen is not None
        fields |= {"level": chosen, "step": chosen.step, "decided_on": dt.date(year, 12, 28)}
    if cancelled:
        fields["cancelled_on"] = dt.date(year, 12, 30)
    fields.update(values)
    return Evaluation.objects.create(**fields)


def rate_members(year: int, scheme_code: str, decider: Organisation, organisation: Organisation,
                 counts: dict[str | None, int], **values: Any) -> dict[str | None, list[Evaluation]]:
    """New members of `organisation` rated by `decider`: {level code (None: undecided): how many}."""
    made: dict[str | None, list[Evaluation]] = {}
    for code, count in counts.items():
        made[code] = [rate(year, scheme_code, code, decider=decider, organisation=organisation, member=m, **values)
                      for m in members(organisation, count)]
    return made
