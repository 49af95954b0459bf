"""Writes of the self-criticism and criticism meetings (kiểm điểm tự phê bình và phê bình): record a meeting, edit
it, cancel it (nothing is deleted); add the shortcomings it raised with their remedial plans; at the next year's
meeting, follow each open shortcoming up (remedied, partly, not remedied) and carry over what is left.

Every function validates everything first and raises ValidationError({field: [message]}) whose Vietnamese message
names the field, writing nothing; then it writes in one transaction with one audit entry per change. `actor=None` is
the system (tests, the demo); a user must be able to edit records of the organisation today (writes follow today's
tree), else PermissionDenied (views and the API answer 404 before this).

Decisions:
- `year` is the year reviewed. The meeting is held from 1 December of that year to 31 March of the next (the
  review season, before the year's quality evaluation); it is an event: not in the future. The organisation existed
  on the day it was held. Any organisation may record one (the standing committees of the levels above review
  themselves too); the held rate counts the TCCSĐ and chi bộ (indicators_reviews).
- One meeting per organisation and year, not cancelled: checked first, kept by the database's constraint (a race
  on it answers the same message).
- Members attending: optional; when given, at most the organisation's regular members on the day (its subtree: a
  đảng bộ's meeting is its members' meeting).
- Cancelling a meeting entered by mistake: its shortcomings no longer count. Refused while follow-ups hang on it
  (those it recorded of last year's shortcomings, or this meeting's shortcomings already followed up a year later):
  they would point at a meeting that does not count.
- A shortcoming has its content and remedial plan (both required), the person or body responsible and the date it
  is to be remedied by (on or after the meeting, at most thirty years ahead).
- The follow-up of a shortcoming is recorded at the same organisation's meeting of the next year (not cancelled):
  remedied / partly / not remedied, with a note (required unless remedied: what is left). Once only; a second
  follow-up of the same shortcoming is a conflict (409). A shortcoming not (fully) remedied may be carried over: a
  new shortcoming of the new meeting whose content names the year it comes from (the schema has no link column).
  After a merger the successor's meeting does not follow up the ended organisation's shortcomings (same
  organisation only); the office follows them up on the successor's meeting page as new shortcomings if needed.
- Concurrent changes: the row is locked and read again; a caller that says which version it saw (`seen`, the
  `updated_at` its page showed) is refused with StateConflict (409) when someone changed it meanwhile.
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
from xaydungdang.core.conflicts import StateConflict, lock, same_version
from xaydungdang.core.dates import PLANNED, today
from xaydungdang.core.formatting import format_date, format_number
from xaydungdang.evaluation.models import ReviewMeeting, Shortcoming
from xaydungdang.organisations.models import Organisation

FollowUp = Shortcoming.FollowUp
MEETING_EDITABLE = ("held_on", "attended", "summary")
SHORTCOMING_EDITABLE = ("content", "remedy", "responsible", "due_on")
FOLLOWED_UP = (FollowUp.REMEDIED, FollowUp.PARTLY, FollowUp.NOT_REMEDIED)
CARRIED = (FollowUp.PARTLY, FollowUp.NOT_REMEDIED)  # what may be carried over to the new meeting
SEASON_START_MONTH = 12  # 1 December of the year reviewed
SEASON_END = (3, 31)  # 31 March of the next year
FIRST_YEAR, LAST_YEAR = 1930, 9998
LONG_TEXT_LIMIT = 20_000
RESPONSIBLE_LIMIT = 255
Errors = dict[str, list[str]]


class ChangedMeanwhile(StateConflict):
    """The caller's page or read is stale: someone changed the row after it was drawn (409, nothing written)."""


def season(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day a meeting reviewing `year` may be held on."""
    return dt.date(year, SEASON_START_MONTH, 1), dt.date(year + 1, *SEASON_END)


def season_year(day: dt.date) -> int:
    """The year whose review season `day` falls in or last ended before (December: this year; else the last)."""
    return day.year if day.month >= SEASON_START_MONTH else day.year - 1


def require_writer(actor: Any, organisation: Organisation) -> None:
    """Refuse a user who may not edit records of `organisation` today (None: the system)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    from xaydungdang.accounts.scope import resolve_scope

    scope = resolve_scope(actor)
    if not (scope.has(Capability.EDIT_RECORDS)
            and scope.organisations(Capability.EDIT_RECORDS).filter(pk=organisation.pk).exists()):
        raise PermissionDenied


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _text(value: Any, *, one_line: bool = False) -> str:
    text = str(value or "")
    return " ".join(text.split()) if one_line else text.strip()


def _limit(errors: Errors, name: str, label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        _add(errors, name, _("%(field)s: at most %(limit)s characters.") % {
            "field": label, "limit": format_number(limit)})


def _check_seen(row: ReviewMeeting | Shortcoming, seen: dt.datetime | None) -> None:
    """The version the caller saw, to the millisecond (the API writes times to the millisecond)."""
    if seen is not None and not same_version(row.updated_at, seen):
        raise ChangedMeanwhile(_("This record was changed by someone else after you opened it; nothing was recorded. "
                                 "Open it again to see the change."))


def _require_live(meeting: ReviewMeeting) -> None:
    if meeting.cancelled_on is not None:
        raise StateConflict(_("This meeting was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(meeting.cancelled_on)})


def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [key for key in new if old.get(key) != new[key]]
    return {key: old.get(key) for key in keys}, {key: new[key] for key in keys}


# ---------------------------------------------------------------- meetings


def duplicate_message(organisation: Organisation, year: int) -> str:
    return _("Year reviewed: %(org)s has already recorded its self-criticism meeting for %(year)s; edit that one "
             "or cancel it first.") % {"org": organisation, "year": year}


def meeting_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"year": values.get("year"), "held_on": values.get("held_on"), "attended": values.get("attended"),
            "summary": _text(values.get("summary"))}


def members_on(organisation: Organisation, day: dt.date) -> int:
    from xaydungdang.members.queries import count_members_on

    return count_members_on(organisation.pk, day)


def meeting_errors(organisation: Organisation, values: Mapping[str, Any], *, now: dt.date | None = None,
                   meeting: ReviewMeeting | None = None) -> Errors:
    """Why a meeting with these (normalised) values cannot be recorded, by field (empty when it can). `meeting`:
    the one being edited (its own year does not count as a duplicate)."""
    now = now or today()
    errors: Errors = {}
    year: Any = values.get("year")
    held_on, attended = values.get("held_on"), values.get("attended")
    year_ok = isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR
    if not year_ok:
        _add(errors, "year", _("Year reviewed: enter the year the meeting reviews."))
    if not isinstance(held_on, dt.date):
        _add(errors, "held_on", _("Held on: enter the date of the meeting."))
    elif held_on > now:
        _add(errors, "held_on", _("Held on: %(day)s is in the future; record the meeting once it has been held.")
             % {"day": format_date(held_on)})
    elif year_ok:
        first, last = season(year)
        if not first <= held_on <= last:
            _add(errors, "held_on", _("Held on: the meeting reviewing %(year)s is held from %(first)s to %(last)s, "
                                      "not on %(day)s.") % {"year": year, "first": format_date(first),
                                                           "last": format_date(last), "day": format_date(held_on)})
    if isinstance(held_on, dt.date) and "held_on" not in errors and not organisation.is_active_on(held_on):
        _add(errors, "organisation", _("Organisation: %(org)s did not exist on %(day)s.") % {
            "org": organisation, "day": format_date(held_on)})
    if attended is not None:
        if not isinstance(attended, int) or isinstance(attended, bool) or attended < 0:
            _add(errors, "attended", _("Members attending: enter a number, 0 or more."))
        elif isinstance(held_on, dt.date) and not errors.get("held_on") and not errors.get("organisation"):
            total = members_on(organisation, held_on)
            if attended > total:
                _add(errors, "attended", _("Members attending: %(attended)s is more than the %(total)s members "
                                           "%(org)s had on %(day)s.") % {
                    "attended": format_number(attended), "total": format_number(total), "org": organisation,
                    "day": format_date(held_on)})
    _limit(errors, "summary", _("Summary"), values.get("summary") or "", LONG_TEXT_LIMIT)
    if year_ok:
        existing = ReviewMeeting.objects.filter(organisation=organisation, year=year, cancelled_on__isnull=True)
        if meeting is not None:
            existing = existing.exclude(pk=meeting.pk)
        if existing.exists():
            _add(errors, "year", duplicate_message(organisation, year))
    return errors


def audit_meeting(meeting: ReviewMeeting) -> dict[str, Any]:
    return {"organisation": meeting.organisation.code, "year": meeting.year, "held_on": meeting.held_on,
            "attended": meeting.attended, "summary": meeting.summary, "cancelled_on": meeting.cancelled_on}


@transaction.atomic
def record_meeting(*, actor: Any, organisation: Organisation, year: int, held_on: dt.date,
                   attended: int | None = None, summary: str = "") -> ReviewMeeting:
    """Record an organisation's self-criticism meeting for a year. Audited as evaluation.review.recorded."""
    require_writer(actor, organisation)
    values = meeting_values({"year": year, "held_on": held_on, "attended": attended, "summary": summary})
    _raise(meeting_errors(organisation, values))
    try:
        with transaction.atomic():
            meeting = ReviewMeeting.objects.create(
                organisation=organisation, created_by=actor if getattr(actor, "pk", None) else None, **values)
    except IntegrityError:
        raise ValidationError({"year": [duplicate_message(organisation, year)]}) from None
    log_action("evaluation.review.recorded", actor=actor, obj=meeting, organisation=organisation,
               new=audit_meeting(meeting))
    return meeting


@transaction.atomic
def update_meeting(*, actor: Any, meeting: ReviewMeeting, seen: dt.datetime | None = None,
                   **changes: Any) -> ReviewMeeting:
    """Change a meeting's date, attendance or summary (its organisation and year do not change: cancel and record
    again). Audited as evaluation.review.updated with the changed values only."""
    require_writer(actor, meeting.organisation)
    unknown = set(changes) - set(MEETING_EDITABLE)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    values = meeting_values({"year": meeting.year} | {name: changes.get(name, getattr(meeting, name))
                                                      for name in MEETING_EDITABLE})
    _raise(meeting_errors(meeting.organisation, values, meeting=meeting))
    lock(meeting)
    _check_seen(meeting, seen)
    _require_live(meeting)
    old = audit_meeting(meeting)
    for name in MEETING_EDITABLE:
        setattr(meeting, name, values[name])
    meeting.save(update_fields=[*MEETING_EDITABLE, "updated_at"])
    before, after = _changed(old, audit_meeting(meeting))
    log_action("evaluation.review.updated", actor=actor, obj=meeting, organisation=meeting.organisation,
               old=before, new=after)
    return meeting


@transaction.atomic
def cancel_meeting(*, actor: Any, meeting: ReviewMeeting, on: dt.date | None = None,
                   seen: dt.datetime | None = None) -> ReviewMeeting:
    """Cancel a meeting recorded by mistake (nothing is deleted); it and its shortcomings no longer count. Refused
    while follow-ups hang on it. Audited as evaluation.review.cancelled."""
    require_writer(actor, meeting.organisation)
    on = on or today()
    lock(meeting)
    _check_seen(meeting, seen)
    _require_live(meeting)
    recorded_here = Shortcoming.objects.filter(followed_up_at=meeting).count()
    followed_later = Shortcoming.objects.filter(meeting=meeting).exclude(status=FollowUp.OPEN).count()
    if recorded_here:
        raise ValidationError({"follow_ups": [_(
            "Follow-ups: %(count)s shortcomings of the previous year's meeting were followed up at this meeting; a "
            "meeting with follow-ups cannot be cancelled.") % {"count": format_number(recorded_here)}]})
    if followed_later:
        raise ValidationError({"follow_ups": [_(
            "Follow-ups: %(count)s shortcomings of this meeting were already followed up at the next year's "
            "meeting; a meeting with follow-ups cannot be cancelled.") % {"count": format_number(followed_later)}]})
    meeting.cancelled_on = on
    meeting.save(update_fields=["cancelled_on", "updated_at"])
    log_action("evaluation.review.cancelled", actor=actor, obj=meeting, organisation=meeting.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return meeting


# ---------------------------------------------------------------- shortcomings


def shortcoming_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"content": _text(values.get("content")), "remedy": _text(values.get("remedy")),
            "responsible": _text(values.get("responsible"), one_line=True), "due_on": values.get("due_on")}


def shortcoming_errors(meeting: ReviewMeeting, values: Mapping[str, Any]) -> Errors:
    errors: Errors = {}
    if not values.get("content"):
        _add(errors, "content", _("Shortcoming: say what the shortcoming is."))
    if not values.get("remedy"):
        _add(errors, "remedy", _("Remedial plan: say how the shortcoming will be remedied."))
    _limit(errors, "content", _("Shortcoming"), values.get("content") or "", LONG_TEXT_LIMIT)
    _limit(errors, "remedy", _("Remedial plan"), values.get("remedy") or "", LONG_TEXT_LIMIT)
    _limit(errors, "responsible", _("Responsible"), values.get("responsible") or "", RESPONSIBLE_LIMIT)
    due_on = values.get("due_on")
    if due_on is not None:
        if not isinstance(due_on, dt.date):
            _add(errors, "due_on", _("Remedy due: enter a date."))
        elif due_on < meeting.held_on:
            _add(errors, "due_on", _("Remedy due: %(day)s is before the meeting (%(held)s).") % {
                "day": format_date(due_on), "held": format_date(meeting.held_on)})
        elif (problem := PLANNED.error(due_on)) is not None:
            _add(errors, "due_on", _("Remedy due: %(error)s") % {"error": problem})
    return errors


def audit_shortcoming(shortcoming: Shortcoming) -> dict[str, Any]:
    return {"meeting": shortcoming.meeting_id, "content": shortcoming.content, "remedy": shortcoming.remedy,
            "responsible": shortcoming.responsible, "due_on": shortcoming.due_on, "status": shortcoming.status,
            "followed_up_at": shortcoming.followed_up_at_id, "follow_up_note": shortcoming.follow_up_note}


def _create_shortcoming(actor: Any, meeting: ReviewMeeting, values: Mapping[str, Any]) -> Shortcoming:
    shortcoming = Shortcoming.objects.create(meeting=meeting, **values)
    log_action("evaluation.shortcoming.added", actor=actor, obj=shortcoming, organisation=meeting.organisation,
               new=audit_shortcoming(shortcoming))
    return shortcoming


@transaction.atomic
def add_shortcoming(*, actor: Any, meeting: ReviewMeeting, content: str, remedy: str, responsible: str = "",
                    due_on: dt.date | None = None) -> Shortcoming:
    """A shortcoming the meeting raised, with its remedial plan. Audited as evaluation.shortcoming.added."""
    require_writer(actor, meeting.organisation)
    values = shortcoming_values({"content": content, "remedy": remedy, "responsible": responsible,
                                 "due_on": due_on})
    _raise(shortcoming_errors(meeting, values))
    lock(meeting)  # a meeting cancelled meanwhile takes no shortcoming
    _require_live(meeting)
    return _create_shortcoming(actor, meeting, values)


@transaction.atomic
def update_shortcoming(*, actor: Any, shortcoming: Shortcoming, seen: dt.datetime | None = None,
                       **changes: Any) -> Shortcoming:
    """Change a shortcoming not yet followed up. Audited as evaluation.shortcoming.updated (changed values)."""
    meeting = shortcoming.meeting
    require_writer(actor, meeting.organisation)
    unknown = set(changes) - set(SHORTCOMING_EDITABLE)
    if unknown:
        raise TypeError(f"unknown shortcoming fields: {sorted(unknown)}")
    values = shortcoming_values({name: changes.get(name, getattr(shortcoming, name)) for name in SHORTCOMING_EDITABLE})
    _raise(shortcoming_errors(meeting, values))
    lock(meeting)
    lock(shortcoming)
    _check_seen(shortcoming, seen)
    _require_live(meeting)
    _require_open(shortcoming)
    old = audit_shortcoming(shortcoming)
    for name in SHORTCOMING_EDITABLE:
        setattr(shortcoming, name, values[name])
    shortcoming.save(update_fields=[*SHORTCOMING_EDITABLE, "updated_at"])
    before, after = _changed(old, audit_shortcoming(shortcoming))
    log_action("evaluation.shortcoming.updated", actor=actor, obj=shortcoming, organisation=meeting.organisation,
               old=before, new=after)
    return shortcoming


def _require_open(shortcoming: Shortcoming) -> None:
    if shortcoming.status != FollowUp.OPEN:
        raise StateConflict(_("This shortcoming was already followed up (“%(status)s”): it can no longer be "
                              "changed.") % {"status": shortcoming.get_status_display()})


# ---------------------------------------------------------------- follow-up at the next year's meeting


def follow_up_meeting(shortcoming: Shortcoming) -> ReviewMeeting | None:
    """The meeting where `shortcoming` is followed up: its organisation's meeting of the next year, not cancelled."""
    meeting = shortcoming.meeting
    return ReviewMeeting.objects.select_related("organisation").filter(
        organisation_id=meeting.organisation_id, year=meeting.year + 1, cancelled_on__isnull=True).first()


def carried_content(shortcoming: Shortcoming) -> str:
    return _("Carried over from the meeting reviewing %(year)s: %(content)s") % {
        "year": shortcoming.meeting.year, "content": shortcoming.content}


def follow_up_errors(shortcoming: Shortcoming, at: ReviewMeeting | None, status: Any, note: str,
                     carry_over: bool, due_on: Any) -> Errors:
    errors: Errors = {}
    meeting = shortcoming.meeting
    if at is None:
        _add(errors, "followed_up_at", _("Followed up at: %(org)s has not recorded its meeting reviewing "
                                         "%(year)s; record it first, then follow the shortcoming up there.") % {
            "org": meeting.organisation, "year": meeting.year + 1})
    elif (at.organisation_id != meeting.organisation_id or at.year != meeting.year + 1
          or at.cancelled_on is not None):
        _add(errors, "followed_up_at", _("Followed up at: a shortcoming raised at the meeting reviewing %(year)s "
                                         "is followed up at the same organisation's meeting reviewing "
                                         "%(next)s.") % {"year": meeting.year, "next": meeting.year + 1})
    if status not in FOLLOWED_UP:
        _add(errors, "status", _("Follow-up: choose remedied, partly remedied or not remedied."))
    elif status != FollowUp.REMEDIED and not note:
        _add(errors, "follow_up_note", _("Follow-up note: say what is left to remedy."))
    _limit(errors, "follow_up_note", _("Follow-up note"), note, LONG_TEXT_LIMIT)
    if carry_over and status in FOLLOWED_UP and status not in CARRIED:
        _add(errors, "carry_over", _("Carry over: only a shortcoming not fully remedied is carried over."))
    if carry_over and at is not None and "followed_up_at" not in errors:
        errors |= {key: value for key, value in shortcoming_errors(at, {
            "content": carried_content(shortcoming), "remedy": shortcoming.remedy,
            "responsible": shortcoming.responsible, "due_on": due_on}).items() if key not in errors}
    return errors


@transaction.atomic
def follow_up(*, actor: Any, shortcoming: Shortcoming, status: str, note: str = "",
              at: ReviewMeeting | None = None, carry_over: bool = False, due_on: dt.date | None = None,
              seen: dt.datetime | None = None) -> Shortcoming:
    """Record how far `shortcoming` was remedied, at its organisation's next-year meeting (`at`; found when not
    given). With `carry_over` (partly or not remedied), the new meeting raises it again (same plan and responsible,
    `due_on` the new date). Audited as evaluation.shortcoming.followed_up (and .added for the carried one)."""
    meeting = shortcoming.meeting
    require_writer(actor, meeting.organisation)
    note = _text(note)
    at = at if at is not None else follow_up_meeting(shortcoming)
    _raise(follow_up_errors(shortcoming, at, status, note, carry_over, due_on))
    assert at is not None
    lock(meeting)
    lock(at)
    lock(shortcoming)
    _check_seen(shortcoming, seen)
    _require_live(meeting)
    _require_live(at)
    if shortcoming.status != FollowUp.OPEN:
        raise StateConflict(_("This shortcoming was already followed up (“%(status)s”) at the meeting reviewing "
                              "%(year)s.") % {"status": shortcoming.get_status_display(),
                                              "year": meeting.year + 1})
    old = {"status": shortcoming.status, "followed_up_at": None, "follow_up_note": shortcoming.follow_up_note}
    shortcoming.status, shortcoming.followed_up_at, shortcoming.follow_up_note = status, at, note
    shortcoming.save(update_fields=["status", "followed_up_at", "follow_up_note", "updated_at"])
    log_action("evaluation.shortcoming.followed_up", actor=actor, obj=shortcoming, organisation=meeting.organisation,
               old=old, new={"status": status, "followed_up_at": at.pk, "follow_up_note": note})
    if carry_over:
        _create_shortcoming(actor, at, shortcoming_values({
            "content": carried_content(shortcoming), "remedy": shortcoming.remedy,
            "responsible": shortcoming.responsible, "due_on": due_on}))
    return shortcoming
