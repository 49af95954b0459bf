"""Concurrent decisions (real threads): the same rating decided twice at once is decided once (the other a
StateConflict); two groups of one decider that each keep the 20% cap but break it together: one is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.concurrency import Start, race, split
from tests.evaluation.factories_ratings import level, member_at, rated
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.evaluation import domain_ratings as domain
from xaydungdang.evaluation.models import Evaluation, SubjectKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_rating_decided_twice_at_once_is_decided_once(tree):
    evaluation = rated(member_at(tree.cb1a), proposed="httnv")
    codes = ["httnv", "htnv"]

    def decide(code: str) -> Any:
        def step(start: Start) -> None:
            target = Evaluation.objects.select_related("scheme", "decider").get(pk=evaluation.pk)
            chosen = level(code)
            start()
            domain.decide(actor=None, evaluation=target, level=chosen)
        return step

    won, errors = split(race(*(decide(code) for code in codes)))
    assert len(won) == 1 and all(isinstance(error, StateConflict) for error in errors)
    assert Evaluation.objects.get(pk=evaluation.pk).level.code == codes[won[0]]
    assert AuditEntry.objects.filter(action="evaluation.rating.decided").count() == 1


def test_two_groups_breaking_the_cap_together_one_is_refused(tree):
    # Four decided HTTNV; two groups of one HTXSNV each: 1 of 5 keeps the cap, 2 of 6 break it.
    for _ in range(4):
        rated(member_at(tree.cb1a), decided="httnv")
    first, second = (rated(member_at(tree.cb1a), proposed="htxsnv") for _ in range(2))
    htxsnv = level("htxsnv")

    def group(evaluation: Evaluation) -> Any:
        def step(start: Start) -> None:
            start()
            domain.decide_many(tree.db1, 2023, SubjectKind.MEMBER, {evaluation.pk: (htxsnv, None, "")}, actor=None)
        return step

    won, errors = split(race(group(first), group(second)))
    assert len(won) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "20" in errors[0].message_dict["level"][0]
    assert Evaluation.objects.filter(stage="decided", step=1).count() == 1
