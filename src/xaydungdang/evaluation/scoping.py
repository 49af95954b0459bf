"""Finding the evaluation app's records within the request's scope (404 outside it, hidden and missing alike).

An evaluation is read where its organisation (the organisation rated, or the member's unit on the round's counting
date) is or ever was in a grant's subtree; a review meeting the same by its organisation. Who may take each step of
a rating (self-rating, proposal, decision by the level above) is said by the ratings part below (H2).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.record_scope import (  # noqa: F401 (named here for this app's modules)
    default_root,
    get_in_scope,
    may_edit_organisation,
    organisation_named,
    organisations_readable,
    scope_of,
    visible,
    writable,
)
from xaydungdang.evaluation.models import Evaluation, ReviewMeeting
from xaydungdang.organisations.models import Organisation


def visible_evaluations(request: HttpRequest) -> QuerySet[Evaluation]:
    return visible(request, Evaluation.objects.all())


def get_evaluation(request: HttpRequest, evaluation_id: int, capability: str = Capability.VIEW) -> Evaluation:
    rows = Evaluation.objects.select_related("organisation", "member__person", "scheme", "level", "decider")
    return get_in_scope(request, rows, evaluation_id, capability=capability)


def visible_reviews(request: HttpRequest) -> QuerySet[ReviewMeeting]:
    return visible(request, ReviewMeeting.objects.all(), since="held_on")


def get_review(request: HttpRequest, review_id: int, capability: str = Capability.VIEW) -> ReviewMeeting:
    rows = ReviewMeeting.objects.select_related("organisation")
    return get_in_scope(request, rows, review_id, since="held_on", capability=capability)


# ---------------------------------------------------------------- who may take each step of a rating (H2)


def may_self_rate(request: HttpRequest, evaluation: Evaluation) -> bool:
    """The member themself, or who may edit the rating's organisation (the member's unit, the organisation)."""
    from xaydungdang.evaluation import domain_ratings

    return domain_ratings.may_self_rate(request.user, evaluation)


def may_propose(request: HttpRequest, evaluation: Evaluation) -> bool:
    """Who may edit the member's unit (the chi bộ) / the organisation's decider (the appraisal above); never
    the member on their own rating."""
    from xaydungdang.evaluation import domain_ratings

    return domain_ratings.may_propose(request.user, evaluation)


def may_decide(request: HttpRequest, evaluation: Evaluation) -> bool:
    """Who may edit the decider (the level above); never the member on their own rating."""
    from xaydungdang.evaluation import domain_ratings

    return domain_ratings.may_decide(request.user, evaluation)


def may_cancel(request: HttpRequest, evaluation: Evaluation) -> bool:
    from xaydungdang.evaluation import domain_ratings

    return domain_ratings.may_cancel(request.user, evaluation)


def placed_q(root: Organisation, year: int | None = None) -> Q:
    """Ratings under `root`, each placed in the tree of its round's counting date (one condition per round): the
    list's and the API's ?to_chuc filter."""
    from xaydungdang.evaluation.models import EvaluationRound
    from xaydungdang.organisations.rollup import placed_on_day_q

    rounds = EvaluationRound.objects.all() if year is None else EvaluationRound.objects.filter(year=year)
    placed = Q(pk__in=[])
    for round_ in rounds:
        placed |= Q(year=round_.year, subject_kind=round_.subject_kind) & placed_on_day_q(root, round_.count_date)
    return placed
