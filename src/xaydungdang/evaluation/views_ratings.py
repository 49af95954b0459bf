"""Pages of the yearly rating: the index of the area (the rounds of the years), the list (filters the results'
figures link to: ?nam, ?to_chuc, ?loai, ?buoc, ?muc, ?bac), a rating with its three steps and only the steps the
user may take, the entry page of an organisation (a chi bộ's members, a committee's units: one form for the
self-ratings or proposals of every row) and the decision page of a decider (one level per row, the caps as they
stand and as the form would leave them, refused as a whole with each broken rule cited).

Reads go through evaluation.scoping (404 outside the scope); writes go through evaluation.domain_ratings, whose
ValidationError names the field and the rule; nothing partial is written (the entry and decision pages are all or
nothing).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.core.text import word_sort_key
from xaydungdang.evaluation import domain_ratings as domain
from xaydungdang.evaluation import forms_ratings as forms
from xaydungdang.evaluation import rules, scoping
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, EvaluationScheme, SchemeLevel, SubjectKind
from xaydungdang.members import queries as member_queries
from xaydungdang.members.models import Member
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])


class _Refused(Exception):
    """Raised inside the page's transaction to roll back every row once one was refused."""


def detail_url(evaluation: Evaluation) -> str:
    return reverse("evaluation:detail", kwargs={"evaluation_id": evaluation.pk})


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Any:
    return Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _kind(request: HttpRequest) -> str:
    text = request.GET.get("loai") or request.POST.get("loai") or ""
    return SubjectKind.ORGANISATION if text == SubjectKind.ORGANISATION else SubjectKind.MEMBER


def _round(request: HttpRequest, kind: str) -> EvaluationRound | None:
    """The round named by ?nam=, else the latest whose counting date has passed (else the latest)."""
    text = (request.GET.get("nam") or request.POST.get("nam") or "").strip()
    rounds = EvaluationRound.objects.filter(subject_kind=kind)
    if text:
        return ensure(rounds.filter(year=int(text)).first() if text.isdigit() else None)  # type: ignore[no-any-return]
    return rounds.filter(count_date__lte=today()).order_by("-year").first() or rounds.order_by("-year").first()


def _organisation(request: HttpRequest, day: dt.date) -> Organisation | None:
    text = (request.GET.get("to_chuc") or request.POST.get("to_chuc") or "").strip()
    if text:
        return scoping.organisation_named(request, text)
    return scoping.default_root(request, day)


def _name_on(organisation: Organisation, day: dt.date) -> str:
    version = org_queries.version_on(organisation.pk, day) or org_queries.current_version(organisation)
    return version.name if version else organisation.name


def _seen(request: HttpRequest, key: str = "seen") -> Any:
    text = request.POST.get(key, "")
    try:
        return dt.datetime.fromisoformat(text) if text else domain.ANY
    except ValueError:
        return domain.ANY


def _levels(scheme: EvaluationScheme | None, kind: str) -> list[Any]:
    return rules.levels_of(scheme, kind) if scheme is not None else []


def _level(scheme: EvaluationScheme | None, code: str) -> Any:
    return domain.level_named(scheme, code)


def may_decide_some(request: HttpRequest) -> bool:
    """Whether the user decides ratings for some organisation: records.edit over a grassroots organisation (its
    members' ratings) or over one with units under it (their ratings), in today's tree. One query, once a request."""
    cached = getattr(request, "_xdd_may_decide_ratings", None)
    if cached is not None:
        return bool(cached)
    scope = scoping.scope_of(request)
    if scope.is_superuser:
        found = True
    elif not scope.has(EDIT):
        found = False
    else:
        writable = scope.organisations(EDIT)
        found = org_queries.versions_on(today()).filter(
            Q(organisation__in=writable, org_type__is_grassroots=True) | Q(parent__in=writable)).exists()
    request._xdd_may_decide_ratings = found  # type: ignore[attr-defined]
    return found


# ---------------------------------------------------------------- the index


@requires(Capability.VIEW)
def index(request: HttpRequest) -> HttpResponse:
    rounds = list(EvaluationRound.objects.order_by("-year", "subject_kind"))
    schemes = {r.year: rules.scheme_for(r.year) for r in rounds}
    rows = [{"round": r, "scheme": schemes[r.year]} for r in rounds]
    has_member = request.user.pk is not None and Member.objects.filter(user_id=request.user.pk).exists()
    return render(request, "evaluation/index.html", {
        "rows": rows, "can_write": scoping.scope_of(request).may_write(EDIT), "has_member": has_member,
        "may_decide_some": may_decide_some(request),
        "root": scoping.default_root(request, today()), "schemes": EvaluationScheme.objects.order_by("-first_year")})


# ---------------------------------------------------------------- the list


def _rows(request: HttpRequest, form: forms.ListForm) -> QuerySet[Evaluation]:
    rows = scoping.visible_evaluations(request)
    if not form.is_valid():
        return rows.none()
    data = form.cleaned_data
    if data.get("nam") is not None:
        rows = rows.filter(year=data["nam"])
    if data.get("to_chuc") is not None:
        # Placed where the rated organisation / the member's unit was on the round's counting date.
        rows = rows.filter(scoping.placed_q(data["to_chuc"], data.get("nam")))
    if data.get("loai"):
        rows = rows.filter(subject_kind=data["loai"])
    stage = data.get("buoc")
    if stage == "cancelled":
        rows = rows.filter(cancelled_on__isnull=False)
    elif stage:
        rows = rows.filter(stage=stage, cancelled_on__isnull=True)
    if data.get("muc"):
        rows = rows.filter(level__code=data["muc"], cancelled_on__isnull=True)
    if data.get("bac"):
        rows = rows.filter(step=int(data["bac"]), stage=Evaluation.Stage.DECIDED, cancelled_on__isnull=True)
    return rows


@requires(Capability.VIEW)
def rating_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    form = forms.ListForm(request.GET, organisations=scope.organisations())
    rows = _rows(request, form).select_related("organisation", "member__person", "level", "decider").order_by(
        "-year", "subject_kind", "organisation__code", "pk")
    page = _page(request, rows)
    return render(request, "evaluation/ratings_list.html", {"form": form, "page": page, "query": _query(request)})


# ---------------------------------------------------------------- one rating


def _step_form(evaluation: Evaluation, prefix: str, initial: dict[str, Any], label: Any = None) -> Any:
    return forms.StepForm(prefix=prefix, levels=_levels(evaluation.scheme, evaluation.subject_kind),
                          points=evaluation.scheme.engine == EvaluationScheme.Engine.POINTS, initial=initial,
                          comment_label=label)


@requires(Capability.VIEW)
def rating_detail(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    found = scoping.get_evaluation(request, evaluation_id)
    # Who took each step, named on the page: read with the rating (one query).
    evaluation = Evaluation.objects.select_related(
        "organisation", "member__person", "scheme", "decider", "self_level", "proposed_level", "level", "self_by",
        "proposed_by", "decided_by").get(pk=found.pk)
    open_ = evaluation.cancelled_on is None
    stage = evaluation.stage
    now = today()
    context = {
        "evaluation": evaluation, "seen": evaluation.updated_at.isoformat(),
        "round": domain.round_for(evaluation.year, evaluation.subject_kind),
        "can_revise": open_ and stage == Evaluation.Stage.SELF and scoping.may_self_rate(request, evaluation),
        "can_propose": open_ and stage == Evaluation.Stage.SELF and scoping.may_propose(request, evaluation),
        "can_decide": open_ and stage == Evaluation.Stage.PROPOSED and scoping.may_decide(request, evaluation),
        "can_cancel": open_ and scoping.may_cancel(request, evaluation),
        "revise_form": _step_form(evaluation, "tu", {
            "level": evaluation.self_level.code if evaluation.self_level else "", "score": evaluation.self_score,
            "comment": evaluation.self_assessment, "on": now}, _("Self-assessment")),
        "propose_form": _step_form(evaluation, "dx", {
            "level": evaluation.self_level.code if evaluation.self_level else "", "score": evaluation.self_score,
            "on": now}, _("Proposal comments")),
        "decide_form": _step_form(evaluation, "qd", {
            "level": evaluation.proposed_level.code if evaluation.proposed_level else "",
            "score": evaluation.proposed_score, "on": now}, _("Decision comments")),
    }
    return render(request, "evaluation/ratings_detail.html", context)


def _run_step(request: HttpRequest, evaluation: Evaluation, step: Any, done: str) -> HttpResponse:
    """Run a domain step (POST/redirect/GET): its refusal (each message naming the field or rule), or `done`."""
    url = detail_url(evaluation)
    try:
        step()
    except PermissionDenied as denied:
        messages.error(request, str(denied) or _("You may not take this step on this rating."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(url)


def _posted_step(request: HttpRequest, evaluation: Evaluation, prefix: str) -> dict[str, Any]:
    form = _step_form(evaluation, prefix, {})
    form.data, form.is_bound = request.POST, True
    form.full_clean()
    data = form.cleaned_data if form.is_valid() else {}
    return {"level": _level(evaluation.scheme, data.get("level", "")), "score": data.get("score"),
            "comment": data.get("comment", ""), "on": data.get("on") or today()}


@requires(EDIT)
@require_POST
def rating_revise(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = scoping.get_evaluation(request, evaluation_id)
    data = _posted_step(request, evaluation, "tu")
    return _run_step(request, evaluation, lambda: domain.revise_self_rating(
        actor=request.user, evaluation=evaluation, level=data["level"], score=data["score"],
        self_assessment=data["comment"], on=data["on"], seen=_seen(request)), _("The self-rating was changed."))


@requires(EDIT)
@require_POST
def rating_propose(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = scoping.get_evaluation(request, evaluation_id)
    data = _posted_step(request, evaluation, "dx")
    return _run_step(request, evaluation, lambda: domain.propose(
        actor=request.user, evaluation=evaluation, level=data["level"], score=data["score"],
        comment=data["comment"], on=data["on"], seen=_seen(request)), _("The proposal was recorded."))


@requires(EDIT)
@require_POST
def rating_decide(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = scoping.get_evaluation(request, evaluation_id)
    data = _posted_step(request, evaluation, "qd")
    return _run_step(request, evaluation, lambda: domain.decide(
        actor=request.user, evaluation=evaluation, level=data["level"], score=data["score"],
        comment=data["comment"], on=data["on"], seen=_seen(request)), _("The decision was recorded."))


@requires(EDIT)
@require_POST
def rating_cancel(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = scoping.get_evaluation(request, evaluation_id)
    return _run_step(request, evaluation, lambda: domain.cancel(
        actor=request.user, evaluation=evaluation, seen=_seen(request)),
        _("The rating was cancelled; it no longer counts."))


# ---------------------------------------------------------------- entry: self-ratings and proposals


def _subjects(organisation: Organisation, round_: EvaluationRound) -> list[Any]:
    """The members of the organisation's subtree on the counting date (by name), or its units on that date."""
    day = round_.count_date
    if round_.subject_kind == SubjectKind.MEMBER:
        return list(member_queries.ordered_by_name(member_queries.members_on(organisation.pk, day))
                    .select_related("person"))
    return [v.organisation for v in org_queries.children_on(organisation.pk, day)]


def _current(round_: EvaluationRound, subjects: list[Any]) -> dict[int, Evaluation]:
    rows = Evaluation.objects.filter(year=round_.year, subject_kind=round_.subject_kind, cancelled_on__isnull=True)
    if round_.subject_kind == SubjectKind.MEMBER:
        found = rows.filter(member_id__in=[s.pk for s in subjects]).select_related("self_level", "proposed_level",
                                                                                     "level")
        return {e.member_id: e for e in found if e.member_id is not None}
    found = rows.filter(organisation_id__in=[s.pk for s in subjects]).select_related(
        "self_level", "proposed_level", "level")
    return {e.organisation_id: e for e in found}


def _entry_rows(request: HttpRequest, round_: EvaluationRound, subjects: list[Any]) -> list[dict[str, Any]]:
    current = _current(round_, subjects)
    rows = []
    # Who may propose depends on the rating's organisation (member) or decider (organisation): asked once each.
    proposers: dict[int, bool] = {}
    is_member = round_.subject_kind == SubjectKind.MEMBER
    for subject in subjects:
        evaluation = current.get(subject.pk)
        action = ""
        if evaluation is None:
            action = "self"
        elif evaluation.stage == Evaluation.Stage.SELF:
            if is_member:
                evaluation.member = subject
            place = evaluation.organisation_id if is_member else evaluation.decider_id
            if place not in proposers:
                proposers[place] = scoping.may_edit_organisation(request, place)
            if proposers[place] and not domain.is_own(request.user, evaluation):
                action = "propose"
        rows.append({"subject": subject, "evaluation": evaluation, "action": action,
                     "level": request.POST.get(f"muc-{subject.pk}", ""),
                     "score": request.POST.get(f"diem-{subject.pk}", "")})
    return rows


def _save_entry(request: HttpRequest, round_: EvaluationRound, organisation: Organisation,
                scheme: EvaluationScheme, rows: list[dict[str, Any]]) -> tuple[int, list[str], list[str]]:
    """Every row with a level or score entered, in one transaction; any refusal rolls them all back. Returns the
    number saved, the refusals and the rows whose level was taken from the score's band (no level chosen)."""
    errors: list[str] = []
    banded: list[str] = []
    saved = 0
    try:
        with transaction.atomic():
            for row in rows:
                if not row["action"] or not (row["level"] or row["score"]):
                    continue
                try:
                    evaluation = _save_row(request, round_, organisation, scheme, row)
                    saved += 1
                    level = evaluation.self_level if row["action"] == "self" else evaluation.proposed_level
                    if not row["level"] and level is not None:
                        banded.append(f"{_subject_name(row['subject'])}: {level.name} ({level.abbreviation})")
                except PermissionDenied as denied:
                    errors.append(f"{row['subject']}: {denied or _('you may not take this step.')}")
                except ValidationError as error:
                    errors.extend(f"{row['subject']}: {message}" for message in error.messages)
            if errors:
                raise _Refused
    except _Refused:
        return 0, errors, []
    return saved, [], banded


def _subject_name(subject: Any) -> str:
    return subject.person.full_name if isinstance(subject, Member) else str(subject.name)


def _unknown_level(scheme: EvaluationScheme, code: str) -> ValidationError:
    """A level code not of this scheme, named by the level's name and abbreviation where some scheme has it."""
    other = SchemeLevel.objects.filter(code=code).order_by("-scheme__first_year").first()
    named = f"{other.name} ({other.abbreviation})" if other is not None else code
    return ValidationError(_("Level: “%(code)s” is not a level of %(scheme)s.") % {
        "code": named, "scheme": scheme.name})


def _save_row(request: HttpRequest, round_: EvaluationRound, organisation: Organisation, scheme: EvaluationScheme,
              row: dict[str, Any]) -> Evaluation:
    level = _level(scheme, row["level"])
    if row["level"] and level is None:
        raise _unknown_level(scheme, row["level"])
    if row["action"] == "self":
        subject = row["subject"]
        is_member = round_.subject_kind == SubjectKind.MEMBER
        return domain.self_rate(actor=request.user, year=round_.year, level=level, score=row["score"],
                                member=subject if is_member else None, organisation=None if is_member else subject,
                                within=organisation if is_member else None)
    return domain.propose(actor=request.user, evaluation=row["evaluation"], level=level, score=row["score"])


@requires(EDIT)
@FORM_METHODS
def entry(request: HttpRequest) -> HttpResponse:
    """An organisation's page for a round: every member (unit) with its rating; one form enters the self-ratings
    of those not yet rated and the proposals of those self-rated (what the user may do)."""
    kind = _kind(request)
    round_ = _round(request, kind)
    organisation = _organisation(request, today())
    context: dict[str, Any] = {"round": round_, "organisation": organisation, "kind": kind,
                               "rounds": EvaluationRound.objects.filter(subject_kind=kind).order_by("-year")}
    if round_ is None or organisation is None:
        return render(request, "evaluation/ratings_entry.html", context)
    scheme = rules.scheme_for(round_.year)
    subjects = _subjects(organisation, round_)
    rows = _entry_rows(request, round_, subjects)
    errors: list[str] = []
    if request.method == "POST" and scheme is not None:
        saved, errors, banded = _save_entry(request, round_, organisation, scheme, rows)
        if not errors:
            if not saved:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("%(n)s ratings were recorded.") % {"n": saved})
            if banded:
                messages.info(request, _("No level was chosen, so the level was taken from the score's band: "
                                         "%(rows)s.") % {"rows": "; ".join(banded)})
            return redirect(f"{reverse('evaluation:entry')}?to_chuc={organisation.code}&nam={round_.year}"
                            f"&loai={kind}")
    decider = (domain.grassroots_at_or_above(organisation.pk, round_.count_date) if kind == SubjectKind.MEMBER
               else organisation)
    context.update({
        "scheme": scheme, "levels": _levels(scheme, kind), "rows": rows, "errors": errors,
        "points": scheme is not None and scheme.engine == EvaluationScheme.Engine.POINTS,
        "name": _name_on(organisation, round_.count_date), "decider": decider,
        "may_decide": decider is not None and scoping.may_edit_organisation(request, decider),
        "can_write": scoping.may_edit_organisation(request, organisation)})
    return render(request, "evaluation/ratings_entry.html", context)


# ---------------------------------------------------------------- decision by the level above


def _decision_rows(decider: Organisation, round_: EvaluationRound) -> list[Evaluation]:
    """The decider's proposed and decided ratings of the round, by unit (its name on the counting date) then by
    the member's name in Vietnamese order; each carries `unit_name` (two queries)."""
    rows = list(Evaluation.objects.filter(decider=decider, year=round_.year, subject_kind=round_.subject_kind,
                                          cancelled_on__isnull=True,
                                          stage__in=[Evaluation.Stage.PROPOSED, Evaluation.Stage.DECIDED])
                .select_related("member__person", "organisation", "self_level", "proposed_level", "level"))
    names = dict(org_queries.versions_on(round_.count_date).filter(
        organisation_id__in={e.organisation_id for e in rows}).values_list("organisation_id", "name"))
    for e in rows:
        e.unit_name = names.get(e.organisation_id) or e.organisation.name  # type: ignore[attr-defined]
    return sorted(rows, key=lambda e: (word_sort_key(e.unit_name),  # type: ignore[attr-defined]
                                       e.member.person.name_key if e.member else "", e.pk))


def _decides(organisation: Organisation, round_: EvaluationRound) -> bool:
    """Whether the organisation decides ratings of this round's kind: a grassroots organisation its members',
    an organisation with units under it (on the counting date) their ratings."""
    day = round_.count_date
    if round_.subject_kind == SubjectKind.MEMBER:
        version = org_queries.version_on(organisation.pk, day)
        return version is not None and version.org_type.is_grassroots
    return org_queries.versions_on(day).filter(parent_id=organisation.pk).exists()


def _decided_by_text(organisation: Organisation, round_: EvaluationRound, name: str) -> str:
    """Who decides the ratings of this organisation's members (or its own rating), said on the decision page of
    an organisation that decides nothing."""
    day = round_.count_date
    if round_.subject_kind == SubjectKind.MEMBER:
        decider = domain.grassroots_at_or_above(organisation.pk, day)
    else:
        decider = domain.decider_for_organisation(organisation, day)
    if decider is None:
        return _("No organisation above %(name)s decides these ratings.") % {"name": name}
    names = {"decider": _name_on(decider, day), "name": name}
    if round_.subject_kind == SubjectKind.MEMBER:
        return _("%(decider)s decides the ratings of the party members of %(name)s.") % names
    return _("%(decider)s decides the rating of %(name)s.") % names


def _posted_decisions(request: HttpRequest, scheme: EvaluationScheme,
                      rows: list[Evaluation]) -> dict[int, domain.Decision]:
    decisions: dict[int, domain.Decision] = {}
    for evaluation in rows:
        if evaluation.stage != Evaluation.Stage.PROPOSED:
            continue
        code = request.POST.get(f"muc-{evaluation.pk}", "")
        score = request.POST.get(f"diem-{evaluation.pk}", "")
        if code or score:
            decisions[evaluation.pk] = (_level(scheme, code), score, request.POST.get(f"nx-{evaluation.pk}", ""))
    return decisions


def _caps(decider: Organisation, round_: EvaluationRound, decisions: dict[int, domain.Decision]) -> list[Any]:
    changes = {pk: level for pk, (level, _score, _comment) in decisions.items() if level is not None}
    return [{"status": s, "summary": rules.cap_summary(s), "message": rules.cap_message(s) if s.broken else ""}
            for s in rules.cap_status(decider, round_.year, round_.subject_kind, changes)]


@requires(EDIT)
@FORM_METHODS
def decision(request: HttpRequest) -> HttpResponse:
    """The decider's page: its proposed ratings of the round, one level per row, saved at once (all or nothing,
    the caps and conditions checked on the final set); an htmx POST with ?kiem_tra answers the caps only."""
    kind = _kind(request)
    round_ = _round(request, kind)
    decider = _organisation(request, today())
    context: dict[str, Any] = {"round": round_, "organisation": decider, "kind": kind,
                               "rounds": EvaluationRound.objects.filter(subject_kind=kind).order_by("-year")}
    scheme = rules.scheme_for(round_.year) if round_ is not None else None
    if round_ is None or decider is None or scheme is None:
        return render(request, "evaluation/ratings_decision.html", context)
    if request.method == "GET" and not _decides(decider, round_):
        name = _name_on(decider, round_.count_date)
        context.update({"scheme": scheme, "name": name, "decided_by": _decided_by_text(decider, round_, name)})
        return render(request, "evaluation/ratings_decision.html", context)
    rows = _decision_rows(decider, round_)
    may_decide = scoping.may_edit_organisation(request, decider)
    decisions = _posted_decisions(request, scheme, rows) if request.method == "POST" else {}
    if request.method == "POST" and request.headers.get("HX-Request") and "kiem_tra" in request.GET:
        return render(request, "evaluation/ratings_caps.html", {"caps": _caps(decider, round_, decisions)})
    errors: list[str] = []
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        try:
            decided = domain.decide_many(decider, round_.year, kind, decisions, actor=request.user)
        except PermissionDenied as denied:
            errors = [str(denied)]
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("%(n)s ratings were decided.") % {"n": len(decided)})
            return redirect(f"{reverse('evaluation:decision')}?to_chuc={decider.code}&nam={round_.year}&loai={kind}")
    context.update({
        "scheme": scheme, "levels": _levels(scheme, kind), "errors": errors, "may_decide": may_decide,
        "points": scheme.engine == EvaluationScheme.Engine.POINTS, "name": _name_on(decider, round_.count_date),
        "caps": _caps(decider, round_, decisions),
        "rows": [{"evaluation": e, "level": request.POST.get(f"muc-{e.pk}") if request.method == "POST" else
                  (e.proposed_level.code if e.proposed_level else ""),
                  "score": request.POST.get(f"diem-{e.pk}", "") if request.method == "POST" else
                  (e.proposed_score if e.proposed_score is not None else ""),
                  "comment": request.POST.get(f"nx-{e.pk}", "")} for e in rows]})
    return render(request, "evaluation/ratings_decision.html", context)
