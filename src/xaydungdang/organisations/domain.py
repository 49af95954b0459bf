"""Writes to the tree: establish, rename, move, merge, split and dissolve.

Every operation is first built as a Plan (validated, nothing written) so the forms can
show a preview of what will change; `execute` re-validates and writes the plan in one
transaction, records a RestructuringEvent and audits each organisation touched. History
is only ever appended to: an effective date must not precede a recorded change.

Restructurings run one at a time (core.conflicts.serialise): a move re-paths a whole subtree, so
two concurrent ones could each validate against the tree before the other (a dissolved organisation
dissolved again, A moved under B while B moves under A). `execute` takes that lock, reads the plan's
organisations again under row locks, then validates: the second of two conflicting changes is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import lock, serialise
from xaydungdang.core.formatting import format_date
from xaydungdang.organisations import hooks, queries
from xaydungdang.organisations.models import (
    ClosedPeriod,
    Organisation,
    OrgType,
    OrgVersion,
    RestructuringEvent,
)
from xaydungdang.organisations.paths import child_path, depth_of, range_q

Kind = RestructuringEvent.Kind
TREE_LOCK = 0x58444454  # "XDDT": the name of the lock every restructuring holds


@dataclass(eq=False)
class NewOrganisation:
    code: str
    name: str
    org_type: OrgType
    parent: Organisation | NewOrganisation | None

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


Parent = Organisation | NewOrganisation | None


@dataclass
class Plan:
    kind: str
    effective: dt.date
    decision: str = ""
    note: str = ""
    creates: list[NewOrganisation] = field(default_factory=list)
    renames: list[tuple[Organisation, str]] = field(default_factory=list)
    moves: list[tuple[Organisation, Organisation | NewOrganisation]] = field(default_factory=list)
    dissolves: list[Organisation] = field(default_factory=list)
    # Concerned without being changed, e.g. the existing organisation a merger flows into.
    merged_into: Organisation | None = None

    def lines(self) -> list[str]:
        """What the plan will change, in the words of the preview and the event summary."""
        day = format_date(self.effective)
        out = [_("Establish %(org)s under %(parent)s from %(day)s.") % {
            "org": new, "parent": new.parent or _("(top level)"), "day": day} for new in self.creates]
        out += [_("Rename %(org)s to “%(name)s” from %(day)s.") % {"org": org, "name": name, "day": day}
                for org, name in self.renames]
        out += [_("Move %(org)s (with all its subordinate organisations) under %(parent)s from %(day)s.") % {
            "org": org, "parent": parent, "day": day} for org, parent in self.moves]
        out += [_("Dissolve %(org)s from %(day)s; its records and history are kept.") % {"org": org, "day": day}
                for org in self.dissolves]
        if self.merged_into is not None:
            out.append(_("%(sources)s merged into %(org)s from %(day)s.") % {
                "sources": ", ".join(str(o) for o in self.dissolves), "org": self.merged_into, "day": day})
        return out


# ---------------------------------------------------------------- plan builders

def plan_create(*, code: str, name: str, org_type: OrgType, parent: Organisation | None, effective: dt.date,
                decision: str = "", note: str = "") -> Plan:
    new = NewOrganisation(code=code.strip(), name=name.strip(), org_type=org_type, parent=parent)
    return _validated(Plan(Kind.CREATE, effective, decision, note, creates=[new]))


def plan_rename(*, organisation: Organisation, name: str, effective: dt.date, decision: str = "",
                note: str = "") -> Plan:
    return _validated(Plan(Kind.RENAME, effective, decision, note, renames=[(organisation, name.strip())]))


def plan_move(*, organisation: Organisation, parent: Organisation, effective: dt.date, decision: str = "",
              note: str = "") -> Plan:
    return _validated(Plan(Kind.MOVE, effective, decision, note, moves=[(organisation, parent)]))


def plan_dissolve(*, organisation: Organisation, effective: dt.date, decision: str = "", note: str = "") -> Plan:
    return _validated(Plan(Kind.DISSOLVE, effective, decision, note, dissolves=[organisation]))


def plan_merge(*, sources: list[Organisation], target: Organisation | NewOrganisation, effective: dt.date,
               decision: str = "", note: str = "") -> Plan:
    """A+B→C: the children of every source move under the target; the sources are dissolved."""
    if (len(sources) < 2 and isinstance(target, NewOrganisation)) or not sources:
        raise ValidationError(_("A merger needs at least two organisations, or one merged into another."))
    plan = Plan(Kind.MERGE, effective, decision, note)
    if isinstance(target, NewOrganisation):
        plan.creates.append(target)
    else:
        plan.merged_into = target
    for source in sources:
        if source == target:
            raise ValidationError(_("%(org)s cannot be merged into itself.") % {"org": source})
        plan.moves += [(child.organisation, target) for child in queries.children_on(source.pk, effective)]
        plan.dissolves.append(source)
    return _validated(plan)


def plan_split(*, source: Organisation, parts: list[NewOrganisation], assignment: dict[int, int],
               effective: dt.date, decision: str = "", note: str = "") -> Plan:
    """A→B+C: new organisations are established, every child of A goes to one of them, A is dissolved.

    `assignment` maps each child organisation id to the index of its part.
    """
    if not parts:
        raise ValidationError(_("A split needs at least one new organisation."))
    plan = Plan(Kind.SPLIT, effective, decision, note, creates=list(parts), dissolves=[source])
    errors = []
    for child in queries.children_on(source.pk, effective):
        index = assignment.get(child.organisation_id)
        if index is None or not 0 <= index < len(parts):
            errors.append(_("%(org)s is not assigned to any of the new organisations.") % {"org": child.name})
        else:
            plan.moves.append((child.organisation, parts[index]))
    if errors:
        raise ValidationError(errors)
    return _validated(plan)


# ---------------------------------------------------------------- validation

def _validated(plan: Plan) -> Plan:
    errors = validate(plan)
    if errors:
        raise ValidationError(errors)
    return plan


def validate(plan: Plan) -> list[str]:
    """Every reason the plan cannot be applied, in Vietnamese; empty when it can."""
    day = plan.effective
    errors = _closed_period_errors(day)
    dissolving = {org.pk for org in plan.dissolves}
    for new in plan.creates:
        errors += _create_errors(new, plan, dissolving)
    for org, name in plan.renames:
        errors += _change_errors(org, day)
        if not name:
            errors.append(_("The new name of %(org)s is empty.") % {"org": org})
    for org, parent in plan.moves:
        errors += _change_errors(org, day, whole_subtree=True) + _move_errors(org, parent, day, dissolving)
    moved_away = {org.pk for org, _parent in plan.moves}
    for org in plan.dissolves:
        errors += _change_errors(org, day) + _dissolve_errors(org, day, moved_away)
        if plan.kind != Kind.MERGE:  # a merger hands the records on to its target (see execute)
            errors += [error for check in hooks.dissolve_checks for error in check(org, day)]
    return list(dict.fromkeys(errors))


def _closed_period_errors(day: dt.date) -> list[str]:
    closed = ClosedPeriod.objects.filter(start__lte=day, end__gte=day).first()
    if closed is None:
        return []
    return [_("The effective date %(day)s falls in a closed period (%(period)s); changes there are locked.") % {
        "day": format_date(day), "period": f"{format_date(closed.start)} – {format_date(closed.end)}"}]


def _active_errors(org: Organisation, day: dt.date) -> list[str]:
    if day < org.valid_from:
        return [_("%(org)s did not exist yet on %(day)s (established %(founded)s).") % {
            "org": org, "day": format_date(day), "founded": format_date(org.valid_from)}]
    if org.valid_to is not None and org.valid_to <= day:
        return [_("%(org)s no longer exists on %(day)s (ended %(ended)s).") % {
            "org": org, "day": format_date(day), "ended": format_date(org.valid_to)}]
    return []


def _change_errors(org: Organisation, day: dt.date, *, whole_subtree: bool = False) -> list[str]:
    errors = _active_errors(org, day)
    if errors:
        return errors
    current = queries.current_version(org)
    if current is None:
        return [_("%(org)s has no current position in the tree.") % {"org": org}]
    # Closed versions count too: a descendant dissolved or moved out after `day` sat under this
    # path until then, and a move only re-paths open versions, so the subtree would come apart.
    scope = OrgVersion.objects.filter(range_q(current.path)) if whole_subtree else \
        OrgVersion.objects.filter(pk=current.pk)
    later = scope.filter(Q(valid_from__gt=day) | Q(valid_to__gt=day)).select_related("organisation") \
        .order_by("-valid_from").first()
    if later is not None:
        changed = later.valid_from if later.valid_from > day else later.valid_to
        return [_("%(org)s has a change recorded on %(later)s, after %(day)s; history cannot be rewritten.") % {
            "org": later.organisation, "later": format_date(changed), "day": format_date(day)}]
    return []


def _parent_type(parent: Parent) -> OrgType | None:
    return None if parent is None else parent.org_type


def _type_errors(name: Any, org_type: OrgType, parent: Parent, day: dt.date) -> list[str]:
    if queries.type_allowed(org_type, _parent_type(parent), day):
        return []
    if parent is None:
        return [_("A %(type)s cannot be a top-level organisation (%(org)s).") % {"type": org_type, "org": name}]
    return [_("A %(type)s cannot be placed under a %(parent_type)s (%(org)s under %(parent)s).") % {
        "type": org_type, "parent_type": parent.org_type, "org": name, "parent": parent}]


def _codes(plan: Plan) -> list[str]:
    return [new.code.lower() for new in plan.creates]


def _create_errors(new: NewOrganisation, plan: Plan, dissolving: set[int]) -> list[str]:
    errors = []
    if not new.code or not new.name:
        errors.append(_("A new organisation needs a code and a name."))
    elif Organisation.objects.filter(code__iexact=new.code).exists() or _codes(plan).count(new.code.lower()) > 1:
        errors.append(_("The code %(code)s is already used by another organisation.") % {"code": new.code})
    if (new.org_type.valid_to is not None and new.org_type.valid_to <= plan.effective) or \
            new.org_type.valid_from > plan.effective:
        errors.append(_("The type %(type)s is not in use on %(day)s.") % {
            "type": new.org_type, "day": format_date(plan.effective)})
    if isinstance(new.parent, Organisation):
        errors += _active_errors(new.parent, plan.effective)
        # Like a move: a new organisation under one being dissolved would outlive its parent.
        if new.parent.pk in dissolving:
            errors.append(_("%(org)s cannot be established under %(parent)s, which is being dissolved.") % {
                "org": new, "parent": new.parent})
    elif isinstance(new.parent, NewOrganisation) and not any(new.parent is other for other in plan.creates):
        # execute would otherwise establish it at the top level (its parent is never created).
        errors.append(_("%(org)s is to be placed under %(parent)s, which this change does not establish.") % {
            "org": new, "parent": new.parent})
    return errors + _type_errors(new, new.org_type, new.parent, plan.effective)


def _move_errors(org: Organisation, parent: Organisation | NewOrganisation, day: dt.date,
                 dissolving: set[int]) -> list[str]:
    if isinstance(parent, Organisation):
        errors = _active_errors(parent, day)
        if parent.pk in dissolving:
            errors.append(_("%(org)s cannot move under %(parent)s, which is being dissolved.") % {
                "org": org, "parent": parent})
        own, target = queries.current_version(org), queries.current_version(parent)
        if own and target and target.path.startswith(own.path):
            errors.append(_("%(org)s cannot move under %(parent)s: %(parent)s belongs to %(org)s (a cycle).") % {
                "org": org, "parent": parent})
        if errors:
            return errors
    return _type_errors(org, org.org_type, parent, day)


def _dissolve_errors(org: Organisation, day: dt.date, moved_away: set[int]) -> list[str]:
    if org.valid_from == day:
        # It would never have existed for a single day: [day, day) is an empty version.
        return [_("%(org)s was established on %(day)s and cannot be dissolved on the same day.") % {
            "org": org, "day": format_date(day)}]
    remaining = [c.name for c in queries.children_on(org.pk, day) if c.organisation_id not in moved_away]
    if not remaining:
        return []
    shown = ", ".join(remaining[:5]) + ("…" if len(remaining) > 5 else "")
    message = ngettext("%(org)s cannot be dissolved: %(count)s subordinate organisation is still active (%(names)s).",
                       "%(org)s cannot be dissolved: %(count)s subordinate organisations are still active (%(names)s).",
                       len(remaining))
    return [message % {"org": org, "count": len(remaining), "names": shown}]


# ---------------------------------------------------------------- execution

@transaction.atomic
def execute(plan: Plan, *, actor: Any) -> RestructuringEvent:
    """Apply a plan: writes organisations, versions, the event and one audit entry per organisation.

    Raises ValidationError (and writes nothing) when the plan is no longer valid.
    """
    serialise(TREE_LOCK)
    _reread(plan)
    _validated(plan)
    event = RestructuringEvent.objects.create(
        kind=plan.kind, effective_date=plan.effective, decision=plan.decision, note=plan.note,
        summary=plan.lines(), created_by=actor if getattr(actor, "pk", None) else None)
    created: dict[int, Organisation] = {}
    for new in _parents_first(plan.creates):
        created[id(new)] = _establish(new, _resolve(new.parent, created), plan.effective, event, actor)
    for org, name in plan.renames:
        _rename(org, name, plan.effective, event, actor)
    for org, parent in plan.moves:
        target = created[id(parent)] if isinstance(parent, NewOrganisation) else parent
        _move(org, target, plan.effective, event, actor)
    if plan.kind == Kind.MERGE:
        successor = plan.merged_into or created[id(plan.creates[0])]
        for org in plan.dissolves:
            for handler in hooks.successor_handlers:
                handler(org, successor, plan.effective, actor)
    for org in plan.dissolves:
        _dissolve(org, plan.effective, event, actor)
    touched = list(created.values()) + [o for o, _n in plan.renames] + [o for o, _p in plan.moves] + plan.dissolves
    touched += [plan.merged_into] if plan.merged_into else []
    event.organisations.add(*touched)
    return event


def _reread(plan: Plan) -> None:
    """Lock the plan's organisations and read them again: the plan was built from what the caller read
    (a preview may be minutes old), validation must see what is committed. A member step locks one
    organisation, after its member, so it never holds what a restructuring waits for."""
    named: list[Parent] = [o for o, _name in plan.renames]
    named += [o for pair in plan.moves for o in pair] + [new.parent for new in plan.creates]
    named += [*plan.dissolves, plan.merged_into]
    for organisation in sorted((o for o in named if isinstance(o, Organisation)), key=lambda o: o.pk):
        lock(organisation)


def _parents_first(creates: list[NewOrganisation]) -> list[NewOrganisation]:
    ordered: list[NewOrganisation] = []
    placed: set[int] = set()
    pending = list(creates)
    while pending:
        ready = [n for n in pending if not isinstance(n.parent, NewOrganisation) or id(n.parent) in placed]
        ready = ready or pending  # a parent missing from the plan is caught by validation
        ordered += ready
        placed.update(id(n) for n in ready)
        pending = [n for n in pending if id(n) not in placed]
    return ordered


def _resolve(parent: Parent, created: dict[int, Organisation]) -> Organisation | None:
    return created.get(id(parent)) if isinstance(parent, NewOrganisation) else parent


def _establish(new: NewOrganisation, parent: Organisation | None, day: dt.date, event: RestructuringEvent,
               actor: Any) -> Organisation:
    org = Organisation.objects.create(code=new.code, name=new.name, org_type=new.org_type, valid_from=day,
                                      search_text=queries.search_text_for(new.code, new.name))
    parent_path = queries.current_version(parent).path if parent else ""  # type: ignore[union-attr]
    path = child_path(parent_path, org.pk)
    OrgVersion.objects.create(organisation=org, name=org.name, org_type=org.org_type, parent=parent, path=path,
                              depth=depth_of(path), valid_from=day, event=event)
    log_action("organisation.created", actor=actor, obj=org, organisation=org,
               new={"code": org.code, "name": org.name, "type": org.org_type.code,
                    "parent": parent.code if parent else None, "valid_from": day})
    return org


def _successor(version: OrgVersion, day: dt.date, event: RestructuringEvent, **changes: Any) -> OrgVersion:
    """The version that holds from `day`: the same row when it also began that day, else a new one."""
    if version.valid_from == day:
        for name, value in changes.items():
            setattr(version, name, value)
        version.event = event
        return version
    version.valid_to = day
    successor = OrgVersion(organisation_id=version.organisation_id, name=version.name,
                           org_type_id=version.org_type_id, parent_id=version.parent_id, path=version.path,
                           depth=version.depth, valid_from=day, event=event)
    for name, value in changes.items():
        setattr(successor, name, value)
    return successor


def _save_successors(pairs: list[tuple[OrgVersion, OrgVersion]]) -> None:
    closed = [old for old, new in pairs if old is not new]
    OrgVersion.objects.bulk_update(closed, ["valid_to"])
    OrgVersion.objects.bulk_create([new for old, new in pairs if old is not new])
    OrgVersion.objects.bulk_update([new for old, new in pairs if old is new],
                                   ["name", "org_type", "parent", "path", "depth", "event"])


def _rename(org: Organisation, name: str, day: dt.date, event: RestructuringEvent, actor: Any) -> None:
    version = queries.current_version(org)
    assert version is not None
    old_name = org.name
    _save_successors([(version, _successor(version, day, event, name=name))])
    names = set(org.versions.values_list("name", flat=True))
    org.name = name
    org.search_text = queries.search_text_for(org.code, " ".join(sorted(names)))
    org.save(update_fields=["name", "search_text"])
    log_action("organisation.renamed", actor=actor, obj=org, organisation=org,
               old={"name": old_name}, new={"name": name, "valid_from": day})


def _move(org: Organisation, parent: Organisation, day: dt.date, event: RestructuringEvent, actor: Any) -> None:
    own = queries.current_version(org)
    target = queries.current_version(parent)
    assert own is not None and target is not None
    old_parent, old_prefix = own.parent, own.path
    new_prefix = child_path(target.path, org.pk)
    pairs = []
    for version in OrgVersion.objects.filter(range_q(old_prefix), valid_to__isnull=True):
        path = new_prefix + version.path[len(old_prefix):]
        changes: dict[str, Any] = {"path": path, "depth": depth_of(path)}
        if version.pk == own.pk:
            changes["parent"] = parent
        pairs.append((version, _successor(version, day, event, **changes)))
    _save_successors(pairs)
    log_action("organisation.moved", actor=actor, obj=org, organisation=org,
               old={"parent": old_parent.code if old_parent else None},
               new={"parent": parent.code, "valid_from": day, "subtree_size": len(pairs)})


def _dissolve(org: Organisation, day: dt.date, event: RestructuringEvent, actor: Any) -> None:
    version = queries.current_version(org)
    assert version is not None
    if version.valid_from == day:
        # Opened today by an earlier change (e.g. moved in the same restructuring): closing it
        # would leave a zero-length version; the previous one already ends today.
        version.delete()
    else:
        version.valid_to = day
        version.save(update_fields=["valid_to"])
    org.valid_to = day
    org.save(update_fields=["valid_to"])
    log_action("organisation.dissolved", actor=actor, obj=org, organisation=org,
               old={"valid_to": None}, new={"valid_to": day, "event": event.pk})
