"""Writes of the outcomes of inspection: recommendations (kiến nghị sau kiểm tra) with their follow-up, and
disciplinary decisions (quyết định kỷ luật) recorded as decided.

Every function validates everything first and raises ValidationError({field: [message]}) whose Vietnamese message
names the field, writing nothing; then it writes in one transaction, the row re-read under a lock
(core.conflicts.lock: a concurrent step that committed first makes this one a StateConflict, 409), with one audit
entry. `actor=None` is the system (tests, demo).

Recommendations (decisions taken here):
- made on an inspection that is not cancelled, by a user who may write it (scoping.writable_inspections: records
  of the plan's committee today; one of a member also needs to read it);
- the addressee, when named, is the plan's committee itself, or the organisation inspected (for a member: the
  member's unit) or one of its units today — so that nobody reading the inspection reads an organisation's name
  outside it; none means the subject inspected;
- "the recommendation's date" is the inspection's conclusion date when it is concluded, else its first day: the
  deadline is on or after it (and within the planned range), a follow-up is not before it;
- follow-up: carried out (done) or not carried out (not_done), with its date (not in the future, not before the
  recommendation's date nor before an earlier follow-up) and a note. "Not carried out" can be followed up again
  later (it was carried out late); "carried out" is final, as is a cancelled recommendation (StateConflict);
- `seen` (the updated_at the page showed) makes a follow-up compare-and-set: a change by someone else in between
  is a StateConflict, nothing written;
- cancelled, never deleted; a cancelled recommendation no longer counts anywhere;
- overdue: not cancelled, not carried out (open or not carried out) and its deadline before today.

Disciplinary decisions (decisions taken here):
- the deciding committee is one the user may edit records of today;
- the subject is exactly one: a member (forms: reprimand, warning, removal from office, expulsion) or an
  organisation (reprimand, warning, dissolution); a form that does not fit the subject is refused, naming it;
- the subject lay in the deciding committee's subtree on the decision date: the member's unit (their regular
  membership on that day) is the committee or under it; the organisation is strictly under the committee;
- decided_on is an event: not in the future; the inspection it followed (optional) began on or before it;
- one about a member is recorded only by the inspection committee (capability inspection.view over the deciding
  committee), who alone, with the team and the member, reads it afterwards (inspection/scoping.py): an office
  that may edit the committee's records is refused with the rule named, nothing written;
- the audit entry of a decision about a member carries the member's id, not the name nor the reason (the audit
  page is read by offices);
- cancelled (cancelled_on), nothing deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import EVENT, PLANNED, date_problem, today
from xaydungdang.core.formatting import format_date
from xaydungdang.inspection.models import DisciplinaryDecision, Inspection, InspectionRecommendation
from xaydungdang.members.models import Member
from xaydungdang.members.queries import memberships_on
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.paths import decode_segments

Errors = dict[str, list[str]]
Form = DisciplinaryDecision.Form
Status = InspectionRecommendation.Status
MEMBER_FORMS = (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION)
ORGANISATION_FORMS = (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)
FOLLOW_UP_STATES = (Status.DONE, Status.NOT_DONE)
DECISION_LIMIT = 255


# ---------------------------------------------------------------- who may write


def _scope(actor: Any) -> Any:
    from xaydungdang.accounts.scope import resolve_scope

    return resolve_scope(actor)


def may_edit(actor: Any, organisation_id: int) -> bool:
    if actor is None or getattr(actor, "is_superuser", False):
        return True
    scope = _scope(actor)
    return bool(scope.has(Capability.EDIT_RECORDS) and scope.organisations(Capability.EDIT_RECORDS).filter(
        pk=organisation_id).exists())


def may_inspect(actor: Any, organisation_id: int) -> bool:
    """The inspection committee over the organisation (inspection.view), the system or a superuser."""
    if actor is None or getattr(actor, "is_superuser", False):
        return True
    scope = _scope(actor)
    return bool(scope.has(Capability.VIEW_INSPECTION) and scope.organisations(Capability.VIEW_INSPECTION).filter(
        pk=organisation_id).exists())


def _require_writer(actor: Any, organisation_id: int) -> None:
    if not may_edit(actor, organisation_id):
        raise PermissionDenied


# ---------------------------------------------------------------- helpers


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _text(value: Any) -> str:
    return str(value or "").strip()


DATE_MESSAGES = {
    "due_on": (gettext_lazy("Deadline: enter a date."), "", gettext_lazy("Deadline: %(error)s")),
    "followed_up_on": (gettext_lazy("Followed up on: enter a date."),
                       gettext_lazy("Followed up on: %(day)s is in the future."),
                       gettext_lazy("Followed up on: %(error)s")),
    "decided_on": (gettext_lazy("Decided on: enter the date of the decision."),
                   gettext_lazy("Decided on: %(day)s is in the future."), gettext_lazy("Decided on: %(error)s")),
}


def _date(errors: Errors, field: str, value: Any, *, span: Any = EVENT) -> dt.date | None:
    problem = date_problem(value, DATE_MESSAGES[field], span, now=today())
    if problem is not None:
        _add(errors, field, problem)
        return None
    return value  # type: ignore[no-any-return]


def recommendation_day(inspection: Inspection) -> dt.date:
    """The date a recommendation of this inspection is made: its conclusion's, else its first day."""
    return inspection.concluded_on or inspection.starts_on


def ancestry_on(organisation: Organisation | int, day: dt.date) -> list[int] | None:
    """The organisation's ancestry on `day`, root first and itself last; None when it did not exist then."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    path = org_queries.versions_on(day).filter(organisation_id=org_id).values_list("path", flat=True).first()
    return None if path is None else decode_segments(path)


def member_unit_on(member: Member, day: dt.date) -> int | None:
    """The member's unit (regular membership) on `day`, else None."""
    return memberships_on(day).filter(member=member).values_list("organisation_id", flat=True).first()  # type: ignore[no-any-return]


# ---------------------------------------------------------------- recommendations


def recommendation_errors(inspection: Inspection, content: Any, addressee: Organisation | None,
                          due_on: Any) -> Errors:
    errors: Errors = {}
    if inspection.cancelled_on is not None:
        _add(errors, "inspection", _("Inspection: it was cancelled on %(day)s; it takes no recommendation.") % {
            "day": format_date(inspection.cancelled_on)})
    if not _text(content):
        _add(errors, "content", _("Recommendation: write what is recommended."))
    day = _date(errors, "due_on", due_on, span=PLANNED)
    start = recommendation_day(inspection)
    if day is not None and day < start:
        _add(errors, "due_on", _("Deadline: %(due)s is before %(start)s, the date of the inspection's conclusion "
                                 "(or its first day, before it is concluded).") % {
            "due": format_date(day), "start": format_date(start)})
    if addressee is not None and addressee.pk != inspection.team.plan.organisation_id:
        ancestry = ancestry_on(addressee, today())
        if ancestry is None or inspection.organisation_id not in ancestry:
            _add(errors, "addressee", _("To: %(org)s is neither the inspecting committee nor the organisation "
                                        "inspected or one of its units today.") % {"org": addressee})
    return errors


def _recommendation_audit(rec: InspectionRecommendation) -> dict[str, Any]:
    return {"inspection": rec.inspection_id, "content": rec.content,
            "addressee": rec.addressee.code if rec.addressee else None, "due_on": rec.due_on}


@transaction.atomic
def make_recommendation(*, actor: Any, inspection: Inspection, content: str, due_on: dt.date,
                        addressee: Organisation | None = None) -> InspectionRecommendation:
    """Record a recommendation of the inspection. Audited as inspection.recommendation.made."""
    _require_writer(actor, inspection.team.plan.organisation_id)
    lock(inspection)  # a cancellation committed first is seen below
    errors = recommendation_errors(inspection, content, addressee, due_on)
    if errors:
        raise ValidationError(errors)
    rec = InspectionRecommendation.objects.create(inspection=inspection, content=_text(content), addressee=addressee,
                                                  due_on=due_on)
    log_action("inspection.recommendation.made", actor=actor, obj=rec, organisation=inspection.organisation,
               new=_recommendation_audit(rec))
    return rec


def _require_followable(rec: InspectionRecommendation, seen: dt.datetime | None) -> None:
    if seen is not None and rec.updated_at != seen:
        raise StateConflict(_("This recommendation was changed by someone else meanwhile; read it again."))
    if rec.cancelled_on is not None:
        raise StateConflict(_("This recommendation was cancelled on %(day)s.") % {
            "day": format_date(rec.cancelled_on)})
    if rec.status == Status.DONE:
        raise StateConflict(_("This recommendation was already carried out (followed up on %(day)s).") % {
            "day": format_date(rec.followed_up_on) if rec.followed_up_on else ""})


def follow_up_errors(rec: InspectionRecommendation, status: Any, on: Any, note: Any) -> Errors:
    errors: Errors = {}
    if status not in FOLLOW_UP_STATES:
        _add(errors, "status", _("Follow-up: choose carried out or not carried out."))
    day = _date(errors, "followed_up_on", on)
    start = recommendation_day(rec.inspection)
    if day is not None and day < start:
        _add(errors, "followed_up_on", _("Followed up on: %(day)s is before the recommendation (%(start)s).") % {
            "day": format_date(day), "start": format_date(start)})
    elif day is not None and rec.followed_up_on is not None and day < rec.followed_up_on:
        _add(errors, "followed_up_on", _("Followed up on: %(day)s is before the last follow-up (%(last)s).") % {
            "day": format_date(day), "last": format_date(rec.followed_up_on)})
    if status == Status.NOT_DONE and not _text(note):
        _add(errors, "follow_up_note", _("Note: say what was not carried out and why."))
    return errors


@transaction.atomic
def follow_up(*, actor: Any, recommendation: InspectionRecommendation, status: str, on: dt.date, note: str = "",
              seen: dt.datetime | None = None) -> InspectionRecommendation:
    """Record whether the recommendation was carried out. Audited as inspection.recommendation.followed_up."""
    # The committee that inspected, or those who carry the recommendation out and report it: the addressee's or the
    # inspected organisation's office today (also after the committee that inspected has ended).
    if not any(may_edit(actor, org_id) for org_id in (
            recommendation.inspection.team.plan.organisation_id, recommendation.addressee_id,
            recommendation.inspection.organisation_id) if org_id is not None):
        raise PermissionDenied
    lock(recommendation)
    _require_followable(recommendation, seen)
    errors = follow_up_errors(recommendation, status, on, note)
    if errors:
        raise ValidationError(errors)
    old = {"status": recommendation.status, "followed_up_on": recommendation.followed_up_on,
           "follow_up_note": recommendation.follow_up_note}
    recommendation.status, recommendation.followed_up_on = status, on
    recommendation.follow_up_note = _text(note)
    recommendation.save(update_fields=["status", "followed_up_on", "follow_up_note", "updated_at"])
    log_action("inspection.recommendation.followed_up", actor=actor, obj=recommendation,
               organisation=recommendation.inspection.organisation, old=old,
               new={"status": status, "followed_up_on": on, "follow_up_note": recommendation.follow_up_note})
    return recommendation


@transaction.atomic
def cancel_recommendation(*, actor: Any, recommendation: InspectionRecommendation,
                          seen: dt.datetime | None = None) -> InspectionRecommendation:
    """Cancel a recommendation entered by mistake (nothing deleted; it no longer counts). Audited as
    inspection.recommendation.cancelled."""
    _require_writer(actor, recommendation.inspection.team.plan.organisation_id)
    lock(recommendation)
    if seen is not None and recommendation.updated_at != seen:
        raise StateConflict(_("This recommendation was changed by someone else meanwhile; read it again."))
    if recommendation.cancelled_on is not None:
        raise StateConflict(_("This recommendation was cancelled on %(day)s.") % {
            "day": format_date(recommendation.cancelled_on)})
    recommendation.cancelled_on = today()
    recommendation.save(update_fields=["cancelled_on", "updated_at"])
    log_action("inspection.recommendation.cancelled", actor=actor, obj=recommendation,
               organisation=recommendation.inspection.organisation, old={"cancelled_on": None},
               new={"cancelled_on": recommendation.cancelled_on})
    return recommendation


# ---------------------------------------------------------------- disciplinary decisions


def decision_errors(actor: Any, values: dict[str, Any]) -> tuple[Errors, int | None]:
    """Why a decision with these values cannot be recorded, and where it is placed (the organisation disciplined
    or the member's unit on the decision date)."""
    errors: Errors = {}
    committee: Organisation | None = values.get("decided_by")
    member: Member | None = values.get("member")
    subject: Organisation | None = values.get("subject_organisation")
    form = values.get("form")
    inspection: Inspection | None = values.get("inspection")
    day = _date(errors, "decided_on", values.get("decided_on"))
    if not _text(values.get("decision")):
        _add(errors, "decision", _("Decision: write its number and symbol, for example 12-QĐ/UBKTHU."))
    elif len(_text(values.get("decision"))) > DECISION_LIMIT:
        _add(errors, "decision", _("Decision: at most %(limit)s characters.") % {"limit": DECISION_LIMIT})
    if committee is None:
        _add(errors, "decided_by", _("Decided by: choose the committee that decided."))
    if (member is None) == (subject is None):
        _add(errors, "subject", _("Disciplined: name either a member or an organisation (one of the two)."))
    elif member is not None and form not in MEMBER_FORMS:
        _add(errors, "form", _("Form: %(form)s is not a form of discipline of a member (reprimand, warning, removal "
                               "from office, expulsion).") % {"form": _form_label(form)})
    elif subject is not None and form not in ORGANISATION_FORMS:
        _add(errors, "form", _("Form: %(form)s is not a form of discipline of an organisation (reprimand, warning, "
                               "dissolution).") % {"form": _form_label(form)})
    placed: int | None = None
    if committee is not None and day is not None and (member is None) != (subject is None):
        if member is not None:
            placed = member_unit_on(member, day)
            ancestry = ancestry_on(placed, day) if placed is not None else None
            if ancestry is None or committee.pk not in ancestry:
                _add(errors, "member", _("Member: on %(day)s the member was not in an organisation under %(org)s.")
                     % {"day": format_date(day), "org": committee})
                placed = None
            if not may_inspect(actor, committee.pk):
                _add(errors, "member", _("Member: a decision about a member is recorded by the inspection committee "
                                         "of %(org)s or above, who alone read it with the member."
                                         ) % {"org": committee})
        elif subject is not None:
            ancestry = ancestry_on(subject, day)
            if ancestry is None or committee.pk not in ancestry[:-1]:
                _add(errors, "subject_organisation", _("Organisation disciplined: on %(day)s %(subject)s was not "
                                                       "under %(org)s.") % {
                    "day": format_date(day), "subject": subject, "org": committee})
            else:
                placed = subject.pk
    if inspection is not None:
        if inspection.cancelled_on is not None:
            _add(errors, "inspection", _("Inspection: it was cancelled on %(day)s.") % {
                "day": format_date(inspection.cancelled_on)})
        elif day is not None and inspection.starts_on > day:
            _add(errors, "inspection", _("Inspection: it began on %(start)s, after the decision (%(day)s).") % {
                "start": format_date(inspection.starts_on), "day": format_date(day)})
    return errors, placed


def _form_label(form: Any) -> str:
    try:
        return str(Form(form).label)
    except ValueError:
        return str(form or "—")


def _decision_audit(decision: DisciplinaryDecision) -> dict[str, Any]:
    values: dict[str, Any] = {"decided_by": decision.decided_by.code, "form": decision.form,
                              "decision": decision.decision, "decided_on": decision.decided_on,
                              "inspection": decision.inspection_id}
    if decision.member_id is not None:
        values["member"] = decision.member_id  # the id only: the audit page is read by offices
    else:
        values["subject_organisation"] = decision.subject_organisation.code  # type: ignore[union-attr]
        values["reason"] = decision.reason
    return values


@transaction.atomic
def record_decision(*, actor: Any, decided_by: Organisation, form: str, decision: str, decided_on: dt.date,
                    member: Member | None = None, subject_organisation: Organisation | None = None,
                    reason: str = "", inspection: Inspection | None = None) -> DisciplinaryDecision:
    """Record a disciplinary decision as decided. Audited as inspection.decision.recorded."""
    _require_writer(actor, decided_by.pk)
    values = {"decided_by": decided_by, "form": form, "decision": decision, "decided_on": decided_on,
              "member": member, "subject_organisation": subject_organisation, "inspection": inspection}
    errors, placed = decision_errors(actor, values)
    if errors:
        raise ValidationError(errors)
    assert placed is not None
    found = DisciplinaryDecision.objects.create(
        inspection=inspection, member=member, subject_organisation=subject_organisation, organisation_id=placed,
        decided_by=decided_by, form=form, decision=_text(decision), decided_on=decided_on, reason=_text(reason),
        created_by=actor if getattr(actor, "pk", None) else None)
    log_action("inspection.decision.recorded", actor=actor, obj=found, organisation=decided_by,
               new=_decision_audit(found))
    return found


@transaction.atomic
def cancel_decision(*, actor: Any, decision: DisciplinaryDecision) -> DisciplinaryDecision:
    """Cancel a decision entered by mistake (nothing deleted). Audited as inspection.decision.cancelled."""
    _require_writer(actor, decision.decided_by_id)
    if decision.member_id is not None and not may_inspect(actor, decision.decided_by_id):
        raise PermissionDenied
    lock(decision)
    if decision.cancelled_on is not None:
        raise StateConflict(_("This decision was cancelled on %(day)s.") % {"day": format_date(decision.cancelled_on)})
    decision.cancelled_on = today()
    decision.save(update_fields=["cancelled_on"])
    log_action("inspection.decision.cancelled", actor=actor, obj=decision, organisation=decision.decided_by,
               old={"cancelled_on": None}, new={"cancelled_on": decision.cancelled_on})
    return decision
