"""The member lifecycle (DOMAIN.md §3): what each step writes, and that every refusal names its
rule and writes nothing.

The `tree` fixture (tests/conftest.py) is established on 1/1/2015, every organisation named
"Tổ chức <code>": P ── D ── DB1 ── CB1A, CB1B / DB2 ── CB2A / CBCS;  P ── K ── DB3 ── CB3A.
`restructured_tree` splits D on 1/7/2025 into X1 (DB1) and X2 (DB2, CBCS).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils.translation import override

from tests.factories import UserFactory
from tests.members.helpers import (
    SINCE,
    audit_rows,
    events_of,
    last_audit_id,
    member,
    memberships_of,
    person,
    refused,
    row_counts,
)
from xaydungdang.core.models import AuditEntry
from xaydungdang.members import domain, queries
from xaydungdang.members.models import (
    Candidate,
    Exemption,
    KeyCadreRole,
    Member,
    MemberEvent,
    Membership,
    Person,
    Transfer,
)
from xaydungdang.organisations.reference import RESTRUCTURING_2025

REGULAR, TEMPORARY = Membership.Kind.REGULAR, Membership.Kind.TEMPORARY
SENT = dt.date(2023, 3, 10)
RECEIVED = dt.date(2023, 3, 15)
JUNE_30 = dt.date(2025, 6, 30)
MASK = "••••"
SENSITIVE = {"ethnicity": "Tày", "religion": "Phật giáo", "national_id": "001099012345", "health": "Loại 2"}
CARD_MESSAGE = "A party card number has exactly 8 digits."
LYLICH_MESSAGE = "A lý lịch number has 6 digits and 1 to 3 capital letters."


def an(tree, **kwargs):
    """Nguyễn Văn An, a member of CB1A since 1/1/2020."""
    return member(tree.cb1a, "Nguyễn Văn An", **kwargs)


def probationary(tree, ceremony: dt.date):
    return member(tree.cb1a, "Trần Thị Bình", sex="nu", admission_decision_date=ceremony - dt.timedelta(days=10),
                  admission_ceremony_date=ceremony, since=ceremony)


def send(m, to=None, *, kind=REGULAR, on=SENT, **kwargs):
    return domain.send_transfer(actor=None, member=m, kind=kind, sent_on=on, to_organisation=to, **kwargs)


def receive(transfer, on=RECEIVED):
    return domain.receive_transfer(actor=None, transfer=transfer, received_on=on)


# ---------------------------------------------------------------- register_member

def test_register_member_writes_person_member_membership_event_and_audit(tree):
    actor = UserFactory(username="van-phong")
    before = last_audit_id()
    m = domain.register_member(
        actor=actor, person=person("  Nguyễn   Văn  An ", birth_date=dt.date(1990, 5, 17), job="Giáo viên",
                                   **SENSITIVE),
        organisation=tree.cb1a, since=SINCE, card_number="12345678", lylich_number="123456BN",
        admission_decision_date=dt.date(2010, 4, 20), admission_ceremony_date=dt.date(2010, 5, 1),
        official_decision_date=dt.date(2011, 5, 1))

    m.refresh_from_db()
    p = m.person
    assert (p.full_name, p.search_name, p.sex, p.birth_date, p.job) == (
        "Nguyễn Văn An", "nguyen van an", "nam", dt.date(1990, 5, 17), "Giáo viên")
    assert (p.ethnicity, p.religion, p.national_id, p.health) == ("Tày", "Phật giáo", "001099012345", "Loại 2")
    assert (m.card_number, m.lylich_number, m.admission_decision_date, m.admission_ceremony_date,
            m.official_decision_date, m.state, m.state_since) == (
        "12345678", "123456BN", dt.date(2010, 4, 20), dt.date(2010, 5, 1), dt.date(2011, 5, 1), "active", SINCE)
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, None, "")]
    assert events_of(m) == [("registered", SINCE, "CB1A", None, "", "")]
    assert m.events.get().created_by == actor
    assert audit_rows(before) == [("member.registered", "CB1A", {"old": {}, "new": {
        "full_name": "  Nguyễn   Văn  An ", "sex": "nam", "birth_date": "1990-05-17", "job": "Giáo viên",
        "ethnicity": MASK, "religion": MASK, "national_id": MASK, "health": MASK,
        "card_number": "12345678", "lylich_number": "123456BN", "since": "2020-01-01"}})]
    entry = AuditEntry.objects.get(id__gt=before)
    assert (entry.actor, entry.object_type, entry.object_id, entry.object_repr) == (
        actor, "members.member", str(m.pk), "Nguyễn Văn An")


def test_register_member_without_identifiers_stores_null_not_empty(tree):
    first = member(tree.cb1a, "Nguyễn Văn An", card_number="", lylich_number="")
    second = member(tree.cb1a, "Lê Văn Bình")  # two members without numbers: NULLs do not collide
    assert [(m.card_number, m.lylich_number) for m in (first, second)] == [(None, None), (None, None)]


def test_register_member_sets_audiences(tree):
    from xaydungdang.members.models import AudienceTag

    youth = AudienceTag.objects.create(code="doan-vien", name="Đoàn viên")
    m = an(tree, audiences=[youth])
    assert list(m.audiences.values_list("code", flat=True)) == ["doan-vien"]


@pytest.mark.parametrize("card", ["1234567", "123456789", "1234567a", "1234 567", "12345678\n",
                                  "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"])  # full-width digits
def test_register_member_malformed_card_is_refused(tree, card):
    assert refused(lambda: an(tree, card_number=card)) == [CARD_MESSAGE]


@pytest.mark.parametrize("lylich", ["12345BN", "123456", "123456ABCD", "123456bn", "12345678", "A123456",
                                    "123456BN\n", "\u0661\u0662\u0663\u0664\u0665\u0666BN"])
def test_register_member_malformed_lylich_is_refused(tree, lylich):
    assert refused(lambda: an(tree, lylich_number=lylich)) == [LYLICH_MESSAGE]


@pytest.mark.parametrize("lylich", ["123456B", "123456BN", "123456HNA", "123456ĐN"])
def test_register_member_well_formed_lylich_is_accepted(tree, lylich):
    assert an(tree, lylich_number=lylich).lylich_number == lylich


def test_register_member_both_identifiers_malformed_lists_both(tree):
    assert refused(lambda: an(tree, card_number="1", lylich_number="1")) == [CARD_MESSAGE, LYLICH_MESSAGE]


def test_register_member_duplicate_identifiers_are_refused(tree):
    an(tree, card_number="12345678", lylich_number="123456BN")
    assert refused(lambda: member(tree.cb2a, "Lê Văn Cường", card_number="12345678", lylich_number="123456BN")) == [
        "The number 12345678 already belongs to another member.",
        "The number 123456BN already belongs to another member."]


def test_identifier_errors_exclude_the_member_being_edited(tree):
    m = an(tree, card_number="12345678", lylich_number="123456BN")
    with override("en"):
        assert domain.identifier_errors("12345678", "123456BN", exclude=m.pk) == []
        assert domain.identifier_errors("12345678", None) == ["The number 12345678 already belongs to another member."]
        assert domain.identifier_errors(None, "") == []


def test_register_member_ceremony_before_decision_is_refused(tree):
    messages = refused(lambda: an(tree, admission_decision_date=dt.date(2010, 5, 1),
                                  admission_ceremony_date=dt.date(2010, 4, 30)))
    assert messages == ["The admission ceremony (30/4/2010) cannot precede the admission decision (1/5/2010)."]


def test_register_member_official_before_ceremony_is_refused(tree):
    messages = refused(lambda: an(tree, admission_ceremony_date=dt.date(2010, 5, 1),
                                  official_decision_date=dt.date(2010, 4, 30)))
    assert messages == ["Official membership (30/4/2010) cannot precede the admission ceremony (1/5/2010)."]


def test_register_member_reports_identifier_and_date_errors_together(tree):
    messages = refused(lambda: an(tree, card_number="1", admission_decision_date=dt.date(2010, 5, 2),
                                  admission_ceremony_date=dt.date(2010, 5, 1),
                                  official_decision_date=dt.date(2010, 4, 1)))
    assert messages == [CARD_MESSAGE,
                        "The admission ceremony (1/5/2010) cannot precede the admission decision (2/5/2010).",
                        "Official membership (1/4/2010) cannot precede the admission ceremony (1/5/2010)."]


def test_register_member_same_day_dates_are_accepted(tree):
    day = dt.date(2010, 5, 1)
    m = an(tree, admission_decision_date=day, admission_ceremony_date=day, official_decision_date=day)
    assert (m.admission_decision_date, m.admission_ceremony_date, m.official_decision_date) == (day, day, day)


def test_register_member_in_dissolved_organisation_is_refused(restructured_tree):
    t = restructured_tree
    assert refused(lambda: member(t.district, "Nguyễn Văn An", since=RESTRUCTURING_2025)) == [
        "Tổ chức D was dissolved on 1/7/2025: no member can join it on 1/7/2025."]


def test_register_member_before_organisation_existed_is_refused(restructured_tree):
    t = restructured_tree
    assert refused(lambda: member(t.db1, "Nguyễn Văn An", since=dt.date(2014, 12, 31))) == [
        "Tổ chức DB1 did not exist yet on 31/12/2014."]
    x1 = t.db1.versions.get(valid_from=RESTRUCTURING_2025).parent
    assert refused(lambda: member(x1, "Nguyễn Văn An", since=JUNE_30)) == [
        "Đảng bộ xã Một did not exist yet on 30/6/2025."]


def test_register_member_on_last_day_of_organisation_is_accepted(restructured_tree):
    m = member(restructured_tree.district, "Nguyễn Văn An", since=JUNE_30)
    assert memberships_of(m) == [("D", REGULAR, JUNE_30, None, "")]


@pytest.mark.parametrize("name", ["", "   "])
def test_register_member_empty_name_is_refused(tree, name):
    assert refused(lambda: member(tree.cb1a, name)) == ["The full name is empty."]


def test_register_member_invalid_profile_is_refused(tree):
    assert refused(lambda: member(tree.cb1a, "Nguyễn Văn An", sex="x")) == ["Value 'x' is not a valid choice."]


def test_register_member_unknown_profile_field_is_a_programming_error(tree):
    with pytest.raises(TypeError):
        domain.register_member(actor=None, person={"full_name": "A", "sex": "nam", "salary": 1},
                               organisation=tree.cb1a, since=SINCE)


# ---------------------------------------------------------------- admit

def test_admit_from_person_data_starts_membership_at_ceremony(tree):
    before = last_audit_id()
    m = domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                     ceremony_date=dt.date(2023, 9, 2), person=person("Lê Thị Hoa", "nu", **SENSITIVE),
                     decision="15-QĐ/ĐU", card_number="87654321", lylich_number="654321HN")
    m.refresh_from_db()
    assert (m.person.full_name, m.person.religion, m.card_number, m.lylich_number) == (
        "Lê Thị Hoa", "Phật giáo", "87654321", "654321HN")
    assert (m.admission_decision_date, m.admission_ceremony_date, m.official_decision_date, m.state,
            m.state_since) == (dt.date(2023, 8, 20), dt.date(2023, 9, 2), None, "active", dt.date(2023, 9, 2))
    assert memberships_of(m) == [("CB1A", REGULAR, dt.date(2023, 9, 2), None, "")]
    assert events_of(m) == [("admitted", dt.date(2023, 9, 2), "CB1A", None, "15-QĐ/ĐU", "")]
    assert audit_rows(before) == [("member.admitted", "CB1A", {"old": {}, "new": {
        "decision_date": "2023-08-20", "ceremony_date": "2023-09-02", "decision": "15-QĐ/ĐU"}})]


def test_admit_candidate_reuses_the_record_without_retyping(tree):
    candidate = domain.add_candidate(actor=None, person=person("Phạm Văn Cường", birth_date=dt.date(1998, 1, 2)),
                                     organisation=tree.cb1a, since=dt.date(2022, 1, 1), note="Đoàn viên ưu tú")
    people = Person.objects.count()
    m = domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                     ceremony_date=dt.date(2023, 9, 2), candidate=candidate)
    candidate.refresh_from_db()
    assert Person.objects.count() == people
    assert m.person_id == candidate.person_id
    assert (m.person.full_name, m.person.birth_date) == ("Phạm Văn Cường", dt.date(1998, 1, 2))
    assert (candidate.status, candidate.member) == (Candidate.Status.ADMITTED, m)
    assert memberships_of(m) == [("CB1A", REGULAR, dt.date(2023, 9, 2), None, "")]


def test_admit_candidate_twice_is_refused(tree):
    candidate = domain.add_candidate(actor=None, person=person("Phạm Văn Cường"), organisation=tree.cb1a,
                                     since=dt.date(2022, 1, 1))
    domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                 ceremony_date=dt.date(2023, 9, 2), candidate=candidate)
    assert refused(lambda: domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                                        ceremony_date=dt.date(2023, 9, 2), candidate=candidate)) == [
        "Phạm Văn Cường is not an active candidate."]


def test_admit_candidate_who_is_already_a_member_is_refused(tree):
    existing = an(tree)
    candidate = Candidate.objects.create(person=existing.person, organisation=tree.cb1a, since=dt.date(2022, 1, 1))
    assert refused(lambda: domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                                        ceremony_date=dt.date(2023, 9, 2), candidate=candidate)) == [
        "Nguyễn Văn An is already a party member."]


def test_admit_ceremony_before_decision_is_refused(tree):
    assert refused(lambda: domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 9, 3),
                                        ceremony_date=dt.date(2023, 9, 2), person=person("Lê Thị Hoa", "nu"))) == [
        "The admission ceremony (2/9/2023) cannot precede the admission decision (3/9/2023)."]


def test_admit_duplicate_card_is_refused(tree):
    an(tree, card_number="12345678")
    assert refused(lambda: domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                                        ceremony_date=dt.date(2023, 9, 2), person=person("Lê Thị Hoa", "nu"),
                                        card_number="12345678")) == [
        "The number 12345678 already belongs to another member."]


def test_admit_into_dissolved_organisation_is_refused(restructured_tree):
    t = restructured_tree
    assert refused(lambda: domain.admit(actor=None, organisation=t.district, decision_date=JUNE_30,
                                        ceremony_date=RESTRUCTURING_2025, person=person("Lê Thị Hoa", "nu"))) == [
        "Tổ chức D was dissolved on 1/7/2025: no member can join it on 1/7/2025."]


def test_admit_needs_exactly_one_source(tree):
    candidate = domain.add_candidate(actor=None, person=person("Phạm Văn Cường"), organisation=tree.cb1a,
                                     since=dt.date(2022, 1, 1))
    for kwargs in ({}, {"person": person("Lê Thị Hoa", "nu"), "candidate": candidate}):
        with pytest.raises(TypeError):
            domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                         ceremony_date=dt.date(2023, 9, 2), **kwargs)


# ---------------------------------------------------------------- recognise_official

@pytest.mark.parametrize(("ceremony", "due"), [
    (dt.date(2022, 9, 2), dt.date(2023, 9, 2)),
    (dt.date(2023, 1, 31), dt.date(2024, 1, 31)),
    (dt.date(2024, 2, 29), dt.date(2025, 2, 28)),  # no 29/2 in 2025: the month's last day
    (dt.date(2023, 2, 28), dt.date(2024, 2, 28)),
])
def test_probation_ends_twelve_months_after_ceremony(ceremony, due):
    assert Member(admission_ceremony_date=ceremony).probation_ends() == due


def test_probation_ends_unknown_without_ceremony():
    assert Member().probation_ends() is None


def test_recognise_official_one_day_early_is_refused_naming_the_rule_and_first_date(tree):
    m = probationary(tree, dt.date(2022, 9, 2))
    assert refused(lambda: domain.recognise_official(actor=None, member=m, decision_date=dt.date(2023, 9, 1))) == [
        "A probationary member can be recognised as official only after 12 months of probation from the "
        "admission ceremony: Trần Thị Bình not before 2/9/2023."]


def test_recognise_official_on_due_date_is_accepted(tree):
    m = probationary(tree, dt.date(2022, 9, 2))
    before = last_audit_id()
    domain.recognise_official(actor=None, member=m, decision_date=dt.date(2023, 9, 2), decision="20-QĐ/ĐU")
    m.refresh_from_db()
    assert m.official_decision_date == dt.date(2023, 9, 2)
    assert events_of(m)[-1] == ("recognised", dt.date(2023, 9, 2), "CB1A", None, "20-QĐ/ĐU", "")
    assert audit_rows(before) == [("member.recognised", "CB1A", {
        "old": {"official_decision_date": None}, "new": {"official_decision_date": "2023-09-02"}})]


def test_recognise_official_after_29_february_ceremony(tree):
    m = probationary(tree, dt.date(2024, 2, 29))
    assert refused(lambda: domain.recognise_official(actor=None, member=m, decision_date=dt.date(2025, 2, 27))) == [
        "A probationary member can be recognised as official only after 12 months of probation from the "
        "admission ceremony: Trần Thị Bình not before 28/2/2025."]
    domain.recognise_official(actor=None, member=m, decision_date=dt.date(2025, 2, 28))
    m.refresh_from_db()
    assert m.official_decision_date == dt.date(2025, 2, 28)


def test_recognise_official_twice_is_refused(tree):
    m = probationary(tree, dt.date(2022, 9, 2))
    domain.recognise_official(actor=None, member=m, decision_date=dt.date(2023, 9, 2))
    assert refused(lambda: domain.recognise_official(actor=None, member=m, decision_date=dt.date(2023, 10, 1))) == [
        "Trần Thị Bình is already an official member (since 2/9/2023)."]


def test_recognise_official_of_former_member_is_refused(tree):
    m = probationary(tree, dt.date(2022, 9, 2))
    domain.end_membership(actor=None, member=m, kind="deceased", on=dt.date(2023, 5, 1))
    assert refused(lambda: domain.recognise_official(actor=None, member=m, decision_date=dt.date(2023, 9, 2))) == [
        "Trần Thị Bình is no longer an active member (Deceased)."]


# ---------------------------------------------------------------- regular transfer

def test_send_regular_transfer_ends_source_membership_and_is_pending_for_both_sides(tree):
    m = an(tree)
    before = last_audit_id()
    transfer = send(m, tree.cb2a, decision="05-QĐ/ĐU")
    transfer.refresh_from_db()
    assert (transfer.kind, transfer.from_organisation, transfer.to_organisation, transfer.to_external,
            transfer.sent_on, transfer.received_on, transfer.status, transfer.decision) == (
        REGULAR, tree.cb1a, tree.cb2a, "", SENT, None, Transfer.Status.PENDING, "05-QĐ/ĐU")
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, SENT, "transferred")]
    assert list(queries.pending_transfers([tree.cb1a.pk])) == [transfer]
    assert list(queries.pending_transfers([tree.cb2a.pk])) == [transfer]
    assert list(queries.pending_transfers([tree.cb3a.pk, tree.db1.pk])) == []
    assert events_of(m)[-1] == ("transfer_sent", SENT, "CB1A", "CB2A", "05-QĐ/ĐU", "")
    assert audit_rows(before) == [("member.transfer_sent", "CB1A", {"old": {}, "new": {
        "kind": "regular", "to": "CB2A", "sent_on": "2023-03-10"}})]
    m.refresh_from_db()
    assert m.state == "active"


def test_receive_regular_transfer_opens_destination_membership(tree):
    m = an(tree)
    transfer = send(m, tree.cb2a)
    before = last_audit_id()
    membership = receive(transfer)
    transfer.refresh_from_db()
    assert (membership.organisation, membership.kind, membership.valid_from, membership.valid_to) == (
        tree.cb2a, REGULAR, RECEIVED, None)
    assert (transfer.status, transfer.received_on) == (Transfer.Status.RECEIVED, RECEIVED)
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, SENT, "transferred"),
                                 ("CB2A", REGULAR, RECEIVED, None, "")]
    assert list(queries.pending_transfers([tree.cb1a.pk, tree.cb2a.pk])) == []
    assert events_of(m)[-1] == ("transfer_received", RECEIVED, "CB2A", "CB1A", "", "")
    assert audit_rows(before) == [("member.transfer_received", "CB2A", {"old": {}, "new": {
        "from": "CB1A", "kind": "regular", "received_on": "2023-03-15"}})]


def test_receive_transfer_on_sent_day_is_accepted(tree):
    m = an(tree)
    receive(send(m, tree.cb2a), on=SENT)
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, SENT, "transferred"), ("CB2A", REGULAR, SENT, None, "")]


def test_receive_transfer_before_it_was_sent_is_refused(tree):
    transfer = send(an(tree), tree.cb2a)
    assert refused(lambda: receive(transfer, on=dt.date(2023, 3, 9))) == [
        "A transfer cannot be received (9/3/2023) before it was sent (10/3/2023)."]


def test_receive_transfer_twice_is_refused(tree):
    transfer = send(an(tree), tree.cb2a)
    receive(transfer)
    assert refused(lambda: receive(transfer, on=dt.date(2023, 4, 1))) == ["This transfer is not pending."]


def test_send_transfer_to_dissolved_organisation_is_refused(restructured_tree):
    t = restructured_tree
    m = an(t)
    assert refused(lambda: send(m, t.district, on=RESTRUCTURING_2025)) == [
        "Tổ chức D was dissolved on 1/7/2025: no member can join it on 1/7/2025."]


def test_send_transfer_to_organisation_not_yet_established_is_refused(restructured_tree):
    t = restructured_tree
    x2 = t.db2.versions.get(valid_from=RESTRUCTURING_2025).parent
    m = an(t)
    assert refused(lambda: send(m, x2, on=JUNE_30)) == ["Đảng bộ xã Hai did not exist yet on 30/6/2025."]


def test_receive_transfer_after_destination_was_dissolved_is_refused(restructured_tree):
    t = restructured_tree
    transfer = send(an(t), t.district, on=dt.date(2025, 6, 20))
    assert refused(lambda: receive(transfer, on=dt.date(2025, 7, 2))) == [
        "Tổ chức D was dissolved on 1/7/2025: no member can join it on 2/7/2025."]


@pytest.mark.parametrize(("to", "external"), [(None, ""), (None, "   "), ("cb2a", "Đảng bộ tỉnh Bắc Ninh")])
def test_send_transfer_needs_exactly_one_destination(tree, to, external):
    m = an(tree)
    destination = getattr(tree, to) if to else None
    assert refused(lambda: send(m, destination, to_external=external)) == [
        "Choose the destination organisation, or name one outside the system."]


def test_send_transfer_before_membership_began_is_refused(tree):
    m = an(tree)
    assert refused(lambda: send(m, tree.cb2a, on=dt.date(2019, 12, 31))) == [
        "The date 31/12/2019 precedes the membership at Tổ chức CB1A, which began on 1/1/2020."]


def test_send_second_regular_transfer_while_one_is_pending_is_refused(tree):
    m = an(tree)
    send(m, tree.cb2a)
    assert refused(lambda: send(m, tree.cb3a, on=dt.date(2023, 3, 11))) == [
        "Nguyễn Văn An already has a pending transfer of this kind."]


def test_send_temporary_transfer_without_current_membership_is_refused(tree):
    m = an(tree)
    send(m, tree.cb2a)
    assert refused(lambda: send(m, tree.cb3a, kind=TEMPORARY, on=dt.date(2023, 3, 11))) == [
        "Nguyễn Văn An has no current membership to transfer from."]


def test_send_transfer_of_former_member_is_refused(tree):
    m = an(tree)
    domain.end_membership(actor=None, member=m, kind="struck_off", on=dt.date(2023, 1, 1))
    assert refused(lambda: send(m, tree.cb2a)) == [
        "Nguyễn Văn An is no longer an active member (Struck off (xóa tên))."]


# ---------------------------------------------------------------- external and temporary transfers

def test_send_transfer_outside_the_system_marks_member_transferred_out(tree):
    m = an(tree)
    KeyCadreRole.objects.create(member=m, level=tree.district, title="Ủy viên", valid_from=SINCE)
    before = last_audit_id()
    transfer = send(m, to_external="  Đảng bộ tỉnh Bắc Ninh ")
    m.refresh_from_db()
    transfer.refresh_from_db()
    assert (m.state, m.state_since) == (Member.State.TRANSFERRED_OUT, SENT)
    assert (transfer.status, transfer.to_organisation, transfer.to_external) == (
        Transfer.Status.RECEIVED, None, "Đảng bộ tỉnh Bắc Ninh")
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, SENT, "transferred")]
    assert list(m.key_cadre_roles.values_list("valid_to", flat=True)) == [SENT]
    assert list(queries.pending_transfers([tree.cb1a.pk])) == []
    assert audit_rows(before) == [("member.transfer_sent", "CB1A", {"old": {}, "new": {
        "kind": "regular", "to": "  Đảng bộ tỉnh Bắc Ninh ", "sent_on": "2023-03-10"}})]


def test_send_transfer_outside_the_system_also_ends_temporary_membership(tree):
    m = an(tree)
    receive(send(m, tree.cb3a, kind=TEMPORARY, on=dt.date(2023, 1, 2)), on=dt.date(2023, 1, 2))
    send(m, to_external="Đảng bộ tỉnh Bắc Ninh")
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, SENT, "transferred"),
                                 ("CB3A", TEMPORARY, dt.date(2023, 1, 2), SENT, "transferred")]


def test_temporary_transfer_keeps_regular_membership(tree):
    m = an(tree)
    transfer = send(m, tree.cb3a, kind=TEMPORARY)
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, None, "")]
    assert list(queries.pending_transfers([tree.cb3a.pk])) == [transfer]
    receive(transfer)
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, None, ""), ("CB3A", TEMPORARY, RECEIVED, None, "")]


def test_temporary_transfer_outside_the_system_is_refused(tree):
    m = an(tree)
    assert refused(lambda: send(m, kind=TEMPORARY, to_external="Đảng bộ tỉnh Bắc Ninh")) == [
        "A temporary transfer must go to an organisation in the system."]


def test_end_temporary_closes_only_the_temporary_membership(tree):
    m = an(tree)
    receive(send(m, tree.cb3a, kind=TEMPORARY))
    before = last_audit_id()
    domain.end_temporary(actor=None, member=m, on=dt.date(2023, 10, 1))
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, None, ""),
                                 ("CB3A", TEMPORARY, RECEIVED, dt.date(2023, 10, 1), "temporary_ended")]
    assert events_of(m)[-1] == ("temporary_ended", dt.date(2023, 10, 1), "CB3A", None, "", "")
    assert audit_rows(before) == [("member.temporary_ended", "CB3A", {"old": {}, "new": {"valid_to": "2023-10-01"}})]


def test_end_temporary_without_one_is_refused(tree):
    m = an(tree)
    assert refused(lambda: domain.end_temporary(actor=None, member=m, on=dt.date(2023, 10, 1))) == [
        "Nguyễn Văn An has no temporary membership."]


def test_end_temporary_before_it_began_is_refused(tree):
    m = an(tree)
    receive(send(m, tree.cb3a, kind=TEMPORARY))
    assert refused(lambda: domain.end_temporary(actor=None, member=m, on=dt.date(2023, 3, 14))) == [
        "The date 14/3/2023 precedes the membership at Tổ chức CB3A, which began on 15/3/2023."]


# ---------------------------------------------------------------- one active membership per kind

def test_receiving_a_second_temporary_membership_is_refused(tree):
    m = an(tree)
    receive(send(m, tree.cb2a, kind=TEMPORARY))
    second = send(m, tree.cb3a, kind=TEMPORARY, on=dt.date(2023, 4, 1))  # may be sent: the first could end first
    assert refused(lambda: receive(second, on=dt.date(2023, 4, 2))) == [
        "Nguyễn Văn An already has an active membership of this kind; a member belongs to one organisation at a "
        "time."]


def test_second_temporary_membership_is_accepted_once_the_first_ended(tree):
    m = an(tree)
    receive(send(m, tree.cb2a, kind=TEMPORARY))
    second = send(m, tree.cb3a, kind=TEMPORARY, on=dt.date(2023, 4, 1))
    domain.end_temporary(actor=None, member=m, on=dt.date(2023, 4, 2))
    receive(second, on=dt.date(2023, 4, 2))
    assert memberships_of(m)[1:] == [("CB2A", TEMPORARY, RECEIVED, dt.date(2023, 4, 2), "temporary_ended"),
                                     ("CB3A", TEMPORARY, dt.date(2023, 4, 2), None, "")]


@pytest.mark.parametrize("kind", [REGULAR, TEMPORARY])
def test_database_refuses_second_open_membership_of_a_kind(tree, kind):
    m = an(tree)
    Membership.objects.create(member=m, organisation=tree.cb1b, kind=TEMPORARY, valid_from=SINCE) \
        if kind == TEMPORARY else None
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(member=m, organisation=tree.cb2a, kind=kind, valid_from=SENT)


def test_database_allows_closed_memberships_beside_an_open_one(tree):
    m = an(tree)
    Membership.objects.create(member=m, organisation=tree.cb2a, valid_from=dt.date(2016, 1, 1),
                              valid_to=dt.date(2017, 1, 1))
    Membership.objects.create(member=m, organisation=tree.cb3a, kind=TEMPORARY, valid_from=SENT)
    assert Membership.objects.filter(member=m).count() == 3


# ---------------------------------------------------------------- cancel_transfer

def test_cancel_regular_transfer_returns_member_to_source_from_that_day(tree):
    m = an(tree)
    transfer = send(m, tree.cb2a)
    before = last_audit_id()
    domain.cancel_transfer(actor=None, transfer=transfer, on=RECEIVED)
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.CANCELLED
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, SENT, "transferred"), ("CB1A", REGULAR, RECEIVED, None, "")]
    assert list(queries.pending_transfers([tree.cb1a.pk, tree.cb2a.pk])) == []
    assert events_of(m)[-1] == ("transfer_cancelled", RECEIVED, "CB1A", None, "", "")
    assert audit_rows(before) == [("member.transfer_cancelled", "CB1A", {
        "old": {"status": "pending"}, "new": {"status": "cancelled"}})]


def test_cancel_temporary_transfer_leaves_memberships_alone(tree):
    m = an(tree)
    domain.cancel_transfer(actor=None, transfer=send(m, tree.cb3a, kind=TEMPORARY), on=RECEIVED)
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, None, "")]


def test_cancel_transfer_before_it_was_sent_is_refused(tree):
    transfer = send(an(tree), tree.cb2a)
    assert refused(lambda: domain.cancel_transfer(actor=None, transfer=transfer, on=dt.date(2023, 3, 9))) == [
        "A transfer cannot be cancelled (9/3/2023) before it was sent (10/3/2023)."]


def test_cancel_received_transfer_is_refused(tree):
    transfer = send(an(tree), tree.cb2a)
    receive(transfer)
    assert refused(lambda: domain.cancel_transfer(actor=None, transfer=transfer, on=RECEIVED)) == [
        "This transfer is not pending."]


def test_receive_cancelled_transfer_is_refused(tree):
    transfer = send(an(tree), tree.cb2a)
    domain.cancel_transfer(actor=None, transfer=transfer, on=SENT)
    assert refused(lambda: receive(transfer)) == ["This transfer is not pending."]


# ---------------------------------------------------------------- exemption

def test_exempt_records_period_and_keeps_membership(tree):
    m = an(tree)
    before = last_audit_id()
    exemption = domain.exempt(actor=None, member=m, valid_from=dt.date(2023, 5, 1), reason="Tuổi cao, sức yếu")
    assert (exemption.valid_from, exemption.valid_to, exemption.reason) == (
        dt.date(2023, 5, 1), None, "Tuổi cao, sức yếu")
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, None, "")]
    assert queries.count_members_on(tree.cb1a.pk, dt.date(2023, 6, 1)) == 1
    assert events_of(m)[-1] == ("exempted", dt.date(2023, 5, 1), "CB1A", None, "", "Tuổi cao, sức yếu")
    assert audit_rows(before) == [("member.exempted", "CB1A", {"old": {}, "new": {
        "valid_from": "2023-05-01", "reason": "Tuổi cao, sức yếu"}})]


def test_exempt_twice_is_refused(tree):
    m = an(tree)
    domain.exempt(actor=None, member=m, valid_from=dt.date(2023, 5, 1))
    assert refused(lambda: domain.exempt(actor=None, member=m, valid_from=dt.date(2023, 6, 1))) == [
        "Nguyễn Văn An is already exempted from activities."]


def test_exempt_former_member_is_refused(tree):
    m = an(tree)
    domain.end_membership(actor=None, member=m, kind="expelled", on=dt.date(2023, 1, 1))
    assert refused(lambda: domain.exempt(actor=None, member=m, valid_from=dt.date(2023, 5, 1))) == [
        "Nguyễn Văn An is no longer an active member (Expelled (khai trừ))."]


def test_end_exemption_closes_period(tree):
    m = an(tree)
    domain.exempt(actor=None, member=m, valid_from=dt.date(2023, 5, 1))
    before = last_audit_id()
    domain.end_exemption(actor=None, member=m, on=dt.date(2023, 5, 1))
    assert list(Exemption.objects.filter(member=m).values_list("valid_from", "valid_to")) == [
        (dt.date(2023, 5, 1), dt.date(2023, 5, 1))]
    assert events_of(m)[-1] == ("exemption_ended", dt.date(2023, 5, 1), "CB1A", None, "", "")
    assert audit_rows(before) == [("member.exemption_ended", "CB1A", {"old": {}, "new": {"valid_to": "2023-05-01"}})]
    domain.exempt(actor=None, member=m, valid_from=dt.date(2024, 1, 1))  # a new exemption may follow
    assert Exemption.objects.filter(member=m).count() == 2


def test_end_exemption_before_it_began_is_refused(tree):
    m = an(tree)
    domain.exempt(actor=None, member=m, valid_from=dt.date(2023, 5, 1))
    assert refused(lambda: domain.end_exemption(actor=None, member=m, on=dt.date(2023, 4, 30))) == [
        "The exemption began on 1/5/2023; it cannot end before."]


def test_end_exemption_without_one_is_refused(tree):
    m = an(tree)
    assert refused(lambda: domain.end_exemption(actor=None, member=m, on=dt.date(2023, 4, 30))) == [
        "Nguyễn Văn An is not exempted from activities."]


# ---------------------------------------------------------------- struck off, expelled, deceased

@pytest.mark.parametrize("kind", ["struck_off", "expelled", "deceased"])
def test_end_membership_closes_memberships_and_keeps_the_record(tree, kind):
    m = an(tree)
    receive(send(m, tree.cb3a, kind=TEMPORARY))
    KeyCadreRole.objects.create(member=m, level=tree.district, title="Ủy viên", valid_from=SINCE)
    day = dt.date(2023, 6, 1)
    people, members = Person.objects.count(), Member.objects.count()
    before = last_audit_id()
    domain.end_membership(actor=None, member=m, kind=kind, on=day, decision="30-QĐ/ĐU")
    m.refresh_from_db()
    assert (Person.objects.count(), Member.objects.count()) == (people, members)
    assert (m.state, m.state_since) == (kind, day)
    assert memberships_of(m) == [("CB1A", REGULAR, SINCE, day, kind), ("CB3A", TEMPORARY, RECEIVED, day, kind)]
    assert list(m.key_cadre_roles.values_list("valid_to", flat=True)) == [day]
    assert events_of(m)[-1] == (kind, day, "CB1A", None, "30-QĐ/ĐU", "")
    assert audit_rows(before) == [(f"member.{kind}", "CB1A", {
        "old": {"state": "active"}, "new": {"state": kind, "date": "2023-06-01", "decision": "30-QĐ/ĐU"}})]
    assert queries.count_members_on(tree.cb1a.pk, dt.date(2023, 5, 31)) == 1
    assert queries.count_members_on(tree.cb1a.pk, day) == 0


def test_end_membership_cancels_a_pending_transfer(tree):
    m = an(tree)
    transfer = send(m, tree.cb2a)
    domain.end_membership(actor=None, member=m, kind="deceased", on=dt.date(2023, 3, 12))
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.CANCELLED
    assert list(queries.pending_transfers([tree.cb1a.pk, tree.cb2a.pk])) == []
    assert refused(lambda: receive(transfer)) == ["This transfer is not pending."]
    assert queries.count_members_on(tree.cb2a.pk, RECEIVED) == 0


def test_end_membership_twice_is_refused(tree):
    m = an(tree)
    domain.end_membership(actor=None, member=m, kind="struck_off", on=dt.date(2023, 6, 1))
    assert refused(lambda: domain.end_membership(actor=None, member=m, kind="deceased", on=dt.date(2023, 7, 1))) == [
        "Nguyễn Văn An is no longer an active member (Struck off (xóa tên))."]


def test_end_membership_before_membership_began_is_refused(tree):
    m = an(tree)
    assert refused(lambda: domain.end_membership(actor=None, member=m, kind="deceased", on=dt.date(2019, 1, 1))) == [
        "The date 1/1/2019 precedes the membership at Tổ chức CB1A, which began on 1/1/2020."]


def test_end_membership_unknown_kind_is_a_programming_error(tree):
    m = an(tree)
    counts = row_counts()
    with pytest.raises(ValueError):
        domain.end_membership(actor=None, member=m, kind="retired", on=dt.date(2023, 1, 1))
    assert row_counts() == counts


def test_no_member_row_is_ever_deleted_by_the_lifecycle(tree):
    m = an(tree)
    domain.exempt(actor=None, member=m, valid_from=dt.date(2021, 1, 1))
    domain.end_exemption(actor=None, member=m, on=dt.date(2021, 6, 1))
    receive(send(m, tree.cb2a, on=dt.date(2022, 1, 1)), on=dt.date(2022, 1, 5))
    domain.end_membership(actor=None, member=m, kind="deceased", on=dt.date(2023, 1, 1))
    assert [e[0] for e in events_of(m)] == ["registered", "exempted", "exemption_ended", "transfer_sent",
                                            "transfer_received", "deceased"]
    assert (Membership.objects.filter(member=m).count(), MemberEvent.objects.filter(member=m).count()) == (2, 6)


# ---------------------------------------------------------------- candidates and audit masking

def test_add_candidate_writes_person_candidate_and_masked_audit(tree):
    before = last_audit_id()
    candidate = domain.add_candidate(actor=None, person=person("Phạm Văn Cường", **SENSITIVE),
                                     organisation=tree.cb1a, since=dt.date(2022, 1, 1), note="Đoàn viên ưu tú")
    assert (candidate.person.full_name, candidate.organisation, candidate.status, candidate.since,
            candidate.note, candidate.member) == (
        "Phạm Văn Cường", tree.cb1a, Candidate.Status.ACTIVE, dt.date(2022, 1, 1), "Đoàn viên ưu tú", None)
    assert audit_rows(before) == [("candidate.added", "CB1A", {"old": {}, "new": {
        "full_name": "Phạm Văn Cường", "sex": "nam", "ethnicity": MASK, "religion": MASK, "national_id": MASK,
        "health": MASK, "since": "2022-01-01"}})]


def test_add_candidate_in_dissolved_organisation_is_refused(restructured_tree):
    t = restructured_tree
    assert refused(lambda: domain.add_candidate(actor=None, person=person("Phạm Văn Cường"), organisation=t.district,
                                                since=RESTRUCTURING_2025)) == [
        "Tổ chức D was dissolved on 1/7/2025: no member can join it on 1/7/2025."]


def test_sensitive_values_never_reach_the_audit_log(tree):
    m = an(tree, **SENSITIVE)
    domain.add_candidate(actor=None, person=person("Phạm Văn Cường", **SENSITIVE), organisation=tree.cb1a,
                         since=dt.date(2022, 1, 1))
    domain.admit(actor=None, organisation=tree.cb1a, decision_date=dt.date(2023, 8, 20),
                 ceremony_date=dt.date(2023, 9, 2), person=person("Lê Thị Hoa", "nu", **SENSITIVE))
    receive(send(m, tree.cb2a))
    domain.end_membership(actor=None, member=m, kind="deceased", on=dt.date(2024, 1, 1))
    logged = repr(list(AuditEntry.objects.values_list("data", flat=True)))
    assert [value for value in SENSITIVE.values() if value in logged] == []
    assert AuditEntry.objects.filter(action__in=["member.registered", "candidate.added"]).count() == 2
