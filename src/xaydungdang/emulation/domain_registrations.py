"""Writes of "làm theo" registrations and commitments (cam kết tu dưỡng, rèn luyện, phấn đấu).

Every function validates everything first and raises ValidationError with a dict {field: [messages]} (Vietnamese,
naming the field), writing nothing; then it writes in one transaction with one audit entry (old and new values).
`actor=None` is the system (the demo, tests).

Rules (decided):
- A year's round must exist (EmulationYear). A registration or commitment dated outside its calendar year is
  refused; one dated inside the year but outside the registration window is accepted (it is marked late on the
  pages: `is_late`), since chi bộ often enter the paper registrations after the window closes.
- An individual registration / a commitment is placed in the member's regular unit on the day it is registered
  (stored as `organisation`): the writer needs records.edit over that unit today (a member writing their own,
  `own=True`, needs only to be that member). A member with no regular unit that day is refused.
- One registration (and one commitment) per member and year, one collective registration per organisation and
  year, not cancelled: checked first, and kept by the database's constraints (an IntegrityError in a race answers
  the same message).
- Approval / return: by records.edit over the approver (`scoping.approver_organisation`: the chi bộ of an
  individual, the committee above a collective), never by the member on their own registration. Only a
  registration awaiting approval is approved or returned; a returned one goes back to "awaiting" when revised.
- Mid-year review and year-end self-assessment: on an approved registration, by a writer of its organisation or
  by the member themself. The year-end check of a commitment: by a writer of its chi bộ only.
- Cancelling (nothing is deleted): the registration / commitment no longer counts, and a new one may be entered.

Concurrent steps lock the row (core.conflicts.lock) and re-read its state; a caller that says which version it saw
(`seen` = the `updated_at` it read) is refused with StateConflict when someone changed it meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.emulation.models import Commitment, EmulationYear, Holder, Registration
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations.models import Organisation, active_on_q

ACTIONS_LIMIT = 10_000
ANY = object()  # seen=ANY: the caller does not say which version it saw

Errors = dict[str, list[str]]


# ---------------------------------------------------------------- shared rules


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _scope(actor: Any) -> Any:
    from xaydungdang.accounts.scope import resolve_scope

    return resolve_scope(actor)


def may_write(actor: Any, organisation_id: int | None) -> bool:
    """Whether `actor` may edit records of the organisation today (None actor: the system, always)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return True
    if organisation_id is None:
        return False
    scope = _scope(actor)
    return bool(scope.has(Capability.EDIT_RECORDS)
                and scope.organisations(Capability.EDIT_RECORDS).filter(pk=organisation_id).exists())


def is_members_own(actor: Any, member: Member | None) -> bool:
    return bool(member is not None and getattr(actor, "pk", None) and member.user_id == actor.pk)


def _require_writer_or_own(actor: Any, organisation_id: int, member: Member | None) -> None:
    if not (is_members_own(actor, member) or may_write(actor, organisation_id)):
        raise PermissionDenied


def _require_writer(actor: Any, organisation_id: int | None) -> None:
    if not may_write(actor, organisation_id):
        raise PermissionDenied


def year_rules(year: Any) -> EmulationYear | None:
    if not isinstance(year, int):
        return None
    return EmulationYear.objects.filter(year=year).first()


def _date_errors(errors: Errors, rules: EmulationYear | None, year: Any, day: Any, field: str) -> None:
    if rules is None:
        _add(errors, "year", _("Year: there are no rules for the year %(year)s; an administrator enters them "
                               "first.") % {"year": year})
    if not isinstance(day, dt.date):
        _add(errors, field, _("Date: enter the date."))
    elif isinstance(year, int) and day.year != year:
        _add(errors, field, _("Date: %(day)s is not in the year %(year)s.") % {"day": format_date(day),
                                                                               "year": year})
    elif day > today():
        _add(errors, field, _("Date: %(day)s is in the future.") % {"day": format_date(day)})


def is_late(rules: EmulationYear | None, day: dt.date) -> bool:
    """Registered outside the year's registration window (accepted, marked late)."""
    return rules is not None and not (rules.opens_on <= day <= rules.closes_on)


def _text(value: Any) -> str:
    return str(value or "").strip()


def _text_error(errors: Errors, field: str, label: str, text: str) -> None:
    if not text:
        _add(errors, field, _("%(field)s: this field is required.") % {"field": label})
    elif len(text) > ACTIONS_LIMIT:
        limit = f"{ACTIONS_LIMIT:,}".replace(",", ".")
        _add(errors, field, _("%(field)s: at most %(limit)s characters.") % {"field": label, "limit": limit})


def unit_on(member: Member, day: dt.date) -> int | None:
    """The member's regular unit on `day` (one query), None when they had none."""
    return (Membership.objects.filter(active_on_q(day), member=member, kind=Membership.Kind.REGULAR)
            .values_list("organisation_id", flat=True).first())


def _member_place(errors: Errors, actor: Any, member: Member | None, day: Any, own: bool) -> int | None:
    """The member's unit on `day`, checked against the writer's scope (errors on the field "member")."""
    if member is None:
        _add(errors, "member", _("Member: choose the member."))
        return None
    if not isinstance(day, dt.date):
        return None
    unit = unit_on(member, day)
    if own:
        if not is_members_own(actor, member):
            raise PermissionDenied
        if unit is None:
            _add(errors, "member", _("Member: you did not belong to a chi bộ on %(day)s.") % {
                "day": format_date(day)})
        return unit
    if unit is None or not may_write(actor, unit):
        # One message for "not a member then" and "not in your scope then": no leak of where they were.
        _add(errors, "member", _("Member: %(name)s was not a member of an organisation in your scope on "
                                 "%(day)s.") % {"name": member, "day": format_date(day)})
        return None
    return unit


def _duplicate_registration(member: Member | None, organisation: Organisation | None, year: int) -> str:
    if member is not None:
        return _("Member: %(name)s already has a registration for %(year)s (cancel it first to enter "
                 "another).") % {"name": member, "year": year}
    return _("Organisation: %(org)s already has a collective registration for %(year)s.") % {
        "org": organisation, "year": year}


def _duplicate_commitment(member: Member, year: int) -> str:
    return _("Member: %(name)s already has a commitment for %(year)s (cancel it first to enter another).") % {
        "name": member, "year": year}


def _check_seen(record: Registration | Commitment, seen: Any) -> None:
    if seen is not ANY and seen is not None and record.updated_at != seen:
        raise StateConflict(_("Someone else changed this record meanwhile; open it again."))


def _require_not_cancelled(record: Registration | Commitment) -> None:
    if record.cancelled_on is not None:
        raise StateConflict(_("This record was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(record.cancelled_on)})


def registration_values(registration: Registration) -> dict[str, Any]:
    return {"year": registration.year, "holder": registration.holder, "organisation": registration.organisation_id,
            "member": registration.member_id, "registered_on": registration.registered_on,
            "actions": registration.actions, "status": registration.status, "approved_on": registration.approved_on,
            "review_note": registration.review_note, "reviewed_on": registration.reviewed_on,
            "self_assessment": registration.self_assessment, "result": registration.result,
            "assessed_on": registration.assessed_on, "cancelled_on": registration.cancelled_on}


def commitment_values(commitment: Commitment) -> dict[str, Any]:
    return {"year": commitment.year, "member": commitment.member_id, "organisation": commitment.organisation_id,
            "written_on": commitment.written_on, "content": commitment.content,
            "check_result": commitment.check_result, "checked_on": commitment.checked_on,
            "check_note": commitment.check_note, "cancelled_on": commitment.cancelled_on}


def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in new if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


# ---------------------------------------------------------------- registrations


@transaction.atomic
def register(*, actor: Any, year: int, registered_on: dt.date, actions: str, member: Member | None = None,
             organisation: Organisation | None = None, own: bool = False) -> Registration:
    """Record a registration: an individual's (`member`) or a collective's (`organisation`, no member).
    Audited as emulation.registration.recorded."""
    errors: Errors = {}
    actions = _text(actions)
    rules = year_rules(year)
    _date_errors(errors, rules, year, registered_on, "registered_on")
    _text_error(errors, "actions", _("Actions registered"), actions)
    holder = Holder.INDIVIDUAL if member is not None or own else Holder.COLLECTIVE
    place: int | None = None
    if holder == Holder.INDIVIDUAL:
        place = _member_place(errors, actor, member, registered_on, own)
    elif organisation is None:
        _add(errors, "organisation", _("Organisation: choose the registering organisation."))
    else:
        if not may_write(actor, organisation.pk):
            _add(errors, "organisation", _("Organisation: %(org)s is not in your scope.") % {"org": organisation})
        elif isinstance(registered_on, dt.date) and not organisation.is_active_on(registered_on):
            _add(errors, "organisation", _("Organisation: %(org)s did not exist on %(day)s.") % {
                "org": organisation, "day": format_date(registered_on)})
        else:
            place = organisation.pk
    if not errors and place is not None:
        existing = Registration.objects.filter(year=year, cancelled_on__isnull=True)
        existing = existing.filter(member=member) if holder == Holder.INDIVIDUAL else existing.filter(
            organisation_id=place, member__isnull=True)
        if existing.exists():
            _add(errors, "member" if holder == Holder.INDIVIDUAL else "organisation",
                 _duplicate_registration(member, organisation, year))
    _raise(errors)
    assert place is not None
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                year=year, holder=holder, organisation_id=place, member=member if holder == Holder.INDIVIDUAL
                else None, registered_on=registered_on, actions=actions,
                created_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError:
        field = "member" if holder == Holder.INDIVIDUAL else "organisation"
        raise ValidationError({field: [_duplicate_registration(member, organisation, year)]}) from None
    log_action("emulation.registration.recorded", actor=actor, obj=registration,
               organisation=registration.organisation, new=registration_values(registration))
    return registration


@transaction.atomic
def revise_registration(*, actor: Any, registration: Registration, actions: str, seen: Any = ANY) -> Registration:
    """Change the actions of a registration not yet approved; a returned one goes back to awaiting approval.
    Audited as emulation.registration.revised."""
    _require_writer_or_own(actor, registration.organisation_id, registration.member)
    actions = _text(actions)
    errors: Errors = {}
    _text_error(errors, "actions", _("Actions registered"), actions)
    _raise(errors)
    lock(registration)
    _require_not_cancelled(registration)
    _check_seen(registration, seen)
    if registration.status == Registration.Status.APPROVED:
        raise StateConflict(_("This registration is approved: its actions can no longer change."))
    old = registration_values(registration)
    registration.actions = actions
    registration.status = Registration.Status.REGISTERED
    registration.save(update_fields=["actions", "status", "updated_at"])
    before, after = _changed(old, registration_values(registration))
    log_action("emulation.registration.revised", actor=actor, obj=registration,
               organisation=registration.organisation, old=before, new=after)
    return registration


def _require_approver(actor: Any, registration: Registration) -> None:
    from xaydungdang.emulation.scoping import approver_organisation

    if is_members_own(actor, registration.member):
        raise PermissionDenied
    approver = approver_organisation(registration)
    _require_writer(actor, approver.pk if approver is not None else None)


@transaction.atomic
def approve_registration(*, actor: Any, registration: Registration, on: dt.date | None = None,
                         seen: Any = ANY) -> Registration:
    """Approve a registration awaiting approval. Audited as emulation.registration.approved."""
    _require_approver(actor, registration)
    on = on or today()
    lock(registration)
    _require_not_cancelled(registration)
    _check_seen(registration, seen)
    if registration.status != Registration.Status.REGISTERED:
        raise StateConflict(_("This registration is not awaiting approval (%(status)s).") % {
            "status": registration.get_status_display()})
    errors: Errors = {}
    if on < registration.registered_on:
        _add(errors, "approved_on", _("Approved on: %(day)s is before the registration (%(registered)s).") % {
            "day": format_date(on), "registered": format_date(registration.registered_on)})
    _raise(errors)
    old = registration_values(registration)
    registration.status = Registration.Status.APPROVED
    registration.approved_on = on
    registration.approved_by = actor if getattr(actor, "pk", None) else None
    registration.save(update_fields=["status", "approved_on", "approved_by", "updated_at"])
    before, after = _changed(old, registration_values(registration))
    log_action("emulation.registration.approved", actor=actor, obj=registration,
               organisation=registration.organisation, old=before, new=after)
    return registration


@transaction.atomic
def return_registration(*, actor: Any, registration: Registration, reason: str, seen: Any = ANY) -> Registration:
    """Return a registration awaiting approval for revision (the reason is kept in the audit entry).
    Audited as emulation.registration.returned."""
    _require_approver(actor, registration)
    reason = _text(reason)
    errors: Errors = {}
    _text_error(errors, "reason", _("Reason"), reason)
    _raise(errors)
    lock(registration)
    _require_not_cancelled(registration)
    _check_seen(registration, seen)
    if registration.status != Registration.Status.REGISTERED:
        raise StateConflict(_("This registration is not awaiting approval (%(status)s).") % {
            "status": registration.get_status_display()})
    registration.status = Registration.Status.RETURNED
    registration.save(update_fields=["status", "updated_at"])
    log_action("emulation.registration.returned", actor=actor, obj=registration,
               organisation=registration.organisation, old={"status": Registration.Status.REGISTERED},
               new={"status": Registration.Status.RETURNED}, extra={"reason": reason})
    return registration


def return_reason(registration: Registration) -> str:
    """Why a returned registration was returned (kept in the audit entry of the step; one query)."""
    if registration.status != Registration.Status.RETURNED:
        return ""
    from xaydungdang.core.models import AuditEntry

    entry = AuditEntry.objects.filter(action="emulation.registration.returned", object_type="emulation.registration",
                                      object_id=str(registration.pk)).order_by("-pk").first()
    return str((entry.data.get("extra") or {}).get("reason", "")) if entry else ""


def _require_approved(registration: Registration) -> None:
    if registration.status != Registration.Status.APPROVED:
        raise StateConflict(_("This registration is not approved yet: it is reviewed and assessed once approved."))


def _record_on_approved(actor: Any, registration: Registration, seen: Any, action: str,
                        **values: Any) -> Registration:
    """Write `values` on an approved registration not cancelled (locked, compare-and-set), audited as `action`."""
    lock(registration)
    _require_not_cancelled(registration)
    _check_seen(registration, seen)
    _require_approved(registration)
    old = registration_values(registration)
    for name, value in values.items():
        setattr(registration, name, value)
    registration.save(update_fields=[*values, "updated_at"])
    before, after = _changed(old, registration_values(registration))
    log_action(action, actor=actor, obj=registration, organisation=registration.organisation, old=before, new=after)
    return registration


@transaction.atomic
def review_registration(*, actor: Any, registration: Registration, note: str, on: dt.date | None = None,
                        seen: Any = ANY) -> Registration:
    """Record the mid-year review of an approved registration. Audited as emulation.registration.reviewed."""
    _require_writer_or_own(actor, registration.organisation_id, registration.member)
    on = on or today()
    note = _text(note)
    errors: Errors = {}
    _text_error(errors, "review_note", _("Mid-year review"), note)
    if on < registration.registered_on:
        _add(errors, "reviewed_on", _("Reviewed on: %(day)s is before the registration (%(registered)s).") % {
            "day": format_date(on), "registered": format_date(registration.registered_on)})
    _raise(errors)
    return _record_on_approved(actor, registration, seen, "emulation.registration.reviewed", review_note=note,
                               reviewed_on=on)


@transaction.atomic
def assess_registration(*, actor: Any, registration: Registration, result: str, self_assessment: str,
                        on: dt.date | None = None, seen: Any = ANY) -> Registration:
    """Record the year-end self-assessment and its result. Audited as emulation.registration.assessed."""
    _require_writer_or_own(actor, registration.organisation_id, registration.member)
    on = on or today()
    text = _text(self_assessment)
    errors: Errors = {}
    if result not in Registration.Result.values:
        _add(errors, "result", _("Result: choose excellently done, done or not done."))
    _text_error(errors, "self_assessment", _("Year-end self-assessment"), text)
    if on < registration.registered_on:
        _add(errors, "assessed_on", _("Assessed on: %(day)s is before the registration (%(registered)s).") % {
            "day": format_date(on), "registered": format_date(registration.registered_on)})
    _raise(errors)
    return _record_on_approved(actor, registration, seen, "emulation.registration.assessed", result=result,
                               self_assessment=text, assessed_on=on)


def _cancel(actor: Any, record: Registration | Commitment, action: str, on: dt.date | None, seen: Any) -> None:
    """Cancel a registration or commitment (locked, once, compare-and-set), audited as `action`."""
    _require_writer(actor, record.organisation_id)
    on = on or today()
    lock(record)
    _require_not_cancelled(record)
    _check_seen(record, seen)
    record.cancelled_on = on
    record.save(update_fields=["cancelled_on", "updated_at"])
    log_action(action, actor=actor, obj=record, organisation=record.organisation, old={"cancelled_on": None},
               new={"cancelled_on": on})


@transaction.atomic
def cancel_registration(*, actor: Any, registration: Registration, on: dt.date | None = None,
                        seen: Any = ANY) -> Registration:
    """Cancel a registration entered by mistake (nothing is deleted). Audited as emulation.registration.cancelled."""
    _cancel(actor, registration, "emulation.registration.cancelled", on, seen)
    return registration


@transaction.atomic
def approve_many(*, actor: Any, registrations: list[Registration], on: dt.date | None = None) -> int:
    """Approve every registration of the list still awaiting approval that the actor may approve (a chi bộ's
    bulk approval); the others are skipped. One audit entry each. Returns how many were approved."""
    approved = 0
    for registration in registrations:
        try:
            approve_registration(actor=actor, registration=registration, on=on)
        except (PermissionDenied, StateConflict):
            continue
        approved += 1
    return approved


# ---------------------------------------------------------------- commitments


@transaction.atomic
def write_commitment(*, actor: Any, member: Member | None, year: int, written_on: dt.date, content: str,
                     own: bool = False) -> Commitment:
    """Record a member's commitment for a year. Audited as emulation.commitment.recorded."""
    errors: Errors = {}
    content = _text(content)
    rules = year_rules(year)
    _date_errors(errors, rules, year, written_on, "written_on")
    _text_error(errors, "content", _("Commitment"), content)
    place = _member_place(errors, actor, member, written_on, own)
    if not errors and member is not None and Commitment.objects.filter(
            member=member, year=year, cancelled_on__isnull=True).exists():
        _add(errors, "member", _duplicate_commitment(member, year))
    _raise(errors)
    assert member is not None and place is not None
    try:
        with transaction.atomic():
            commitment = Commitment.objects.create(
                year=year, member=member, organisation_id=place, written_on=written_on, content=content,
                created_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError:
        raise ValidationError({"member": [_duplicate_commitment(member, year)]}) from None
    log_action("emulation.commitment.recorded", actor=actor, obj=commitment, organisation=commitment.organisation,
               new=commitment_values(commitment))
    return commitment


@transaction.atomic
def revise_commitment(*, actor: Any, commitment: Commitment, content: str, seen: Any = ANY) -> Commitment:
    """Change the text of a commitment not yet checked. Audited as emulation.commitment.revised."""
    _require_writer_or_own(actor, commitment.organisation_id, commitment.member)
    content = _text(content)
    errors: Errors = {}
    _text_error(errors, "content", _("Commitment"), content)
    _raise(errors)
    lock(commitment)
    _require_not_cancelled(commitment)
    _check_seen(commitment, seen)
    if commitment.check_result:
        raise StateConflict(_("This commitment was checked at the year's end: it can no longer change."))
    old = commitment_values(commitment)
    commitment.content = content
    commitment.save(update_fields=["content", "updated_at"])
    before, after = _changed(old, commitment_values(commitment))
    log_action("emulation.commitment.revised", actor=actor, obj=commitment, organisation=commitment.organisation,
               old=before, new=after)
    return commitment


@transaction.atomic
def check_commitment(*, actor: Any, commitment: Commitment, result: str, note: str = "",
                     on: dt.date | None = None, seen: Any = ANY) -> Commitment:
    """Record the year-end check of a commitment (by its chi bộ). Audited as emulation.commitment.checked."""
    _require_writer(actor, commitment.organisation_id)
    on = on or today()
    errors: Errors = {}
    if result not in Commitment.Check.values:
        _add(errors, "check_result", _("Year-end check: choose kept, partly kept or not kept."))
    if on < commitment.written_on:
        _add(errors, "checked_on", _("Checked on: %(day)s is before the commitment (%(written)s).") % {
            "day": format_date(on), "written": format_date(commitment.written_on)})
    _raise(errors)
    lock(commitment)
    _require_not_cancelled(commitment)
    _check_seen(commitment, seen)
    old = commitment_values(commitment)
    commitment.check_result = result
    commitment.check_note = _text(note)
    commitment.checked_on = on
    commitment.save(update_fields=["check_result", "check_note", "checked_on", "updated_at"])
    before, after = _changed(old, commitment_values(commitment))
    log_action("emulation.commitment.checked", actor=actor, obj=commitment, organisation=commitment.organisation,
               old=before, new=after)
    return commitment


@transaction.atomic
def cancel_commitment(*, actor: Any, commitment: Commitment, on: dt.date | None = None,
                      seen: Any = ANY) -> Commitment:
    """Cancel a commitment entered by mistake (nothing is deleted). Audited as emulation.commitment.cancelled."""
    _cancel(actor, commitment, "emulation.commitment.cancelled", on, seen)
    return commitment
