"""Two requests recording a new person with the same card or lý lịch number (issue 9.6): both pass the
check that the number is free, then the database's unique key decides. The second is refused with the
check's own message (a ValidationError: a form error on the web, 400 JSON from the API), never a 500.

Real threads, each on its own connection (tests/concurrency.py); run on SQLite and on PostgreSQL. On
SQLite transactions start IMMEDIATE, so the second request waits and its check already sees the
number; the unique key's path is also driven directly (the check made to pass once, as it does when
both requests read before either wrote), on both databases.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.concurrency import Start, race, split
from tests.helpers import vi
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.models import Candidate, Member, MemberEvent, Membership, Person

pytestmark = pytest.mark.django_db(transaction=True)

SINCE = dt.date(2020, 1, 1)
CEREMONY = dt.date(2024, 3, 2)
CARD, LYLICH = "12345678", "123456BN"


def taken(value: str) -> str:
    return vi("The number %(value)s already belongs to another member.", value=value)


def writes() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Person, Member, Membership, MemberEvent, AuditEntry))


def registering(tree: Any, name: str, **numbers: Any) -> Callable[[Start], Member]:
    def step(start: Start) -> Member:
        start()
        return domain.register_member(actor=None, person={"full_name": name, "sex": "nam"}, organisation=tree.cb1a,
                                      since=SINCE, **numbers)
    return step


def admitting(tree: Any, name: str, **numbers: Any) -> Callable[[Start], Member]:
    def step(start: Start) -> Member:
        start()
        return domain.admit(actor=None, organisation=tree.cb1a, decision_date=CEREMONY, ceremony_date=CEREMONY,
                            person={"full_name": name, "sex": "nu"}, **numbers)
    return step


def refusals(errors: list[BaseException]) -> list[list[str]]:
    assert all(isinstance(e, ValidationError) and not isinstance(e, StateConflict) for e in errors), errors
    return [list(error.messages) for error in errors]  # type: ignore[attr-defined]


def test_two_registrations_with_one_card_number_record_one_member(tree):
    won, errors = split(race(registering(tree, "Lê Văn Một", card_number=CARD),
                             registering(tree, "Lê Văn Hai", card_number=CARD)))
    assert (len(won), refusals(errors)) == (1, [[taken(CARD)]])
    assert (Member.objects.filter(card_number=CARD).count(), Person.objects.count(), Membership.objects.count(),
            AuditEntry.objects.filter(action="member.registered").count()) == (1, 1, 1, 1)


def test_two_admissions_with_one_lylich_number_admit_one_member(tree):
    won, errors = split(race(admitting(tree, "Trần Thị Một", lylich_number=LYLICH),
                             admitting(tree, "Trần Thị Hai", lylich_number=LYLICH)))
    assert (len(won), refusals(errors)) == (1, [[taken(LYLICH)]])
    assert (Member.objects.filter(lylich_number=LYLICH).count(), Person.objects.count(),
            AuditEntry.objects.filter(action="member.admitted").count()) == (1, 1, 1)


def test_registration_and_admission_racing_for_one_card_number(tree):
    won, errors = split(race(registering(tree, "Lê Văn Một", card_number=CARD),
                             admitting(tree, "Trần Thị Hai", card_number=CARD)))
    assert (len(won), refusals(errors), Member.objects.count()) == (1, [[taken(CARD)]], 1)


@pytest.fixture
def check_passes_once(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Once called, identifier_errors answers "free" once, as it does to a request that read before the other
    committed; then it checks again (the domain's reading of why the unique key refused)."""
    real = domain.identifier_errors

    def arm() -> None:
        calls: list[Any] = []

        def first_blind(*args: Any, **kwargs: Any) -> list[str]:
            calls.append(args)
            return [] if len(calls) == 1 else real(*args, **kwargs)

        monkeypatch.setattr(domain, "identifier_errors", first_blind)

    return arm


def test_unique_key_refusal_of_a_registration_has_the_checks_message(tree, check_passes_once):
    domain.register_member(actor=None, person={"full_name": "Đã Có", "sex": "nam"}, organisation=tree.cb1a,
                           since=SINCE, card_number=CARD, lylich_number=LYLICH)
    before = writes()
    check_passes_once()
    with pytest.raises(ValidationError) as error:
        registering(tree, "Lê Văn Sau", card_number=CARD, lylich_number=LYLICH)(lambda: None)
    assert (error.value.messages, writes()) == ([taken(CARD), taken(LYLICH)], before)


def test_unique_key_refusal_of_an_admission_from_a_candidate_has_the_checks_message(tree, check_passes_once):
    domain.register_member(actor=None, person={"full_name": "Đã Có", "sex": "nam"}, organisation=tree.cb1a,
                           since=SINCE, lylich_number=LYLICH)
    candidate = domain.add_candidate(actor=None, person={"full_name": "Quần Chúng", "sex": "nu"},
                                     organisation=tree.cb1a, since=SINCE)
    before = writes()
    check_passes_once()
    with pytest.raises(ValidationError) as error:
        domain.admit(actor=None, organisation=tree.cb1a, decision_date=CEREMONY, ceremony_date=CEREMONY,
                     candidate=candidate, lylich_number=LYLICH)
    candidate.refresh_from_db()
    assert (error.value.messages, writes(), candidate.status) == ([taken(LYLICH)], before, Candidate.Status.ACTIVE)


def test_unique_key_refusal_answers_400_json_from_the_api(tree, users, check_passes_once):
    domain.register_member(actor=None, person={"full_name": "Đã Có", "sex": "nam"}, organisation=tree.cb1a,
                           since=SINCE, card_number=CARD)
    client = Client()
    client.force_login(users.district_office)
    check_passes_once()
    response = client.post("/api/members", json.dumps({
        "organisation": tree.cb1a.code, "since": "2024-05-01", "card_number": CARD,
        "person": {"full_name": "Đỗ Thị Hoa", "sex": "nu"}}), content_type="application/json")
    assert (response.status_code, response.json()) == (400, {"detail": [taken(CARD)]})


def test_unique_key_refusal_is_a_form_error_on_the_web(tree, users, check_passes_once):
    domain.register_member(actor=None, person={"full_name": "Đã Có", "sex": "nam"}, organisation=tree.cb1a,
                           since=SINCE, card_number=CARD)
    client = Client()
    client.force_login(users.district_office)
    check_passes_once()
    response = client.post("/dang-vien/them/", {"full_name": "Ông Văn Mới", "sex": "nam",
                                                 "organisation": tree.cb1a.code, "since": "1/1/2016",
                                                 "card_number": CARD}, HTTP_ACCEPT_LANGUAGE="vi")
    assert (response.status_code, taken(CARD) in response.content.decode(), Member.objects.count()) == (200, True, 1)
