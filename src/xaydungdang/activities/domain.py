"""Writes on study campaigns, their sessions and the attendance recorded at each, every step audited.

Every function validates everything first and raises ValidationError (messages naming the field, or the row of
an attendance sheet or file), writing nothing; then it writes in one transaction. A step on an existing
campaign or session first locks its row and reads it again (core.conflicts): a session is created under its
campaign's lock, so a change of the campaign's period cannot leave a session outside it; two recordings of the
same session run one after the other, the second replacing the first's answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.activities import queries, tallies
from xaydungdang.activities.models import Attendance, Audience, Campaign, Session
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import EVENT, PLANNED, today
from xaydungdang.core.formatting import format_date
from xaydungdang.members.models import Person
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

CAMPAIGN_FIELDS = ("organisation", "kind", "title", "theme", "start", "end", "audiences", "counts_masses",
                   "documents")
SESSION_FIELDS = ("date", "organisation", "audience", "level", "form", "place", "documents", "masses_count", "note")
# Changing these once attendance is recorded would change who was expected: cancel and create another.
SESSION_EXPECTED_FIELDS = ("date", "organisation", "audience")
ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.MADE_UP)
Status = Attendance.Status


@dataclass
class AttendanceEntry:
    """One answer of an attendance sheet: the person, their status, why absent, when made up; `row` is the
    line of the sheet or file it came from, named by the messages."""

    person_id: int
    status: str
    reason: str = ""
    made_up_on: dt.date | None = None
    row: int | None = None


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _raise(errors: list[str]) -> None:
    if errors:
        raise ValidationError(errors)


def _date_error(label: str, value: Any, span: Any = EVENT) -> str | None:
    if not isinstance(value, dt.date):
        return _("%(field)s: enter a date.") % {"field": label}
    message = span.error(value)
    return f"{label}: {message}" if message else None


def _documents(documents: Iterable[Any]) -> list[Any]:
    return list(documents)


# ---------------------------------------------------------------- campaigns


def _campaign_errors(values: dict[str, Any]) -> list[str]:
    errors = []
    if values["kind"] not in Campaign.Kind.values:
        errors.append(_("Kind: choose one of the listed kinds."))
    if not str(values["title"]).strip():
        errors.append(_("Title: enter the title of the campaign."))
    elif len(str(values["title"]).strip()) > Campaign._meta.get_field("title").max_length:  # type: ignore[operator]
        errors.append(_("Title: at most 500 characters."))
    for label, key in ((_("From"), "start"), (_("To"), "end")):
        message = _date_error(str(label), values[key], PLANNED)
        if message:
            errors.append(message)
    if not errors and values["end"] < values["start"]:
        errors.append(_("To: the end (%(end)s) precedes the start (%(start)s).") % {
            "end": format_date(values["end"]), "start": format_date(values["start"])})
    audiences = values["audiences"]
    if not audiences:
        errors.append(_("Audiences: choose at least one audience."))
    elif any(a not in Audience.values for a in audiences) or len(set(audiences)) != len(audiences):
        errors.append(_("Audiences: choose among the listed audiences, each once."))
    return errors


@transaction.atomic
def create_campaign(*, actor: Any, organisation: Organisation, kind: str, title: str, start: dt.date,
                    end: dt.date, audiences: list[str], theme: str = "", counts_masses: bool = False,
                    documents: Iterable[Any] = ()) -> Campaign:
    """Plan a campaign for the subtree of `organisation`. Side effects: the campaign, its documents, an audit
    entry."""
    values = {"kind": kind, "title": title, "start": start, "end": end, "audiences": list(audiences)}
    errors = _campaign_errors(values)
    if not errors and not organisation.is_active_on(start) and not organisation.is_active_on(end):
        errors.append(_("Planned by: %(org)s did not exist between %(start)s and %(end)s.") % {
            "org": organisation, "start": format_date(start), "end": format_date(end)})
    _raise(errors)
    campaign = Campaign.objects.create(
        kind=kind, title=" ".join(title.split()), theme=theme.strip(), organisation=organisation, start=start,
        end=end, audiences=list(audiences), counts_masses=counts_masses, created_by=_actor(actor))
    documents = _documents(documents)
    campaign.documents.set(documents)
    log_action("campaign.created", actor=actor, obj=campaign, organisation=organisation, new={
        "kind": kind, "title": campaign.title, "start": start, "end": end, "audiences": list(audiences),
        "counts_masses": counts_masses, "documents": [getattr(d, "pk", d) for d in documents]})
    return campaign


def _require_open(campaign: Campaign) -> None:
    if campaign.cancelled_on is not None:
        raise StateConflict(_("The campaign “%(campaign)s” was cancelled on %(day)s.") % {
            "campaign": campaign, "day": format_date(campaign.cancelled_on)})


def _unknown(changes: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _planner_errors(campaign: Campaign, planner: Organisation | None, sessions: Any) -> list[str]:
    """A new planning organisation must hold, on each session's day, the organisation that held it."""
    if planner is None or planner.pk == campaign.organisation_id:
        return []
    for held in sessions.select_related("organisation").order_by("date", "pk"):
        if not org_queries.subtree_ids_on(planner.pk, held.date).filter(organisation_id=held.organisation_id).exists():
            return [_("Planned by: the session of %(org)s on %(day)s was not under %(planner)s.") % {
                "org": held.organisation, "day": format_date(held.date), "planner": planner}]
    return []


@transaction.atomic
def update_campaign(*, actor: Any, campaign: Campaign, **changes: Any) -> Campaign:
    """Change a campaign; a new period must still hold every session held in it, and an audience may be dropped
    only when no session addresses it. Side effects: the campaign, an audit entry (old → new)."""
    _unknown(changes, CAMPAIGN_FIELDS)
    _require_open(lock(campaign))
    documents = changes.pop("documents", None)
    values = {key: getattr(campaign, key) for key in ("kind", "title", "start", "end", "audiences")} | changes
    errors = _campaign_errors(values)
    sessions = campaign.sessions.filter(cancelled_on__isnull=True)
    if not errors:
        outside = sessions.exclude(date__gte=values["start"], date__lte=values["end"]).order_by("date").first()
        if outside is not None:
            errors.append(_("From, To: the session of %(org)s on %(day)s would fall outside %(start)s – %(end)s.")
                          % {"org": outside.organisation, "day": format_date(outside.date),
                             "start": format_date(values["start"]), "end": format_date(values["end"])})
        errors += _planner_errors(campaign, changes.get("organisation"), sessions)
        dropped = sessions.exclude(audience__in=values["audiences"]).order_by("date").first()
        if dropped is not None:
            errors.append(_("Audiences: the session of %(org)s on %(day)s addresses %(audience)s.") % {
                "org": dropped.organisation, "day": format_date(dropped.date),
                "audience": dropped.get_audience_display()})
    _raise(errors)
    for key in ("title", "theme"):
        if key in changes:
            changes[key] = " ".join(str(changes[key]).split()) if key == "title" else str(changes[key]).strip()
    old, new = _apply(campaign, changes, documents)
    log_action("campaign.updated", actor=actor, obj=campaign, organisation=campaign.organisation, old=old, new=new)
    return campaign


def _apply(obj: Campaign | Session, changes: dict[str, Any], documents: Iterable[Any] | None,
           ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Save the values that differ (and the documents when they differ); (old, new) of what changed, for the
    audit (related rows by their id)."""
    changed = {key: value for key, value in changes.items() if getattr(obj, key) != value}
    old = {key: getattr(getattr(obj, key), "pk", getattr(obj, key)) for key in changed}
    new = {key: getattr(value, "pk", value) for key, value in changed.items()}
    for key, value in changed.items():
        setattr(obj, key, value)
    if changed:
        obj.save(update_fields=list(changed))
    if documents is not None:
        before = sorted(obj.documents.values_list("pk", flat=True))
        chosen = _documents(documents)
        after = sorted(getattr(d, "pk", d) for d in chosen)
        if before != after:
            obj.documents.set(chosen)
            old["documents"], new["documents"] = before, after
    return old, new


@transaction.atomic
def cancel_campaign(*, actor: Any, campaign: Campaign, on: dt.date) -> Campaign:
    """Cancel a campaign planned by mistake: its sessions are cancelled too, so that none of them counts in a
    figure. Side effects: the campaign and its sessions, an audit entry."""
    _require_open(lock(campaign))
    _raise([m for m in [_date_error(str(_("Cancelled on")), on)] if m])
    cancelled = campaign.sessions.filter(cancelled_on__isnull=True).update(cancelled_on=on)
    campaign.cancelled_on = on
    campaign.save(update_fields=["cancelled_on"])
    tallies.rebuild(campaign.pk)
    log_action("campaign.cancelled", actor=actor, obj=campaign, organisation=campaign.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on}, extra={"sessions_cancelled": cancelled})
    return campaign


# ---------------------------------------------------------------- sessions


def _session_errors(campaign: Campaign, values: dict[str, Any]) -> list[str]:
    """Why a session with these values cannot belong to `campaign` (empty: it can)."""
    errors = []
    day, organisation = values["date"], values["organisation"]
    message = _date_error(str(_("Date")), day)
    if message:
        return [message]
    if not campaign.start <= day <= campaign.end:
        errors.append(_("Date: %(day)s is outside the campaign's period %(start)s – %(end)s.") % {
            "day": format_date(day), "start": format_date(campaign.start), "end": format_date(campaign.end)})
    elif not organisation.is_active_on(day):
        errors.append(_("Organised by: %(org)s did not exist on %(day)s.") % {
            "org": organisation, "day": format_date(day)})
    elif not org_queries.subtree_ids_on(campaign.organisation_id, day).filter(
            organisation_id=organisation.pk).exists():
        errors.append(_("Organised by: %(org)s was not under %(planner)s on %(day)s.") % {
            "org": organisation, "planner": campaign.organisation, "day": format_date(day)})
    if values["audience"] not in campaign.audiences:
        errors.append(_("Audience: the campaign does not address this audience."))
    if values["level"] not in Session.Level.values:
        errors.append(_("Level: choose one of the listed levels."))
    elif values["audience"] == Audience.KEY_CADRES and values["level"] != Session.Level.CONFERENCE:
        errors.append(_("Level: key cadres study at a conference of the organising level."))
    if values["form"] not in Session.Form.values:
        errors.append(_("Form: choose one of the listed forms."))
    masses = values["masses_count"]
    if not isinstance(masses, int) or isinstance(masses, bool) or masses < 0:
        errors.append(_("Non-members attending: enter a whole number, 0 or more."))
    elif masses and not campaign.counts_masses:
        errors.append(_("Non-members attending: this campaign does not count the masses."))
    return errors


@transaction.atomic
def create_session(*, actor: Any, campaign: Campaign, organisation: Organisation, date: dt.date, audience: str,
                   level: str = Session.Level.GRASSROOTS, form: str = Session.Form.IN_PERSON, place: str = "",
                   documents: Iterable[Any] = (), masses_count: int = 0, note: str = "") -> Session:
    """Plan (or record) a session of `campaign` held by `organisation` on `date`. The campaign is locked, so a
    concurrent change of its period sees the session. Side effects: the session, its documents, an audit entry."""
    _require_open(lock(campaign))
    values = {"date": date, "organisation": organisation, "audience": audience, "level": level, "form": form,
              "masses_count": masses_count}
    _raise(_session_errors(campaign, values))
    session = Session.objects.create(
        campaign=campaign, organisation=organisation, date=date, audience=audience, level=level, form=form,
        place=place.strip(), masses_count=masses_count, note=note.strip(), created_by=_actor(actor))
    documents = _documents(documents)
    session.documents.set(documents)
    log_action("session.created", actor=actor, obj=session, organisation=organisation, new={
        "campaign": campaign.pk, "date": date, "audience": audience, "level": level, "form": form, "place": place,
        "masses_count": masses_count, "documents": [getattr(d, "pk", d) for d in documents]})
    return session


def _lock_session(session: Session) -> Session:
    """Lock the campaign, then the session (the order every session step locks in), and read both again."""
    lock(session.campaign)
    lock(session)
    _require_open(session.campaign)
    if session.cancelled_on is not None:
        raise StateConflict(_("This session was cancelled on %(day)s.") % {"day": format_date(session.cancelled_on)})
    return session


@transaction.atomic
def update_session(*, actor: Any, session: Session, **changes: Any) -> Session:
    """Change a session. Once attendance is recorded its date, organisation and audience stay (they fixed who was
    expected). Side effects: the session, an audit entry (old → new)."""
    _unknown(changes, SESSION_FIELDS)
    _lock_session(session)
    documents = changes.pop("documents", None)
    if session.attendance_recorded_at is not None and any(
            key in changes and changes[key] != getattr(session, key) for key in SESSION_EXPECTED_FIELDS):
        raise StateConflict(_("Attendance is already recorded: the date, organisation and audience of this session "
                              "can no longer change; cancel it and create another."))
    values = {key: getattr(session, key) for key in ("date", "organisation", "audience", "level", "form",
                                                      "masses_count")} | changes
    _raise(_session_errors(session.campaign, values))
    for key in ("place", "note"):
        if key in changes:
            changes[key] = str(changes[key]).strip()
    old, new = _apply(session, changes, documents)
    log_action("session.updated", actor=actor, obj=session, organisation=session.organisation, old=old, new=new)
    return session


@transaction.atomic
def cancel_session(*, actor: Any, session: Session, on: dt.date) -> Session:
    """Cancel a session held by mistake: its attendance rows stay but count in no figure. Side effects: the
    session, an audit entry."""
    _lock_session(session)
    _raise([m for m in [_date_error(str(_("Cancelled on")), on)] if m])
    session.cancelled_on = on
    session.save(update_fields=["cancelled_on"])
    tallies.refresh(session.campaign_id, Attendance.objects.filter(session=session).values_list("person_id", flat=True))
    log_action("session.cancelled", actor=actor, obj=session, organisation=session.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return session


# ---------------------------------------------------------------- attendance


def _not_expected(session: Session, name: str, exempted: bool) -> str:
    values = {"name": name, "org": session.organisation, "day": format_date(session.date)}
    if exempted:
        return _("%(name)s was exempted from activities on %(day)s and is not expected.") % values
    if session.audience == Audience.KEY_CADRES:
        return _("%(name)s was not a key cadre of %(org)s on %(day)s.") % values
    if session.audience == Audience.CANDIDATES:
        return _("%(name)s was not a candidate followed in %(org)s on %(day)s.") % values
    return _("%(name)s was not a member of %(org)s on %(day)s.") % values


def _entry_errors(session: Session, entry: AttendanceEntry, name: str, latest: dt.date) -> list[str]:
    """What is wrong with one answer, whoever the person is."""
    errors = []
    if entry.status not in Status.values:
        errors.append(_("Status: “%(value)s” is not one of present, absent, made up later.") % {
            "value": entry.status})
    elif entry.status == Status.ABSENT and not entry.reason.strip():
        errors.append(_("Reason: %(name)s is absent; give the reason.") % {"name": name})
    elif entry.status == Status.MADE_UP and entry.made_up_on is None:
        errors.append(_("Made up on: %(name)s made the session up later; give the date.") % {"name": name})
    if len(entry.reason.strip()) > 255:
        errors.append(_("Reason: at most 255 characters."))
    if entry.made_up_on is not None:
        if entry.status != Status.MADE_UP:
            errors.append(_("Made up on: a date is given only for a session made up later."))
        elif not isinstance(entry.made_up_on, dt.date):
            errors.append(_("Made up on: enter a date."))
        elif entry.made_up_on < session.date:
            errors.append(_("Made up on: %(made)s precedes the session (%(day)s).") % {
                "made": format_date(entry.made_up_on), "day": format_date(session.date)})
        elif entry.made_up_on > latest:
            errors.append(_("Made up on: %(made)s is in the future.") % {"made": format_date(entry.made_up_on)})
    return errors


def _entry_problems(session: Session, entries: Sequence[AttendanceEntry], expected: dict[int, int],
                    exempted: set[int]) -> list[tuple[int | None, str]]:
    """Every problem of `entries`: (the entry's row or None, the message naming the field)."""
    for e in entries:  # what a caller built loosely (an API body) is read as the sheet would be
        e.reason = "" if e.reason is None else str(e.reason)
    ids = {e.person_id for e in entries if isinstance(e.person_id, int) and not isinstance(e.person_id, bool)}
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "full_name"))
    problems: list[tuple[int | None, str]] = []
    seen: dict[int, AttendanceEntry] = {}
    latest = today()
    for entry in entries:
        name = names.get(entry.person_id) if entry.person_id in ids else None
        if name is None:
            problems.append((entry.row, _("Person: no person has the number %(id)s.") % {"id": entry.person_id}))
            continue
        if entry.person_id in seen:
            first = seen[entry.person_id]
            problems.append((entry.row, _("%(name)s appears twice (also row %(first)s).") % {
                "name": name, "first": first.row if first.row is not None else "—"}))
            continue
        seen[entry.person_id] = entry
        if entry.person_id not in expected:
            problems.append((entry.row, _not_expected(session, name, entry.person_id in exempted)))
        problems += [(entry.row, message) for message in _entry_errors(session, entry, name, latest)]
    return problems


def _check_entries(session: Session, entries: Sequence[AttendanceEntry], expected: dict[int, int],
                   exempted: set[int]) -> list[str]:
    return [message if row is None else _("Row %(row)s: %(message)s") % {"row": row, "message": message}
            for row, message in _entry_problems(session, entries, expected, exempted)]


def _not_held_yet(session: Session) -> str | None:
    if session.date > today():
        return _("Date: the session of %(day)s has not been held yet; record its attendance "
                 "afterwards.") % {"day": format_date(session.date)}
    return None


def attendance_problems(session: Session, entries: Sequence[AttendanceEntry]) -> list[tuple[int | None, str]]:
    """Read-only: every check record_attendance runs on `entries` (session not held yet, unknown person,
    duplicate, not expected or exempted, absent without reason, made-up date rules…), as (row or None, message
    naming the field). Writes nothing; an empty list means record_attendance would accept the entries as of now.
    """
    problems: list[tuple[int | None, str]] = []
    if (held := _not_held_yet(session)) is not None:
        problems.append((None, held))
    expected, exempted = _expected_and_exempted(session)
    return problems + _entry_problems(session, entries, expected, exempted)


def check_attendance(session: Session, entries: Sequence[AttendanceEntry]) -> list[str]:
    """attendance_problems as the messages record_attendance would raise ("Row 5: Reason: …"). Writes nothing."""
    return [message if row is None else _("Row %(row)s: %(message)s") % {"row": row, "message": message}
            for row, message in attendance_problems(session, entries)]


def _answer(entry: AttendanceEntry | None) -> tuple[str, str, dt.date | None]:
    if entry is None:
        return Status.PRESENT, "", None
    reason = "" if entry.status == Status.PRESENT else " ".join(entry.reason.split())
    return entry.status, reason, entry.made_up_on if entry.status == Status.MADE_UP else None


def _state(status: str, reason: str, made_up_on: dt.date | None) -> dict[str, Any]:
    return {"status": status, "reason": reason, "made_up_on": made_up_on}


def _expected_and_exempted(session: Session) -> tuple[dict[int, int], set[int]]:
    rows = queries._expected(session)
    return ({row.person_id: row.organisation_id for row in rows if not row.exempted},
            {row.person_id for row in rows if row.exempted})


def _write_rows(session: Session, actor: Any, expected: dict[int, int],
                entries: dict[int, AttendanceEntry]) -> tuple[dict[str, Any], dict[str, Any], int]:
    """Write one row per expected person (bulk); (old answers, new answers of the changed rows, rows removed)."""
    existing = {row.person_id: row for row in Attendance.objects.filter(session=session)}
    creates, updates, old, new = [], [], {}, {}
    recorder = _actor(actor)
    now = timezone.now()
    for person_id, organisation_id in expected.items():
        status, reason, made_up_on = _answer(entries.get(person_id))
        row = existing.get(person_id)
        if row is None:
            creates.append(Attendance(
                session=session, campaign_id=session.campaign_id, date=session.date, audience=session.audience,
                person_id=person_id, organisation_id=organisation_id, status=status, attended=status in ATTENDED,
                reason=reason, made_up_on=made_up_on, recorded_by=recorder, recorded_at=now))
            new[str(person_id)] = _state(status, reason, made_up_on)
        elif (row.status, row.reason, row.made_up_on, row.organisation_id) != (
                status, reason, made_up_on, organisation_id):
            old[str(person_id)] = _state(row.status, row.reason, row.made_up_on)
            new[str(person_id)] = _state(status, reason, made_up_on)
            row.status, row.reason, row.made_up_on, row.organisation_id = status, reason, made_up_on, organisation_id
            row.attended, row.recorded_by, row.recorded_at = status in ATTENDED, recorder, now
            updates.append(row)
    stale = [row for person_id, row in existing.items() if person_id not in expected]
    for row in stale:
        old[str(row.person_id)] = _state(row.status, row.reason, row.made_up_on)
    Attendance.objects.bulk_create(creates, batch_size=500)
    _update_in_groups(updates, recorder, now)
    if stale:
        Attendance.objects.filter(pk__in=[row.pk for row in stale]).delete()
    if creates or updates or stale:
        tallies.refresh(session.campaign_id, [row.person_id for row in (*creates, *updates, *stale)])
    return old, new, len(stale)


def _update_in_groups(updates: list[Attendance], recorder: Any, now: dt.datetime) -> None:
    """One UPDATE per distinct answer (present, absent for one reason…): a handful of statements where a bulk
    update would send one CASE per row and column."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for row in updates:
        groups.setdefault((row.status, row.reason, row.made_up_on, row.organisation_id), []).append(row.pk)
    for (status, reason, made_up_on, organisation_id), pks in groups.items():
        for start in range(0, len(pks), 500):
            Attendance.objects.filter(pk__in=pks[start:start + 500]).update(
                status=status, reason=reason, made_up_on=made_up_on, organisation_id=organisation_id,
                attended=status in ATTENDED, recorded_by=recorder, recorded_at=now)


@transaction.atomic
def record_attendance(*, actor: Any, session: Session, entries: Sequence[AttendanceEntry],
                      masses_count: int | None = None) -> Session:
    """Record who attended `session`: one row per person expected on its day, everyone not named in `entries`
    present. Recording again replaces the previous answers (rows updated in place; a person no longer expected
    loses their row). Every entry is checked first; one error and nothing is written.

    Side effects: the Attendance rows (bulk), the session's attendance_recorded_at (and masses_count when given),
    one audit entry with the old and new answers of every row that changed.
    """
    _lock_session(session)
    if (held := _not_held_yet(session)) is not None:
        raise ValidationError(held)
    expected, exempted = _expected_and_exempted(session)
    errors = _check_entries(session, entries, expected, exempted)
    if masses_count is not None:
        errors += _session_errors(session.campaign, {
            "date": session.date, "organisation": session.organisation, "audience": session.audience,
            "level": session.level, "form": session.form, "masses_count": masses_count})
    _raise(errors)
    answers = {e.person_id: e for e in entries}
    old, new, removed = _write_rows(session, actor, expected, answers)
    first = session.attendance_recorded_at is None
    session.attendance_recorded_at = timezone.now()
    fields = ["attendance_recorded_at"]
    if masses_count is not None and masses_count != session.masses_count:
        old["masses_count"], new["masses_count"] = session.masses_count, masses_count
        session.masses_count = masses_count
        fields.append("masses_count")
    session.save(update_fields=fields)
    attended = sum(1 for person_id in expected if _answer(answers.get(person_id))[0] in ATTENDED)
    log_action("session.attendance_recorded" if first else "session.attendance_changed", actor=actor, obj=session,
               organisation=session.organisation, old=old, new=new,
               extra={"expected": len(expected), "attended": attended, "removed": removed})
    return session


@transaction.atomic
def confirm_self_study(*, actor: Any, session: Session, person: Person) -> Attendance:
    """A member confirms having studied on their own (a self-study session): their row says present. The other
    rows of the session are not touched. Side effects: one Attendance row, an audit entry."""
    _lock_session(session)
    if session.form != Session.Form.SELF_STUDY:
        raise ValidationError(_("This session is not a self-study session."))
    if session.date > today():
        raise ValidationError(_("Self-study is confirmed from the session's date (%(day)s) on.") % {
            "day": format_date(session.date)})
    expected, exempted = _expected_and_exempted(session)
    if person.pk not in expected:
        raise ValidationError(_not_expected(session, person.full_name, person.pk in exempted))
    row, created = Attendance.objects.get_or_create(session=session, person=person, defaults={
        "campaign_id": session.campaign_id, "date": session.date, "audience": session.audience,
        "organisation_id": expected[person.pk], "status": Status.PRESENT, "attended": True,
        "recorded_by": _actor(actor)})
    old = None if created else _state(row.status, row.reason, row.made_up_on)
    if not created and row.status != Status.PRESENT:
        row.status, row.attended, row.reason, row.made_up_on = Status.PRESENT, True, "", None
        row.recorded_by = _actor(actor)
        row.save(update_fields=["status", "attended", "reason", "made_up_on", "recorded_by", "recorded_at"])
    tallies.refresh(session.campaign_id, [person.pk])
    log_action("session.self_study_confirmed", actor=actor, obj=session, organisation=row.organisation,
               old={str(person.pk): old} if old else None, new={str(person.pk): _state(Status.PRESENT, "", None)})
    return row


@transaction.atomic
def record_make_up(*, actor: Any, attendance: Attendance, made_up_on: dt.date) -> Attendance:
    """An absent person made the session up later (học bù): the row counts as attended from now on. Side effects:
    the row, an audit entry (old → new)."""
    _lock_session(attendance.session)
    lock(attendance)
    name = attendance.person.full_name
    if attendance.status == Status.PRESENT:
        raise StateConflict(_("%(name)s attended the session; there is nothing to make up.") % {"name": name})
    entry = AttendanceEntry(attendance.person_id, Status.MADE_UP, attendance.reason, made_up_on)
    _raise(_entry_errors(attendance.session, entry, name, today()))
    old = _state(attendance.status, attendance.reason, attendance.made_up_on)
    attendance.status, attendance.attended, attendance.made_up_on = Status.MADE_UP, True, made_up_on
    attendance.recorded_by = _actor(actor)
    attendance.save(update_fields=["status", "attended", "made_up_on", "recorded_by", "recorded_at"])
    tallies.refresh(attendance.campaign_id, [attendance.person_id])
    log_action("session.made_up", actor=actor, obj=attendance.session, organisation=attendance.organisation,
               old={str(attendance.person_id): old},
               new={str(attendance.person_id): _state(Status.MADE_UP, attendance.reason, made_up_on)})
    return attendance
