"""Reads of recommendations upward within the request's scope (404 outside it), on the rules of feedback.scoping.

Who sees a recommendation (scoping.visible_recommendations_q, the one rule): a user who reads the sender, or
a user who reads the recipient organisation (`to_organisation`): the body above answers what was sent to it, so it
sees it even where the sender is no longer in its subtree (a unit moved away by a restructuring). Who answers:
scoping.answerable_recommendations_q (the sender's office, or the recipient's; domain_recommendations.may_answer
says the same for one record); who withdraws: the sender's office.

Overdue (`overdue_q`): not answered, not withdrawn, and expected by a day before `today`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.feedback import scoping
from xaydungdang.feedback.models import Recommendation
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.queries import names_on
from xaydungdang.organisations.rollup import placed_under_q


def visible(request: HttpRequest) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(scoping.visible_recommendations_q(request))


def get_recommendation(request: HttpRequest, recommendation_id: int, step: str = "view") -> Recommendation:
    """The recommendation the scope reads ("view"), answers ("answer") or withdraws ("withdraw"); 404 otherwise."""
    rows = visible(request)
    if step == "answer":
        rows = rows.filter(scoping.answerable_recommendations_q(request))
    elif step == "withdraw":
        rows = rows.filter(scoping.withdrawable_recommendations_q(request))
    found = with_relations(rows).filter(pk=recommendation_id).first()
    return ensure(found)  # type: ignore[no-any-return]


def may(request: HttpRequest, recommendation: Recommendation, step: str) -> bool:
    """Whether the user may answer ("answer") or withdraw ("withdraw") it now (its state aside)."""
    condition = (scoping.answerable_recommendations_q(request) if step == "answer"
                 else scoping.withdrawable_recommendations_q(request))
    return Recommendation.objects.filter(condition, pk=recommendation.pk).exists()


def overdue_q(today: dt.date) -> Q:
    return Q(answered_on__isnull=True, cancelled_on__isnull=True, due_on__lt=today)


def open_q() -> Q:
    return Q(answered_on__isnull=True, cancelled_on__isnull=True)


def sent_under(root: Any, request: HttpRequest) -> QuerySet[Recommendation]:
    """Recommendations sent by organisations under `root` on their sending date, that the scope reads."""
    return visible(request).filter(placed_under_q(root, field="organisation_id", date="sent_on"))


def overdue_sent(root: Any, request: HttpRequest, today: dt.date) -> QuerySet[Recommendation]:
    return sent_under(root, request).filter(overdue_q(today))


def awaiting_answer(root: Any, request: HttpRequest) -> QuerySet[Recommendation]:
    """Recommendations sent TO `root` itself, not answered nor withdrawn: what its office has to answer."""
    return visible(request).filter(open_q(), to_organisation=root)


def with_relations(rows: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return rows.select_related("organisation", "to_organisation", "document", "answer_document")


def nameable_recipients(request: HttpRequest) -> QuerySet[Organisation]:
    """What a sender may name as the recipient: the committees above the user's organisations and those in their
    subtree (the domain then checks that it is above the sender on the sending date); no other name is revealed."""
    scope = scoping.scope_of(request)
    if scope.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(Q(pk__in=sorted(scope.ancestor_ids())) | Q(pk__in=scope.organisations()))


def recipient_choices(request: HttpRequest, sender: Organisation | None, day: dt.date) -> list[tuple[str, str]]:
    """What the "Sent to" list offers: the committees above `sender` in the tree of `day` (nearest first), the
    only valid recipients (domain_recommendations checks the same). Without a sender yet: the committees above
    the organisations the user records for (their grants), which is what an office sends from. (code, name)."""
    from xaydungdang.feedback.domain_recommendations import ancestor_ids_on

    scope = scoping.scope_of(request)
    if sender is not None:
        senders = [sender]
    else:
        senders = list(Organisation.objects.filter(pk__in=scope.root_ids(Capability.EDIT_RECORDS)))
    above: list[int] = []
    for one in senders:
        for pk in reversed(ancestor_ids_on(one, day) or []):
            if pk not in above:
                above.append(pk)
    if not above:
        return []
    names = names_on(set(above), day)
    codes = dict(Organisation.objects.filter(pk__in=above).values_list("pk", "code"))
    return [(codes[pk], f"{names[pk]} ({codes[pk]})") for pk in above]
