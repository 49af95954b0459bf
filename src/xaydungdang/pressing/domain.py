"""Writes of pressing local issues: select an issue for a year, edit it, start resolving it, record its resolution
(with evidence), cancel it (nothing is deleted).

Every function validates everything first and raises ValidationError({field: [message]}) whose Vietnamese message
names the field, writing nothing; then it writes in one transaction with one audit entry (old and new values).
`actor=None` is the system (tests, the demo); a user must be able to edit records of the organisation today
(writes follow today's tree), else PermissionDenied (views and the API answer 404 before this).

Decisions (DOMAIN.md: one or two issues a year):
- the year an issue is selected for is the selection date's year, the year before (an issue of last year recorded
  in January) or the year after (next year's issue chosen in December);
- the selection date is not in the future; the deadline is on or after it; the field must be valid on it;
- more than two issues of one organisation for one year is allowed but warned about (`selection_warning`);
- a resolution names its date (from the selection date to today) and its evidence (text; a document of the
  registry may be attached);
- concurrent changes: the row is locked and read again; a caller that says which version it saw (`seen`, the
  `updated_at` its page showed) is refused with StateConflict (409) when someone changed the issue meanwhile, as is a
  step the status no longer allows (resolving a resolved or cancelled issue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock, same_version
from xaydungdang.core.dates import EVENT, PLANNED, today
from xaydungdang.core.formatting import format_date
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing.models import IssueField, PressingIssue

EDITABLE = ("year", "selected_on", "field", "title", "description", "plan", "owner", "deadline")
TEXT_LIMITS = {"title": 500, "owner": 255}
LONG_TEXT_LIMIT = 20_000
YEARS_AROUND = 1  # the year selected for is the selection date's year ± 1
USUAL_PER_YEAR = 2  # DOMAIN.md: 1–2 issues a year; more is warned about, not refused
Errors = dict[str, list[str]]


def require_writer(actor: Any, organisation: Organisation) -> None:
    """Refuse a user who may not edit records of `organisation` today (None: the system)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    from xaydungdang.accounts.scope import resolve_scope

    scope = resolve_scope(actor)
    if not (scope.has(Capability.EDIT_RECORDS)
            and scope.organisations(Capability.EDIT_RECORDS).filter(pk=organisation.pk).exists()):
        raise PermissionDenied


def fields_valid_on(day: dt.date) -> Any:
    """The fields one may choose for an issue selected on `day` (valid_to is the last day a field is valid)."""
    return IssueField.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


def _label(name: str) -> str:
    return str(getattr(PressingIssue._meta.get_field(name), "verbose_name", name)).capitalize()


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _clean_text(value: Any, *, one_line: bool) -> str:
    text = str(value or "")
    return " ".join(text.split()) if one_line else text.strip()


def normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    clean = {name: values.get(name) for name in EDITABLE}
    for name in ("title", "owner"):
        clean[name] = _clean_text(values.get(name), one_line=True)
    for name in ("description", "plan"):
        clean[name] = _clean_text(values.get(name), one_line=False)
    return clean


def _date_errors(errors: Errors, values: Mapping[str, Any], now: dt.date) -> None:
    selected_on, deadline, year = values.get("selected_on"), values.get("deadline"), values.get("year")
    if not isinstance(selected_on, dt.date):
        _add(errors, "selected_on", _("Selected on: enter the date the issue was selected."))
    elif selected_on > now:
        _add(errors, "selected_on", _("Selected on: %(day)s is in the future; enter the date the issue was "
                                      "selected.") % {"day": format_date(selected_on)})
    elif (problem := EVENT.error(selected_on)) is not None:
        _add(errors, "selected_on", _("Selected on: %(error)s") % {"error": problem})
    if not isinstance(year, int) or isinstance(year, bool):
        _add(errors, "year", _("Year: enter the year the issue is selected for."))
    elif isinstance(selected_on, dt.date) and abs(year - selected_on.year) > YEARS_AROUND:
        _add(errors, "year", _("Year: an issue selected on %(day)s is for %(before)s, %(same)s or %(after)s, "
                               "not %(year)s.") % {"day": format_date(selected_on), "before": selected_on.year - 1,
                                                   "same": selected_on.year, "after": selected_on.year + 1,
                                                   "year": year})
    if not isinstance(deadline, dt.date):
        _add(errors, "deadline", _("Deadline: enter the date by which the issue must be resolved."))
    elif isinstance(selected_on, dt.date) and deadline < selected_on:
        _add(errors, "deadline", _("Deadline: %(deadline)s is before the selection date %(day)s.") % {
            "deadline": format_date(deadline), "day": format_date(selected_on)})
    elif (problem := PLANNED.error(deadline)) is not None:
        _add(errors, "deadline", _("Deadline: %(error)s") % {"error": problem})


def issue_errors(organisation: Organisation | None, values: Mapping[str, Any], *, now: dt.date | None = None) -> Errors:
    """Why an issue with these (normalised) values cannot be recorded, by field (empty when it can)."""
    now = now or today()
    errors: Errors = {}
    selected_on = values.get("selected_on")
    if organisation is None:
        _add(errors, "organisation", _("Organisation: choose the organisation that selected the issue."))
    elif isinstance(selected_on, dt.date) and not organisation.is_active_on(selected_on):
        _add(errors, "organisation", _("Organisation: %(org)s did not exist on %(day)s.") % {
            "org": organisation, "day": format_date(selected_on)})
    if not values.get("title"):
        _add(errors, "title", _("Issue: enter the issue selected."))
    for name, limit in TEXT_LIMITS.items():
        if len(values.get(name) or "") > limit:
            _add(errors, name, _("%(field)s: at most %(limit)s characters.") % {
                "field": _label(name), "limit": limit})
    for name in ("description", "plan"):
        if len(values.get(name) or "") > LONG_TEXT_LIMIT:
            _add(errors, name, _("%(field)s: at most %(limit)s characters.") % {
                "field": _label(name),
                "limit": f"{LONG_TEXT_LIMIT:,}".replace(",", ".")})
    _date_errors(errors, values, now)
    field = values.get("field")
    if not isinstance(field, IssueField):
        _add(errors, "field", _("Field: choose the field of the issue."))
    elif isinstance(selected_on, dt.date) and not fields_valid_on(selected_on).filter(pk=field.pk).exists():
        _add(errors, "field", _("Field: “%(field)s” is not in use on %(day)s.") % {
            "field": field, "day": format_date(selected_on)})
    return errors


def selection_warning(organisation: Organisation, year: int) -> str | None:
    """A warning (not a refusal) when the organisation has more than two issues for the year, not cancelled."""
    count = PressingIssue.objects.filter(organisation=organisation, year=year, cancelled_on__isnull=True).count()
    if count <= USUAL_PER_YEAR:
        return None
    return _("%(org)s now has %(count)s pressing issues for %(year)s; each organisation usually selects one or "
             "two a year.") % {"org": organisation, "count": count, "year": year}


def audit_values(issue: PressingIssue) -> dict[str, Any]:
    return {"organisation": issue.organisation.code, "year": issue.year, "selected_on": issue.selected_on,
            "field": issue.field.code, "title": issue.title, "description": issue.description, "plan": issue.plan,
            "owner": issue.owner, "deadline": issue.deadline, "status": issue.status,
            "resolved_on": issue.resolved_on, "evidence": issue.evidence,
            "evidence_document": issue.evidence_document_id, "cancelled_on": issue.cancelled_on}


def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [key for key in new if old.get(key) != new[key]]
    return {key: old.get(key) for key in keys}, {key: new[key] for key in keys}


# ---------------------------------------------------------------- selecting and editing


@transaction.atomic
def select_issue(*, actor: Any, organisation: Organisation, year: int, selected_on: dt.date, field: IssueField,
                 title: str, deadline: dt.date, description: str = "", plan: str = "",
                 owner: str = "") -> PressingIssue:
    """Record an issue the organisation selected for a year. Audited as pressing.selected."""
    require_writer(actor, organisation)
    values = normalised({"year": year, "selected_on": selected_on, "field": field, "title": title,
                         "description": description, "plan": plan, "owner": owner, "deadline": deadline})
    errors = issue_errors(organisation, values)
    if errors:
        raise ValidationError(errors)
    issue = PressingIssue.objects.create(organisation=organisation, created_by=actor if getattr(actor, "pk", None)
                                         else None, **values)
    log_action("pressing.selected", actor=actor, obj=issue, organisation=organisation, new=audit_values(issue))
    return issue


class ChangedMeanwhile(StateConflict):
    """The caller's page or read is stale: someone changed the issue after it was drawn (409, nothing written)."""


def _check_seen(issue: PressingIssue, seen: dt.datetime | None) -> None:
    """The version the caller saw, to the millisecond (the API writes times to the millisecond)."""
    if seen is not None and not same_version(issue.updated_at, seen):
        raise ChangedMeanwhile(_("This issue was changed by someone else after you opened it; nothing was recorded. "
                              "Open it again to see the change."))


def _require_open(issue: PressingIssue) -> None:
    if issue.cancelled_on is not None:
        raise StateConflict(_("This issue was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(issue.cancelled_on)})


@transaction.atomic
def update_issue(*, actor: Any, issue: PressingIssue, seen: dt.datetime | None = None,
                 **changes: Any) -> PressingIssue:
    """Change an issue's fields (those of EDITABLE given); its organisation and status do not change here.
    Audited as pressing.updated with the changed values only."""
    require_writer(actor, issue.organisation)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown issue fields: {sorted(unknown)}")
    values = normalised({name: changes.get(name, getattr(issue, name)) for name in EDITABLE})
    errors = issue_errors(issue.organisation, values)
    if issue.resolved_on is not None and isinstance(values["selected_on"], dt.date) \
            and values["selected_on"] > issue.resolved_on:
        _add(errors, "selected_on", _("Selected on: the issue was resolved on %(day)s, before this date.") % {
            "day": format_date(issue.resolved_on)})
    if errors:
        raise ValidationError(errors)
    lock(issue)
    _check_seen(issue, seen)
    _require_open(issue)
    old = audit_values(issue)
    for name, value in values.items():
        setattr(issue, name, value)
    issue.save(update_fields=[*EDITABLE, "updated_at"])
    before, after = _changed(old, audit_values(issue))
    log_action("pressing.updated", actor=actor, obj=issue, organisation=issue.organisation, old=before, new=after)
    return issue


# ---------------------------------------------------------------- status


@transaction.atomic
def start_resolving(*, actor: Any, issue: PressingIssue, seen: dt.datetime | None = None) -> PressingIssue:
    """selected -> being resolved. Audited as pressing.status_changed."""
    require_writer(actor, issue.organisation)
    lock(issue)
    _check_seen(issue, seen)
    _require_open(issue)
    if issue.status != PressingIssue.Status.SELECTED:
        raise StateConflict(_("Status: this issue is already “%(status)s”.") % {
            "status": issue.get_status_display()})
    issue.status = PressingIssue.Status.IN_PROGRESS
    issue.save(update_fields=["status", "updated_at"])
    log_action("pressing.status_changed", actor=actor, obj=issue, organisation=issue.organisation,
               old={"status": PressingIssue.Status.SELECTED}, new={"status": issue.status})
    return issue


def resolution_errors(issue: PressingIssue, resolved_on: Any, evidence: str, *, now: dt.date | None = None) -> Errors:
    now = now or today()
    errors: Errors = {}
    if not isinstance(resolved_on, dt.date):
        _add(errors, "resolved_on", _("Resolved on: enter the date the issue was resolved."))
    elif resolved_on < issue.selected_on:
        _add(errors, "resolved_on", _("Resolved on: %(day)s is before the issue was selected (%(selected)s).") % {
            "day": format_date(resolved_on), "selected": format_date(issue.selected_on)})
    elif resolved_on > now:
        _add(errors, "resolved_on", _("Resolved on: %(day)s is in the future.") % {"day": format_date(resolved_on)})
    if not evidence:
        _add(errors, "evidence", _("Evidence of resolution: say what shows the issue is resolved (a decision, a "
                                   "report, a record of the handover…); an issue is not closed without it."))
    elif len(evidence) > LONG_TEXT_LIMIT:
        _add(errors, "evidence", _("Evidence of resolution: at most %(limit)s characters.") % {
            "limit": f"{LONG_TEXT_LIMIT:,}".replace(",", ".")})
    return errors


@transaction.atomic
def resolve_issue(*, actor: Any, issue: PressingIssue, resolved_on: dt.date, evidence: str,
                  evidence_document: Any = None, seen: dt.datetime | None = None) -> PressingIssue:
    """selected or being resolved -> resolved, with its date and evidence (and optionally a document of the
    registry, which the caller has checked the user may read). Audited as pressing.resolved."""
    require_writer(actor, issue.organisation)
    evidence = _clean_text(evidence, one_line=False)
    errors = resolution_errors(issue, resolved_on, evidence)
    if errors:
        raise ValidationError(errors)
    lock(issue)
    _check_seen(issue, seen)
    _require_open(issue)
    if issue.status == PressingIssue.Status.RESOLVED:
        raise StateConflict(_("Status: this issue was already resolved on %(day)s.") % {
            "day": format_date(issue.resolved_on)})
    old = {"status": issue.status, "resolved_on": None, "evidence": "", "evidence_document": None}
    issue.status = PressingIssue.Status.RESOLVED
    issue.resolved_on = resolved_on
    issue.evidence = evidence
    issue.evidence_document = evidence_document
    issue.save(update_fields=["status", "resolved_on", "evidence", "evidence_document", "updated_at"])
    log_action("pressing.resolved", actor=actor, obj=issue, organisation=issue.organisation, old=old, new={
        "status": issue.status, "resolved_on": resolved_on, "evidence": evidence,
        "evidence_document": issue.evidence_document_id})
    return issue


@transaction.atomic
def cancel_issue(*, actor: Any, issue: PressingIssue, on: dt.date | None = None,
                 seen: dt.datetime | None = None) -> PressingIssue:
    """Cancel an issue selected by mistake (nothing is deleted); it no longer counts. Audited as pressing.cancelled."""
    require_writer(actor, issue.organisation)
    on = on or today()
    lock(issue)
    _check_seen(issue, seen)
    _require_open(issue)
    issue.cancelled_on = on
    issue.save(update_fields=["cancelled_on", "updated_at"])
    log_action("pressing.cancelled", actor=actor, obj=issue, organisation=issue.organisation,
               old={"cancelled_on": None}, new={"cancelled_on": on})
    return issue
