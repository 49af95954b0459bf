"""Writes of inspection and supervision from the plan to the conclusion: adopt a plan (and cancel it), form a team
with its members, add an inspection of an organisation or of a member, start it, record its visits and findings,
conclude it, cancel it.

Every function validates everything first and raises ValidationError({field: [message]}) whose Vietnamese message
names the field, writing nothing; then it writes in one transaction (the row the step starts from locked and read
again, `seen` compared to its `updated_at` → StateConflict, 409) with one audit entry per change. `actor=None` is the
system (tests, the demo); a user must be able to edit records of the plan's committee today (writes follow today's
tree), else PermissionDenied (the views and the API answer 404 before that).

Decisions:
- A plan belongs to a year: adopted from 1 January of the year before (a plan for 2023 adopted in December 2022) to
  31 December of its year, never in the future; its year from 1930 to next year.
- A team is formed under a plan not cancelled, on a day from the plan's adoption to the end of its year, not in the
  future; its members are party members of the committee's subtree on that day, each once, exactly one the leader.
- An inspection's subject is an organisation of the plan committee's subtree on its first day (the committee itself
  included: a committee's own office may be inspected), or a member of that subtree on that day; the inspection is
  then placed (`organisation`) at the member's unit on that day. Its period starts from 1 December of the year
  before the plan's year to 31 December of the year, ends by 31 March of the year after (work begun late in the
  year closes in the first quarter), and does not start before the team was formed.
- Visits and findings are dated from the period's first day to VISIT_SLACK days after its last, never in the future;
  they are recorded while the inspection is planned or under way (a visit to a planned inspection starts it).
- A finding about a member names a member of the subject organisation's subtree during the period, or the member
  inspected; recording one needs to read findings about members (scoping.may_read_member_findings).
- Concluding needs a finding (a conclusion says what was found), a text, a date from the period's first day to
  today and not before the last visit; the document attached is one of the registry the caller reads (the views and
  the API check that).
- Cancelling a plan is refused while it has inspections not cancelled (cancel them first: each is its own record);
  an inspection may be cancelled unless already cancelled (a concluded one entered by mistake too).
- Audit entries of what concerns a member (an inspection of a member, a finding about a member) are filed under the
  team, without the text or the member's name: the audit log is read by offices, who do not read those records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock, same_version
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.documents.models import Document
from xaydungdang.inspection.models import Finding, Inspection, InspectionPlan, InspectionTeam, TeamMember, Visit
from xaydungdang.members.models import Member, Membership
from xaydungdang.members.queries import memberships_in_subtree_on
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

FIRST_YEAR = 1930
TITLE_LIMIT, NAME_LIMIT, TOPIC_LIMIT = 500, 255, 500
LONG_TEXT_LIMIT = 20_000
VISIT_SLACK = 60  # days after the period's end a visit or a finding may still be dated (the closing session)
Errors = dict[str, list[str]]


class ChangedMeanwhile(StateConflict):
    """The caller's page is stale: someone changed the record after it was drawn (409, nothing written)."""


@dataclass(frozen=True)
class NewTeamMember:
    member: Member
    role: str = TeamMember.Role.MEMBER


# ---------------------------------------------------------------- helpers


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _one_line(value: Any) -> str:
    return " ".join(str(value or "").split())


def _text(value: Any) -> str:
    return str(value or "").strip()


def _scope(actor: Any) -> Any:
    from xaydungdang.accounts.scope import resolve_scope

    return resolve_scope(actor)


def _as_request(actor: Any) -> Any:
    """What inspection.scoping reads of a request (user, scope), for the rules the domain checks on its own."""
    return SimpleNamespace(user=actor, scope=_scope(actor))


def require_writer(actor: Any, organisation: Organisation) -> None:
    """Refuse a user who may not edit records of `organisation` today (None: the system)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return
    scope = _scope(actor)
    if not (scope.has(Capability.EDIT_RECORDS)
            and scope.organisations(Capability.EDIT_RECORDS).filter(pk=organisation.pk).exists()):
        raise PermissionDenied


def _require_inspection_writer(actor: Any, inspection: Inspection) -> None:
    require_writer(actor, inspection.team.plan.organisation)
    if actor is None or getattr(actor, "is_superuser", False) or inspection.subject_member_id is None:
        return
    from xaydungdang.inspection import scoping

    if not scoping.writable_inspections(_as_request(actor)).filter(pk=inspection.pk).exists():
        raise PermissionDenied


def _check_seen(row: Any, seen: dt.datetime | None) -> None:
    if seen is not None and not same_version(row.updated_at, seen):
        raise ChangedMeanwhile(_("This record was changed by someone else after you opened it; nothing was "
                                 "recorded. Open it again to see the change."))


def _date_error(errors: Errors, name: str, label: str, value: Any, now: dt.date) -> bool:
    """Adds an error unless `value` is a date not in the future; True when it is one."""
    if not isinstance(value, dt.date):
        _add(errors, name, _("%(field)s: enter a date.") % {"field": label})
        return False
    if value > now:
        _add(errors, name, _("%(field)s: %(day)s is in the future.") % {"field": label, "day": format_date(value)})
        return False
    return True


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def member_in_subtree_on(member: Member, organisation_id: int, day: dt.date) -> Membership | None:
    """The member's regular membership in the subtree on `day` (where they belonged then), or None."""
    return memberships_in_subtree_on(organisation_id, day).filter(member=member).first()


def in_subtree_on(organisation: Organisation, root_id: int, day: dt.date) -> bool:
    return org_queries.subtree_ids_on(root_id, day).filter(organisation_id=organisation.pk).exists()


def _name_of(organisation_id: int, day: dt.date) -> str:
    return org_queries.names_on({organisation_id}, day)[organisation_id]


# ---------------------------------------------------------------- plans


def plan_errors(organisation: Organisation | None, *, year: Any, kind: Any, title: str, adopted_on: Any,
                content: str, now: dt.date) -> Errors:
    errors: Errors = {}
    if organisation is None:
        _add(errors, "organisation", _("Committee: choose the committee that adopts the plan."))
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= now.year + 1:
        _add(errors, "year", _("Year: enter a year from %(first)s to %(last)s.") % {
            "first": FIRST_YEAR, "last": now.year + 1})
        year = None
    if kind not in InspectionPlan.Kind.values:
        _add(errors, "kind", _("Kind: choose inspection or supervision."))
    if not title:
        _add(errors, "title", _("Title: enter the plan's title."))
    elif len(title) > TITLE_LIMIT:
        _add(errors, "title", _("Title: at most %(limit)s characters.") % {"limit": TITLE_LIMIT})
    if len(content) > LONG_TEXT_LIMIT:
        _add(errors, "content", _("Content: at most 20.000 characters."))
    if _date_error(errors, "adopted_on", _("Adopted on"), adopted_on, now) and year is not None:
        if not year - 1 <= adopted_on.year <= year:
            _add(errors, "adopted_on", _("Adopted on: a plan for %(year)s is adopted in %(before)s or %(year)s, "
                                         "not on %(day)s.") % {"year": year, "before": year - 1,
                                                               "day": format_date(adopted_on)})
        elif organisation is not None and not organisation.is_active_on(adopted_on):
            _add(errors, "organisation", _("Committee: %(org)s did not exist on %(day)s.") % {
                "org": organisation, "day": format_date(adopted_on)})
    return errors


def plan_values(plan: InspectionPlan) -> dict[str, Any]:
    return {"organisation": plan.organisation.code, "year": plan.year, "kind": plan.kind, "title": plan.title,
            "adopted_on": plan.adopted_on, "document": plan.document_id, "cancelled_on": plan.cancelled_on}


@transaction.atomic
def adopt_plan(*, actor: Any, organisation: Organisation, year: int, title: str, adopted_on: dt.date,
               kind: str = InspectionPlan.Kind.INSPECTION, content: str = "",
               document: Document | None = None) -> InspectionPlan:
    """Record a committee's plan for a year. Audited as inspection.plan.adopted."""
    require_writer(actor, organisation)
    title, content = _one_line(title), _text(content)
    errors = plan_errors(organisation, year=year, kind=kind, title=title, adopted_on=adopted_on, content=content,
                         now=today())
    if errors:
        raise ValidationError(errors)
    plan = InspectionPlan.objects.create(organisation=organisation, year=year, kind=kind, title=title,
                                         adopted_on=adopted_on, content=content, document=document,
                                         created_by=_user(actor))
    log_action("inspection.plan.adopted", actor=actor, obj=plan, organisation=organisation, new=plan_values(plan))
    return plan


@transaction.atomic
def cancel_plan(*, actor: Any, plan: InspectionPlan, seen: dt.datetime | None = None) -> InspectionPlan:
    """Cancel a plan entered by mistake; refused while it has inspections not cancelled. Audited as
    inspection.plan.cancelled."""
    require_writer(actor, plan.organisation)
    lock(plan)
    _check_seen(plan, seen)
    if plan.cancelled_on is not None:
        raise StateConflict(_("This plan was cancelled on %(day)s.") % {"day": format_date(plan.cancelled_on)})
    open_count = Inspection.objects.filter(team__plan=plan, cancelled_on__isnull=True).count()
    if open_count:
        raise StateConflict(_("Plan: %(count)s inspections of this plan are not cancelled; cancel them first.") % {
            "count": open_count})
    old = plan_values(plan)
    plan.cancelled_on = today()
    plan.save(update_fields=["cancelled_on", "updated_at"])
    log_action("inspection.plan.cancelled", actor=actor, obj=plan, organisation=plan.organisation, old=old,
               new=plan_values(plan))
    return plan


def _require_plan_open(plan: InspectionPlan) -> None:
    if plan.cancelled_on is not None:
        raise StateConflict(_("Plan: this plan was cancelled on %(day)s.") % {"day": format_date(plan.cancelled_on)})


# ---------------------------------------------------------------- teams


def _members_errors(errors: Errors, plan: InspectionPlan, members: Sequence[NewTeamMember], day: dt.date) -> None:
    if not members:
        _add(errors, "members", _("Members: name the team's members, one of them the leader."))
        return
    leaders = [m for m in members if m.role == TeamMember.Role.LEADER]
    if len(leaders) != 1:
        _add(errors, "members", _("Members: a team has exactly one leader (%(count)s named).") % {
            "count": len(leaders)})
    seen: set[int] = set()
    for entry in members:
        if entry.role not in TeamMember.Role.values:
            _add(errors, "members", _("Members: “%(role)s” is not a role in a team.") % {"role": entry.role})
        if entry.member.pk in seen:
            _add(errors, "members", _("Members: %(name)s is named twice.") % {"name": entry.member})
        seen.add(entry.member.pk)
    belonging = set(memberships_in_subtree_on(plan.organisation_id, day).filter(
        member_id__in=seen).values_list("member_id", flat=True))
    for entry in members:
        if entry.member.pk not in belonging:
            _add(errors, "members", _("Members: %(name)s was not a party member of %(org)s on %(day)s.") % {
                "name": entry.member, "org": _name_of(plan.organisation_id, day), "day": format_date(day)})


def team_errors(plan: InspectionPlan, *, name: str, decision: str, formed_on: Any,
                members: Sequence[NewTeamMember], now: dt.date) -> Errors:
    errors: Errors = {}
    if not name:
        _add(errors, "name", _("Name: enter the team's name (Đoàn kiểm tra số 1…)."))
    elif len(name) > NAME_LIMIT:
        _add(errors, "name", _("Name: at most %(limit)s characters.") % {"limit": NAME_LIMIT})
    if len(decision) > NAME_LIMIT:
        _add(errors, "decision", _("Decision: at most %(limit)s characters.") % {"limit": NAME_LIMIT})
    if _date_error(errors, "formed_on", _("Formed on"), formed_on, now):
        if not plan.adopted_on <= formed_on <= dt.date(plan.year, 12, 31):
            _add(errors, "formed_on", _("Formed on: a team of this plan is formed from its adoption (%(start)s) to "
                                        "the end of %(year)s.") % {"start": format_date(plan.adopted_on),
                                                                   "year": plan.year})
        else:
            _members_errors(errors, plan, members, formed_on)
    return errors


@transaction.atomic
def form_team(*, actor: Any, plan: InspectionPlan, name: str, formed_on: dt.date,
              members: Sequence[NewTeamMember], decision: str = "") -> InspectionTeam:
    """Form a team under a plan with its members. Audited as inspection.team.formed (the members by id)."""
    require_writer(actor, plan.organisation)
    name, decision = _one_line(name), _one_line(decision)
    errors = team_errors(plan, name=name, decision=decision, formed_on=formed_on, members=members, now=today())
    if errors:
        raise ValidationError(errors)
    lock(plan)
    _require_plan_open(plan)
    team = InspectionTeam.objects.create(plan=plan, name=name, decision=decision, formed_on=formed_on)
    TeamMember.objects.bulk_create([TeamMember(team=team, member=m.member, role=m.role) for m in members])
    log_action("inspection.team.formed", actor=actor, obj=team, organisation=plan.organisation, new={
        "plan": plan.pk, "name": name, "decision": decision, "formed_on": formed_on,
        "members": [[m.member.pk, m.role] for m in members]})
    return team


# ---------------------------------------------------------------- inspections


def period_bounds(year: int) -> tuple[dt.date, dt.date, dt.date]:
    """(earliest start, latest start, latest end) of an inspection of a plan for `year`."""
    return dt.date(year - 1, 12, 1), dt.date(year, 12, 31), dt.date(year + 1, 3, 31)


def _period_errors(errors: Errors, team: InspectionTeam, starts_on: Any, ends_on: Any) -> bool:
    ok = True
    first, last_start, last_end = period_bounds(team.plan.year)
    if not isinstance(starts_on, dt.date):
        _add(errors, "starts_on", _("From: enter the period's first day."))
        ok = False
    elif not first <= starts_on <= last_start:
        _add(errors, "starts_on", _("From: an inspection of a plan for %(year)s starts from %(first)s to %(last)s, "
                                    "not on %(day)s.") % {"year": team.plan.year, "first": format_date(first),
                                                          "last": format_date(last_start),
                                                          "day": format_date(starts_on)})
        ok = False
    elif starts_on < team.formed_on:
        _add(errors, "starts_on", _("From: %(day)s is before the team was formed (%(formed)s).") % {
            "day": format_date(starts_on), "formed": format_date(team.formed_on)})
        ok = False
    if not isinstance(ends_on, dt.date):
        _add(errors, "ends_on", _("To: enter the period's last day."))
        ok = False
    elif isinstance(starts_on, dt.date) and ends_on < starts_on:
        _add(errors, "ends_on", _("To: %(end)s is before the first day %(start)s.") % {
            "end": format_date(ends_on), "start": format_date(starts_on)})
        ok = False
    elif ends_on > last_end:
        _add(errors, "ends_on", _("To: an inspection of a plan for %(year)s ends by %(last)s.") % {
            "year": team.plan.year, "last": format_date(last_end)})
        ok = False
    return ok


def inspection_errors(team: InspectionTeam, *, subject_organisation: Organisation | None,
                      subject_member: Member | None, topic: str, starts_on: Any,
                      ends_on: Any) -> tuple[Errors, Organisation | None]:
    """Why the inspection cannot be added, by field, and where it is placed (the organisation inspected or the
    member's unit on the first day)."""
    errors: Errors = {}
    if not topic:
        _add(errors, "topic", _("Content inspected: enter what is inspected."))
    elif len(topic) > TOPIC_LIMIT:
        _add(errors, "topic", _("Content inspected: at most %(limit)s characters.") % {"limit": TOPIC_LIMIT})
    period_ok = _period_errors(errors, team, starts_on, ends_on)
    if (subject_organisation is None) == (subject_member is None):
        _add(errors, "subject", _("Subject: choose an organisation or a party member, one of the two."))
        return errors, None
    if not period_ok or not isinstance(starts_on, dt.date):
        return errors, None
    committee = team.plan.organisation_id
    committee_name = _name_of(committee, starts_on)
    if subject_organisation is not None:
        if not in_subtree_on(subject_organisation, committee, starts_on):
            _add(errors, "subject", _("Subject: %(org)s was not under %(committee)s on %(day)s.") % {
                "org": subject_organisation, "committee": committee_name, "day": format_date(starts_on)})
            return errors, None
        return errors, subject_organisation
    assert subject_member is not None
    membership = member_in_subtree_on(subject_member, committee, starts_on)
    if membership is None:
        _add(errors, "subject", _("Subject: %(name)s was not a party member of %(committee)s on %(day)s.") % {
            "name": subject_member, "committee": committee_name, "day": format_date(starts_on)})
        return errors, None
    return errors, membership.organisation


def may_inspect_members(actor: Any, team: InspectionTeam) -> bool:
    """Whether `actor` would read an inspection of a member by `team`: the inspection committee over the plan's
    committee (inspection.view) or a member of the team (None: the system)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return True
    from xaydungdang.inspection import scoping

    request = _as_request(actor)
    return InspectionTeam.objects.filter(pk=team.pk).filter(
        scoping.inspector_q(request, "plan__organisation") | scoping.team_member_q(request, "pk")).exists()


def inspection_values(inspection: Inspection) -> dict[str, Any]:
    """What the audit keeps of an inspection: the ids and dates, the topic only for one of an organisation."""
    values: dict[str, Any] = {"team": inspection.team_id, "status": inspection.status,
                              "starts_on": inspection.starts_on, "ends_on": inspection.ends_on,
                              "concluded_on": inspection.concluded_on, "cancelled_on": inspection.cancelled_on,
                              "conclusion_document": inspection.conclusion_document_id}
    if inspection.subject_member_id is None:
        values |= {"subject_organisation": inspection.subject_organisation_id, "topic": inspection.topic}
    else:
        values |= {"inspection": inspection.pk, "of_member": True}
    return values


def _log_inspection(action: str, actor: Any, inspection: Inspection, old: dict[str, Any] | None = None) -> None:
    """Filed under the inspection, or under its team for one of a member (see the module)."""
    restricted = inspection.subject_member_id is not None
    log_action(action, actor=actor, obj=inspection.team if restricted else inspection,
               organisation=inspection.team.plan.organisation if restricted else inspection.organisation,
               old=old, new=inspection_values(inspection))


@transaction.atomic
def add_inspection(*, actor: Any, team: InspectionTeam, topic: str, starts_on: dt.date, ends_on: dt.date,
                   subject_organisation: Organisation | None = None,
                   subject_member: Member | None = None) -> Inspection:
    """Add to a team what it inspects. Audited as inspection.inspection.added."""
    require_writer(actor, team.plan.organisation)
    topic = _one_line(topic)
    errors, placed = inspection_errors(team, subject_organisation=subject_organisation, subject_member=subject_member,
                                       topic=topic, starts_on=starts_on, ends_on=ends_on)
    if subject_member is not None and not may_inspect_members(actor, team):
        # Whoever adds it would not read it (nor land on its page).
        _add(errors, "subject_member", _("Party member inspected: only the inspection committee over %(committee)s "
                                         "and the team's members add an inspection of a member.") % {
            "committee": team.plan.organisation})
    if errors:
        raise ValidationError(errors)
    assert placed is not None
    lock(team.plan)
    _require_plan_open(team.plan)
    inspection = Inspection.objects.create(team=team, subject_organisation=subject_organisation,
                                           subject_member=subject_member, organisation=placed, topic=topic,
                                           starts_on=starts_on, ends_on=ends_on, created_by=_user(actor))
    _log_inspection("inspection.inspection.added", actor, inspection)
    return inspection


def _require_open(inspection: Inspection, *, concluded_ok: bool = False) -> None:
    if inspection.cancelled_on is not None:
        raise StateConflict(_("This inspection was cancelled on %(day)s.") % {
            "day": format_date(inspection.cancelled_on)})
    if not concluded_ok and inspection.status == Inspection.Status.CONCLUDED:
        raise StateConflict(_("This inspection was concluded on %(day)s.") % {
            "day": format_date(inspection.concluded_on)})


@transaction.atomic
def start_inspection(*, actor: Any, inspection: Inspection, seen: dt.datetime | None = None) -> Inspection:
    """planned -> under way. Audited as inspection.inspection.started."""
    _require_inspection_writer(actor, inspection)
    lock(inspection)
    _check_seen(inspection, seen)
    _require_open(inspection)
    if inspection.status != Inspection.Status.PLANNED:
        raise StateConflict(_("Status: this inspection is already “%(status)s”.") % {
            "status": inspection.get_status_display()})
    old = inspection_values(inspection)
    inspection.status = Inspection.Status.IN_PROGRESS
    inspection.save(update_fields=["status", "updated_at"])
    _log_inspection("inspection.inspection.started", actor, inspection, old)
    return inspection


def _dated_errors(errors: Errors, name: str, label: str, inspection: Inspection, day: Any, now: dt.date) -> None:
    if _date_error(errors, name, label, day, now):
        last = inspection.ends_on + dt.timedelta(days=VISIT_SLACK)
        if not inspection.starts_on <= day <= last:
            _add(errors, name, _("%(field)s: from the first day of the inspection (%(start)s) to %(last)s.") % {
                "field": label, "start": format_date(inspection.starts_on), "last": format_date(last)})


@transaction.atomic
def record_visit(*, actor: Any, inspection: Inspection, visited_on: dt.date, note: str = "",
                 seen: dt.datetime | None = None) -> Visit:
    """Record a working session with the subject; a planned inspection is thereby under way. Audited as
    inspection.visit.recorded."""
    _require_inspection_writer(actor, inspection)
    note = _text(note)
    errors: Errors = {}
    _dated_errors(errors, "visited_on", _("Date"), inspection, visited_on, today())
    if len(note) > LONG_TEXT_LIMIT:
        _add(errors, "note", _("Note: at most 20.000 characters."))
    if errors:
        raise ValidationError(errors)
    lock(inspection)
    _check_seen(inspection, seen)
    _require_open(inspection)
    old = inspection_values(inspection)
    visit = Visit.objects.create(inspection=inspection, visited_on=visited_on, note=note)
    if inspection.status == Inspection.Status.PLANNED:
        inspection.status = Inspection.Status.IN_PROGRESS
    inspection.save(update_fields=["status", "updated_at"])  # a new version: a page drawn before is stale
    restricted = inspection.subject_member_id is not None
    log_action("inspection.visit.recorded", actor=actor, obj=inspection.team if restricted else visit,
               organisation=inspection.team.plan.organisation if restricted else inspection.organisation,
               old=old, new=inspection_values(inspection) | {"visit": visit.pk, "visited_on": visited_on})
    return visit


def finding_member_error(inspection: Inspection, member: Member) -> str | None:
    """Why `member` cannot be the member a finding of this inspection is about (None when they can)."""
    if inspection.subject_member_id is not None:
        if member.pk != inspection.subject_member_id:
            return _("About the member: a finding of this inspection is about the member inspected only.")
        return None
    assert inspection.subject_organisation_id is not None
    subtree = org_queries.subtree_ids_on(inspection.subject_organisation_id, inspection.starts_on)
    overlapping = Membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=inspection.starts_on), member=member,
        valid_from__lte=inspection.ends_on, organisation_id__in=subtree)
    if not overlapping.exists():
        return _("About the member: %(name)s was not a party member of the organisation inspected during the "
                 "period.") % {"name": member}
    return None


@transaction.atomic
def record_finding(*, actor: Any, inspection: Inspection, kind: str, content: str, recorded_on: dt.date,
                   member: Member | None = None, seen: dt.datetime | None = None) -> Finding:
    """Record what the team found, optionally about a member. Audited as inspection.finding.recorded."""
    _require_inspection_writer(actor, inspection)
    content = _text(content)
    errors: Errors = {}
    if kind not in Finding.Kind.values:
        _add(errors, "kind", _("Kind: choose strength, shortcoming or violation."))
    if not content:
        _add(errors, "content", _("Finding: enter what was found."))
    elif len(content) > LONG_TEXT_LIMIT:
        _add(errors, "content", _("Finding: at most 20.000 characters."))
    _dated_errors(errors, "recorded_on", _("Recorded on"), inspection, recorded_on, today())
    if member is not None:
        from xaydungdang.inspection import scoping

        if actor is not None and not getattr(actor, "is_superuser", False) and \
                not scoping.may_read_member_findings(_as_request(actor), inspection):
            _add(errors, "member", _("About the member: only the inspection committee and the team record findings "
                                     "about a member."))
        elif (problem := finding_member_error(inspection, member)) is not None:
            _add(errors, "member", problem)
    if errors:
        raise ValidationError(errors)
    lock(inspection)
    _check_seen(inspection, seen)
    _require_open(inspection)
    finding = Finding.objects.create(inspection=inspection, kind=kind, content=content, recorded_on=recorded_on,
                                     member=member, created_by=_user(actor))
    inspection.save(update_fields=["updated_at"])
    if member is None and inspection.subject_member_id is None:
        log_action("inspection.finding.recorded", actor=actor, obj=finding, organisation=inspection.organisation,
                   new={"inspection": inspection.pk, "kind": kind, "content": content, "recorded_on": recorded_on})
    else:
        log_action("inspection.finding.recorded", actor=actor, obj=inspection.team,
                   organisation=inspection.team.plan.organisation,
                   new={"finding": finding.pk, "kind": kind, "recorded_on": recorded_on, "about_member": True})
    return finding


@transaction.atomic
def conclude_inspection(*, actor: Any, inspection: Inspection, conclusion: str, concluded_on: dt.date,
                        document: Document | None = None, seen: dt.datetime | None = None) -> Inspection:
    """Conclude an inspection with at least one finding. Audited as inspection.inspection.concluded."""
    _require_inspection_writer(actor, inspection)
    conclusion = _text(conclusion)
    errors: Errors = {}
    if not conclusion:
        _add(errors, "conclusion", _("Conclusion: enter the conclusion."))
    elif len(conclusion) > LONG_TEXT_LIMIT:
        _add(errors, "conclusion", _("Conclusion: at most 20.000 characters."))
    if _date_error(errors, "concluded_on", _("Concluded on"), concluded_on, today()):
        last_visit = inspection.visits.aggregate(last=Max("visited_on"))["last"]
        if concluded_on < inspection.starts_on:
            _add(errors, "concluded_on", _("Concluded on: %(day)s is before the inspection began (%(start)s).") % {
                "day": format_date(concluded_on), "start": format_date(inspection.starts_on)})
        elif last_visit is not None and concluded_on < last_visit:
            _add(errors, "concluded_on", _("Concluded on: %(day)s is before the last visit (%(visit)s).") % {
                "day": format_date(concluded_on), "visit": format_date(last_visit)})
    if not inspection.findings.exists():
        _add(errors, "findings", _("Findings: record at least one finding before concluding."))
    if errors:
        raise ValidationError(errors)
    lock(inspection)
    _check_seen(inspection, seen)
    _require_open(inspection)
    old = inspection_values(inspection)
    inspection.status = Inspection.Status.CONCLUDED
    inspection.conclusion, inspection.concluded_on = conclusion, concluded_on
    inspection.conclusion_document = document
    inspection.save(update_fields=["status", "conclusion", "concluded_on", "conclusion_document", "updated_at"])
    _log_inspection("inspection.inspection.concluded", actor, inspection, old)
    return inspection


@transaction.atomic
def cancel_inspection(*, actor: Any, inspection: Inspection, seen: dt.datetime | None = None) -> Inspection:
    """Cancel an inspection entered by mistake. Audited as inspection.inspection.cancelled."""
    _require_inspection_writer(actor, inspection)
    lock(inspection)
    _check_seen(inspection, seen)
    _require_open(inspection, concluded_ok=True)
    old = inspection_values(inspection)
    inspection.cancelled_on = today()
    inspection.save(update_fields=["cancelled_on", "updated_at"])
    _log_inspection("inspection.inspection.cancelled", actor, inspection, old)
    return inspection
