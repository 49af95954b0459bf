# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_schemas import EventDate, Pagination
from xaydungdang.core.dates import today
from xaydungdang.organisations import queries
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.organisations.scoping import covered_ids

router = Router(tags=["Tổ chức đảng"])
# settings.XDD_PAGE_SIZE is "the cap of any API page"; without max_limit any ?limit= was honoured,
# so one request could page out a whole province.
PAGE_CAP = settings.XDD_PAGE_SIZE


class OrganisationOut(Schema):
    code: str
    name: str
    type: str
    type_name: str
    parent: str | None
    depth: int
    valid_from: dt.date
    valid_to: dt.date | None

    @staticmethod
    def resolve_code(obj: OrgVersion) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_type(obj: OrgVersion) -> str:
        return obj.org_type.code

    @staticmethod
    def resolve_type_name(obj: OrgVersion) -> str:
        return obj.org_type.name

    @staticmethod
    def resolve_parent(obj: OrgVersion) -> str | None:
        return obj.parent.code if obj.parent_id else None  # type: ignore[union-attr]


class HistoryOut(Schema):
    name: str
    type: str
    parent: str | None
    valid_from: dt.date
    valid_to: dt.date | None


class OrganisationDetailOut(Schema):
    code: str
    name: str
    type: str
    founded_on: dt.date
    ended_on: dt.date | None
    as_of: dt.date
    on_date: OrganisationOut | None = None
    history: list[HistoryOut]


class ChildOut(Schema):
    organisation: OrganisationOut
    descendants_by_type: dict[str, int]


def _in_scope(request: HttpRequest, code: str) -> Organisation:
    org = request.scope.organisations().filter(code=code).first()  # type: ignore[attr-defined]
    if org is None:
        raise Http404
    return org


def _with_relations(queryset: object) -> object:
    return queryset.select_related("organisation", "org_type", "parent")  # type: ignore[attr-defined]


@router.get("/organisations", summary="Danh sách tổ chức đảng trong phạm vi", response=list[OrganisationOut])
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_organisations(request: HttpRequest, as_of: EventDate | None = None, q: str = "") -> object:
    """Organisations in the caller's scope as they stood on `as_of` (today by default)."""
    versions = queries.versions_on(as_of or today()).filter(request.scope.path_q())  # type: ignore[attr-defined]
    if q:
        versions = queries.search_versions(versions, q)
    return _with_relations(versions.order_by("path"))


@router.get("/organisations/{code}", summary="Thông tin và lịch sử một tổ chức đảng", response=OrganisationDetailOut)
@api_requires(Capability.VIEW)
def get_organisation(request: HttpRequest, code: str, as_of: EventDate | None = None) -> dict[str, Any]:
    org = _in_scope(request, code)
    day = as_of or today()
    version = queries.version_on(org.pk, day)
    # Plain data with the ORM row, validated once by the response schema. A built
    # OrganisationOut nested in another schema is re-validated through its resolve_* methods,
    # which expect an OrgVersion: every in-scope request answered 500.
    return {"code": org.code, "name": org.name, "type": org.org_type.code, "founded_on": org.valid_from,
            "ended_on": org.valid_to, "as_of": day, "on_date": version,
            "history": [{"name": v.name, "type": v.org_type.code, "parent": v.parent.code if v.parent else None,
                         "valid_from": v.valid_from, "valid_to": v.valid_to} for v in queries.history(org)]}


@router.get("/organisations/{code}/subtree", summary="Tổ chức đảng và toàn bộ cấp dưới", response=list[OrganisationOut])
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def subtree(request: HttpRequest, code: str, as_of: EventDate | None = None) -> object:
    """The organisation and everything under it on `as_of`, in tree order."""
    org = _in_scope(request, code)
    day = as_of or today()
    version = queries.version_on(org.pk, day)
    if version is None:
        return []
    # Only what the scope covers: see organisations.views._children_nodes.
    covered = queries.subtree_on(version, day).filter(
        organisation__in=request.scope.organisations())  # type: ignore[attr-defined]
    return _with_relations(covered.order_by("path"))


@router.get("/organisations/{code}/children", summary="Các tổ chức trực thuộc", response=list[ChildOut])
@api_requires(Capability.VIEW)
def children(request: HttpRequest, code: str, as_of: EventDate | None = None) -> list[dict[str, Any]]:
    """Direct subordinates on `as_of`, each with the count of organisations below it by type."""
    org = _in_scope(request, code)
    day = as_of or today()
    version = queries.version_on(org.pk, day)
    if version is None:
        return []
    counts = queries.descendant_type_counts(version, day)
    types = queries.org_types_by_id()
    kids = queries.children_on(org.pk, day)
    covered = covered_ids(request, [kid.organisation_id for kid in kids])  # see subtree
    # Plain data with the ORM rows, not built schemas: see get_organisation (500 otherwise).
    return [{"organisation": child,
             "descendants_by_type": {types[t].code: n for t, n in counts.get(child.organisation_id, {}).items()}}
            for child in kids if child.organisation_id in covered]


@router.get("/tree", summary="Cây tổ chức tại một ngày", response=list[OrganisationOut])
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def tree(request: HttpRequest, as_of: EventDate) -> object:
    """The whole tree visible to the caller as it stood on `as_of`, in tree order (depth-first)."""
    versions = queries.versions_on(as_of).filter(request.scope.path_q())  # type: ignore[attr-defined]
    return _with_relations(versions.order_by("path"))
