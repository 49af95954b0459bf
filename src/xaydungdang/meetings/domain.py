"""Writes of chi bộ meetings: record, edit and cancel a meeting, record its attendance, answer the yearly checklist.

Every function validates everything first and raises ValidationError with Vietnamese messages naming the field
(and the row, for attendance), writing nothing; then it writes in one transaction with one audit entry (old and
new values). `actor=None` is the system (the demo, tests); a user must be able to edit records of the chi bộ
today (accounts.scope: writes follow today's tree), else PermissionDenied (views answer 404 before this).

A meeting is held by a chi bộ (a chi bộ cơ sở or a chi bộ trực thuộc) that exists as one on the meeting's date.
Its attendance is the chi bộ's expected set on that date (`expected_attendees`): the regular members of the chi bộ
(with its tổ đảng) and the members attending it temporarily; a member who attends temporarily elsewhere that day
is expected there, not here; exempted members (miễn sinh hoạt) are listed, marked, and not expected. Every
expected member gets one MeetingAttendance row, present unless the entries say absent (with a reason).

Concurrent writes on one meeting: the meeting row is locked and read again (core.conflicts.lock); a state the step
no longer starts from (cancelled, attendance recorded meanwhile by someone else when the caller says which
recording it saw) raises StateConflict (409 in the API).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import EVENT, today
from xaydungdang.core.formatting import format_date
from xaydungdang.meetings.models import ChecklistAnswer, ChecklistItem, Meeting, MeetingAttendance
from xaydungdang.members.models import Exemption, Member, Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, OrgVersion, active_on_q

CHI_BO_TYPES = ("chi-bo-co-so", "chi-bo-truc-thuoc")
MEETING_FIELDS = ("kind", "date", "topic", "place", "chair", "secretary", "summary", "conclusions", "guests_count")
TEXT_LIMITS = {"topic": 500, "place": 255, "chair": 150, "secretary": 150}
MAX_GUESTS = 100_000
ANY = object()  # record_meeting_attendance(seen=ANY): the caller does not say which recording it saw


# ---------------------------------------------------------------- rules shared by the writes and the pages


def chi_bo_version(organisation: Organisation, day: dt.date) -> OrgVersion | None:
    """The organisation as it stood on `day` when it was a chi bộ then, else None (one query)."""
    return org_queries.versions_on(day).filter(organisation=organisation, org_type__code__in=CHI_BO_TYPES).first()


def _chi_bo_error(organisation: Organisation, day: dt.date) -> str | None:
    if chi_bo_version(organisation, day) is not None:
        return None
    if not organisation.is_active_on(day):
        return _("Chi bộ: %(org)s did not exist on %(day)s.") % {"org": organisation, "day": format_date(day)}
    return _("Chi bộ: %(org)s was not a chi bộ on %(day)s; meetings are held by a chi bộ cơ sở or a chi bộ "
             "trực thuộc.") % {"org": organisation, "day": format_date(day)}


def require_writer(actor: Any, organisation: Organisation) -> None:
    """Refuse a user who may not edit records of `organisation` today (None: the system)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    from xaydungdang.accounts.scope import resolve_scope

    scope = resolve_scope(actor)
    if not (scope.has(Capability.EDIT_RECORDS)
            and scope.organisations(Capability.EDIT_RECORDS).filter(pk=organisation.pk).exists()):
        raise PermissionDenied


def _text(values: Mapping[str, Any], name: str) -> str:
    return " ".join(str(values.get(name) or "").split()) if name in TEXT_LIMITS else str(values.get(name) or "").strip()


def meeting_errors(organisation: Organisation | None, values: Mapping[str, Any]) -> list[str]:
    """Why a meeting with these values cannot be recorded (an empty list when it can)."""
    errors: list[str] = []
    if values.get("kind") not in Meeting.Kind.values:
        errors.append(_("Kind: choose a regular monthly meeting or a thematic meeting."))
    day = values.get("date")
    if not isinstance(day, dt.date):
        errors.append(_("Date: enter the date of the meeting."))
    else:
        range_error = EVENT.error(day)
        if range_error is not None:
            errors.append(_("Date: %(error)s") % {"error": range_error})
        elif organisation is not None:
            chi_bo_error = _chi_bo_error(organisation, day)
            if chi_bo_error:
                errors.append(chi_bo_error)
    if organisation is None:
        errors.append(_("Chi bộ: choose the chi bộ that held the meeting."))
    for name, limit in TEXT_LIMITS.items():
        if len(_text(values, name)) > limit:
            errors.append(_("%(field)s: at most %(limit)s characters.") % {
                "field": str(getattr(Meeting._meta.get_field(name), "verbose_name", name)).capitalize(),
                "limit": limit})
    guests = values.get("guests_count") or 0
    if not isinstance(guests, int) or guests < 0 or guests > MAX_GUESTS:
        errors.append(_("Guests: a whole number from 0 to %(limit)s.") % {"limit": f"{MAX_GUESTS:,}".replace(",", ".")})
    return errors


def _audit_values(meeting: Meeting) -> dict[str, Any]:
    return {"organisation": meeting.organisation.code, "kind": meeting.kind, "date": meeting.date,
            "topic": meeting.topic, "place": meeting.place, "chair": meeting.chair, "secretary": meeting.secretary,
            "summary": meeting.summary, "conclusions": meeting.conclusions, "guests_count": meeting.guests_count,
            "documents": sorted(meeting.documents.values_list("pk", flat=True)) if meeting.pk else []}


def _normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    clean = {name: values.get(name) for name in MEETING_FIELDS}
    for name in ("topic", "place", "chair", "secretary", "summary", "conclusions"):
        clean[name] = _text(values, name)
    clean["guests_count"] = values.get("guests_count") or 0
    return clean


# ---------------------------------------------------------------- meetings


@transaction.atomic
def record_meeting(*, actor: Any, organisation: Organisation, kind: str, date: dt.date, topic: str = "",
                   place: str = "", chair: str = "", secretary: str = "", summary: str = "", conclusions: str = "",
                   guests_count: int = 0, documents: Iterable[Any] = ()) -> Meeting:
    """Record a meeting a chi bộ held. Audited as meeting.recorded."""
    require_writer(actor, organisation)
    values = _normalised({"kind": kind, "date": date, "topic": topic, "place": place, "chair": chair,
                          "secretary": secretary, "summary": summary, "conclusions": conclusions,
                          "guests_count": guests_count})
    errors = meeting_errors(organisation, values)
    if errors:
        raise ValidationError(errors)
    # The chi bộ as committed: a restructuring may have ended it since the caller read it.
    lock(organisation)
    again = _chi_bo_error(organisation, date)
    if again:
        raise StateConflict(again)
    meeting = Meeting.objects.create(organisation=organisation, created_by=actor if getattr(actor, "pk", None)
                                     else None, **values)
    meeting.documents.set(list(documents))
    log_action("meeting.recorded", actor=actor, obj=meeting, organisation=organisation, new=_audit_values(meeting))
    return meeting


def _require_open(meeting: Meeting) -> None:
    if meeting.cancelled_on is not None:
        raise StateConflict(_("This meeting was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(meeting.cancelled_on)})


@transaction.atomic
def update_meeting(*, actor: Any, meeting: Meeting, documents: Iterable[Any] | None = None,
                   **changes: Any) -> Meeting:
    """Change a meeting's fields (those of MEETING_FIELDS given). Its chi bộ does not change; its date may change
    only while no attendance is recorded (the expected set depends on the date). Audited as meeting.updated."""
    require_writer(actor, meeting.organisation)
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    lock(meeting)
    _require_open(meeting)
    old = _audit_values(meeting)
    values = _normalised({name: changes.get(name, getattr(meeting, name)) for name in MEETING_FIELDS})
    errors = meeting_errors(meeting.organisation, values)
    if values["date"] != meeting.date and meeting.attendance_recorded_at is not None:
        errors.append(_("Date: the attendance was recorded for %(day)s; the date of a meeting whose attendance "
                        "is recorded cannot change (cancel it and record the meeting again).") % {
            "day": format_date(meeting.date)})
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=list(MEETING_FIELDS))
    if documents is not None:
        meeting.documents.set(list(documents))
    log_action("meeting.updated", actor=actor, obj=meeting, organisation=meeting.organisation, old=old,
               new=_audit_values(meeting))
    return meeting


@transaction.atomic
def cancel_meeting(*, actor: Any, meeting: Meeting, on: dt.date | None = None) -> Meeting:
    """Cancel a meeting entered by mistake (nothing is deleted); it no longer counts. Audited as meeting.cancelled."""
    require_writer(actor, meeting.organisation)
    on = on or today()
    lock(meeting)
    _require_open(meeting)
    meeting.cancelled_on = on
    meeting.save(update_fields=["cancelled_on"])
    log_action("meeting.cancelled", actor=actor, obj=meeting, organisation=meeting.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return meeting


# ---------------------------------------------------------------- attendance


@dataclass(frozen=True)
class Expected:
    """One member listed for a meeting: `expected` unless exempted that day."""

    member: Member
    temporary: bool  # attends this chi bộ temporarily (their official unit is elsewhere)
    exempted: bool
    reason: str = ""  # the exemption's reason

    @property
    def expected(self) -> bool:
        return not self.exempted


def expected_attendees(organisation: Organisation, day: dt.date) -> list[Expected]:
    """The chi bộ's members on `day` (see the module), in Vietnamese name order. Four queries."""
    subtree = org_queries.subtree_ids_on(organisation.pk, day)
    regular = set(Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR,
                                            organisation_id__in=subtree).values_list("member_id", flat=True))
    temporary_rows = Membership.objects.filter(active_on_q(day), kind=Membership.Kind.TEMPORARY).filter(
        member_id__in=regular) | Membership.objects.filter(active_on_q(day), kind=Membership.Kind.TEMPORARY,
                                                           organisation_id__in=subtree)
    here = set(subtree.values_list("organisation_id", flat=True))
    hosted: set[int] = set()
    away: set[int] = set()
    for member_id, organisation_id in temporary_rows.values_list("member_id", "organisation_id"):
        if organisation_id in here:
            hosted.add(member_id)
        elif member_id in regular:
            away.add(member_id)  # expected at the host, not here
    ids = (regular - away) | hosted
    exemptions = dict(Exemption.objects.filter(active_on_q(day), member_id__in=ids).values_list("member_id", "reason"))
    members = Member.objects.filter(pk__in=ids).select_related("person").order_by("person__name_key", "pk")
    return [Expected(member=m, temporary=m.pk in hosted and m.pk not in regular, exempted=m.pk in exemptions,
                     reason=exemptions.get(m.pk, "")) for m in members]


def _row_label(index: int) -> str:
    return _("Row %(row)s") % {"row": index + 1}


@transaction.atomic
def record_meeting_attendance(*, actor: Any, meeting: Meeting, entries: Sequence[Mapping[str, Any]],
                              seen: Any = ANY) -> list[MeetingAttendance]:
    """Record who attended: every expected member (expected_attendees) gets one row, present unless an entry says
    `{"member": id, "status": "absent", "reason": "…"}`. Entries naming someone not expected, named twice, with an
    unknown status or an absent without reason are refused, each message naming the row and the field, and
    nothing is written. Recording again replaces the previous rows. `seen`: the `attendance_recorded_at` the caller
    read (None when none was recorded); when another recording happened since, StateConflict.
    Audited as meeting.attendance_recorded."""
    require_writer(actor, meeting.organisation)
    lock(meeting)
    _require_open(meeting)
    if seen is not ANY and seen != meeting.attendance_recorded_at:
        raise StateConflict(_("The attendance of this meeting was recorded by someone else meanwhile: open the "
                              "page again to see it."))
    if meeting.date > today():
        raise ValidationError(_("Date: the meeting is on %(day)s; its attendance is recorded once it has taken "
                                "place.") % {"day": format_date(meeting.date)})
    listed = {e.member.pk: e for e in expected_attendees(meeting.organisation, meeting.date)}
    errors: list[str] = []
    chosen: dict[int, tuple[str, str]] = {}
    first_row: dict[int, int] = {}
    for index, entry in enumerate(entries):
        row = _row_label(index)
        member_id = entry.get("member")
        status = entry.get("status") or MeetingAttendance.Status.PRESENT
        reason = " ".join(str(entry.get("reason") or "").split())
        if not isinstance(member_id, int) or isinstance(member_id, bool):
            errors.append(_("%(row)s, member: give the member's id.") % {"row": row})
            continue
        if member_id in first_row:
            errors.append(_("%(row)s, member: %(member)s is already on row %(first)s; each member is recorded "
                            "once.") % {"row": row, "member": _member_name(listed, member_id),
                                        "first": first_row[member_id] + 1})
            continue
        first_row[member_id] = index
        found = listed.get(member_id)
        if found is None:
            errors.append(_("%(row)s, member: %(member)s was not a member of %(org)s on %(day)s.") % {
                "row": row, "member": _member_name(listed, member_id), "org": meeting.organisation,
                "day": format_date(meeting.date)})
            continue
        if found.exempted:
            errors.append(_("%(row)s, member: %(member)s was exempted from activities on %(day)s and is not "
                            "expected.") % {"row": row, "member": found.member, "day": format_date(meeting.date)})
            continue
        if status not in MeetingAttendance.Status.values:
            errors.append(_("%(row)s, status: “%(status)s” is neither present nor absent.") % {
                "row": row, "status": status})
            continue
        if status == MeetingAttendance.Status.ABSENT and not reason:
            errors.append(_("%(row)s, reason: %(member)s is absent; enter the reason.") % {
                "row": row, "member": found.member})
            continue
        if len(reason) > 255:
            errors.append(_("%(row)s, reason: at most 255 characters.") % {"row": row})
            continue
        chosen[member_id] = (status, reason if status == MeetingAttendance.Status.ABSENT else "")
    if errors:
        raise ValidationError(errors)
    old = _attendance_values(meeting)
    meeting.attendances.all().delete()
    recorder = actor if getattr(actor, "pk", None) else None
    rows = []
    for member_id, item in listed.items():
        if not item.expected:
            continue
        status, reason = chosen.get(member_id, (MeetingAttendance.Status.PRESENT, ""))
        rows.append(MeetingAttendance(meeting=meeting, person_id=item.member.person_id,
                                      organisation=meeting.organisation, date=meeting.date, status=status,
                                      attended=status == MeetingAttendance.Status.PRESENT, reason=reason,
                                      recorded_by=recorder))
    MeetingAttendance.objects.bulk_create(rows)
    meeting.attendance_recorded_at = timezone.now()
    meeting.save(update_fields=["attendance_recorded_at"])
    log_action("meeting.attendance_recorded", actor=actor, obj=meeting, organisation=meeting.organisation, old=old,
               new=_attendance_values(meeting))
    return rows


def _member_name(listed: Mapping[int, Expected], member_id: int) -> str:
    found = listed.get(member_id)
    if found is not None:
        return str(found.member)
    # Only the id: a member outside the chi bộ may be outside the actor's scope, and is not named.
    return _("member no. %(id)s") % {"id": member_id}


def _attendance_values(meeting: Meeting) -> dict[str, Any]:
    rows = list(meeting.attendances.values_list("status", "person_id", "reason"))
    return {"present": sum(1 for s, _p, _r in rows if s == MeetingAttendance.Status.PRESENT),
            "absent": {str(p): r for s, p, r in rows if s == MeetingAttendance.Status.ABSENT}}


# ---------------------------------------------------------------- the yearly checklist


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def items_of_year(year: int) -> list[ChecklistItem]:
    """The checklist items valid at some time in `year`, in their order."""
    start, end = year_bounds(year)
    return list(ChecklistItem.objects.filter(valid_from__lte=end).exclude(valid_to__lte=start))


def year_error(year: Any) -> str | None:
    if not isinstance(year, int) or isinstance(year, bool) or not (1930 <= year <= today().year + 1):
        return _("Year: a year from 1930 to %(last)s.") % {"last": today().year + 1}
    return None


@transaction.atomic
def answer_checklist(*, actor: Any, organisation: Organisation, year: int,
                     answers: Sequence[Mapping[str, Any]]) -> list[ChecklistAnswer]:
    """Record whether a chi bộ met checklist items in a year: `answers` is a list of
    `{"item": code, "met": bool, "note": "…"}`. The chi bộ must have been one in that year, each item valid in it.
    Answers given replace earlier ones; items not named are left as they were. Audited as meeting.checklist_answered.
    """
    require_writer(actor, organisation)
    errors: list[str] = []
    problem = year_error(year)
    if problem:
        raise ValidationError(problem)
    start, end = year_bounds(year)
    if not OrgVersion.objects.filter(organisation=organisation, org_type__code__in=CHI_BO_TYPES,
                                     valid_from__lte=end).exclude(valid_to__lte=start).exists():
        errors.append(_("Chi bộ: %(org)s was not a chi bộ in %(year)s.") % {"org": organisation, "year": year})
    items = {item.code: item for item in items_of_year(year)}
    seen: dict[str, int] = {}
    chosen: list[tuple[ChecklistItem, bool, str]] = []
    for index, answer in enumerate(answers):
        row = _row_label(index)
        code = str(answer.get("item") or "")
        item = items.get(code)
        if item is None:
            errors.append(_("%(row)s, item: “%(code)s” is not a checklist item of %(year)s.") % {
                "row": row, "code": code, "year": year})
            continue
        if code in seen:
            errors.append(_("%(row)s, item: “%(code)s” is already on row %(first)s.") % {
                "row": row, "code": code, "first": seen[code] + 1})
            continue
        seen[code] = index
        met = answer.get("met")
        if not isinstance(met, bool):
            errors.append(_("%(row)s, met: answer yes or no.") % {"row": row})
            continue
        note = " ".join(str(answer.get("note") or "").split())
        if len(note) > 500:
            errors.append(_("%(row)s, note: at most 500 characters.") % {"row": row})
            continue
        chosen.append((item, met, note))
    if errors:
        raise ValidationError(errors)
    lock(organisation)
    existing = {a.item_id: a for a in ChecklistAnswer.objects.select_for_update().filter(
        organisation=organisation, year=year, item__in=[c[0] for c in chosen])}
    old = {a.item.code: a.met for a in existing.values()}
    recorder = actor if getattr(actor, "pk", None) else None
    saved = []
    for item, met, note in chosen:
        found = existing.get(item.pk)
        if found is None:
            found = ChecklistAnswer.objects.create(item=item, organisation=organisation, year=year, met=met,
                                                 note=note, recorded_by=recorder)
        else:
            found.met, found.note, found.recorded_by = met, note, recorder
            found.save(update_fields=["met", "note", "recorded_by", "recorded_at"])
        saved.append(found)
    log_action("meeting.checklist_answered", actor=actor, obj=organisation, organisation=organisation, old=old,
               new={item.code: met for item, met, _note in chosen}, extra={"year": year})
    return saved
