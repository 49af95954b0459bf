"""Finding meetings within the request's scope (404 outside it, hidden and missing alike).

A meeting is read where its chi bộ is or ever was in a grant's subtree (an ended organisation's office: the
meetings held by its last day); it is written (edited, cancelled, attendance recorded) by those who may edit
records of the chi bộ today (writes follow today's tree).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.fields import find_organisations
from xaydungdang.core.permissions import ensure
from xaydungdang.meetings.models import Meeting
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation


def scope_of(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def visible_meetings(request: HttpRequest) -> QuerySet[Meeting]:
    return scope_of(request).filter_by_organisation(Meeting.objects.all(), since="date")  # type: ignore[no-any-return]


def writable_meetings(request: HttpRequest) -> QuerySet[Meeting]:
    scope = scope_of(request)
    if not scope.has(Capability.EDIT_RECORDS):
        return Meeting.objects.none()
    return Meeting.objects.filter(organisation__in=scope.organisations(Capability.EDIT_RECORDS))


def get_meeting(request: HttpRequest, meeting_id: int, capability: str = Capability.VIEW) -> Meeting:
    meetings = writable_meetings(request) if capability == Capability.EDIT_RECORDS else visible_meetings(request)
    return ensure(meetings.select_related("organisation").filter(pk=meeting_id).first())  # type: ignore[no-any-return]


def may_write(request: HttpRequest, meeting: Meeting) -> bool:
    return writable_meetings(request).filter(pk=meeting.pk).exists()


def organisation_named(request: HttpRequest, text: str, capability: str = Capability.VIEW) -> Organisation:
    """The organisation `text` names (a code, or words naming one) within the scope, else 404."""
    found = find_organisations(scope_of(request).organisations(capability), text)
    return ensure(found[0] if len(found) == 1 else None)  # type: ignore[no-any-return]


def default_root(request: HttpRequest, day: dt.date) -> Organisation | None:
    """The user's first granted organisation (a superuser: the first root of the tree on `day`)."""
    scope = scope_of(request)
    if scope.is_superuser:
        tops = org_queries.versions_on(day).filter(parent__isnull=True).values("organisation_id")
        return Organisation.objects.filter(pk__in=tops).order_by("code").first()
    return Organisation.objects.filter(pk__in=scope.root_ids()).order_by("code").first()


def covered_ids(request: HttpRequest) -> QuerySet[Any] | None:
    """Ids of the organisations the scope reads (a subquery), None for a superuser (everything)."""
    scope = scope_of(request)
    return None if scope.is_superuser else scope.organisations().values("pk")
