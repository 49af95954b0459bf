"""Writes of briefings and the opinions raised at them: record, edit and cancel a briefing; record an opinion (at a
briefing or received outside one), edit it, assign it to the body that must answer, answer it, cancel it.

Every function validates everything first and raises ValidationError with a dict {field: [messages]} whose messages
name the field in Vietnamese, writing nothing; then it writes in one transaction, the changed row locked, with one
audit entry (old and new values). `actor=None` is the system (the demo, tests); otherwise the actor must edit
records of the organisation concerned today (feedback.scoping), else PermissionDenied (pages answer 404 before).

Decisions:
- An opinion is raised at a briefing (its committee and date) or received outside one (`briefing=None`: a letter,
  a meeting with voters): then the organisation that received it and the day are given.
- The raiser's name and contact are kept only when they ask for an answer AND agree to be named (DOMAIN.md §6);
  a name or a contact without both is refused (field `raiser_name` / `raiser_contact`). The audit log never holds
  them in clear (`MASK`).
- The responsible body is an organisation of the raising organisation's subtree or one of the committees above it
  (today's tree), or a body outside the party tree named in words (`assigned_to_name`), not both.
- Answered once: a second answer is a StateConflict (409); the caller may pass the `updated_at` it saw (`seen`)
  for compare-and-set against a concurrent edit.
- No date lies in the future (raised, assigned, answered, a briefing's date); a deadline is not before the raising
  or the assignment date; an answer is not dated before the opinion was raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import MASK, log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import EARLIEST, today
from xaydungdang.core.formatting import format_date
from xaydungdang.feedback.models import Briefing, Opinion, OpinionTopic, SourceGroup
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.paths import decode_segments

BRIEFING_FIELDS = ("date", "title", "chaired_by", "participants_count", "summary")
OPINION_FIELDS = ("kind", "topic", "source_group", "content", "wants_answer", "consents", "raiser_name",
                  "raiser_contact")
TEXT_LIMITS = {"title": 500, "chaired_by": 150, "raiser_name": 150, "raiser_contact": 255,
               "assigned_to_name": 255, "answered_by_name": 255}
MAX_PARTICIPANTS = 100_000
Errors = dict[str, list[str]]


# ---------------------------------------------------------------- shared rules


def require_writer(actor: Any, *organisations: Organisation | None) -> None:
    """Refuse a user who may edit records of none of `organisations` today (None: the system)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    from xaydungdang.accounts.scope import resolve_scope

    scope = resolve_scope(actor)
    ids = [o.pk for o in organisations if o is not None]
    if not (scope.has(Capability.EDIT_RECORDS) and ids
            and scope.organisations(Capability.EDIT_RECORDS).filter(pk__in=ids).exists()):
        raise PermissionDenied


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _text(value: Any, name: str = "") -> str:
    text = str(value or "").strip()
    return " ".join(text.split()) if name in TEXT_LIMITS else text


def _day_errors(errors: Errors, field: str, label: str, value: Any, *, required: bool = True) -> dt.date | None:
    """A day that happened (not after today, not before 1900), else a message naming the field."""
    if value is None or value == "":
        if required:
            _add(errors, field, _("%(field)s: enter the date.") % {"field": label})
        return None
    if not isinstance(value, dt.date):
        _add(errors, field, _("%(field)s: enter a date.") % {"field": label})
        return None
    now = today()
    if value > now:
        _add(errors, field, _("%(field)s: %(day)s is in the future (today is %(today)s).") % {
            "field": label, "day": format_date(value), "today": format_date(now)})
        return None
    if value < EARLIEST:
        _add(errors, field, _("%(field)s: %(day)s is too early.") % {"field": label, "day": format_date(value)})
        return None
    return value


def _length_errors(errors: Errors, values: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    for name, limit in TEXT_LIMITS.items():
        if name in values and len(_text(values[name], name)) > limit:
            _add(errors, name, _("%(field)s: at most %(limit)s characters.") % {"field": labels[name],
                                                                                 "limit": limit})


def _valid_on(model: type[OpinionTopic | SourceGroup], item: Any, day: dt.date | None) -> bool:
    if not isinstance(item, model):
        return False
    return day is None or (item.valid_from <= day and (item.valid_to is None or day <= item.valid_to))


# ---------------------------------------------------------------- briefings


def _briefing_audit(briefing: Briefing) -> dict[str, Any]:
    return {"organisation": briefing.organisation.code, "date": briefing.date, "title": briefing.title,
            "chaired_by": briefing.chaired_by, "participants_count": briefing.participants_count,
            "summary": briefing.summary,
            "participants": sorted(briefing.participants.values_list("code", flat=True)) if briefing.pk else []}


def briefing_errors(organisation: Organisation | None, values: Mapping[str, Any],
                    participants: Iterable[Organisation]) -> Errors:
    errors: Errors = {}
    if organisation is None:
        _add(errors, "organisation", _("Held by: choose the committee that held the briefing."))
    day = _day_errors(errors, "date", _("Date"), values.get("date"))
    if organisation is not None and day is not None and not organisation.is_active_on(day):
        _add(errors, "date", _("Date: %(org)s did not exist on %(day)s.") % {"org": organisation,
                                                                              "day": format_date(day)})
    count = values.get("participants_count") or 0
    if not isinstance(count, int) or not 0 <= count <= MAX_PARTICIPANTS:
        _add(errors, "participants_count", _("Participants: a whole number from 0 to %(limit)s.") % {
            "limit": f"{MAX_PARTICIPANTS:,}".replace(",", ".")})
    _length_errors(errors, values, {"title": _("Title"), "chaired_by": _("Chaired by")})
    if organisation is not None and day is not None:
        below = set(org_queries.subtree_ids_on(organisation.pk, day).values_list("organisation_id", flat=True))
        outside = [p for p in participants if p.pk not in below]
        if outside:
            _add(errors, "participants", _("Organisations taking part: %(names)s did not belong to %(org)s on "
                                           "%(day)s.") % {"names": ", ".join(str(p) for p in outside),
                                                          "org": organisation, "day": format_date(day)})
    return errors


def _briefing_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"date": values.get("date"), "title": _text(values.get("title"), "title"),
            "chaired_by": _text(values.get("chaired_by"), "chaired_by"),
            "participants_count": values.get("participants_count") or 0, "summary": _text(values.get("summary"))}


@transaction.atomic
def record_briefing(*, actor: Any, organisation: Organisation, date: dt.date, title: str = "", chaired_by: str = "",
                    participants: Iterable[Organisation] = (), participants_count: int = 0,
                    summary: str = "") -> Briefing:
    """Record a briefing a committee held. Audited as feedback.briefing.recorded."""
    require_writer(actor, organisation)
    participants = list(participants)
    values = _briefing_values({"date": date, "title": title, "chaired_by": chaired_by,
                               "participants_count": participants_count, "summary": summary})
    errors = briefing_errors(organisation, values, participants)
    if errors:
        raise ValidationError(errors)
    briefing = Briefing.objects.create(organisation=organisation, created_by=_user(actor), **values)
    briefing.participants.set(participants)
    log_action("feedback.briefing.recorded", actor=actor, obj=briefing, organisation=organisation,
               new=_briefing_audit(briefing))
    return briefing


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _briefing_open(briefing: Briefing) -> None:
    if briefing.cancelled_on is not None:
        raise StateConflict({"briefing": [_("This briefing was cancelled on %(day)s: it can no longer be changed.")
                                          % {"day": format_date(briefing.cancelled_on)}]})


@transaction.atomic
def update_briefing(*, actor: Any, briefing: Briefing, participants: Iterable[Organisation] | None = None,
                    **changes: Any) -> Briefing:
    """Change a briefing's fields (those of BRIEFING_FIELDS given); its committee does not change. The date of a
    briefing with opinions does not change (they were raised that day). Audited as feedback.briefing.updated."""
    require_writer(actor, briefing.organisation)
    unknown = set(changes) - set(BRIEFING_FIELDS)
    if unknown:
        raise TypeError(f"unknown briefing fields: {sorted(unknown)}")
    lock(briefing)
    _briefing_open(briefing)
    old = _briefing_audit(briefing)
    values = _briefing_values({name: changes.get(name, getattr(briefing, name)) for name in BRIEFING_FIELDS})
    chosen = list(participants) if participants is not None else list(briefing.participants.all())
    errors = briefing_errors(briefing.organisation, values, chosen)
    if values["date"] != briefing.date and briefing.opinions.filter(cancelled_on__isnull=True).exists():
        _add(errors, "date", _("Date: opinions were raised at this briefing on %(day)s; its date cannot change.")
             % {"day": format_date(briefing.date)})
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(briefing, name, value)
    briefing.save(update_fields=list(BRIEFING_FIELDS))
    briefing.participants.set(chosen)
    log_action("feedback.briefing.updated", actor=actor, obj=briefing, organisation=briefing.organisation, old=old,
               new=_briefing_audit(briefing))
    return briefing


@transaction.atomic
def cancel_briefing(*, actor: Any, briefing: Briefing, on: dt.date | None = None) -> Briefing:
    """Cancel a briefing entered by mistake (nothing is deleted; it no longer counts). Refused while opinions raised
    at it are still recorded (cancel them first). Audited as feedback.briefing.cancelled."""
    require_writer(actor, briefing.organisation)
    on = on or today()
    lock(briefing)
    _briefing_open(briefing)
    remaining = briefing.opinions.filter(cancelled_on__isnull=True).count()
    if remaining:
        raise StateConflict({"briefing": [_("Opinions: %(n)s opinions raised at this briefing are still recorded; "
                                            "cancel them first.") % {"n": remaining}]})
    briefing.cancelled_on = on
    briefing.save(update_fields=["cancelled_on"])
    log_action("feedback.briefing.cancelled", actor=actor, obj=briefing, organisation=briefing.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return briefing


# ---------------------------------------------------------------- opinions


def _masked(value: str) -> str:
    return MASK if value else ""


def _opinion_audit(opinion: Opinion) -> dict[str, Any]:
    """An opinion's values for the audit log; the raiser's identity never in clear."""
    return {"organisation": opinion.organisation.code, "briefing": opinion.briefing_id, "raised_on": opinion.raised_on,
            "kind": opinion.kind, "topic": opinion.topic.code, "source_group": opinion.source_group.code,
            "content": opinion.content, "wants_answer": opinion.wants_answer, "consents": opinion.consents,
            "raiser_name": _masked(opinion.raiser_name), "raiser_contact": _masked(opinion.raiser_contact),
            "assigned_to": opinion.assigned_to.code if opinion.assigned_to else None,
            "assigned_to_name": opinion.assigned_to_name, "assigned_on": opinion.assigned_on,
            "due_on": opinion.due_on}


def _identity_errors(errors: Errors, values: Mapping[str, Any]) -> None:
    allowed = bool(values.get("wants_answer")) and bool(values.get("consents"))
    if allowed:
        return
    if values.get("raiser_name"):
        _add(errors, "raiser_name", _("Raiser's name: recorded only when the raiser asks for an answer and agrees "
                                      "to be named; tick both or leave the name empty."))
    if values.get("raiser_contact"):
        _add(errors, "raiser_contact", _("Raiser's contact: recorded only when the raiser asks for an answer and "
                                         "agrees to be named; tick both or leave the contact empty."))


def opinion_errors(organisation: Organisation | None, raised_on: Any, values: Mapping[str, Any]) -> Errors:
    errors: Errors = {}
    if organisation is None:
        _add(errors, "organisation", _("Raised at: choose the organisation where the opinion was raised."))
    day = _day_errors(errors, "raised_on", _("Raised on"), raised_on)
    if organisation is not None and day is not None and not organisation.is_active_on(day):
        _add(errors, "raised_on", _("Raised on: %(org)s did not exist on %(day)s.") % {
            "org": organisation, "day": format_date(day)})
    if values.get("kind") not in Opinion.Kind.values:
        _add(errors, "kind", _("Kind: choose an opinion or a petition."))
    if not _valid_on(OpinionTopic, values.get("topic"), day):
        _add(errors, "topic", _("Topic: choose a topic in use on the day the opinion was raised."))
    if not _valid_on(SourceGroup, values.get("source_group"), day):
        _add(errors, "source_group", _("Source group: choose a group in use on the day the opinion was raised."))
    if not _text(values.get("content")):
        _add(errors, "content", _("Content: write what was raised."))
    _identity_errors(errors, values)
    _length_errors(errors, values, {"raiser_name": _("Raiser's name"), "raiser_contact": _("Raiser's contact")})
    return errors


def responsible_bodies(organisation: Organisation, day: dt.date) -> Any:
    """The organisations an opinion raised at `organisation` may be assigned to on `day`: its subtree and the
    committees above it (a queryset of ids)."""
    version = org_queries.version_on(organisation.pk, day)
    if version is None:
        return Organisation.objects.none().values("pk")
    above = decode_segments(version.path)[:-1]
    subtree = org_queries.subtree_on(version, day).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=subtree) | Q(pk__in=above)).values("pk")


def assignment_errors(opinion_org: Organisation, raised_on: dt.date | None, values: Mapping[str, Any]) -> Errors:
    """Errors of an assignment (assigned_to | assigned_to_name, assigned_on, due_on); none given: no assignment."""
    errors: Errors = {}
    body, name = values.get("assigned_to"), _text(values.get("assigned_to_name"), "assigned_to_name")
    if body is not None and name:
        _add(errors, "assigned_to", _("Assigned to: choose an organisation of the tree or name a body outside it, "
                                      "not both."))
    elif body is None and not name:
        _add(errors, "assigned_to", _("Assigned to: choose the organisation, or name the body, that must answer."))
    elif body is not None:
        day = today()
        if not Organisation.objects.filter(pk=body.pk, pk__in=responsible_bodies(opinion_org, day)).exists():
            _add(errors, "assigned_to", _("Assigned to: %(body)s is neither under %(org)s nor a committee above it "
                                          "today.") % {"body": body, "org": opinion_org})
    _length_errors(errors, values, {"assigned_to_name": _("Assigned to")})
    assigned_on = _day_errors(errors, "assigned_on", _("Assigned on"), values.get("assigned_on"))
    due_on = values.get("due_on")
    if due_on is None or not isinstance(due_on, dt.date):
        _add(errors, "due_on", _("Answer due by: enter the deadline."))
    else:
        if raised_on is not None and due_on < raised_on:
            _add(errors, "due_on", _("Answer due by: %(due)s is before the opinion was raised (%(raised)s).") % {
                "due": format_date(due_on), "raised": format_date(raised_on)})
        elif assigned_on is not None and due_on < assigned_on:
            _add(errors, "due_on", _("Answer due by: %(due)s is before the assignment (%(assigned)s).") % {
                "due": format_date(due_on), "assigned": format_date(assigned_on)})
    if raised_on is not None and assigned_on is not None and assigned_on < raised_on:
        _add(errors, "assigned_on", _("Assigned on: %(day)s is before the opinion was raised (%(raised)s).") % {
            "day": format_date(assigned_on), "raised": format_date(raised_on)})
    return errors


def _opinion_values(values: Mapping[str, Any]) -> dict[str, Any]:
    clean = {name: values.get(name) for name in OPINION_FIELDS}
    clean["content"] = _text(values.get("content"))
    clean["raiser_name"] = _text(values.get("raiser_name"), "raiser_name")
    clean["raiser_contact"] = _text(values.get("raiser_contact"), "raiser_contact")
    clean["wants_answer"] = bool(values.get("wants_answer"))
    clean["consents"] = bool(values.get("consents"))
    return clean


def _assignment_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"assigned_to": values.get("assigned_to"),
            "assigned_to_name": _text(values.get("assigned_to_name"), "assigned_to_name"),
            "assigned_on": values.get("assigned_on"), "due_on": values.get("due_on")}


ASSIGNMENT_KEYS = ("assigned_to", "assigned_to_name", "assigned_on", "due_on")


@transaction.atomic
def record_opinion(*, actor: Any, briefing: Briefing | None = None, organisation: Organisation | None = None,
                   raised_on: dt.date | None = None, kind: str = Opinion.Kind.OPINION, topic: Any = None,
                   source_group: Any = None, content: str = "", wants_answer: bool = False, consents: bool = False,
                   raiser_name: str = "", raiser_contact: str = "", **assignment: Any) -> Opinion:
    """Record an opinion raised at `briefing` (its committee and date) or, without one, received by `organisation`
    on `raised_on`. An assignment (assigned_to or assigned_to_name, assigned_on (default: the raising day),
    due_on) may come with it.
    Audited as feedback.opinion.recorded."""
    unknown = set(assignment) - set(ASSIGNMENT_KEYS)
    if unknown:
        raise TypeError(f"unknown opinion fields: {sorted(unknown)}")
    errors: Errors = {}
    if briefing is not None:
        organisation = briefing.organisation
        if raised_on is not None and raised_on != briefing.date:
            _add(errors, "raised_on", _("Raised on: an opinion raised at a briefing is dated on the briefing's day "
                                        "(%(day)s).") % {"day": format_date(briefing.date)})
        raised_on = briefing.date
    require_writer(actor, organisation)
    values = _opinion_values({"kind": kind, "topic": topic, "source_group": source_group, "content": content,
                              "wants_answer": wants_answer, "consents": consents, "raiser_name": raiser_name,
                              "raiser_contact": raiser_contact})
    for field, messages in opinion_errors(organisation, raised_on, values).items():
        errors.setdefault(field, []).extend(messages)
    assigned = _assignment_values(assignment) if any(assignment.get(k) for k in ASSIGNMENT_KEYS) else None
    if assigned is not None and assigned["assigned_on"] is None:
        assigned["assigned_on"] = raised_on  # assigned when it was raised, unless said otherwise
    if assigned is not None and organisation is not None:
        day = raised_on if isinstance(raised_on, dt.date) else None
        for field, messages in assignment_errors(organisation, day, assigned).items():
            errors.setdefault(field, []).extend(messages)
    if briefing is not None:
        lock(briefing)
        if briefing.cancelled_on is not None:
            _add(errors, "briefing", _("Briefing: it was cancelled on %(day)s.") % {
                "day": format_date(briefing.cancelled_on)})
    if errors:
        raise ValidationError(errors)
    assert organisation is not None and raised_on is not None
    opinion = Opinion.objects.create(briefing=briefing, organisation=organisation, raised_on=raised_on,
                                     created_by=_user(actor), **values, **(assigned or {}))
    log_action("feedback.opinion.recorded", actor=actor, obj=opinion, organisation=organisation,
               new=_opinion_audit(opinion))
    return opinion


def _millis(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _conflict_if_changed(opinion: Opinion, seen: dt.datetime | None) -> None:
    """`seen`: the updated_at the caller read (to the millisecond, as JSON carries it)."""
    if seen is not None and _millis(opinion.updated_at) != _millis(seen):
        raise StateConflict({"opinion": [_("This opinion was changed by someone else meanwhile; open it again to see "
                                           "the change.")]})


def _opinion_open(opinion: Opinion) -> None:
    if opinion.cancelled_on is not None:
        raise StateConflict({"opinion": [_("This opinion was cancelled on %(day)s: it can no longer be changed.")
                                         % {"day": format_date(opinion.cancelled_on)}]})


@transaction.atomic
def update_opinion(*, actor: Any, opinion: Opinion, seen: dt.datetime | None = None, **changes: Any) -> Opinion:
    """Change an opinion's own fields (OPINION_FIELDS): where and when it was raised do not change. Withdrawn consent
    needs the name and contact cleared (refused otherwise). Audited as feedback.opinion.updated."""
    require_writer(actor, opinion.organisation)
    unknown = set(changes) - set(OPINION_FIELDS)
    if unknown:
        raise TypeError(f"unknown opinion fields: {sorted(unknown)}")
    lock(opinion)
    _opinion_open(opinion)
    _conflict_if_changed(opinion, seen)
    old = _opinion_audit(opinion)
    values = _opinion_values({name: changes.get(name, getattr(opinion, name)) for name in OPINION_FIELDS})
    errors = opinion_errors(opinion.organisation, opinion.raised_on, values)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(opinion, name, value)
    opinion.save()
    log_action("feedback.opinion.updated", actor=actor, obj=opinion, organisation=opinion.organisation, old=old,
               new=_opinion_audit(opinion))
    return opinion


@transaction.atomic
def assign_opinion(*, actor: Any, opinion: Opinion, assigned_to: Organisation | None = None,
                   assigned_to_name: str = "", assigned_on: dt.date | None = None, due_on: dt.date | None = None,
                   seen: dt.datetime | None = None) -> Opinion:
    """Assign (or assign again) an opinion not yet answered to the body that must answer, with a deadline.
    Audited as feedback.opinion.assigned."""
    require_writer(actor, opinion.organisation)
    lock(opinion)
    _opinion_open(opinion)
    _conflict_if_changed(opinion, seen)
    if opinion.answered_on is not None:
        raise StateConflict({"opinion": [_("This opinion was answered on %(day)s: it can no longer be assigned.")
                                         % {"day": format_date(opinion.answered_on)}]})
    values = _assignment_values({"assigned_to": assigned_to, "assigned_to_name": assigned_to_name,
                                 "assigned_on": assigned_on or today(), "due_on": due_on})
    errors = assignment_errors(opinion.organisation, opinion.raised_on, values)
    if errors:
        raise ValidationError(errors)
    old = _opinion_audit(opinion)
    for name, value in values.items():
        setattr(opinion, name, value)
    opinion.save()
    log_action("feedback.opinion.assigned", actor=actor, obj=opinion, organisation=opinion.organisation, old=old,
               new=_opinion_audit(opinion))
    return opinion


def default_answering_body(opinion: Opinion) -> str:
    if opinion.assigned_to_id is not None:
        version = org_queries.current_version(opinion.assigned_to) if opinion.assigned_to else None
        return version.name if version else str(opinion.assigned_to)
    return opinion.assigned_to_name


@transaction.atomic
def answer_opinion(*, actor: Any, opinion: Opinion, answer: str, answered_on: dt.date | None = None,
                   answered_by_name: str = "", seen: dt.datetime | None = None) -> Opinion:
    """Record the answer (once: a second answer is a StateConflict, 409). Answered by the raising office or by the
    body it is assigned to. Audited as feedback.opinion.answered."""
    require_writer(actor, opinion.organisation, opinion.assigned_to)
    lock(opinion)
    _opinion_open(opinion)
    if opinion.answered_on is not None:
        raise StateConflict({"answer": [_("This opinion was already answered on %(day)s.") % {
            "day": format_date(opinion.answered_on)}]})
    _conflict_if_changed(opinion, seen)
    errors: Errors = {}
    text = _text(answer)
    if not text:
        _add(errors, "answer", _("Answer: write the answer."))
    day = _day_errors(errors, "answered_on", _("Answered on"), answered_on or today())
    if day is not None and day < opinion.raised_on:
        _add(errors, "answered_on", _("Answered on: %(day)s is before the opinion was raised (%(raised)s).") % {
            "day": format_date(day), "raised": format_date(opinion.raised_on)})
    body = _text(answered_by_name, "answered_by_name") or default_answering_body(opinion)
    _length_errors(errors, {"answered_by_name": body}, {"answered_by_name": _("Answered by")})
    if errors:
        raise ValidationError(errors)
    opinion.answer, opinion.answered_on, opinion.answered_by_name = text, day, body
    opinion.answered_by = _user(actor)
    opinion.save()
    log_action("feedback.opinion.answered", actor=actor, obj=opinion, organisation=opinion.organisation,
               old={"answer": "", "answered_on": None, "answered_by_name": ""},
               new={"answer": text, "answered_on": day, "answered_by_name": body})
    return opinion


@transaction.atomic
def cancel_opinion(*, actor: Any, opinion: Opinion, on: dt.date | None = None) -> Opinion:
    """Cancel an opinion entered by mistake (nothing is deleted; it no longer counts). Audited as
    feedback.opinion.cancelled."""
    require_writer(actor, opinion.organisation)
    on = on or today()
    lock(opinion)
    _opinion_open(opinion)
    opinion.cancelled_on = on
    opinion.save()
    log_action("feedback.opinion.cancelled", actor=actor, obj=opinion, organisation=opinion.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return opinion
