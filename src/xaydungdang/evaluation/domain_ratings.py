"""Writes of the yearly rating (đánh giá, xếp loại chất lượng): self-rating -> proposal -> decision by the level
above, and cancelling a rating entered by mistake.

Every function validates everything first and raises ValidationError({field: [message]}) (Vietnamese, naming the
field; a broken rule names the rule and the regulation it comes from), writing nothing; then it writes in one
transaction, the row locked and compared with the version the caller saw (`seen` = updated_at -> StateConflict),
with one audit entry (old and new values). `actor=None` is the system (the demo, tests).

Rules (decided):
- The year's EvaluationRound (year, subject kind) must exist: its counting date says who is rated. A member is
  rated in their regular (not temporary) unit on that date (stored as `organisation`); an organisation must exist
  on that date. The scheme is `rules.scheme_for(year)`.
- The decider (`decider_for_member`, `decider_for_organisation`): a member's nearest grassroots organisation
  (OrgType.is_grassroots: a đảng bộ cơ sở or a chi bộ cơ sở) at or above their unit in the tree of that day; an
  organisation's parent on that day. Stored on the rating: the caps are counted among one decider's ratings.
- Self-rating: by the member through their own log-in (`own=True`), or entered for them by who may edit the
  member's unit; an organisation's by who may edit it. One rating per subject and year, not cancelled (checked
  first and kept by the database's constraints: a race answers the same message). While only self-rated, the same
  people may revise it (`revise_self_rating`).
- Proposal: a member's by who may edit the member's unit (the chi bộ); an organisation's by who may edit its
  decider (the appraisal of the level above). Only a self-rated rating is proposed.
- Decision: by who may edit the decider (a user granted only at a chi bộ trực thuộc cannot decide its members:
  their đảng bộ cơ sở does). Only a proposed rating is decided. The level and score are checked against the year's
  scheme (`rules.check_rating`) and the decider's whole set against its caps and conditions
  (`rules.check_decisions`); `decide_many` decides a group at once, the caps checked on the final set, all or
  nothing. The decision stores `step` = level.step (the common scale of the figures).
- Nobody proposes or decides their own rating (a member's linked log-in).
- Dates: a step's date is not in the future, not before 1 January of the year rated and not before the previous
  step.
- Cancelling (nothing is deleted): by who may edit the decider, or before the decision by who may edit the
  rating's organisation; the subject may then be rated again.
- Concurrency: a step locks its rating and compares it with the version the caller saw (`seen`, to the
  millisecond: the API's JSON writes times so); a decision first locks the decider's row, so that two groups of one
  decider decided at once cannot each keep a cap alone and break it together.
- Who may not take a step at all is refused with PermissionDenied carrying a message (the API answers 403, the
  pages show the message).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.evaluation import rules
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, EvaluationScheme, SchemeLevel, SubjectKind
from xaydungdang.members.models import Member, Membership
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.organisations.paths import decode_segments, range_q

TEXT_LIMIT = 20_000
ANY = object()  # seen=ANY: the caller does not say which version it saw

Errors = dict[str, list[str]]
Stage = Evaluation.Stage


# ---------------------------------------------------------------- who decides


def unit_on(member: Member, day: dt.date) -> int | None:
    """The member's regular unit on `day` (one query), None when they had none."""
    return (Membership.objects.filter(active_on_q(day), member=member, kind=Membership.Kind.REGULAR)
            .values_list("organisation_id", flat=True).first())


def grassroots_at_or_above(organisation_id: int, day: dt.date) -> Organisation | None:
    """The nearest grassroots organisation at or above `organisation_id` in the tree of `day` (two queries)."""
    version = org_queries.versions_on(day).filter(organisation_id=organisation_id).only("path").first()
    if version is None:
        return None
    ids = decode_segments(version.path)
    found = {v.organisation_id: v for v in org_queries.versions_on(day).filter(organisation_id__in=ids)
             .select_related("org_type", "organisation")}
    for pk in reversed(ids):
        if pk in found and found[pk].org_type.is_grassroots:
            return found[pk].organisation
    return None


def decider_for_member(member: Member, day: dt.date) -> Organisation | None:
    """The nearest grassroots organisation at or above the member's regular unit on `day`."""
    unit = unit_on(member, day)
    return grassroots_at_or_above(unit, day) if unit is not None else None


def decider_for_organisation(organisation: Organisation, day: dt.date) -> Organisation | None:
    """The organisation's parent on `day` (None: a root, or not in the tree that day)."""
    version = org_queries.versions_on(day).filter(organisation_id=organisation.pk).select_related("parent").first()
    return version.parent if version is not None else None


# ---------------------------------------------------------------- shared rules


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def may_write(actor: Any, organisation_id: int | None) -> bool:
    """Whether `actor` may edit records of the organisation today (None actor: the system, always)."""
    if actor is None or getattr(actor, "is_superuser", False):
        return True
    if organisation_id is None:
        return False
    from xaydungdang.accounts.scope import resolve_scope

    scope = resolve_scope(actor)
    return bool(scope.has(Capability.EDIT_RECORDS)
                and scope.organisations(Capability.EDIT_RECORDS).filter(pk=organisation_id).exists())


def is_own(actor: Any, evaluation: Evaluation) -> bool:
    """Whether `evaluation` is the rating of the member linked to `actor`."""
    member = evaluation.member
    return bool(member is not None and getattr(actor, "pk", None) and member.user_id == actor.pk)


def may_self_rate(actor: Any, evaluation: Evaluation) -> bool:
    return is_own(actor, evaluation) or may_write(actor, evaluation.organisation_id)


def may_propose(actor: Any, evaluation: Evaluation) -> bool:
    if is_own(actor, evaluation):
        return False
    place = evaluation.organisation_id if evaluation.subject_kind == SubjectKind.MEMBER else evaluation.decider_id
    return may_write(actor, place)


def may_decide(actor: Any, evaluation: Evaluation) -> bool:
    return not is_own(actor, evaluation) and may_write(actor, evaluation.decider_id)


def may_cancel(actor: Any, evaluation: Evaluation) -> bool:
    if is_own(actor, evaluation):
        return False
    if may_write(actor, evaluation.decider_id):
        return True
    return evaluation.stage != Stage.DECIDED and may_write(actor, evaluation.organisation_id)


def round_for(year: Any, subject_kind: str) -> EvaluationRound | None:
    if not isinstance(year, int):
        return None
    return EvaluationRound.objects.filter(year=year, subject_kind=subject_kind).first()


def _round(errors: Errors, year: Any, subject_kind: str) -> tuple[EvaluationRound | None, EvaluationScheme | None]:
    found = round_for(year, subject_kind)
    if found is None:
        _add(errors, "year", _("Year: there is no evaluation round of %(kind)s for %(year)s; an administrator "
                               "opens it first.") % {"kind": SubjectKind(subject_kind).label.lower(), "year": year})
        return None, None
    scheme = rules.scheme_for(found.year)
    if scheme is None:
        _add(errors, "year", _("Year: no evaluation scheme applies to %(year)s.") % {"year": year})
    return found, scheme


def _date_errors(errors: Errors, year: int, day: Any, field: str, label: str,
                 after: dt.date | None = None) -> None:
    if not isinstance(day, dt.date):
        _add(errors, field, _("%(field)s: enter the date.") % {"field": label})
    elif day > today():
        _add(errors, field, _("%(field)s: %(day)s is in the future.") % {"field": label, "day": format_date(day)})
    elif day < dt.date(year, 1, 1):
        _add(errors, field, _("%(field)s: %(day)s is before the year rated (%(year)s).") % {
            "field": label, "day": format_date(day), "year": year})
    elif after is not None and day < after:
        _add(errors, field, _("%(field)s: %(day)s is before the previous step (%(previous)s).") % {
            "field": label, "day": format_date(day), "previous": format_date(after)})


def _text(value: Any) -> str:
    return str(value or "").strip()


def _text_error(errors: Errors, field: str, label: str, text: str) -> None:
    if len(text) > TEXT_LIMIT:
        limit = f"{TEXT_LIMIT:,}".replace(",", ".")
        _add(errors, field, _("%(field)s: at most %(limit)s characters.") % {"field": label, "limit": limit})


def score_value(value: Any) -> Decimal | None:
    """A score as typed ("85", "85,5") or given (Decimal, int), None when empty; ValueError when not a number."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(value) from None


def level_named(scheme: EvaluationScheme | None, code: Any) -> SchemeLevel | None:
    """The scheme's level with this code, None when the scheme has none (the check then names the field)."""
    if scheme is None or not code:
        return None
    return SchemeLevel.objects.filter(scheme=scheme, code=str(code)).first()


def fitting_level(scheme: EvaluationScheme | None, level: SchemeLevel | None, score: Any) -> SchemeLevel | None:
    """The level chosen, else on a points scheme the level of the score's band (the score decides the level)."""
    if level is not None or scheme is None or scheme.engine != EvaluationScheme.Engine.POINTS:
        return level
    try:
        value = score_value(score)
    except ValueError:
        return None
    return rules.level_for_score(scheme, value) if value is not None and value.is_finite() else None


def _rating_errors(errors: Errors, scheme: EvaluationScheme | None, subject_kind: str, level: SchemeLevel | None,
                   score: Any, comment: str, prefix: str, label: str) -> None:
    """The level and score of one step checked against the scheme (rules.check_rating); errors on
    `<prefix>level` / `<prefix>score`."""
    if scheme is None:
        return
    # A score already refused ("enter a number") is not reported again as missing or outside the scale; on a
    # points scheme the level would have come from it, so its absence is not reported either.
    score_refused = f"{prefix}score" in errors
    if level is None:
        if not (score_refused and scheme.engine == EvaluationScheme.Engine.POINTS):
            _add(errors, f"{prefix}level", _("%(field)s: choose a level of %(scheme)s.") % {
                "field": label, "scheme": scheme.name})
        return
    for violation in rules.check_rating(scheme, subject_kind, level, score, comment=comment):
        if score_refused and violation.field == "score":
            continue
        field = violation.field if violation.field not in ("level", "score") else f"{prefix}{violation.field}"
        _add(errors, field, violation.message)


def _score(errors: Errors, value: Any, field: str, label: str) -> Decimal | None:
    try:
        return score_value(value)
    except ValueError:
        _add(errors, field, _("%(field)s: enter a number.") % {"field": label})
        return None


def _milliseconds(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _check_seen(evaluation: Evaluation, seen: Any) -> None:
    """`seen` compared to the millisecond (the API's JSON writes times to the millisecond)."""
    if seen is not ANY and seen is not None and _milliseconds(evaluation.updated_at) != _milliseconds(seen):
        raise StateConflict(_("Someone else changed this rating meanwhile; open it again."))


def _require_stage(evaluation: Evaluation, stage: str, step: str) -> None:
    if evaluation.cancelled_on is not None:
        raise StateConflict(_("This rating was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(evaluation.cancelled_on)})
    if evaluation.stage != stage:
        raise StateConflict(_("This rating is %(stage)s: it cannot be %(step)s now.") % {
            "stage": evaluation.get_stage_display().lower(), "step": step})


def values(evaluation: Evaluation) -> dict[str, Any]:
    return {"year": evaluation.year, "subject_kind": evaluation.subject_kind,
            "organisation": evaluation.organisation_id, "member": evaluation.member_id,
            "decider": evaluation.decider_id, "stage": evaluation.stage,
            "self_level": evaluation.self_level_id, "self_score": evaluation.self_score,
            "self_on": evaluation.self_on, "proposed_level": evaluation.proposed_level_id,
            "proposed_score": evaluation.proposed_score, "proposal_comment": evaluation.proposal_comment,
            "proposed_on": evaluation.proposed_on, "level": evaluation.level_id, "score": evaluation.score,
            "decision_comment": evaluation.decision_comment, "decided_on": evaluation.decided_on,
            "step": evaluation.step, "cancelled_on": evaluation.cancelled_on}


def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in new if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _duplicate(member: Member | None, organisation: Organisation | None, year: Any) -> tuple[str, str]:
    if member is not None:
        return "member", _("Member: %(name)s already has a rating for %(year)s (cancel it first to enter "
                           "another).") % {"name": member, "year": year}
    return "organisation", _("Organisation: %(org)s already has a rating for %(year)s (cancel it first to enter "
                             "another).") % {"org": organisation, "year": year}


def _org_name(organisation: Organisation | int, day: dt.date) -> str:
    pk = organisation if isinstance(organisation, int) else organisation.pk
    version = org_queries.versions_on(day).filter(organisation_id=pk).only("name").first()
    if version is not None:
        return version.name
    return organisation.name if isinstance(organisation, Organisation) else str(pk)


# ---------------------------------------------------------------- self-rating


def _member_subject(errors: Errors, actor: Any, member: Member, round_: EvaluationRound,
                    within: Organisation | None, own: bool) -> tuple[int | None, Organisation | None]:
    """The member's unit and decider on the counting date, checked (errors on "member")."""
    day = round_.count_date
    unit = unit_on(member, day)
    if own and (member.user_id is None or member.user_id != getattr(actor, "pk", None)):
        raise PermissionDenied(_("You may only rate yourself."))
    if unit is None or (not own and not may_write(actor, unit)):
        # One message for "not a member then" and "not in your scope": no leak of where they were.
        _add(errors, "member", _("Member: %(name)s was not in an organisation in your scope on %(day)s, the "
                                 "counting date of %(year)s.") % {"name": member, "day": format_date(day),
                                                                  "year": round_.year})
        return None, None
    if within is not None and not _is_under(unit, within.pk, day):
        _add(errors, "member", _("Member: %(name)s was not in %(org)s in %(year)s (counting date %(day)s).") % {
            "name": member, "org": _org_name(within, day), "year": round_.year, "day": format_date(day)})
        return None, None
    decider = grassroots_at_or_above(unit, day)
    if decider is None:
        _add(errors, "member", _("Member: %(name)s's unit had no grassroots organisation above it on %(day)s to "
                                 "decide the rating.") % {"name": member, "day": format_date(day)})
    return unit, decider


def _is_under(organisation_id: int, root_id: int, day: dt.date) -> bool:
    """Whether `organisation_id` is `root_id` or below it in the tree of `day`."""
    if organisation_id == root_id:
        return True
    path = org_queries.versions_on(day).filter(organisation_id=root_id).values_list("path", flat=True).first()
    return path is not None and org_queries.versions_on(day).filter(range_q(path), organisation_id=organisation_id
                                                                   ).exists()


def _organisation_subject(errors: Errors, actor: Any, organisation: Organisation,
                          round_: EvaluationRound) -> Organisation | None:
    day = round_.count_date
    if not may_write(actor, organisation.pk):
        raise PermissionDenied(_("You may not rate this organisation."))
    if not organisation.is_active_on(day):
        _add(errors, "organisation", _("Organisation: %(org)s did not exist on %(day)s, the counting date of "
                                       "%(year)s.") % {"org": organisation, "day": format_date(day),
                                                       "year": round_.year})
        return None
    decider = decider_for_organisation(organisation, day)
    if decider is None:
        _add(errors, "organisation", _("Organisation: %(org)s had no level above it on %(day)s to decide its "
                                       "rating.") % {"org": _org_name(organisation, day), "day": format_date(day)})
    return decider


@transaction.atomic
def self_rate(*, actor: Any, year: int, level: SchemeLevel | None, score: Any = None, self_assessment: str = "",
              member: Member | None = None, organisation: Organisation | None = None,
              within: Organisation | None = None, on: dt.date | None = None, own: bool = False) -> Evaluation:
    """Record the self-rating of a member (`member`; `within`: the organisation the page entered it from, which
    the member must have been in) or of an organisation (`organisation`, no member). Creates the rating.
    Audited as evaluation.rating.self_rated."""
    kind = SubjectKind.MEMBER if member is not None or own else SubjectKind.ORGANISATION
    errors: Errors = {}
    round_, scheme = _round(errors, year, kind)
    level = fitting_level(scheme, level, score)
    on = on or today()
    text = _text(self_assessment)
    _text_error(errors, "self_assessment", _("Self-assessment"), text)
    score = _score(errors, score, "self_score", _("Self-score"))
    place: int | None = None
    decider: Organisation | None = None
    if kind == SubjectKind.MEMBER and member is None:
        _add(errors, "member", _("Member: choose the member."))
    elif kind == SubjectKind.ORGANISATION and organisation is None:
        _add(errors, "organisation", _("Organisation: choose the organisation."))
    elif round_ is not None:
        if member is not None:
            place, decider = _member_subject(errors, actor, member, round_, within, own)
        else:
            assert organisation is not None
            decider = _organisation_subject(errors, actor, organisation, round_)
            place = organisation.pk
        _date_errors(errors, year, on, "self_on", _("Self-rated on"))
    _rating_errors(errors, scheme, kind, level, score, text, "self_", _("Self-rating"))
    if not errors:
        existing = Evaluation.objects.filter(year=year, cancelled_on__isnull=True)
        existing = existing.filter(member=member) if member is not None else existing.filter(
            organisation=organisation, member__isnull=True)
        if existing.exists():
            field, message = _duplicate(member, organisation, year)
            _add(errors, field, message)
    _raise(errors)
    assert place is not None and decider is not None and scheme is not None
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                year=year, scheme=scheme, subject_kind=kind, organisation_id=place, member=member, decider=decider,
                stage=Stage.SELF, self_assessment=text, self_level=level, self_score=score, self_on=on,
                self_by=_user(actor), created_by=_user(actor))
    except IntegrityError:
        field, message = _duplicate(member, organisation, year)
        raise ValidationError({field: [message]}) from None
    log_action("evaluation.rating.self_rated", actor=actor, obj=evaluation, organisation=evaluation.organisation,
               new=values(evaluation))
    return evaluation


@transaction.atomic
def revise_self_rating(*, actor: Any, evaluation: Evaluation, level: SchemeLevel | None, score: Any = None,
                       self_assessment: str = "", on: dt.date | None = None, seen: Any = ANY) -> Evaluation:
    """Change a self-rating not yet proposed. Audited as evaluation.rating.self_revised."""
    if not may_self_rate(actor, evaluation):
        raise PermissionDenied(_("You may not change this self-rating."))
    level = fitting_level(evaluation.scheme, level, score)
    errors: Errors = {}
    on = on or today()
    text = _text(self_assessment)
    _text_error(errors, "self_assessment", _("Self-assessment"), text)
    score = _score(errors, score, "self_score", _("Self-score"))
    _date_errors(errors, evaluation.year, on, "self_on", _("Self-rated on"))
    _rating_errors(errors, evaluation.scheme, evaluation.subject_kind, level, score, text, "self_", _("Self-rating"))
    _raise(errors)
    lock(evaluation)
    _check_seen(evaluation, seen)
    _require_stage(evaluation, Stage.SELF, _("revised"))
    return _write(actor, evaluation, "evaluation.rating.self_revised", self_level=level, self_score=score,
                  self_assessment=text, self_on=on, self_by=_user(actor))


def _write(actor: Any, evaluation: Evaluation, action: str, **changes: Any) -> Evaluation:
    old = values(evaluation)
    for name, value in changes.items():
        setattr(evaluation, name, value)
    evaluation.save(update_fields=[*changes, "updated_at"])
    before, after = _changed(old, values(evaluation))
    log_action(action, actor=actor, obj=evaluation, organisation=evaluation.organisation, old=before, new=after)
    return evaluation


# ---------------------------------------------------------------- proposal


@transaction.atomic
def propose(*, actor: Any, evaluation: Evaluation, level: SchemeLevel | None, score: Any = None, comment: str = "",
            on: dt.date | None = None, seen: Any = ANY) -> Evaluation:
    """Propose the level of a self-rated rating (the chi bộ for a member; the level above's appraisal for an
    organisation). Audited as evaluation.rating.proposed."""
    if not may_propose(actor, evaluation):
        raise PermissionDenied(_("You may not propose this rating."))
    level = fitting_level(evaluation.scheme, level, score)
    errors: Errors = {}
    on = on or today()
    text = _text(comment)
    _text_error(errors, "proposal_comment", _("Proposal comments"), text)
    score = _score(errors, score, "proposed_score", _("Proposed score"))
    _date_errors(errors, evaluation.year, on, "proposed_on", _("Proposed on"), after=evaluation.self_on)
    _rating_errors(errors, evaluation.scheme, evaluation.subject_kind, level, score, text, "proposed_",
                   _("Proposed level"))
    _raise(errors)
    lock(evaluation)
    _check_seen(evaluation, seen)
    _require_stage(evaluation, Stage.SELF, _("proposed"))
    return _write(actor, evaluation, "evaluation.rating.proposed", stage=Stage.PROPOSED, proposed_level=level,
                  proposed_score=score, proposal_comment=text, proposed_on=on, proposed_by=_user(actor))


# ---------------------------------------------------------------- decision


def _decision_errors(evaluation: Evaluation, level: SchemeLevel | None, score: Any, comment: str,
                     on: dt.date) -> tuple[Errors, Decimal | None, SchemeLevel | None]:
    """The checks of one decision; the level (on a points scheme, the score's band when none is chosen)."""
    level = fitting_level(evaluation.scheme, level, score)
    errors: Errors = {}
    text = _text(comment)
    _text_error(errors, "decision_comment", _("Decision comments"), text)
    value = _score(errors, score, "score", _("Score decided"))
    _date_errors(errors, evaluation.year, on, "decided_on", _("Decided on"), after=evaluation.proposed_on)
    _rating_errors(errors, evaluation.scheme, evaluation.subject_kind, level, value, text, "", _("Level decided"))
    return errors, value, level


def _lock_decider(decider_id: int) -> None:
    """Decisions of one decider run one at a time (its row locked first, then the ratings): two groups decided at
    once could each keep the cap alone and break it together."""
    # of=("self",): PostgreSQL refuses FOR UPDATE over the outer joins of the default ordering.
    list(Organisation.objects.select_for_update(no_key=True, of=("self",)).filter(pk=decider_id).order_by()
         .values_list("pk", flat=True))


def _cap_errors(errors: Errors, decider: Organisation, year: int, subject_kind: str,
                changes: dict[int, SchemeLevel]) -> None:
    for violation in rules.check_decisions(decider, year, subject_kind, changes):
        _add(errors, violation.field, violation.message)


@transaction.atomic
def decide(*, actor: Any, evaluation: Evaluation, level: SchemeLevel | None, score: Any = None, comment: str = "",
           on: dt.date | None = None, seen: Any = ANY) -> Evaluation:
    """Decide the level of a proposed rating (by the level above), its caps and conditions checked among the
    decider's ratings of the year. Audited as evaluation.rating.decided."""
    if not may_decide(actor, evaluation):
        raise PermissionDenied(_("Only the level above (%(decider)s) decides this rating.") % {
            "decider": evaluation.decider})
    on = on or today()
    errors, value, level = _decision_errors(evaluation, level, score, comment, on)
    _raise(errors)
    _lock_decider(evaluation.decider_id)
    lock(evaluation)
    _check_seen(evaluation, seen)
    _require_stage(evaluation, Stage.PROPOSED, _("decided"))
    assert level is not None
    _cap_errors(errors, evaluation.decider, evaluation.year, evaluation.subject_kind, {evaluation.pk: level})
    _raise(errors)
    return _write(actor, evaluation, "evaluation.rating.decided", stage=Stage.DECIDED, level=level, score=value,
                  decision_comment=_text(comment), decided_on=on, decided_by=_user(actor), step=level.step)


Decision = tuple[SchemeLevel | None, Any, str]


@transaction.atomic
def decide_many(decider: Organisation, year: int, subject_kind: str, decisions: Mapping[int, Decision], *,
                actor: Any, on: dt.date | None = None) -> list[Evaluation]:
    """Decide a group of proposed ratings of one decider at once ({evaluation id: (level, score, comment)}): each
    checked as `decide` does, the caps and conditions on the final set; all or nothing. Errors are keyed
    "<evaluation id>:<field>" for a row, the rule's field for the caps. One audit entry each
    (evaluation.rating.decided)."""
    on = on or today()
    if not may_write(actor, decider.pk):
        raise PermissionDenied(_("Only the level above decides these ratings."))
    # The decider first, then the ratings in id order, so that two groups never wait on each other.
    _lock_decider(decider.pk)
    rows = {e.pk: e for e in Evaluation.objects.select_for_update(of=("self",)).filter(pk__in=list(decisions))
            .order_by("pk")
            .select_related("scheme", "member", "organisation", "decider")}
    errors: Errors = {}
    scores: dict[int, Decimal | None] = {}
    levels: dict[int, SchemeLevel] = {}
    for pk, (level, score, comment) in decisions.items():
        evaluation = rows.get(pk)
        if evaluation is None or evaluation.decider_id != decider.pk or evaluation.year != year \
                or evaluation.subject_kind != subject_kind:
            _add(errors, f"{pk}:decider", _("Decided by: this rating is not one %(decider)s decides for "
                                            "%(year)s.") % {"decider": decider, "year": year})
            continue
        if is_own(actor, evaluation):
            raise PermissionDenied(_("Nobody decides their own rating."))
        if evaluation.cancelled_on is not None or evaluation.stage != Stage.PROPOSED:
            _add(errors, f"{pk}:stage", _("%(who)s: this rating is %(stage)s, not awaiting a decision.") % {
                "who": evaluation, "stage": _stage_text(evaluation)})
            continue
        row_errors, scores[pk], fitting = _decision_errors(evaluation, level, score, comment, on)
        if fitting is not None:
            levels[pk] = fitting
        for field, messages in row_errors.items():
            for message in messages:
                _add(errors, f"{pk}:{field}", f"{evaluation}: {message}")
    _raise(errors)
    _cap_errors(errors, decider, year, subject_kind, dict(levels))
    _raise(errors)
    decided = []
    for pk, decision in decisions.items():
        level, comment = levels[pk], decision[2]
        decided.append(_write(actor, rows[pk], "evaluation.rating.decided", stage=Stage.DECIDED, level=level,
                              score=scores[pk], decision_comment=_text(comment), decided_on=on,
                              decided_by=_user(actor), step=level.step))
    return decided


def _stage_text(evaluation: Evaluation) -> str:
    if evaluation.cancelled_on is not None:
        return _("cancelled")
    return str(evaluation.get_stage_display()).lower()


# ---------------------------------------------------------------- cancelling


@transaction.atomic
def cancel(*, actor: Any, evaluation: Evaluation, on: dt.date | None = None, seen: Any = ANY) -> Evaluation:
    """Cancel a rating entered by mistake (nothing is deleted; the subject may be rated again).
    Audited as evaluation.rating.cancelled."""
    if not may_cancel(actor, evaluation):
        raise PermissionDenied(_("You may not cancel this rating."))
    on = on or today()
    lock(evaluation)
    _check_seen(evaluation, seen)
    if evaluation.cancelled_on is not None:
        raise StateConflict(_("This rating was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(evaluation.cancelled_on)})
    if evaluation.stage == Stage.DECIDED and not may_write(actor, evaluation.decider_id):
        raise PermissionDenied(_("You may not cancel this rating."))
    return _write(actor, evaluation, "evaluation.rating.cancelled", cancelled_on=on)
