"""Writes of the good models (mô hình hay, cách làm hiệu quả) and recognitions (ghi danh, biểu dương, khen thưởng).

Every function validates everything first and raises ValidationError {field: [messages]} naming the field, writing
nothing; then it writes in one transaction with one audit entry (old and new values). `actor=None` is the system
(the demo, tests); a user must be able to edit records of the organisation today (writes follow today's tree),
else PermissionDenied (views answer 404 before this).

Nothing is deleted: a model no longer kept up is ended (`ended_on`), a recognition entered by mistake is cancelled.
A recognition rests on a decision of the document registry that the writer reads (documents.scoping), dated on or
after the decision's issue date and not in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.core.text import fold
from xaydungdang.emulation.models import GoodModel, Holder, ModelField, Recognition
from xaydungdang.members import queries as member_queries
from xaydungdang.members.models import Member
from xaydungdang.organisations.models import Organisation

EARLIEST_YEAR = 1930
MODEL_FIELDS = ("name", "holder", "field", "description", "organisation", "member", "person_name", "started_year",
                "recognised_on")
Errors = dict[str, list[str]]


# ---------------------------------------------------------------- shared rules


def _scope(actor: Any) -> Any:
    from xaydungdang.accounts.scope import resolve_scope

    return resolve_scope(actor)


def _is_system(actor: Any) -> bool:
    return actor is None or bool(getattr(actor, "is_superuser", False))


def require_writer(actor: Any, organisation: Organisation) -> None:
    """Refuse a user who may not edit records of `organisation` today (None: the system)."""
    if _is_system(actor):
        return
    scope = _scope(actor)
    if not (scope.has(Capability.EDIT_RECORDS)
            and scope.organisations(Capability.EDIT_RECORDS).filter(pk=organisation.pk).exists()):
        raise PermissionDenied


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _day_errors(errors: Errors, field: str, label: str, day: Any, *, not_before: dt.date | None = None,
                not_before_text: str = "") -> None:
    if not isinstance(day, dt.date):
        _add(errors, field, _("%(field)s: enter a date.") % {"field": label})
        return
    if day > today():
        _add(errors, field, _("%(field)s: %(day)s is in the future.") % {"field": label, "day": format_date(day)})
    if day.year < EARLIEST_YEAR:
        _add(errors, field, _("%(field)s: %(day)s is too early.") % {"field": label, "day": format_date(day)})
    if not_before is not None and day < not_before:
        _add(errors, field, not_before_text)


def _holder_errors(errors: Errors, holder: Any, member: Member | None, person_name: str, organisation: Any,
                   day: Any) -> None:
    """Collective: neither member nor name. Individual: a member (in the organisation's subtree that day) or the
    name as published."""
    if holder not in Holder.values:
        _add(errors, "holder", _("Collective or individual: choose one."))
        return
    if holder == Holder.COLLECTIVE:
        if member is not None or person_name:
            _add(errors, "member", _("Member: a collective has no member or person's name; choose individual."))
        return
    if member is None and not person_name:
        _add(errors, "member", _("Member or person's name: an individual is a member of the registry or a person "
                                 "named as published; give one."))
    elif member is not None and person_name:
        _add(errors, "person_name", _("Person's name: give the member or the name, not both."))
    elif member is not None and isinstance(organisation, Organisation) and isinstance(day, dt.date) and not (
            member_queries.memberships_in_subtree_on(organisation.pk, day).filter(member=member).exists()):
        _add(errors, "member", _("Member: %(name)s did not belong to %(org)s on %(day)s.") % {
            "name": member.person.full_name, "org": organisation.name, "day": format_date(day)})


def _organisation_errors(errors: Errors, organisation: Any, day: Any) -> None:
    if not isinstance(organisation, Organisation):
        _add(errors, "organisation", _("Organisation: choose the organisation."))
    elif isinstance(day, dt.date) and not organisation.is_active_on(day):
        _add(errors, "organisation", _("Organisation: %(org)s did not exist on %(day)s.") % {
            "org": organisation.name, "day": format_date(day)})


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


# ---------------------------------------------------------------- good models


def model_errors(values: Mapping[str, Any]) -> Errors:
    """Why a good model with these values cannot be recorded (empty when it can)."""
    errors: Errors = {}
    name = _text(values.get("name"))
    if not name:
        _add(errors, "name", _("Name: enter the name of the model."))
    elif len(name) > 500:
        _add(errors, "name", _("Name: at most 500 characters."))
    if not isinstance(values.get("field"), ModelField):
        _add(errors, "field", _("Field: choose the field of the model."))
    day = values.get("recognised_on")
    _day_errors(errors, "recognised_on", _("Recorded on"), day)
    organisation = values.get("organisation")
    _organisation_errors(errors, organisation, day)
    _holder_errors(errors, values.get("holder"), values.get("member"), _text(values.get("person_name")),
                   organisation, day)
    if len(_text(values.get("person_name"))) > 150:
        _add(errors, "person_name", _("Person's name: at most 150 characters."))
    year = values.get("started_year")
    latest = day.year if isinstance(day, dt.date) else today().year
    if not isinstance(year, int) or not EARLIEST_YEAR <= year <= latest:
        _add(errors, "started_year", _("Year started: a year from %(first)s to %(last)s.") % {
            "first": EARLIEST_YEAR, "last": latest})
    return errors


def _copied_errors(errors: Errors, actor: Any, organisation: Any, copied_by: list[Organisation]) -> None:
    """Units that copied it: any organisation the writer reads, other than the model's own."""
    if isinstance(organisation, Organisation) and any(o.pk == organisation.pk for o in copied_by):
        _add(errors, "copied_by", _("Units that copied it: the model's own organisation is not one of them."))
    if _is_system(actor) or not copied_by:
        return
    readable = set(_scope(actor).organisations().filter(pk__in=[o.pk for o in copied_by]).values_list("pk", flat=True))
    outside = [o.code for o in copied_by if o.pk not in readable]
    if outside:
        _add(errors, "copied_by", _("Units that copied it: no organisation with the code %(codes)s is open to you.")
             % {"codes": ", ".join(outside)})


def _model_values(model: GoodModel) -> dict[str, Any]:
    return {"name": model.name, "holder": model.holder, "field": model.field.code,
            "description": model.description, "organisation": model.organisation.code,
            "member": model.member_id, "person_name": model.person_name, "started_year": model.started_year,
            "recognised_on": model.recognised_on, "ended_on": model.ended_on,
            "copied_by": sorted(model.copied_by.values_list("code", flat=True)) if model.pk else []}


def _clean_model(values: Mapping[str, Any]) -> dict[str, Any]:
    clean = {name: values.get(name) for name in MODEL_FIELDS}
    clean["name"] = _text(values.get("name"))
    clean["person_name"] = _text(values.get("person_name"))
    clean["description"] = str(values.get("description") or "").strip()
    return clean


@transaction.atomic
def record_model(*, actor: Any, organisation: Organisation, name: str, holder: str, field: ModelField,
                 started_year: int, recognised_on: dt.date, description: str = "", member: Member | None = None,
                 person_name: str = "", copied_by: Iterable[Organisation] = ()) -> GoodModel:
    """Take a good model into the registry. Audited as emulation.model.recorded."""
    values = _clean_model({"organisation": organisation, "name": name, "holder": holder, "field": field,
                           "started_year": started_year, "recognised_on": recognised_on,
                           "description": description, "member": member, "person_name": person_name})
    copied = list(dict.fromkeys(copied_by))
    errors = model_errors(values)
    _copied_errors(errors, actor, organisation, copied)
    if errors:
        raise ValidationError(errors)
    require_writer(actor, organisation)
    model = GoodModel.objects.create(search_name=fold(values["name"])[:500],
                                     created_by=actor if getattr(actor, "pk", None) else None, **values)
    model.copied_by.set(copied)
    log_action("emulation.model.recorded", actor=actor, obj=model, organisation=organisation,
               new=_model_values(model))
    return model


def _require_kept(model: GoodModel) -> None:
    if model.ended_on is not None:
        raise StateConflict(_("This model is no longer kept up since %(day)s: it can no longer be changed.") % {
            "day": format_date(model.ended_on)})


def _require_seen(model: GoodModel, seen: dt.datetime | None) -> None:
    if seen is not None and model.updated_at != seen:
        raise StateConflict(_("Someone else changed this model meanwhile: read it again before changing it."))


@transaction.atomic
def update_model(*, actor: Any, model: GoodModel, seen: dt.datetime | None = None,
                 copied_by: Iterable[Organisation] | None = None, **changes: Any) -> GoodModel:
    """Change a model's fields (those of MODEL_FIELDS given; its organisation stays) and, when given, the units
    that copied it. `seen`: the updated_at the caller read (compare-and-set). Audited as emulation.model.updated."""
    unknown = set(changes) - set(MODEL_FIELDS) - {"organisation"}
    if unknown:
        raise TypeError(f"unknown model fields: {sorted(unknown)}")
    require_writer(actor, model.organisation)
    lock(model)
    _require_seen(model, seen)
    _require_kept(model)
    old = _model_values(model)
    values = _clean_model({name: changes.get(name, getattr(model, name)) for name in MODEL_FIELDS}
                          | {"organisation": model.organisation})
    copied = list(dict.fromkeys(copied_by)) if copied_by is not None else None
    errors = model_errors(values)
    if copied is not None:  # units already listed stay even when the editor does not read them
        existing = set(model.copied_by.values_list("pk", flat=True))
        _copied_errors(errors, actor, model.organisation, [o for o in copied if o.pk not in existing])
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(model, name, value)
    model.search_name = fold(model.name)[:500]
    model.save(update_fields=[*MODEL_FIELDS, "search_name", "updated_at"])
    if copied is not None:
        model.copied_by.set(copied)
    log_action("emulation.model.updated", actor=actor, obj=model, organisation=model.organisation, old=old,
               new=_model_values(model))
    return model


@transaction.atomic
def end_model(*, actor: Any, model: GoodModel, on: dt.date | None = None) -> GoodModel:
    """Record that a model is no longer kept up from `on` (today by default); it then no longer counts among the
    models kept up after that day. Nothing is deleted. Audited as emulation.model.ended."""
    require_writer(actor, model.organisation)
    on = on or today()
    lock(model)
    _require_kept(model)
    errors: Errors = {}
    _day_errors(errors, "ended_on", _("No longer kept up since"), on, not_before=model.recognised_on,
                not_before_text=_("No longer kept up since: not before the day it was recorded (%(day)s).") % {
                    "day": format_date(model.recognised_on)})
    if errors:
        raise ValidationError(errors)
    model.ended_on = on
    model.save(update_fields=["ended_on", "updated_at"])
    log_action("emulation.model.ended", actor=actor, obj=model, organisation=model.organisation,
               old={"ended_on": None}, new={"ended_on": on})
    return model


# ---------------------------------------------------------------- recognitions


def decision_readable(actor: Any, decision: Any) -> bool:
    """Whether `actor` reads `decision` in the document registry (the system reads every one)."""
    if _is_system(actor):
        return True
    from xaydungdang.documents.scoping import visible_documents

    return visible_documents(_scope(actor)).filter(pk=decision.pk).exists()


def recognition_errors(actor: Any, values: Mapping[str, Any]) -> Errors:
    """Why a recognition with these values cannot be recorded (empty when it can)."""
    from xaydungdang.documents.models import Document

    errors: Errors = {}
    if values.get("form") not in Recognition.Form.values:
        _add(errors, "form", _("Form: choose ghi danh, biểu dương or khen thưởng."))
    if values.get("level") not in Recognition.Level.values:
        _add(errors, "level", _("Level: choose the level of the recognition."))
    decision = values.get("decision")
    issued = None
    if not isinstance(decision, Document):
        _add(errors, "decision", _("Decision: a recognition rests on a decision of the document registry; "
                                   "choose it."))
    elif decision.status == Document.Status.WITHDRAWN or not decision_readable(actor, decision):
        _add(errors, "decision", _("Decision: no document of the registry open to you is %(name)s.") % {
            "name": decision.identifier or decision.pk})
    else:
        issued = decision.issued_on
    day = values.get("date")
    _day_errors(errors, "date", _("Date"), day, not_before=issued,
                not_before_text=_("Date: not before the decision's issue date (%(day)s).") % {
                    "day": format_date(issued) if issued else ""})
    organisation = values.get("organisation")
    _organisation_errors(errors, organisation, day)
    _holder_errors(errors, values.get("holder"), values.get("member"), _text(values.get("person_name")),
                   organisation, day)
    good_model = values.get("good_model")
    if good_model is not None and not isinstance(good_model, GoodModel):
        _add(errors, "good_model", _("Good model: choose a model of the registry."))
    return errors


def _recognition_values(recognition: Recognition) -> dict[str, Any]:
    return {"form": recognition.form, "level": recognition.level, "decision": recognition.decision_id,
            "date": recognition.date, "holder": recognition.holder, "organisation": recognition.organisation.code,
            "member": recognition.member_id, "person_name": recognition.person_name,
            "good_model": recognition.good_model_id, "reason": recognition.reason,
            "cancelled_on": recognition.cancelled_on}


@transaction.atomic
def record_recognition(*, actor: Any, organisation: Organisation, form: str, level: str, decision: Any,
                       date: dt.date, holder: str, member: Member | None = None, person_name: str = "",
                       good_model: GoodModel | None = None, reason: str = "") -> Recognition:
    """Record a collective or person recognised by a decision. Audited as emulation.recognition.recorded."""
    values = {"organisation": organisation, "form": form, "level": level, "decision": decision, "date": date,
              "holder": holder, "member": member, "person_name": _text(person_name), "good_model": good_model,
              "reason": str(reason or "").strip()}
    errors = recognition_errors(actor, values)
    if errors:
        raise ValidationError(errors)
    require_writer(actor, organisation)
    recognition = Recognition.objects.create(created_by=actor if getattr(actor, "pk", None) else None, **values)
    log_action("emulation.recognition.recorded", actor=actor, obj=recognition, organisation=organisation,
               new=_recognition_values(recognition))
    return recognition


@transaction.atomic
def cancel_recognition(*, actor: Any, recognition: Recognition, on: dt.date | None = None) -> Recognition:
    """Cancel a recognition entered by mistake (nothing is deleted); it no longer counts.
    Audited as emulation.recognition.cancelled."""
    require_writer(actor, recognition.organisation)
    on = on or today()
    lock(recognition)
    if recognition.cancelled_on is not None:
        raise StateConflict(_("This recognition was cancelled on %(day)s.") % {
            "day": format_date(recognition.cancelled_on)})
    recognition.cancelled_on = on
    recognition.save(update_fields=["cancelled_on"])
    log_action("emulation.recognition.cancelled", actor=actor, obj=recognition, organisation=recognition.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return recognition
