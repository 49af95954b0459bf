"""Registrations and commitments: the writes, their refusals (the message names the field, nothing written),
approval permissions, audit entries."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from tests.emulation import factories_registrations as f
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation.models import Commitment, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(tree):
    return f.emulation_year(2023)


def _fields(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def test_individual_registration_is_placed_in_the_members_unit_and_audited(tree, users, year):
    member = f.member_at(tree.cb1a)
    registration = f.individual(member, actor=users.cell_secretary)
    assert registration.organisation == tree.cb1a
    assert registration.holder == "individual"
    assert registration.status == Registration.Status.REGISTERED
    entry = AuditEntry.objects.get(action="emulation.registration.recorded")
    assert entry.data["new"]["member"] == member.pk
    assert entry.organisation == tree.cb1a


def test_member_outside_the_writers_scope_is_refused(tree, users, year):
    member = f.member_at(tree.cb2a)
    with pytest.raises(ValidationError) as error:
        f.individual(member, actor=users.cell_secretary)
    assert _fields(error.value) == {"member"}
    assert "không" in str(error.value) or "scope" in str(error.value)
    assert not Registration.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="emulation.").exists()


def test_member_in_scope_today_but_elsewhere_on_the_registration_date_is_refused(tree, users, year):
    member = f.member_at(tree.cb2a)
    f.transfer(member, tree.cb1a, dt.date(2023, 3, 1))
    with pytest.raises(ValidationError) as error:
        f.individual(member, on=dt.date(2023, 2, 1), actor=users.cell_secretary)
    assert _fields(error.value) == {"member"}
    registration = f.individual(member, on=dt.date(2023, 3, 2), actor=users.cell_secretary)
    assert registration.organisation == tree.cb1a


def test_second_registration_for_the_same_member_and_year_is_refused(tree, year):
    member = f.member_at(tree.cb1a)
    f.individual(member)
    with pytest.raises(ValidationError) as error:
        f.individual(member, on=dt.date(2023, 3, 1))
    assert _fields(error.value) == {"member"}
    assert Registration.objects.count() == 1


def test_a_race_on_the_constraint_answers_the_same_message(tree, year):
    member = f.member_at(tree.cb1a)
    f.individual(member)
    # The check saw nothing (the other request had not committed yet): the constraint refuses.
    with mock.patch.object(domain.Registration.objects, "filter", wraps=Registration.objects.filter) as wrapped:
        wrapped.return_value = Registration.objects.none()
        with pytest.raises(ValidationError) as error:
            f.individual(member, on=dt.date(2023, 3, 1))
    assert _fields(error.value) == {"member"}
    assert "2023" in str(error.value)
    assert Registration.objects.count() == 1


def test_cancelled_registration_allows_a_new_one(tree, year):
    member = f.member_at(tree.cb1a)
    first = f.individual(member)
    domain.cancel_registration(actor=None, registration=first, on=dt.date(2023, 2, 20))
    second = f.individual(member, on=dt.date(2023, 2, 21))
    assert Registration.objects.count() == 2
    assert second.cancelled_on is None


def test_dates_outside_the_year_and_missing_actions_are_refused(tree, year):
    member = f.member_at(tree.cb1a)
    with pytest.raises(ValidationError) as error:
        domain.register(actor=None, year=2023, registered_on=dt.date(2022, 12, 31), actions="  ", member=member)
    assert _fields(error.value) == {"registered_on", "actions"}
    with pytest.raises(ValidationError) as error:
        domain.register(actor=None, year=2021, registered_on=dt.date(2021, 2, 1), actions="x", member=member)
    assert "year" in _fields(error.value)
    assert not Registration.objects.exists()


def test_outside_the_window_but_in_the_year_is_accepted_and_marked_late(tree, year):
    member = f.member_at(tree.cb1a)
    registration = f.individual(member, on=dt.date(2023, 6, 1))
    assert domain.is_late(year, registration.registered_on)
    assert not domain.is_late(year, dt.date(2023, 2, 1))


def test_collective_registration_once_per_organisation_and_year(tree, users, year):
    registration = f.collective(tree.cb1a, actor=users.grassroots_secretary)
    assert registration.member is None and registration.organisation == tree.cb1a
    with pytest.raises(ValidationError) as error:
        f.collective(tree.cb1a, on=dt.date(2023, 3, 1))
    assert _fields(error.value) == {"organisation"}
    with pytest.raises(ValidationError) as error:
        f.collective(tree.cb2a, actor=users.grassroots_secretary)
    assert _fields(error.value) == {"organisation"}


def test_approval_of_an_individual_by_the_chi_bo(tree, users, year):
    registration = f.individual(f.member_at(tree.cb1a))
    with pytest.raises(PermissionDenied):
        domain.approve_registration(actor=users.cell_secretary.__class__.objects.create(username="x"),
                                    registration=registration)
    domain.approve_registration(actor=users.cell_secretary, registration=registration, on=dt.date(2023, 3, 1))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.APPROVED
    assert registration.approved_by == users.cell_secretary
    with pytest.raises(StateConflict):
        domain.approve_registration(actor=users.cell_secretary, registration=registration)
    entry = AuditEntry.objects.get(action="emulation.registration.approved")
    assert entry.data["old"]["status"] == "registered" and entry.data["new"]["status"] == "approved"


def test_approval_of_a_collective_needs_the_committee_above(tree, users, year):
    registration = f.collective(tree.cb1a)
    with pytest.raises(PermissionDenied):  # the chi bộ itself does not approve its own collective registration
        domain.approve_registration(actor=users.cell_secretary, registration=registration)
    domain.approve_registration(actor=users.grassroots_secretary, registration=registration)
    assert registration.status == Registration.Status.APPROVED


def test_a_member_never_approves_their_own(tree, users, year):
    member = f.member_at(tree.cb1a)
    member.user = users.cell_secretary
    member.save(update_fields=["user"])
    registration = f.individual(member)
    with pytest.raises(PermissionDenied):
        domain.approve_registration(actor=users.cell_secretary, registration=registration)
    domain.approve_registration(actor=users.grassroots_secretary, registration=registration)


def test_return_revise_review_assess(tree, users, year):
    registration = f.individual(f.member_at(tree.cb1a))
    with pytest.raises(ValidationError) as error:
        domain.return_registration(actor=users.cell_secretary, registration=registration, reason="")
    assert _fields(error.value) == {"reason"}
    domain.return_registration(actor=users.cell_secretary, registration=registration, reason="Cần cụ thể hơn")
    assert registration.status == Registration.Status.RETURNED
    with pytest.raises(StateConflict):
        domain.review_registration(actor=None, registration=registration, note="x")
    domain.revise_registration(actor=users.cell_secretary, registration=registration, actions="Cụ thể")
    assert registration.status == Registration.Status.REGISTERED
    domain.approve_registration(actor=users.cell_secretary, registration=registration, on=dt.date(2023, 3, 1))
    with pytest.raises(StateConflict):
        domain.revise_registration(actor=None, registration=registration, actions="Khác")
    domain.review_registration(actor=users.cell_secretary, registration=registration, note="Đúng tiến độ",
                               on=dt.date(2023, 7, 1))
    with pytest.raises(ValidationError) as error:
        domain.assess_registration(actor=None, registration=registration, result="great", self_assessment="")
    assert _fields(error.value) == {"result", "self_assessment"}
    domain.assess_registration(actor=None, registration=registration, result="excellent",
                               self_assessment="Hoàn thành", on=dt.date(2023, 12, 1))
    registration.refresh_from_db()
    assert (registration.result, registration.reviewed_on) == ("excellent", dt.date(2023, 7, 1))
    actions = list(AuditEntry.objects.filter(action__startswith="emulation.").order_by("pk")
                   .values_list("action", flat=True))
    assert actions == ["emulation.registration.recorded", "emulation.registration.returned",
                       "emulation.registration.revised", "emulation.registration.approved",
                       "emulation.registration.reviewed", "emulation.registration.assessed"]


def test_compare_and_set_refuses_a_stale_write(tree, year):
    registration = f.individual(f.member_at(tree.cb1a))
    seen = registration.updated_at
    domain.revise_registration(actor=None, registration=registration, actions="Mới")
    stale = Registration.objects.get(pk=registration.pk)
    with pytest.raises(StateConflict):
        domain.approve_registration(actor=None, registration=stale, seen=seen)


def test_bulk_approval_skips_what_the_actor_may_not_approve(tree, users, year):
    mine = [f.individual(f.member_at(tree.cb1a)) for _ in range(3)]
    other = f.individual(f.member_at(tree.cb1b))
    approved = domain.approve_many(actor=users.cell_secretary, registrations=[*mine, other])
    assert approved == 3
    assert Registration.objects.filter(status="approved").count() == 3


def test_commitments_scope_duplicate_and_check(tree, users, year):
    member = f.member_at(tree.cb1a)
    with pytest.raises(ValidationError) as error:
        f.commitment(f.member_at(tree.cb2a), actor=users.cell_secretary)
    assert _fields(error.value) == {"member"}
    commitment = f.commitment(member, actor=users.cell_secretary)
    assert commitment.organisation == tree.cb1a
    with pytest.raises(ValidationError) as error:
        f.commitment(member, on=dt.date(2023, 3, 1))
    assert _fields(error.value) == {"member"}
    with pytest.raises(ValidationError) as error:
        domain.write_commitment(actor=None, member=f.member_at(tree.cb1a), year=2023,
                                written_on=dt.date(2023, 2, 1), content="")
    assert _fields(error.value) == {"content"}
    with pytest.raises(ValidationError) as error:
        domain.check_commitment(actor=None, commitment=commitment, result="maybe")
    assert _fields(error.value) == {"check_result"}
    domain.check_commitment(actor=users.cell_secretary, commitment=commitment, result="kept", on=dt.date(2023, 12, 20))
    assert Commitment.objects.get().check_result == "kept"
    assert AuditEntry.objects.filter(action="emulation.commitment.checked").count() == 1


def test_commitment_race_on_the_constraint(tree, year):
    member = f.member_at(tree.cb1a)
    f.commitment(member)
    with mock.patch.object(domain.Commitment.objects, "create", side_effect=IntegrityError("dup")), \
            mock.patch.object(domain.Commitment.objects, "filter", return_value=Commitment.objects.none()), \
            pytest.raises(ValidationError) as error:
        f.commitment(member, on=dt.date(2023, 3, 1))
    assert _fields(error.value) == {"member"}
