"""Two enrolments at once may not exceed a class's capacity: the second waits for the first's lock on the class,
counts again and is refused naming the numbers. Real threads (tests/concurrency.py), SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.concurrency import Start, race, split
from tests.helpers import vi
from tests.training.factories import make_class, member_at
from xaydungdang.training import domain
from xaydungdang.training.models import Enrolment, TrainingClass

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_enrolments_at_once_do_not_exceed_the_capacity(tree):
    training_class = make_class(tree.db1, title="Lớp 3 chỗ", capacity=3)
    first = [member_at(tree.cb1a).person_id for _ in range(2)]
    second = [member_at(tree.cb1b).person_id for _ in range(2)]

    def enrol(people: list[int]):
        def step(start: Start) -> list[Enrolment]:
            fresh = TrainingClass.objects.select_related("organiser").get(pk=training_class.pk)
            start()
            return domain.enrol(actor=None, training_class=fresh, people=people)
        return step

    done, errors = split(race(enrol(first), enrol(second)))
    assert len(done) == 1
    assert [type(e) for e in errors] == [ValidationError]
    assert errors[0].messages == [vi(  # type: ignore[attr-defined]
        "Class %(class)s takes at most %(capacity)s learners; it already has %(taken)s, adding %(adding)s.",
        **{"class": "Lớp 3 chỗ", "capacity": "3", "taken": "2", "adding": "2"})]
    assert Enrolment.objects.filter(training_class=training_class).count() == 2
