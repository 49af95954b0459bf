"""Concurrent lifecycle steps on one member (issue 9 point 6): of two requests that each found the
step allowed, exactly one is written; the other is refused with StateConflict (API 409, web 409 with
the message above the form), and the member's timeline, audit log and memberships stay consistent.

Real threads, each on its own connection (tests/concurrency.py); run on SQLite and on PostgreSQL.
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
from tests.members.helpers import member
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.formatting import format_date
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain
from xaydungdang.members.models import Candidate, Exemption, Member, MemberEvent, Membership, Transfer
from xaydungdang.organisations import domain as tree_domain

pytestmark = pytest.mark.django_db(transaction=True)

CEREMONY = dt.date(2022, 9, 2)
SENT = dt.date(2024, 3, 1)


def probationary(tree: Any) -> Member:
    return member(tree.cb1a, "Trần Thị Bình", sex="nu", since=CEREMONY, admission_ceremony_date=CEREMONY)


def official(tree: Any) -> Member:
    return member(tree.cb1a, "Nguyễn Văn An", official_decision_date=dt.date(2021, 1, 1))


def fresh_member(pk: int) -> Member:
    """The member as a request reads it before its step."""
    return Member.objects.select_related("person").get(pk=pk)


def fresh_transfer(pk: int) -> Transfer:
    return Transfer.objects.select_related("member__person", "from_organisation", "to_organisation").get(pk=pk)


def counts(m: Member, kinds: list[str], actions: list[str]) -> tuple[int, int]:
    """(timeline events of these kinds, audit entries of these actions) of the member."""
    return (MemberEvent.objects.filter(member=m, kind__in=kinds).count(),
            AuditEntry.objects.filter(action__in=actions, object_id=str(m.pk)).count())


def messages(errors: list[BaseException]) -> list[list[str]]:
    assert all(isinstance(error, StateConflict) for error in errors), errors
    return [list(error.messages) for error in errors]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the domain


def test_two_concurrent_recognitions_record_one(tree):
    m = probationary(tree)
    days = [dt.date(2023, 9, 2), dt.date(2023, 9, 5)]

    def recognise(day: dt.date) -> Any:
        def step(start: Start) -> None:
            target = fresh_member(m.pk)
            start()
            domain.recognise_official(actor=None, member=target, decision_date=day)
        return step

    won, errors = split(race(*(recognise(day) for day in days)))
    assert len(won) == 1
    m.refresh_from_db()
    assert m.official_decision_date == days[won[0]]
    assert messages(errors) == [[vi("%(member)s is already an official member (since %(day)s).",
                                    member="Trần Thị Bình", day=format_date(days[won[0]]))]]
    assert counts(m, ["recognised"], ["member.recognised"]) == (1, 1)


def test_struck_off_and_deceased_at_once_end_the_membership_once(tree):
    m = official(tree)
    kinds = ["struck_off", "deceased"]

    def end(kind: str) -> Any:
        def step(start: Start) -> None:
            target = fresh_member(m.pk)
            start()
            domain.end_membership(actor=None, member=target, kind=kind, on=dt.date(2024, 5, 1))
        return step

    won, errors = split(race(*(end(kind) for kind in kinds)))
    assert len(won) == 1
    winner = kinds[won[0]]
    m.refresh_from_db()
    ended = m.memberships.get()
    assert (m.state, ended.end_reason, ended.valid_to) == (winner, winner, dt.date(2024, 5, 1))
    state = {"struck_off": "Struck off (xóa tên)", "deceased": "Deceased"}[winner]
    assert messages(errors) == [[vi("%(member)s is no longer an active member (%(state)s).",
                                    member="Nguyễn Văn An", state=vi(state))]]
    assert counts(m, kinds, ["member.struck_off", "member.deceased"]) == (1, 1)


def pending_transfer(tree: Any) -> tuple[Member, Transfer]:
    """An official member of CB1A with a regular transfer to CB3A pending."""
    m = official(tree)
    return m, domain.send_transfer(actor=None, member=m, kind=Membership.Kind.REGULAR, sent_on=SENT,
                                   to_organisation=tree.cb3a)


def receiver(transfer: Transfer) -> Callable[[Start], None]:
    """A racer that receives the transfer on 5/3/2024 once started."""

    def receive(start: Start) -> None:
        target = fresh_transfer(transfer.pk)
        start()
        domain.receive_transfer(actor=None, transfer=target, received_on=dt.date(2024, 3, 5))

    return receive


def transfer_race(tree: Any) -> tuple[Member, Transfer, list[str], list[BaseException]]:
    """Receive and cancel the same pending transfer (CB1A → CB3A) at once."""
    m, transfer = pending_transfer(tree)
    receive = receiver(transfer)

    def cancel(start: Start) -> None:
        target = fresh_transfer(transfer.pk)
        start()
        domain.cancel_transfer(actor=None, transfer=target, on=dt.date(2024, 3, 5))

    won, errors = split(race(receive, cancel))
    return m, transfer, [["received", "cancelled"][i] for i in won], errors


def test_receive_and_cancel_at_once_leave_one_membership(tree):
    m, transfer, won, errors = transfer_race(tree)
    assert len(won) == 1
    transfer.refresh_from_db()
    assert transfer.status == won[0]
    place = {"received": "CB3A", "cancelled": "CB1A"}[won[0]]
    assert list(m.memberships.filter(valid_to__isnull=True).values_list("organisation__code", flat=True)) == [place]
    assert messages(errors) == [[vi("This transfer is not pending.")]]
    assert counts(m, ["transfer_received", "transfer_cancelled"],
                  ["member.transfer_received", "member.transfer_cancelled"]) == (1, 1)


def test_struck_off_while_the_transfer_is_received(tree):
    """Ending the membership cancels pending transfers: receiving at the same time must not revive it."""
    m, transfer = pending_transfer(tree)
    receive = receiver(transfer)

    def strike_off(start: Start) -> None:
        target = fresh_member(m.pk)
        start()
        domain.end_membership(actor=None, member=target, kind="struck_off", on=dt.date(2024, 3, 6))

    won, errors = split(race(receive, strike_off))
    m.refresh_from_db()
    transfer.refresh_from_db()
    assert m.state == "struck_off"
    assert not m.memberships.filter(valid_to__isnull=True).exists()
    if won == [0, 1]:  # received, then struck off at the destination: both steps hold in that order
        assert (transfer.status, errors) == ("received", [])
        assert m.memberships.get(organisation=tree.cb3a).end_reason == "struck_off"
    else:  # struck off first: the ending cancelled the transfer, which can no longer be received
        assert (won, transfer.status) == ([1], "cancelled")
        assert messages(errors) == [[vi("This transfer is not pending.")]]
        assert not m.memberships.filter(organisation=tree.cb3a).exists()
    assert counts(m, ["struck_off"], ["member.struck_off"]) == (1, 1)


def test_two_concurrent_transfers_out_send_one(tree):
    m = official(tree)
    destinations = [tree.cb3a, tree.cb2a]

    def send(destination: Any) -> Any:
        def step(start: Start) -> None:
            target = fresh_member(m.pk)
            start()
            domain.send_transfer(actor=None, member=target, kind=Membership.Kind.REGULAR, sent_on=SENT,
                                 to_organisation=destination)
        return step

    won, errors = split(race(*(send(d) for d in destinations)))
    assert len(won) == 1
    assert list(Transfer.objects.filter(member=m).values_list("to_organisation__code", "status")) == [
        (destinations[won[0]].code, "pending")]
    assert messages(errors) == [[vi("%(member)s already has a pending transfer of this kind.",
                                    member="Nguyễn Văn An")]]
    assert counts(m, ["transfer_sent"], ["member.transfer_sent"]) == (1, 1)


def test_two_concurrent_exemptions_record_one(tree):
    m = official(tree)

    def exempt(start: Start) -> None:
        target = fresh_member(m.pk)
        start()
        domain.exempt(actor=None, member=target, valid_from=dt.date(2024, 1, 1))

    won, errors = split(race(exempt, exempt))
    assert len(won) == 1
    assert Exemption.objects.filter(member=m).count() == 1
    assert messages(errors) == [[vi("%(member)s is already exempted from activities.", member="Nguyễn Văn An")]]
    assert counts(m, ["exempted"], ["member.exempted"]) == (1, 1)


def test_two_concurrent_ends_of_a_temporary_attendance_record_one(tree):
    m = official(tree)
    transfer = domain.send_transfer(actor=None, member=m, kind=Membership.Kind.TEMPORARY, sent_on=SENT,
                                    to_organisation=tree.cb3a)
    domain.receive_transfer(actor=None, transfer=transfer, received_on=SENT)

    def end(start: Start) -> None:
        target = fresh_member(m.pk)
        start()
        domain.end_temporary(actor=None, member=target, on=dt.date(2024, 6, 1))

    won, errors = split(race(end, end))
    assert len(won) == 1
    assert list(m.memberships.values_list("organisation__code", "kind", "valid_to")) == [
        ("CB1A", "regular", None), ("CB3A", "temporary", dt.date(2024, 6, 1))]
    assert messages(errors) == [[vi("%(member)s has no temporary membership.", member="Nguyễn Văn An")]]
    assert counts(m, ["temporary_ended"], ["member.temporary_ended"]) == (1, 1)


def test_a_cancelled_transfer_gives_nobody_back_to_a_dissolved_unit(tree):
    """The source may be dissolved while its member's transfer is pending (the membership there has ended)."""
    m = member(tree.cb1b, "Đặng Văn Về")
    transfer = domain.send_transfer(actor=None, member=m, kind=Membership.Kind.REGULAR, sent_on=SENT,
                                    to_organisation=tree.cb3a)
    tree_domain.execute(tree_domain.plan_dissolve(organisation=tree.cb1b, effective=dt.date(2024, 3, 10)), actor=None)
    with pytest.raises(ValidationError) as refusal:
        domain.cancel_transfer(actor=None, transfer=fresh_transfer(transfer.pk), on=dt.date(2024, 3, 12))
    assert refusal.value.messages == [vi("%(org)s was dissolved on %(ended)s: no member can join it on %(day)s.",
                                         org="Tổ chức CB1B", ended="10/3/2024", day="12/3/2024")]
    assert (Transfer.objects.get().status, m.memberships.filter(valid_to__isnull=True).count()) == ("pending", 0)


def test_a_candidate_admitted_twice_at_once_becomes_one_member(tree):
    candidate = domain.add_candidate(actor=None, person={"full_name": "Phạm Văn Cường", "sex": "nam"},
                                     organisation=tree.cb1a, since=dt.date(2022, 1, 1))

    def admit(start: Start) -> Member:
        target = Candidate.objects.select_related("person").get(pk=candidate.pk)
        start()
        return domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                            ceremony_date=dt.date(2023, 9, 2), candidate=target)

    outcomes = race(admit, admit)
    won, errors = split(outcomes)
    assert len(won) == 1
    candidate.refresh_from_db()
    assert (candidate.status, candidate.member) == ("admitted", outcomes[won[0]].value)
    assert Member.objects.filter(person=candidate.person).count() == 1
    assert messages(errors) == [[vi("%(candidate)s is not an active candidate.", candidate="Phạm Văn Cường")]]
    assert AuditEntry.objects.filter(action="member.admitted").count() == 1


# ---------------------------------------------------------------- through the API and the pages


def session(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_post(client: Client, url: str, body: dict[str, Any]) -> Any:
    def step(start: Start) -> Any:
        start()
        return client.post(url, json.dumps(body), content_type="application/json")
    return step


def test_two_recognitions_through_the_api_answer_200_and_409(tree, users):
    m = probationary(tree)
    clients = [session(users.cell_secretary), session(users.grassroots_secretary)]
    url = f"/api/members/{m.pk}/recognise"
    responses = [o.value for o in race(*(api_post(c, url, {"decision_date": "2023-09-02"}) for c in clients))]
    assert sorted(r.status_code for r in responses) == [200, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert refused["Content-Type"].startswith("application/json")
    assert refused.json() == {"detail": [vi("%(member)s is already an official member (since %(day)s).",
                                            member="Trần Thị Bình", day="2/9/2023")]}
    assert counts(m, ["recognised"], ["member.recognised"]) == (1, 1)


def test_receive_and_cancel_through_the_api_answer_200_and_409(tree, users):
    m = official(tree)
    transfer = domain.send_transfer(actor=None, member=m, kind=Membership.Kind.REGULAR, sent_on=SENT,
                                    to_organisation=tree.cb1b)
    client = session(users.grassroots_secretary)  # DB1: both sides, CB1A → CB1B
    other = session(users.grassroots_secretary)
    responses = [o.value for o in race(
        api_post(client, f"/api/transfers/{transfer.pk}/receive", {"received_on": "2024-03-05"}),
        api_post(other, f"/api/transfers/{transfer.pk}/cancel", {"on": "2024-03-05"}))]
    assert sorted(r.status_code for r in responses) == [200, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert refused.json() == {"detail": [vi("This transfer is not pending.")]}
    transfer.refresh_from_db()
    winner = "received" if responses[0].status_code == 200 else "cancelled"
    assert transfer.status == winner
    assert m.memberships.filter(valid_to__isnull=True).count() == 1
    assert counts(m, ["transfer_received", "transfer_cancelled"],
                  ["member.transfer_received", "member.transfer_cancelled"]) == (1, 1)


def web_post(client: Client, url: str, data: dict[str, str]) -> Any:
    def step(start: Start) -> Any:
        start()
        return client.post(url, data)
    return step


def test_two_recognitions_through_the_pages_record_one_and_show_why(tree, users):
    m = probationary(tree)
    clients = [session(users.cell_secretary), session(users.grassroots_secretary)]
    url = f"/dang-vien/{m.pk}/cong-nhan-chinh-thuc/"
    responses = [o.value for o in race(*(web_post(c, url, {"decision_date": "2/9/2023"}) for c in clients))]
    assert sorted(r.status_code for r in responses) == [302, 409]
    refused = next(r for r in responses if r.status_code == 409)
    message = vi("%(member)s is already an official member (since %(day)s).", member="Trần Thị Bình", day="2/9/2023")
    assert message in refused.content.decode()
    assert counts(m, ["recognised"], ["member.recognised"]) == (1, 1)


def test_struck_off_and_deceased_through_the_pages(tree, users):
    m = official(tree)
    clients = [session(users.cell_secretary), session(users.grassroots_secretary)]
    url = f"/dang-vien/{m.pk}/ket-thuc/"
    kinds = ["struck_off", "deceased"]
    responses = [o.value for o in race(*(web_post(c, url, {"kind": k, "on": "1/5/2024"})
                                         for c, k in zip(clients, kinds, strict=True)))]
    assert sorted(r.status_code for r in responses) == [302, 409]
    winner = kinds[[r.status_code for r in responses].index(302)]
    m.refresh_from_db()
    assert (m.state, m.memberships.get().end_reason) == (winner, winner)
    assert counts(m, kinds, ["member.struck_off", "member.deceased"]) == (1, 1)
