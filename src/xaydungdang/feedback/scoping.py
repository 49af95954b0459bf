"""Finding briefings, opinions (and, for feedback's other part, recommendations) within the request's scope.

404 outside it, hidden and missing alike. The rules, in one place:

- A briefing is read where its committee is or ever was in a grant's subtree (`since` its date, as meetings);
  it is written (edited, cancelled, opinions recorded at it) by those who may edit records of its committee in
  today's tree.
- An opinion is VISIBLE to a user when it was raised in their scope (its `organisation`) OR it is assigned to an
  organisation in their scope (`assigned_to`): the responsible body sees and answers what was assigned to it even
  when it was raised above it (a district briefing assigns a petition to a commune's committee).
- An opinion is EDITED (content, assignment, cancelled) by those who may edit records of the organisation where it
  was raised (today's tree); it is ANSWERED by those, or by those who may edit records of the body it is assigned
  to.
- The raiser's identity (name, contact; kept only when they ask for an answer AND agree, DOMAIN.md §6) is shown only
  to those who may EDIT the opinion: the office that recorded it, which passes the answer back to the raiser. The
  body that answers sees the opinion without the name (it answers the matter, not the person); readers above and
  every export or API answer for anyone else get no identity.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.permissions import ensure
from xaydungdang.core.record_scope import default_root, organisation_named  # noqa: F401
from xaydungdang.feedback.models import Briefing, Opinion
from xaydungdang.organisations.models import Organisation


def scope_of(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


# ------------------------------------------------------------------ generic helpers (shared with recommendations)


def visible_q(request: HttpRequest, *fields: str, since: str | None = None) -> Q:
    """Rows whose organisation named by ANY of `fields` (foreign keys to Organisation) is read by the scope, the
    row beginning on `since` (see Scope.reach_q). Everything for a superuser."""
    scope = scope_of(request)
    if scope.is_superuser:
        return Q()
    query = Q(pk__in=[])
    for field in fields:
        query |= scope.reach_q(Capability.VIEW, field, since)
    return query


def writable_q(request: HttpRequest, *fields: str) -> Q:
    """Rows whose organisation named by ANY of `fields` takes a write from the user today (EDIT_RECORDS)."""
    scope = scope_of(request)
    if scope.is_superuser:
        return Q()
    if not scope.has(Capability.EDIT_RECORDS):
        return Q(pk__in=[])
    writable = scope.organisations(Capability.EDIT_RECORDS)
    query = Q(pk__in=[])
    for field in fields:
        query |= Q(**{f"{field}__in": writable})
    return query


def writable_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    scope = scope_of(request)
    if not scope.has(Capability.EDIT_RECORDS):
        return Organisation.objects.none()
    return scope.organisations(Capability.EDIT_RECORDS)  # type: ignore[no-any-return]


def may_write_to(request: HttpRequest, organisation: Organisation | None) -> bool:
    return organisation is not None and writable_organisations(request).filter(pk=organisation.pk).exists()


# organisation_named, default_root: core/record_scope.py, named here for this app's modules.


# ------------------------------------------------------------------ briefings


def visible_briefings(request: HttpRequest) -> QuerySet[Briefing]:
    return Briefing.objects.filter(visible_q(request, "organisation", since="date"))


def writable_briefings(request: HttpRequest) -> QuerySet[Briefing]:
    return Briefing.objects.filter(writable_q(request, "organisation"))


def get_briefing(request: HttpRequest, briefing_id: int, capability: str = Capability.VIEW) -> Briefing:
    briefings = writable_briefings(request) if capability == Capability.EDIT_RECORDS else visible_briefings(request)
    return ensure(briefings.select_related("organisation").filter(pk=briefing_id).first())  # type: ignore[no-any-return]


# ------------------------------------------------------------------ opinions


def visible_opinions_q(request: HttpRequest) -> Q:
    """Raised in scope OR assigned to an organisation in scope (the rule of this module)."""
    return visible_q(request, "organisation", "assigned_to", since="raised_on")


def visible_opinions(request: HttpRequest) -> QuerySet[Opinion]:
    return Opinion.objects.filter(visible_opinions_q(request))


def editable_opinions(request: HttpRequest) -> QuerySet[Opinion]:
    """Edited, assigned, cancelled: by the office where the opinion was raised (today's tree)."""
    return Opinion.objects.filter(writable_q(request, "organisation"))


def answerable_opinions(request: HttpRequest) -> QuerySet[Opinion]:
    """Answered: by the office where it was raised or by the body it is assigned to (today's tree)."""
    return Opinion.objects.filter(writable_q(request, "organisation", "assigned_to"))


def get_opinion(request: HttpRequest, opinion_id: int) -> Opinion:
    """A visible opinion (404 otherwise); what the user may do with it: may_edit / may_answer / identity_shown."""
    found = with_permissions(request, visible_opinions(request)).select_related(
        "organisation", "assigned_to", "topic", "source_group", "briefing").filter(pk=opinion_id).first()
    return ensure(found)  # type: ignore[no-any-return]


def identity_visible_q(request: HttpRequest) -> Q:
    """The rows whose raiser's identity this user may see: consented, and the user may edit the opinion."""
    return Q(wants_answer=True, consents=True) & writable_q(request, "organisation")


def _flag(query: Q) -> Case | Value:
    if not query:  # a superuser: everything
        return Value(True, output_field=BooleanField())
    return Case(When(query, then=Value(True)), default=Value(False), output_field=BooleanField())


def with_permissions(request: HttpRequest, opinions: QuerySet[Opinion]) -> QuerySet[Opinion]:
    """Annotate each opinion with `may_edit`, `may_answer` and `identity_shown` (no extra query per row)."""
    return opinions.annotate(may_edit=_flag(writable_q(request, "organisation")),
                             may_answer=_flag(writable_q(request, "organisation", "assigned_to")),
                             identity_shown=_flag(identity_visible_q(request)))


def assigned_to_me_q(request: HttpRequest) -> Q:
    """Opinions assigned to an organisation the user writes for (the responsible body's own list)."""
    scope = scope_of(request)
    if scope.is_superuser or not scope.has(Capability.EDIT_RECORDS):
        return Q(pk__in=[])
    return Q(assigned_to__in=scope.organisations(Capability.EDIT_RECORDS))


def covered_ids(request: HttpRequest) -> QuerySet[Any] | None:
    """Ids of the organisations the scope reads (a subquery), None for a superuser (everything)."""
    scope = scope_of(request)
    return None if scope.is_superuser else scope.organisations().values("pk")


# ------------------------------------------------------------------ recommendations upward (feedback's other part)


def visible_recommendations_q(request: HttpRequest) -> Q:
    """A recommendation is read where it was sent from (its `organisation`, by the sending date) OR where it was
    sent to (`to_organisation`): the body above reads and answers what was sent to it, even once the sender has
    left its subtree. The one rule (tests/feedback/test_recommendations_scope.py)."""
    return visible_q(request, "organisation", "to_organisation", since="sent_on")


def answerable_recommendations_q(request: HttpRequest) -> Q:
    """Answered by the sender's office (the answer it received) or the recipient's (today's tree)."""
    return writable_q(request, "organisation", "to_organisation")


def withdrawable_recommendations_q(request: HttpRequest) -> Q:
    """Withdrawn by the sender's office only (today's tree)."""
    return writable_q(request, "organisation")
