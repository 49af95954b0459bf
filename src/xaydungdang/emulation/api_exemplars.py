# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The emulation API: good models (mô hình hay, cách làm hiệu quả) and recognitions (ghi danh, biểu dương, khen
thưởng). Lists are scoped and paginated; writes call emulation.domain_exemplars.

Reads need `view`, writes `records.edit` over the organisation (today's tree). Outside the scope answers 404, a
missing capability 403, a broken rule 400 with the domain's messages (each naming its field; nothing written), a
state that no longer allows the step (a model already ended, a recognition already cancelled) 409. The units that
copied a model are listed only where the caller reads them.
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_refusals import refusals
from xaydungdang.core.api_schemas import (
    ConflictOut,
    ErrorOut,
    EventDate,
    InvalidRequestOut,
    Pagination,
    RecordId,
    RefusalOut,
)
from xaydungdang.core.dates import today
from xaydungdang.core.fields import find_organisations
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.emulation import domain_exemplars as domain
from xaydungdang.emulation import queries_exemplars as queries
from xaydungdang.emulation import scoping
from xaydungdang.emulation.forms_exemplars import readable_members
from xaydungdang.emulation.models import GoodModel, ModelField, Recognition
from xaydungdang.meetings.scoping import default_root, organisation_named

router = Router(tags=["Học tập và làm theo"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}
HolderText = Literal["collective", "individual"]
FormText = Literal["recorded", "commended", "rewarded"]
LevelText = Literal["grassroots", "district", "province", "central"]


# ---------------------------------------------------------------- schemas


class ModelOut(Schema):
    id: int = Field(description="Good model id, for /api/emulation/models/{model_id}.")
    name: str
    holder: HolderText
    field: str = Field(description="Code of the field (data: see the administration).")
    organisation: str = Field(description="Code of the organisation.")
    member: int | None = Field(description="Member id of an individual who is a member.")
    person_name: str = Field(description="Name as published of an individual who is not a member.")
    started_year: int
    recognised_on: dt.date = Field(description="Recorded in the registry on.")
    ended_on: dt.date | None = Field(description="No longer kept up since (it then no longer counts).")
    description: str
    copied_by: list[str] = Field(description="Codes of the units that copied it, among those the caller reads.")

    @staticmethod
    def resolve_field(obj: GoodModel) -> str:
        return obj.field.code

    @staticmethod
    def resolve_organisation(obj: GoodModel) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_member(obj: GoodModel) -> int | None:
        return obj.member_id

    @staticmethod
    def resolve_copied_by(obj: GoodModel) -> list[str]:
        return [o.code for o in getattr(obj, "copied_readable", [])]


class ModelQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation whose subtree's models are listed (a "
                                              "model counts where its organisation is or ever was); the caller's "
                                              "first granted organisation by default.")
    holder: HolderText | None = None
    field: str | None = Field(None, description="Code of a field.")
    kept: bool | None = Field(None, description="true: still kept up today; false: no longer kept up.")
    year: int | None = Field(None, ge=1930, le=9999, description="Year started.")
    q: str | None = Field(None, max_length=200, description="Words of the name (diacritics optional).")


class ModelIn(Schema):
    organisation: str = Field(description="Code of the organisation (the collective, or the person's unit).")
    name: str = Field(max_length=500)
    holder: HolderText
    field: str = Field(description="Code of the field.")
    description: str = Field("", max_length=20_000)
    member: RecordId | None = Field(None, description="Member id (an individual who is a member).")
    person_name: str = Field("", max_length=150, description="An individual who is not a member: the name as "
                                                             "published.")
    started_year: int = Field(ge=1930, le=9999)
    recognised_on: EventDate
    copied_by: list[str] = Field([], max_length=500, description="Codes of the units that copied it (any "
                                                                 "organisation the caller reads).")


class EndIn(Schema):
    on: EventDate | None = Field(None, description="No longer kept up since; today by default.")


class RecognitionOut(Schema):
    id: int = Field(description="Recognition id, for /api/emulation/recognitions/{recognition_id}.")
    form: FormText
    level: LevelText
    decision: int = Field(description="Id of the decision in the document registry.")
    decision_identifier: str = Field(description="Number and symbol of the decision (12-QĐ/HU).")
    date: dt.date
    holder: HolderText
    organisation: str
    member: int | None
    person_name: str
    good_model: int | None
    reason: str
    cancelled_on: dt.date | None = Field(description="Set when it was cancelled (it then does not count).")

    @staticmethod
    def resolve_decision(obj: Recognition) -> int:
        return obj.decision_id

    @staticmethod
    def resolve_decision_identifier(obj: Recognition) -> str:
        return obj.decision.identifier

    @staticmethod
    def resolve_organisation(obj: Recognition) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_member(obj: Recognition) -> int | None:
        return obj.member_id

    @staticmethod
    def resolve_good_model(obj: Recognition) -> int | None:
        return obj.good_model_id


class RecognitionQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation: recognitions of its subtree (where each "
                                              "organisation stood on the recognition's date).")
    date_from: EventDate | None = Field(None, alias="from", description="First day; 1 January by default.")
    date_to: EventDate | None = Field(None, alias="to", description="Last day; today by default.")
    form: FormText | None = None
    holder: HolderText | None = None


class RecognitionIn(Schema):
    organisation: str = Field(description="Code of the collective recognised, or of the person's unit.")
    form: FormText
    level: LevelText
    decision: RecordId = Field(description="Id of the decision in the document registry (see /api/documents).")
    date: EventDate
    holder: HolderText
    member: RecordId | None = None
    person_name: str = Field("", max_length=150)
    good_model: RecordId | None = None
    reason: str = Field("", max_length=20_000)


# ---------------------------------------------------------------- helpers


def _with_copies(request: HttpRequest, rows: QuerySet[GoodModel]) -> QuerySet[GoodModel]:
    readable = scoping.scope_of(request).organisations().order_by("code")
    return rows.prefetch_related(Prefetch("copied_by", queryset=readable, to_attr="copied_readable"))


def _model(request: HttpRequest, model_id: int) -> GoodModel:
    rows = _with_copies(request, GoodModel.objects.select_related("field", "organisation"))
    return scoping.get_in_scope(request, rows, model_id, since="recognised_on")


def _recognition_rows() -> QuerySet[Recognition]:
    return Recognition.objects.select_related("organisation", "decision")


def _model_values(request: HttpRequest, body: ModelIn) -> dict[str, Any]:
    """The body's references resolved within the caller's reach; 400 naming each one that is not."""
    scope = scoping.scope_of(request)
    problems: dict[str, list[str]] = {}
    field = ModelField.objects.filter(code=body.field).first()
    if field is None:
        problems["field"] = [_("Field: no field of good models has the code %(code)s.") % {"code": body.field}]
    member = readable_members(scope).filter(pk=body.member).first() if body.member else None
    if body.member and member is None:
        problems["member"] = [_("Member: no member no. %(id)s is open to you.") % {"id": body.member}]
    copied: list[Any] = []
    unknown: list[str] = []
    for code in dict.fromkeys(body.copied_by):
        found = find_organisations(scope.organisations(), code, limit=1)
        if found:
            copied.append(found[0])
        else:
            unknown.append(code)
    if unknown:
        problems["copied_by"] = [_("Units that copied it: no organisation with the code %(codes)s is open to you.")
                                 % {"codes": ", ".join(unknown)}]
    if problems:
        raise ValidationError(problems)
    values = body.dict(exclude={"organisation"})
    return values | {"field": field, "member": member, "copied_by": copied}


def _recognition_values(request: HttpRequest, body: RecognitionIn) -> dict[str, Any]:
    scope = scoping.scope_of(request)
    problems: dict[str, list[str]] = {}
    decision = visible_documents(scope).filter(pk=body.decision).first()
    if decision is None:  # outside the scope and missing read alike
        problems["decision"] = [_("Decision: no document no. %(id)s of the registry is open to you.") % {
            "id": body.decision}]
    member = readable_members(scope).filter(pk=body.member).first() if body.member else None
    if body.member and member is None:
        problems["member"] = [_("Member: no member no. %(id)s is open to you.") % {"id": body.member}]
    model = scoping.visible(request, GoodModel.objects.all(), since="recognised_on").filter(
        pk=body.good_model).first() if body.good_model else None
    if body.good_model and model is None:
        problems["good_model"] = [_("Good model: no model no. %(id)s is open to you.") % {"id": body.good_model}]
    if problems:
        raise ValidationError(problems)
    return body.dict(exclude={"organisation"}) | {"decision": decision, "member": member, "good_model": model}


# ---------------------------------------------------------------- good models


@router.get("/emulation/models", summary="Mô hình hay, cách làm hiệu quả", response={200: list[ModelOut],
                                                                                     **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_models(request: HttpRequest, filters: Query[ModelQuery]) -> object:
    """Good models of `org`'s subtree, by name, with the filters given."""
    now = scoping.scope_of(request).reading_day(today())
    root = organisation_named(request, filters.org) if filters.org else default_root(request, now)
    if root is None:
        return GoodModel.objects.none()
    field = ModelField.objects.filter(code=filters.field).first() if filters.field else None
    if filters.field and field is None:
        return GoodModel.objects.none()
    kept = "" if filters.kept is None else ("1" if filters.kept else "0")
    rows = queries.models_in(root, day=now, holder=filters.holder or "", field=field, kept=kept, year=filters.year,
                             q=filters.q or "")
    return _with_copies(request, scoping.visible(request, rows, since="recognised_on"))


@router.post("/emulation/models", summary="Ghi một mô hình hay", response={201: ModelOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def create_model(request: HttpRequest, body: ModelIn) -> object:
    organisation = organisation_named(request, body.organisation, EDIT)
    model = domain.record_model(actor=request.user, organisation=organisation, **_model_values(request, body))
    return Status(201, _model(request, model.pk))


@router.get("/emulation/models/{model_id}", summary="Một mô hình hay", response={200: ModelOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_model(request: HttpRequest, model_id: RecordId) -> object:
    return _model(request, model_id)


@router.post("/emulation/models/{model_id}/end", summary="Ghi mô hình không còn duy trì",
             response={200: ModelOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def end_model(request: HttpRequest, model_id: RecordId, body: EndIn) -> object:
    model = scoping.get_in_scope(request, GoodModel.objects.select_related("organisation"), model_id,
                                 capability=EDIT)
    domain.end_model(actor=request.user, model=model, on=body.on)
    return _model(request, model.pk)


# ---------------------------------------------------------------- recognitions


@router.get("/emulation/recognitions", summary="Ghi danh, biểu dương, khen thưởng",
            response={200: list[RecognitionOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_recognitions(request: HttpRequest, filters: Query[RecognitionQuery]) -> object:
    """Recognitions (cancelled ones too, marked) dated in [from, to] of `org`'s subtree, newest first."""
    now = scoping.scope_of(request).reading_day(today())
    end = filters.date_to or now
    start = filters.date_from or dt.date(end.year, 1, 1)
    root = organisation_named(request, filters.org) if filters.org else default_root(request, end)
    if root is None:
        return Recognition.objects.none()
    rows = queries.recognitions_in(root, start, end, form=filters.form or "", holder=filters.holder or "")
    return scoping.visible(request, rows, since="date")


@router.post("/emulation/recognitions", summary="Ghi danh, biểu dương, khen thưởng một tập thể hoặc cá nhân",
             response={201: RecognitionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def create_recognition(request: HttpRequest, body: RecognitionIn) -> object:
    organisation = organisation_named(request, body.organisation, EDIT)
    recognition = domain.record_recognition(actor=request.user, organisation=organisation,
                                            **_recognition_values(request, body))
    return Status(201, _recognition_rows().get(pk=recognition.pk))


@router.get("/emulation/recognitions/{recognition_id}", summary="Một lần ghi danh, biểu dương, khen thưởng",
            response={200: RecognitionOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_recognition(request: HttpRequest, recognition_id: RecordId) -> object:
    return scoping.get_in_scope(request, _recognition_rows(), recognition_id, since="date")


@router.post("/emulation/recognitions/{recognition_id}/cancel", summary="Hủy một lần ghi danh (nhập nhầm)",
             response={200: RecognitionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@refusals
def cancel_recognition(request: HttpRequest, recognition_id: RecordId) -> object:
    recognition = scoping.get_in_scope(request, _recognition_rows(), recognition_id, capability=EDIT)
    domain.cancel_recognition(actor=request.user, recognition=recognition)
    return _recognition_rows().get(pk=recognition.pk)
