"""Values of <evaluation_id> for the permission walk (tests/core/test_permissions.py): an organisation's rating of
each sample organisation, in reach where the actor's subtree holds it. Written directly (the walk's organisations
are of every type; the domain checks who may write), for 2020 (Quy định 132)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from xaydungdang.evaluation.models import Evaluation, EvaluationScheme
from xaydungdang.organisations.models import Organisation

YEAR = 2020


def _evaluation_of(code: str) -> Evaluation:
    organisation = Organisation.objects.get(code=code)
    found = Evaluation.objects.filter(organisation=organisation, member__isnull=True, year=YEAR).first()
    return found or Evaluation.objects.create(
        year=YEAR, scheme=EvaluationScheme.objects.get(code="qd-132"), subject_kind="organisation",
        organisation=organisation, decider=organisation, stage="self")


def evaluation_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"evaluation_id": _evaluation_of(code).pk}, actor.covers(code)
