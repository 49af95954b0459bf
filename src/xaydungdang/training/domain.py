"""Writes of training: classes (open, edit, cancel), enrolments (enrol, withdraw), results, other participants.

Every function validates everything first and raises ValidationError with Vietnamese messages naming the row
and field, writing nothing; then it writes in one transaction with an audit entry (old and new values).
`actor=None` is the system (migrations, the demo, tests); a user must be able to edit records of the class's
organiser today (today's tree: accounts.scope).

Capacity is kept under concurrency: a write on a class's enrolments first locks the class row
(core.conflicts.lock) and counts again, so two enrolments at once cannot exceed it; a step the class's state no
longer allows (cancelled) raises StateConflict (409).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import dates
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.formatting import format_date, format_number
from xaydungdang.members.models import Person
from xaydungdang.organisations.models import Organisation
from xaydungdang.training import queries
from xaydungdang.training.models import ClassType, Enrolment, TrainingClass

CLASS_FIELDS = ("class_type", "title", "organiser", "start", "end", "place", "capacity", "others_count", "note")
MAX_CAPACITY = 100_000


def require_organiser(actor: Any, organiser: Organisation) -> None:
    """Refuse a write on classes of an organiser the actor may not edit records of today (views answer 404
    before this)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    from xaydungdang.accounts.scope import resolve_scope

    if not resolve_scope(actor).organisations(Capability.EDIT_RECORDS).filter(pk=organiser.pk).exists():
        raise PermissionDenied


def _date_errors(label: str, day: dt.date | None) -> list[str]:
    if day is None:
        return [_("%(field)s: enter a date.") % {"field": label}]
    message = dates.EVENT.error(day)
    return [f"{label}: {message}"] if message else []


def class_errors(values: Mapping[str, Any]) -> list[str]:
    """Every rule the values of a class break (empty when none)."""
    errors: list[str] = []
    if not (values.get("title") or "").strip():
        errors.append(_("Title: enter the name of the class."))
    start, end = values.get("start"), values.get("end")
    start_errors = _date_errors(_("From"), start)
    errors += start_errors + _date_errors(_("To"), end)
    if start_errors:
        start = None  # the type and the organiser are checked on a plausible first day only
    if start is not None and end is not None and end < start:
        errors.append(_("To: the class cannot end (%(end)s) before it starts (%(start)s).") % {
            "end": format_date(end), "start": format_date(start)})
    class_type: ClassType | None = values.get("class_type")
    if class_type is None:
        errors.append(_("Type: choose the type of class."))
    elif start is not None and not (class_type.valid_from <= start and (
            class_type.valid_to is None or start < class_type.valid_to)):
        errors.append(pgettext("training class", "Type: %(type)s was not in use on %(day)s.") % {
            "type": class_type, "day": format_date(start)})
    organiser: Organisation | None = values.get("organiser")
    if organiser is None:
        errors.append(_("Organised by: choose the organisation."))
    elif start is not None and not organiser.is_active_on(start):
        errors.append(_("Organised by: %(org)s did not exist on %(day)s.") % {
            "org": organiser, "day": format_date(start)})
    capacity = values.get("capacity")
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        errors.append(_("Capacity: between 1 and %(max)s learners, or empty for no limit.") % {
            "max": format_number(MAX_CAPACITY)})
    others = values.get("others_count") or 0
    if not 0 <= others <= MAX_CAPACITY:
        errors.append(_("Other participants: between 0 and %(max)s.") % {"max": format_number(MAX_CAPACITY)})
    return errors


def _capacity_error(training_class: TrainingClass, taken: int, adding: int) -> str:
    return _("Class %(class)s takes at most %(capacity)s learners; it already has %(taken)s, adding %(adding)s.") % {
        "class": training_class.title, "capacity": format_number(training_class.capacity),
        "taken": format_number(taken), "adding": format_number(adding)}


def _audit_values(training_class: TrainingClass) -> dict[str, Any]:
    return {"type": training_class.class_type.code, "title": training_class.title,
            "organiser": training_class.organiser_id, "start": training_class.start, "end": training_class.end,
            "place": training_class.place, "capacity": training_class.capacity,
            "others_count": training_class.others_count, "note": training_class.note,
            "cancelled_on": training_class.cancelled_on}


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = {name: values.get(name) for name in CLASS_FIELDS}
    for name in ("title", "place", "note"):
        cleaned[name] = (cleaned[name] or "").strip()
    cleaned["others_count"] = cleaned["others_count"] or 0
    return cleaned


@transaction.atomic
def create_class(*, actor: Any, values: Mapping[str, Any]) -> TrainingClass:
    """Open a class (values: CLASS_FIELDS). Audited as training.class_created."""
    values = _clean(values)
    errors = class_errors(values)
    if errors:
        raise ValidationError(errors)
    require_organiser(actor, values["organiser"])
    training_class = TrainingClass.objects.create(**values, created_by=actor if getattr(actor, "pk", None) else None)
    log_action("training.class_created", actor=actor, obj=training_class, organisation=training_class.organiser,
               new=_audit_values(training_class))
    return training_class


def _require_open(training_class: TrainingClass) -> None:
    if training_class.cancelled_on is not None:
        raise StateConflict(_("Class %(class)s was cancelled on %(day)s: it can no longer be changed.") % {
            "class": training_class.title, "day": format_date(training_class.cancelled_on)})


@transaction.atomic
def update_class(*, actor: Any, training_class: TrainingClass, values: Mapping[str, Any]) -> TrainingClass:
    """Change a class. The organiser cannot change once people are enrolled (they were chosen from its
    subtree), nor can the capacity fall below those already in the class. Audited as training.class_changed."""
    require_organiser(actor, training_class.organiser)
    lock(training_class)
    _require_open(training_class)
    values = _clean(values)
    errors = class_errors(values)
    taken = queries.active_enrolments(training_class).count()
    if values["organiser"] is not None and values["organiser"].pk != training_class.organiser_id and taken:
        errors.append(_("Organised by: %(n)s people are enrolled from the subtree of %(org)s; withdraw them "
                        "first.") % {"n": format_number(taken), "org": training_class.organiser})
    if values["capacity"] is not None and taken + values["others_count"] > values["capacity"]:
        errors.append(_("Capacity: the class already has %(taken)s learners and %(others)s other participants.") % {
            "taken": format_number(taken), "others": format_number(values["others_count"])})
    if errors:
        raise ValidationError(errors)
    if values["organiser"] is not None:
        require_organiser(actor, values["organiser"])
    old = _audit_values(training_class)
    for name, value in values.items():
        setattr(training_class, name, value)
    training_class.save(update_fields=list(values))
    log_action("training.class_changed", actor=actor, obj=training_class, organisation=training_class.organiser,
               old=old, new=_audit_values(training_class))
    return training_class


@transaction.atomic
def cancel_class(*, actor: Any, training_class: TrainingClass, on: dt.date) -> TrainingClass:
    """Cancel a class: it stays on record, counts nowhere, takes no enrolment. Audited as training.class_cancelled."""
    require_organiser(actor, training_class.organiser)
    lock(training_class)
    _require_open(training_class)
    errors = _date_errors(_("Cancelled on"), on)
    if errors:
        raise ValidationError(errors)
    training_class.cancelled_on = on
    training_class.save(update_fields=["cancelled_on"])
    log_action("training.class_cancelled", actor=actor, obj=training_class, organisation=training_class.organiser,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return training_class


@transaction.atomic
def set_others_count(*, actor: Any, training_class: TrainingClass, others_count: int) -> TrainingClass:
    """The number of participants who are neither members nor candidates (counted only)."""
    require_organiser(actor, training_class.organiser)
    lock(training_class)
    _require_open(training_class)
    taken = queries.active_enrolments(training_class).count()
    if not 0 <= others_count <= MAX_CAPACITY:
        raise ValidationError(_("Other participants: between 0 and %(max)s.") % {"max": format_number(MAX_CAPACITY)})
    if training_class.capacity is not None and taken + others_count > training_class.capacity:
        raise ValidationError(_capacity_error(training_class, taken, others_count))
    old = training_class.others_count
    training_class.others_count = others_count
    training_class.save(update_fields=["others_count"])
    log_action("training.others_counted", actor=actor, obj=training_class, organisation=training_class.organiser,
               old={"others_count": old}, new={"others_count": others_count})
    return training_class


def _person_label(person_id: int, people: Mapping[int, Person]) -> str:
    person = people.get(person_id)
    return f"{person.full_name} (#{person_id})" if person is not None else f"#{person_id}"


@transaction.atomic
def enrol(*, actor: Any, training_class: TrainingClass, people: Iterable[int | Person]) -> list[Enrolment]:
    """Enrol members and candidates of the organiser's subtree on the class's first day (people: Person ids or
    Persons). Refused as a whole, each refusal naming the row: a person enrolled already or twice in the list,
    one who is neither a member nor a candidate there, more than the capacity. A withdrawn enrolment is taken up
    again. Audited as training.enrolled (one entry for the class, with the people)."""
    require_organiser(actor, training_class.organiser)
    lock(training_class)  # writers on one class's enrolments run one at a time: the count below holds
    _require_open(training_class)
    ids = [p.pk if isinstance(p, Person) else p for p in people]
    known = Person.objects.in_bulk(set(ids))
    eligible = queries.eligible_people(training_class, ids)
    existing = {e.person_id: e for e in Enrolment.objects.filter(training_class=training_class, person_id__in=ids)}
    errors: list[str] = []
    if not ids:
        errors.append(_("People: choose at least one person to enrol."))
    seen: set[int] = set()
    for row, person_id in enumerate(ids, start=1):
        label = {"row": row, "person": _person_label(person_id, known), "class": training_class.title}
        if person_id in seen:
            errors.append(_("Row %(row)s, %(person)s: listed twice.") % label)
        elif person_id in existing and existing[person_id].withdrawn_on is None:
            errors.append(_("Row %(row)s, %(person)s: already enrolled in %(class)s.") % label)
        elif person_id not in eligible:
            errors.append(_("Row %(row)s, %(person)s: not a party member or candidate of %(org)s on %(day)s.") % {
                **label, "org": training_class.organiser, "day": format_date(training_class.start)})
        seen.add(person_id)
    taken = queries.active_enrolments(training_class).count() + training_class.others_count
    if training_class.capacity is not None and taken + len(seen) > training_class.capacity:
        errors.append(_capacity_error(training_class, taken, len(seen)))
    if errors:
        raise ValidationError(errors)
    recorder = actor if getattr(actor, "pk", None) else None
    made: list[Enrolment] = []
    for person_id in ids:
        organisation_id, is_candidate = eligible[person_id]
        enrolment = existing.get(person_id) or Enrolment(training_class=training_class, person_id=person_id)
        enrolment.organisation_id, enrolment.is_candidate = organisation_id, is_candidate
        enrolment.withdrawn_on, enrolment.result, enrolment.grade = None, Enrolment.Result.ENROLLED, ""
        enrolment.completed_on, enrolment.recorded_by = None, recorder
        enrolment.save()
        made.append(enrolment)
    log_action("training.enrolled", actor=actor, obj=training_class, organisation=training_class.organiser,
               new={"people": ids})
    return made


@transaction.atomic
def withdraw(*, actor: Any, enrolment: Enrolment, on: dt.date) -> Enrolment:
    """Take a person out of a class (the row stays, marked withdrawn). Audited as training.withdrawn."""
    training_class = enrolment.training_class
    require_organiser(actor, training_class.organiser)
    lock(training_class)
    _require_open(training_class)
    lock(enrolment)
    if enrolment.withdrawn_on is not None:
        raise StateConflict(_("%(person)s was already withdrawn from %(class)s on %(day)s.") % {
            "person": enrolment.person, "class": training_class.title, "day": format_date(enrolment.withdrawn_on)})
    errors = _date_errors(_("Withdrawn on"), on)
    if errors:
        raise ValidationError(errors)
    enrolment.withdrawn_on, enrolment.result, enrolment.grade, enrolment.completed_on = on, Enrolment.Result.ENROLLED, \
        "", None
    enrolment.save(update_fields=["withdrawn_on", "result", "grade", "completed_on", "recorded_at"])
    log_action("training.withdrawn", actor=actor, obj=training_class, organisation=training_class.organiser,
               old={"person": enrolment.person_id}, new={"withdrawn_on": on})
    return enrolment


@dataclass(frozen=True)
class Result:
    """The result of one enrolled person: completed or not, the grade (completed only), when, certificate."""

    person: int
    result: str
    grade: str = ""
    completed_on: dt.date | None = None
    certificate: str = ""


def _result_errors(row: int, label: str, result: Result, training_class: TrainingClass) -> list[str]:
    errors: list[str] = []
    named = {"row": row, "person": label}
    if result.result not in Enrolment.Result.values:
        errors.append(_("Row %(row)s, %(person)s, result: unknown value %(value)s.") % {
            **named, "value": result.result})
    if result.grade not in Enrolment.Grade.values:
        errors.append(_("Row %(row)s, %(person)s, grade: unknown value %(value)s.") % {**named, "value": result.grade})
    elif result.grade and result.result != Enrolment.Result.COMPLETED:
        errors.append(_("Row %(row)s, %(person)s, grade: only a person who completed the class is graded.") % named)
    if result.completed_on is not None and result.result == Enrolment.Result.COMPLETED:
        message = dates.EVENT.error(result.completed_on)
        if message:
            errors.append(f"{_('Row %(row)s, %(person)s, completed on') % named}: {message}")
        elif result.completed_on < training_class.start:
            errors.append(_("Row %(row)s, %(person)s, completed on: %(day)s is before the class starts (%(start)s).")
                          % {**named, "day": format_date(result.completed_on),
                             "start": format_date(training_class.start)})
    if len(result.certificate) > 60:
        errors.append(_("Row %(row)s, %(person)s, certificate: at most 60 characters.") % named)
    return errors


@transaction.atomic
def record_results(*, actor: Any, training_class: TrainingClass, results: Iterable[Result]) -> list[Enrolment]:
    """Record completion and grade per enrolled person (completed_on defaults to the class's last day).
    All-or-nothing, each refusal naming the row. Audited as training.results_recorded with old and new values."""
    require_organiser(actor, training_class.organiser)
    lock(training_class)
    _require_open(training_class)
    rows = list(results)
    enrolments = {e.person_id: e for e in Enrolment.objects.filter(
        training_class=training_class, person_id__in=[r.person for r in rows]).select_related("person")}
    known = {pk: e.person for pk, e in enrolments.items()}
    errors: list[str] = [] if rows else [_("Results: no row was given.")]
    seen: set[int] = set()
    for row, result in enumerate(rows, start=1):
        label = _person_label(result.person, known)
        enrolment = enrolments.get(result.person)
        if result.person in seen:
            errors.append(_("Row %(row)s, %(person)s: listed twice.") % {"row": row, "person": label})
        elif enrolment is None or enrolment.withdrawn_on is not None:
            errors.append(_("Row %(row)s, %(person)s: not enrolled in %(class)s.") % {
                "row": row, "person": label, "class": training_class.title})
        errors += _result_errors(row, label, result, training_class)
        seen.add(result.person)
    if errors:
        raise ValidationError(errors)
    recorder = actor if getattr(actor, "pk", None) else None
    old, new, saved = {}, {}, []
    for result in rows:
        enrolment = enrolments[result.person]
        old[result.person] = [enrolment.result, enrolment.grade, enrolment.completed_on]
        completed = result.result == Enrolment.Result.COMPLETED
        enrolment.result, enrolment.grade = result.result, result.grade if completed else ""
        enrolment.completed_on = (result.completed_on or training_class.end) if completed else None
        enrolment.certificate, enrolment.recorded_by = result.certificate.strip(), recorder
        enrolment.save(update_fields=["result", "grade", "completed_on", "certificate", "recorded_by", "recorded_at"])
        new[result.person] = [enrolment.result, enrolment.grade, enrolment.completed_on]
        saved.append(enrolment)
    log_action("training.results_recorded", actor=actor, obj=training_class, organisation=training_class.organiser,
               old={"results": old}, new={"results": new})
    return saved
