"""The home panel of the yearly evaluation (core/home.py; autodiscovered at start): "Đánh giá, xếp loại chờ xử lý",
the ratings in the home's organisation awaiting a step the user may take.

Decisions: a rating awaits a PROPOSAL while it is self-rated, and a DECISION while it is proposed (not cancelled).
The user may take the step where they may edit records (today's tree, Scope.organisations(records.edit)) of the
organisation that takes it: a proposal by the member's unit (the chi bộ) or, for an organisation, by its decider
(the appraisal of the level above); a decision by the decider — the rule of the ratings part (domain_ratings), said
here as SQL conditions so that the panel costs a fixed number of queries however many ratings wait. A member's own
rating is never offered to them. "In the home's organisation": the rating's organisation or its decider is in
the home organisation's subtree on the day the home is read. Each figure opens the panel's own page, which lists
exactly the ratings counted (the ratings list of the ratings part shows every rating of a stage the user can read,
including those another level acts on, so its count would differ from the figure).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.evaluation.models import Evaluation, SubjectKind
from xaydungdang.organisations.rollup import subtree_on_day

CODE = "evaluation.ratings_awaiting"


def _editable_q(context: HomeContext, field: str) -> Q:
    scope = context.scope
    if scope.is_superuser:
        return Q()
    return Q(**{f"{field}__in": scope.organisations(Capability.EDIT_RECORDS).values("pk")})


def awaiting(context: HomeContext) -> tuple[QuerySet[Evaluation], QuerySet[Evaluation]]:
    """The ratings awaiting a proposal, and a decision, that the user may make (no query until read)."""
    assert context.unit is not None
    inside = subtree_on_day(context.unit.organisation_id, context.day).values("organisation_id")
    rows = Evaluation.objects.filter(Q(organisation_id__in=inside) | Q(decider_id__in=inside),
                                     cancelled_on__isnull=True)
    if context.request.user.pk is not None:
        rows = rows.exclude(member__user_id=context.request.user.pk)
    proposer = ((Q(subject_kind=SubjectKind.MEMBER) & _editable_q(context, "organisation_id"))
                | (Q(subject_kind=SubjectKind.ORGANISATION) & _editable_q(context, "decider_id")))
    to_propose = rows.filter(proposer, stage=Evaluation.Stage.SELF)
    to_decide = rows.filter(_editable_q(context, "decider_id"), stage=Evaluation.Stage.PROPOSED)
    return to_propose, to_decide


def _detail(evaluation: Evaluation) -> str:
    try:
        return reverse("evaluation:detail", kwargs={"evaluation_id": evaluation.pk})
    except NoReverseMatch:
        return ""


def ratings_awaiting(context: HomeContext) -> PanelContent:
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    to_propose, to_decide = awaiting(context)
    proposals, decisions = to_propose.count(), to_decide.count()
    if not proposals and not decisions:
        return PanelContent(empty=_("No rating awaits a step you may take."))
    limit = context.limit or 10_000
    both = (to_propose | to_decide).select_related("organisation", "member__person").order_by("year", "stage", "pk")
    shown = list(both[:limit])
    lines = [Line(text=f"{e.member.person.full_name if e.member is not None else e.organisation.name} ({e.year})",
                  url=_detail(e), note=_("awaiting a proposal") if e.stage == Evaluation.Stage.SELF
                  else _("awaiting a decision")) for e in shown]
    url = context.panel_url(CODE)
    return PanelContent(figures=[Figure(_("Ratings awaiting a proposal"), proposals, url),
                                 Figure(_("Ratings awaiting a decision"), decisions, url)],
                        lines=lines, more=max(0, proposals + decisions - len(lines)), more_url=url)


register_panel(CODE, gettext_lazy("Ratings awaiting a step"), Capability.EDIT_RECORDS, 65, ratings_awaiting)
