"""Writes on members and candidates: the lifecycle of DOMAIN.md §3, each step audited.

Every function validates first and raises ValidationError naming the rule, writing
nothing; then it writes in one transaction, adds a MemberEvent to the member's timeline
and an audit entry (sensitive values masked by log_action).

A step on an existing member first locks the member's row and reads it again (core.conflicts),
then its transfer or candidate: of two concurrent steps the second sees the first's result, and
a step the current state no longer allows (already official, no longer active, a transfer no
longer pending…) raises StateConflict, a ValidationError the API answers 409.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.formatting import format_date
from xaydungdang.members.models import (
    CARD_NUMBER,
    LYLICH_NUMBER,
    AudienceTag,
    Candidate,
    Exemption,
    Member,
    MemberEvent,
    Membership,
    Person,
    Transfer,
)
from xaydungdang.organisations.models import Organisation

PERSON_FIELDS = ("full_name", "sex", "birth_date", "birth_place", "hometown", "residence", "ethnicity", "religion",
                 "national_id", "health", "education", "professional_level", "theory_level", "job", "position")
Kind = MemberEvent.Kind


def _fail(message: str) -> None:
    raise ValidationError(message)


def _conflict(message: str) -> None:
    raise StateConflict(message)


def _lock_org(organisation: Organisation, day: dt.date) -> None:
    """Lock the organisation a membership is opened at and check it exists on `day` as committed
    (a restructuring may have dissolved it since the caller read it)."""
    lock(organisation)
    require_active_org(organisation, day)


def require_active_org(organisation: Organisation, day: dt.date) -> None:
    if not organisation.is_active_on(day):
        if organisation.valid_to is not None and organisation.valid_to <= day:
            _fail(_("%(org)s was dissolved on %(ended)s: no member can join it on %(day)s.") % {
                "org": organisation, "ended": format_date(organisation.valid_to), "day": format_date(day)})
        _fail(_("%(org)s did not exist yet on %(day)s.") % {"org": organisation, "day": format_date(day)})


def identifier_errors(card_number: str | None, lylich_number: str | None, *, exclude: int | None = None) -> list[str]:
    """Why these identifiers cannot be used: malformed, or already someone else's."""
    errors = []
    for value, validator, field in ((card_number, CARD_NUMBER, "card_number"),
                                    (lylich_number, LYLICH_NUMBER, "lylich_number")):
        if not value:
            continue
        try:
            validator(value)
        except ValidationError as error:
            errors += error.messages
            continue
        others = Member.objects.filter(**{field: value})
        if (others.exclude(pk=exclude) if exclude is not None else others).exists():
            errors.append(_("The number %(value)s already belongs to another member.") % {"value": value})
    return errors


def _create_member(**fields: Any) -> Member:
    """The new member row. Two requests may both pass identifier_errors before either is committed; the
    unique keys then refuse the second, which is refused like the check refuses (same messages)
    instead of answering 500. The savepoint keeps the transaction usable to read the number's owner."""
    try:
        with transaction.atomic():
            return Member.objects.create(**fields)
    except IntegrityError:
        errors = identifier_errors(fields.get("card_number"), fields.get("lylich_number"))
        if not errors:
            raise
        raise ValidationError(errors) from None


def _event(member: Member, kind: str, day: dt.date, actor: Any, **fields: Any) -> MemberEvent:
    return MemberEvent.objects.create(member=member, kind=kind, date=day,
                                      created_by=actor if getattr(actor, "pk", None) else None, **fields)


def _person(data: Mapping[str, Any]) -> Person:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    if not str(data.get("full_name", "")).strip():
        _fail(_("The full name is empty."))
    person = Person(**{k: v for k, v in data.items() if v is not None})
    person.full_clean(exclude=["name_key", "search_name"])
    person.save()
    return person


def _regular(member: Member) -> Membership | None:
    return member.memberships.filter(kind=Membership.Kind.REGULAR, valid_to__isnull=True).first()


def _require_active(member: Member) -> None:
    if member.state != Member.State.ACTIVE:
        _conflict(_("%(member)s is no longer an active member (%(state)s).") % {
            "member": member, "state": member.get_state_display()})


@transaction.atomic
def register_member(*, actor: Any, person: Mapping[str, Any], organisation: Organisation, since: dt.date,
                    card_number: str | None = None, lylich_number: str | None = None,
                    admission_decision_date: dt.date | None = None, admission_ceremony_date: dt.date | None = None,
                    official_decision_date: dt.date | None = None,
                    audiences: Iterable[AudienceTag] = ()) -> Member:
    """Record an existing member (first load, import, transfer in from outside the system).

    Side effects: a Person, a Member, a regular Membership from `since`, a timeline event, an audit entry.
    """
    errors = identifier_errors(card_number, lylich_number) + admission_date_errors(
        admission_decision_date, admission_ceremony_date, official_decision_date)
    if errors:
        raise ValidationError(errors)
    require_active_org(organisation, since)
    member = _create_member(
        person=_person(person), card_number=card_number or None, lylich_number=lylich_number or None,
        admission_decision_date=admission_decision_date, admission_ceremony_date=admission_ceremony_date,
        official_decision_date=official_decision_date, state_since=since)
    member.audiences.set(audiences)
    Membership.objects.create(member=member, organisation=organisation, valid_from=since)
    _event(member, Kind.REGISTERED, since, actor, organisation=organisation)
    log_action("member.registered", actor=actor, obj=member, organisation=organisation,
               new={**{k: v for k, v in person.items()}, "card_number": card_number, "lylich_number": lylich_number,
                    "since": since})
    return member


def admission_date_errors(decision: dt.date | None, ceremony: dt.date | None, official: dt.date | None) -> list[str]:
    errors = []
    if decision and ceremony and ceremony < decision:
        errors.append(_("The admission ceremony (%(ceremony)s) cannot precede the admission decision (%(decision)s).")
                      % {"ceremony": format_date(ceremony), "decision": format_date(decision)})
    if official and ceremony and official < ceremony:
        errors.append(_("Official membership (%(official)s) cannot precede the admission ceremony (%(ceremony)s).")
                      % {"official": format_date(official), "ceremony": format_date(ceremony)})
    return errors


@transaction.atomic
def admit(*, actor: Any, organisation: Organisation, decision_date: dt.date, ceremony_date: dt.date,
          person: Mapping[str, Any] | None = None, candidate: Candidate | None = None, decision: str = "",
          card_number: str | None = None, lylich_number: str | None = None) -> Member:
    """Admit a probationary member, from a candidate's record (no retyping) or from profile data.

    The probation of 12 months starts at the ceremony; membership starts at the ceremony too.
    """
    if (person is None) == (candidate is None):
        raise TypeError("give either person data or a candidate")
    if candidate is not None and lock(candidate).status != Candidate.Status.ACTIVE:
        _conflict(_("%(candidate)s is not an active candidate.") % {"candidate": candidate})
    errors = identifier_errors(card_number, lylich_number) + admission_date_errors(decision_date, ceremony_date, None)
    if errors:
        raise ValidationError(errors)
    require_active_org(organisation, ceremony_date)
    record = candidate.person if candidate is not None else _person(person or {})
    if Member.objects.filter(person=record).exists():
        _conflict(_("%(person)s is already a party member.") % {"person": record})
    member = _create_member(person=record, card_number=card_number or None, lylich_number=lylich_number or None,
                            admission_decision_date=decision_date, admission_ceremony_date=ceremony_date,
                            state_since=ceremony_date)
    Membership.objects.create(member=member, organisation=organisation, valid_from=ceremony_date)
    if candidate is not None:
        candidate.status, candidate.member = Candidate.Status.ADMITTED, member
        candidate.save(update_fields=["status", "member"])
    _event(member, Kind.ADMITTED, ceremony_date, actor, organisation=organisation, decision=decision)
    log_action("member.admitted", actor=actor, obj=member, organisation=organisation,
               new={"decision_date": decision_date, "ceremony_date": ceremony_date, "decision": decision})
    return member


@transaction.atomic
def recognise_official(*, actor: Any, member: Member, decision_date: dt.date, decision: str = "") -> None:
    """Recognise a probationary member as official, no earlier than 12 months after the ceremony."""
    _require_active(lock(member))
    if member.official_decision_date is not None:
        _conflict(_("%(member)s is already an official member (since %(day)s).") % {
            "member": member, "day": format_date(member.official_decision_date)})
    due = member.probation_ends()
    if due is not None and decision_date < due:
        _fail(_("A probationary member can be recognised as official only after 12 months of probation from the "
                "admission ceremony: %(member)s not before %(due)s.") % {"member": member, "due": format_date(due)})
    member.official_decision_date = decision_date
    member.save(update_fields=["official_decision_date"])
    regular = _regular(member)
    _event(member, Kind.RECOGNISED, decision_date, actor, organisation=regular.organisation if regular else None,
           decision=decision)
    log_action("member.recognised", actor=actor, obj=member, organisation=regular.organisation if regular else None,
               old={"official_decision_date": None}, new={"official_decision_date": decision_date})


def _close(membership: Membership, day: dt.date, reason: str) -> None:
    if day < membership.valid_from:
        _fail(_("The date %(day)s precedes the membership at %(org)s, which began on %(start)s.") % {
            "day": format_date(day), "org": membership.organisation, "start": format_date(membership.valid_from)})
    membership.valid_to, membership.end_reason = day, reason
    membership.save(update_fields=["valid_to", "end_reason"])


@transaction.atomic
def send_transfer(*, actor: Any, member: Member, kind: str, sent_on: dt.date,
                  to_organisation: Organisation | None = None, to_external: str = "", decision: str = "") -> Transfer:
    """Send a member to another organisation (in the system or outside it).

    A regular transfer ends the membership at the source on `sent_on`; until it is received the
    transfer is pending and visible to both sides. A temporary one keeps the regular membership.
    One outside the system is complete at once: the member is TRANSFERRED_OUT, every open
    membership and key-cadre role ends on `sent_on`.
    """
    _require_active(lock(member))
    if (to_organisation is None) == (not to_external.strip()):
        _fail(_("Choose the destination organisation, or name one outside the system."))
    if to_organisation is not None:
        _lock_org(to_organisation, sent_on)
    if member.transfers.filter(status=Transfer.Status.PENDING, kind=kind).exists():
        _conflict(_("%(member)s already has a pending transfer of this kind.") % {"member": member})
    regular = _regular(member)
    if regular is None:
        _conflict(_("%(member)s has no current membership to transfer from.") % {"member": member})
    assert regular is not None
    if kind == Membership.Kind.TEMPORARY and to_organisation is None:
        _fail(_("A temporary transfer must go to an organisation in the system."))
    if kind == Membership.Kind.REGULAR:
        _close(regular, sent_on, "transferred")
    external = to_organisation is None
    transfer = Transfer.objects.create(
        member=member, kind=kind, from_organisation=regular.organisation, to_organisation=to_organisation,
        to_external=to_external.strip(), sent_on=sent_on, decision=decision,
        status=Transfer.Status.RECEIVED if external else Transfer.Status.PENDING)
    if external:
        member.state, member.state_since = Member.State.TRANSFERRED_OUT, sent_on
        member.save(update_fields=["state", "state_since"])
        _leave(member, sent_on, "transferred")
    _event(member, Kind.TRANSFER_SENT, sent_on, actor, organisation=regular.organisation,
           other_organisation=to_organisation, decision=decision, note=to_external)
    log_action("member.transfer_sent", actor=actor, obj=member, organisation=regular.organisation,
               new={"kind": kind, "to": to_organisation.code if to_organisation else to_external, "sent_on": sent_on})
    return transfer


def _lock_transfer(transfer: Transfer) -> None:
    """Lock the member, then the transfer (the order every member step locks in), and read both again."""
    lock(transfer.member)
    lock(transfer)


@transaction.atomic
def receive_transfer(*, actor: Any, transfer: Transfer, received_on: dt.date) -> Membership:
    """The destination receives the member: a membership there from `received_on`."""
    _lock_transfer(transfer)
    if transfer.status != Transfer.Status.PENDING or transfer.to_organisation is None:
        _conflict(_("This transfer is not pending."))
    assert transfer.to_organisation is not None
    # A member who left meanwhile (struck off, died) must not reappear in the destination's count.
    _require_active(transfer.member)
    if received_on < transfer.sent_on:
        _fail(_("A transfer cannot be received (%(received)s) before it was sent (%(sent)s).") % {
            "received": format_date(received_on), "sent": format_date(transfer.sent_on)})
    _lock_org(transfer.to_organisation, received_on)
    if transfer.member.memberships.filter(kind=transfer.kind, valid_to__isnull=True).exists():
        _conflict(_("%(member)s already has an active membership of this kind; a member belongs to one "
                    "organisation at a time.") % {"member": transfer.member})
    membership = Membership.objects.create(member=transfer.member, organisation=transfer.to_organisation,
                                           kind=transfer.kind, valid_from=received_on)
    transfer.status, transfer.received_on = Transfer.Status.RECEIVED, received_on
    transfer.save(update_fields=["status", "received_on"])
    _event(transfer.member, Kind.TRANSFER_RECEIVED, received_on, actor, organisation=transfer.to_organisation,
           other_organisation=transfer.from_organisation)
    log_action("member.transfer_received", actor=actor, obj=transfer.member, organisation=transfer.to_organisation,
               new={"from": transfer.from_organisation.code, "kind": transfer.kind, "received_on": received_on})
    return membership


@transaction.atomic
def cancel_transfer(*, actor: Any, transfer: Transfer, on: dt.date) -> None:
    """Cancel a pending transfer; a regular one gives the member back to the source from `on`."""
    _lock_transfer(transfer)
    if transfer.status != Transfer.Status.PENDING:
        _conflict(_("This transfer is not pending."))
    # The source membership ended on the sent date; restoring it earlier would overlap that
    # period and count the member twice on the days in between.
    if on < transfer.sent_on:
        _fail(_("A transfer cannot be cancelled (%(on)s) before it was sent (%(sent)s).") % {
            "on": format_date(on), "sent": format_date(transfer.sent_on)})
    if transfer.kind == Membership.Kind.REGULAR:
        # The source may have been dissolved (or be being restructured) since it sent the member.
        _lock_org(transfer.from_organisation, on)
        Membership.objects.create(member=transfer.member, organisation=transfer.from_organisation, valid_from=on)
    transfer.status = Transfer.Status.CANCELLED
    transfer.save(update_fields=["status"])
    _event(transfer.member, Kind.TRANSFER_CANCELLED, on, actor, organisation=transfer.from_organisation)
    log_action("member.transfer_cancelled", actor=actor, obj=transfer.member, organisation=transfer.from_organisation,
               old={"status": Transfer.Status.PENDING}, new={"status": Transfer.Status.CANCELLED})


@transaction.atomic
def end_temporary(*, actor: Any, member: Member, on: dt.date) -> None:
    temporary = lock(member).memberships.filter(kind=Membership.Kind.TEMPORARY, valid_to__isnull=True).first()
    if temporary is None:
        _conflict(_("%(member)s has no temporary membership.") % {"member": member})
    assert temporary is not None
    _close(temporary, on, "temporary_ended")
    _event(member, Kind.TEMPORARY_ENDED, on, actor, organisation=temporary.organisation)
    log_action("member.temporary_ended", actor=actor, obj=member, organisation=temporary.organisation,
               new={"valid_to": on})


@transaction.atomic
def exempt(*, actor: Any, member: Member, valid_from: dt.date, reason: str = "") -> Exemption:
    """Exempt from activities (miễn sinh hoạt); the member still belongs to the organisation."""
    _require_active(lock(member))
    if member.exemptions.filter(valid_to__isnull=True).exists():
        _conflict(_("%(member)s is already exempted from activities.") % {"member": member})
    exemption = Exemption.objects.create(member=member, valid_from=valid_from, reason=reason)
    regular = _regular(member)
    _event(member, Kind.EXEMPTED, valid_from, actor, organisation=regular.organisation if regular else None,
           note=reason)
    log_action("member.exempted", actor=actor, obj=member, organisation=regular.organisation if regular else None,
               new={"valid_from": valid_from, "reason": reason})
    return exemption


@transaction.atomic
def end_exemption(*, actor: Any, member: Member, on: dt.date) -> None:
    exemption = lock(member).exemptions.filter(valid_to__isnull=True).first()
    if exemption is None:
        _conflict(_("%(member)s is not exempted from activities.") % {"member": member})
    assert exemption is not None
    if on < exemption.valid_from:
        _fail(_("The exemption began on %(start)s; it cannot end before.") % {
            "start": format_date(exemption.valid_from)})
    exemption.valid_to = on
    exemption.save(update_fields=["valid_to"])
    regular = _regular(member)
    _event(member, Kind.EXEMPTION_ENDED, on, actor, organisation=regular.organisation if regular else None)
    log_action("member.exemption_ended", actor=actor, obj=member,
               organisation=regular.organisation if regular else None, new={"valid_to": on})


def _leave(member: Member, day: dt.date, reason: str) -> None:
    """The member leaves the system: open memberships end, and key-cadre roles too, since
    key_cadres_on counts open roles and would otherwise keep someone who left."""
    for membership in member.memberships.filter(valid_to__isnull=True):
        _close(membership, day, reason)
    member.key_cadre_roles.filter(valid_to__isnull=True, valid_from__lte=day).update(valid_to=day)


_ENDINGS: dict[str, str] = {
    Kind.STRUCK_OFF: Member.State.STRUCK_OFF,
    Kind.EXPELLED: Member.State.EXPELLED,
    Kind.DECEASED: Member.State.DECEASED,
}


@transaction.atomic
def end_membership(*, actor: Any, member: Member, kind: str, on: dt.date, decision: str = "") -> None:
    """Strike off, expel or record a death: every open membership and key-cadre role ends, pending
    transfers are cancelled; the record stays."""
    if kind not in _ENDINGS:
        raise ValueError(kind)
    _require_active(lock(member))
    regular = _regular(member)
    _leave(member, on, kind)
    # A pending transfer would otherwise stay on both sides' lists for someone no longer a member.
    member.transfers.filter(status=Transfer.Status.PENDING).update(status=Transfer.Status.CANCELLED)
    member.state, member.state_since = _ENDINGS[kind], on
    member.save(update_fields=["state", "state_since"])
    _event(member, kind, on, actor, organisation=regular.organisation if regular else None, decision=decision)
    log_action(f"member.{kind}", actor=actor, obj=member, organisation=regular.organisation if regular else None,
               old={"state": Member.State.ACTIVE}, new={"state": _ENDINGS[kind], "date": on, "decision": decision})


@transaction.atomic
def add_candidate(*, actor: Any, person: Mapping[str, Any], organisation: Organisation, since: dt.date,
                  note: str = "") -> Candidate:
    require_active_org(organisation, since)
    candidate = Candidate.objects.create(person=_person(person), organisation=organisation, since=since, note=note)
    log_action("candidate.added", actor=actor, obj=candidate, organisation=organisation,
               new={**dict(person), "since": since})
    return candidate
