"""A member's own rating page (/danh-gia/cua-toi/, capability own.view): the member linked to the log-in
(Member.user) writes their self-assessment (bản tự kiểm điểm) and self-rating for the open round and sees each
year's proposal and decision. Nothing here takes a member or a rating id from the request: every row read is the
member's own.

The open round: this year's members' round, else the latest whose counting date has passed. Writes go through
evaluation.domain_ratings with `own=True` (the actor must be that member; the rating is placed in their unit on
the counting date); once the chi bộ has proposed, the self-rating can no longer change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.views_own import own_member
from xaydungdang.core.dates import today
from xaydungdang.core.permissions import requires
from xaydungdang.evaluation import domain_ratings as domain
from xaydungdang.evaluation import forms_ratings as forms
from xaydungdang.evaluation import rules
from xaydungdang.evaluation.models import Evaluation, EvaluationRound, EvaluationScheme, SubjectKind
from xaydungdang.members.models import Member

OWN = Capability.OWN_RECORDS


def open_round() -> EvaluationRound | None:
    rounds = EvaluationRound.objects.filter(subject_kind=SubjectKind.MEMBER)
    now = today()
    return rounds.filter(year=now.year).first() or rounds.filter(count_date__lte=now).order_by("-year").first()


def _form(scheme: EvaluationScheme | None, data: Any = None, initial: Any = None) -> forms.OwnForm:
    levels = rules.levels_of(scheme, SubjectKind.MEMBER) if scheme is not None else []
    points = scheme is not None and scheme.engine == EvaluationScheme.Engine.POINTS
    return forms.OwnForm(data, levels=levels, points=points, initial=initial)


def _current(member: Member, round_: EvaluationRound | None) -> Evaluation | None:
    if round_ is None:
        return None
    return Evaluation.objects.filter(member=member, year=round_.year, cancelled_on__isnull=True).select_related(
        "self_level", "proposed_level", "level").first()


@requires(OWN)
def own(request: HttpRequest) -> HttpResponse:
    member = own_member(request)
    if member is None:
        return render(request, "evaluation/own.html", {"member": None})
    round_ = open_round()
    scheme = rules.scheme_for(round_.year) if round_ is not None else None
    current = _current(member, round_)
    past = list(Evaluation.objects.filter(member=member, cancelled_on__isnull=True)
                .select_related("level", "proposed_level", "self_level", "scheme", "decider").order_by("-year"))
    initial = {"self_assessment": current.self_assessment if current else "",
               "level": current.self_level.code if current and current.self_level else "",
               "score": current.self_score if current else ""}
    return render(request, "evaluation/own.html", {
        "member": member, "round": round_, "scheme": scheme, "current": current, "past": past,
        "form": _form(scheme, initial=initial),
        "can_rate": round_ is not None and scheme is not None and (current is None
                                                                   or current.stage == Evaluation.Stage.SELF)})


@requires(OWN)
@require_POST
def own_rate(request: HttpRequest) -> HttpResponse:
    """Write (or revise while only self-rated) one's self-assessment and self-rating for the open round."""
    member = own_member(request)
    round_ = open_round()
    if member is None or round_ is None:
        messages.error(request, _("There is no open evaluation round for you."))
        return redirect("evaluation:own")
    scheme = rules.scheme_for(round_.year)
    form = _form(scheme, request.POST)
    form.is_valid()
    data = form.cleaned_data
    level = domain.level_named(scheme, data.get("level", ""))
    current = _current(member, round_)
    try:
        if current is None:
            domain.self_rate(actor=request.user, year=round_.year, level=level, score=data.get("score"),
                             self_assessment=data.get("self_assessment", ""), member=member, own=True)
        else:
            domain.revise_self_rating(actor=request.user, evaluation=current, level=level, score=data.get("score"),
                                      self_assessment=data.get("self_assessment", ""))
    except PermissionDenied as denied:
        messages.error(request, str(denied))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your self-rating was recorded; your chi bộ will propose your rating."))
    return redirect("evaluation:own")
