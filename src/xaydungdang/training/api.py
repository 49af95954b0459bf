# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The training API: classes within the caller's scope, opening one, enrolling people, recording results.

Reads need `view` over the class's organiser; writes `records.edit` over it today. Outside the scope answers 404,
a missing capability 403, a broken rule 400 naming the row and field (nothing written), a class cancelled
meanwhile 409.
"""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_schemas import (
    ConflictOut,
    ErrorOut,
    EventDate,
    InvalidRequestOut,
    Pagination,
    RecordId,
    RefusalOut,
)
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.organisations.scoping import get_organisation
from xaydungdang.training import domain, queries, scoping
from xaydungdang.training.domain import MAX_CAPACITY
from xaydungdang.training.models import ClassType, Enrolment, TrainingClass

router = Router(tags=["Bồi dưỡng, tập huấn"])
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}
MAX_PEOPLE = 1_000  # one request enrols at most this many


def _refusals(func: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(func)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(request, *args, **kwargs)
        except StateConflict as conflict:
            return Status(409, {"detail": conflict.messages})
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            return Status(400, {"detail": error.messages})

    return wrapped


class ClassOut(Schema):
    id: int = Field(description="Class id, for /api/classes/{class_id}.")
    type: str = Field(description="Code of the class type (bồi dưỡng nhận thức về Đảng: nhan-thuc-ve-dang…).")
    title: str
    organiser: str = Field(description="Code of the organising organisation.")
    start: dt.date
    end: dt.date
    place: str
    capacity: int | None = Field(description="Learners the class takes (others included); null: no limit.")
    others_count: int = Field(description="Participants who are neither members nor candidates (counted only).")
    enrolled: int = Field(description="People enrolled by name (not withdrawn).")
    completed: int = Field(description="Enrolled people who completed the class.")
    cancelled_on: dt.date | None

    @staticmethod
    def resolve_type(obj: TrainingClass) -> str:
        return obj.class_type.code

    @staticmethod
    def resolve_organiser(obj: TrainingClass) -> str:
        return obj.organiser.code


class EnrolmentOut(Schema):
    person: int = Field(description="Person id.")
    full_name: str
    organisation: str = Field(description="Code of the person's unit when enrolled.")
    is_candidate: bool
    result: str = Field(description="enrolled, completed or not_completed.")
    grade: str = Field(description="xuat-sac, gioi, kha, trung-binh or empty.")
    completed_on: dt.date | None
    withdrawn_on: dt.date | None

    @staticmethod
    def resolve_person(obj: Enrolment) -> int:
        return obj.person_id

    @staticmethod
    def resolve_full_name(obj: Enrolment) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_organisation(obj: Enrolment) -> str:
        return obj.organisation.code


class ClassDetailOut(ClassOut):
    note: str
    enrolments: list[EnrolmentOut]

    @staticmethod
    def resolve_enrolments(obj: TrainingClass) -> list[Enrolment]:
        return list(queries.enrolments_of(obj))


class ClassQuery(Schema):
    org: str | None = Field(None, max_length=60, description="Code of an organisation: classes of its subtree.")
    type: str | None = Field(None, max_length=40, description="Code of a class type.")
    year: int | None = Field(None, ge=1900, le=2200, description="Year the class starts in.")


class ClassIn(Schema):
    type: str = Field(max_length=40, description="Code of the class type, valid on `start`.")
    title: str = Field(max_length=500)
    organiser: str = Field(max_length=60, description="Code of the organiser (records.edit scope).")
    start: EventDate
    end: EventDate
    place: str = Field("", max_length=255)
    capacity: int | None = Field(None, ge=1, le=MAX_CAPACITY)
    others_count: int = Field(0, ge=0, le=MAX_CAPACITY)
    note: str = Field("", max_length=5_000)


class EnrolIn(Schema):
    people: list[RecordId] = Field(max_length=MAX_PEOPLE, description="Person ids of members and candidates of the "
                                                                       "organiser's subtree on the first day.")


class ResultIn(Schema):
    person: RecordId
    result: Literal["enrolled", "completed", "not_completed"]
    grade: Literal["", "xuat-sac", "gioi", "kha", "trung-binh"] = ""
    completed_on: EventDate | None = Field(None, description="Default: the class's last day.")
    certificate: str = Field("", max_length=60)


class ResultsIn(Schema):
    results: list[ResultIn] = Field(max_length=MAX_PEOPLE)


def _detail(class_id: int) -> TrainingClass:
    return queries.with_counts(TrainingClass.objects.filter(pk=class_id)).get()


@router.get("/classes", summary="Danh sách lớp bồi dưỡng, tập huấn", response={200: list[ClassOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=settings.XDD_PAGE_SIZE)
def list_classes(request: HttpRequest, filters: Query[ClassQuery]) -> object:
    """Classes whose organiser is in the caller's scope (and in `org`'s subtree on the class's first day),
    latest first."""
    classes = scoping.visible_classes(request)
    if filters.org:
        organisation = get_organisation(request, filters.org)
        classes = classes.filter(pk__in=queries.classes_in(organisation, cancelled=True).values("pk"))
    if filters.type:
        classes = classes.filter(class_type__code=filters.type)
    if filters.year:
        classes = classes.filter(start__year=filters.year)
    return queries.with_counts(classes).order_by("-start", "-pk")


@router.get("/classes/{class_id}", summary="Một lớp và học viên", response={200: ClassDetailOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_class(request: HttpRequest, class_id: RecordId) -> TrainingClass:
    return _detail(scoping.get_class(request, class_id).pk)


def _class_values(request: HttpRequest, body: ClassIn) -> dict[str, Any]:
    class_type = ClassType.objects.filter(code=body.type).first()
    if class_type is None:
        raise ValidationError(_("Type: no class type has the code %(code)s.") % {"code": body.type})
    return {"class_type": class_type, "title": body.title, "organiser": get_organisation(request, body.organiser, EDIT),
            "start": body.start, "end": body.end, "place": body.place, "capacity": body.capacity,
            "others_count": body.others_count, "note": body.note}


@router.post("/classes", summary="Mở lớp", response={201: ClassDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_class(request: HttpRequest, body: ClassIn) -> Status[TrainingClass]:
    training_class = domain.create_class(actor=request.user, values=_class_values(request, body))
    return Status(201, _detail(training_class.pk))


@router.post("/classes/{class_id}/enrolments", summary="Ghi danh học viên",
             response={200: ClassDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def enrol(request: HttpRequest, class_id: RecordId, body: EnrolIn) -> TrainingClass:
    """Enrol members and candidates of the organiser's subtree: all or none, each refusal naming the row."""
    training_class = scoping.get_class(request, class_id, EDIT)
    domain.enrol(actor=request.user, training_class=training_class, people=body.people)
    return _detail(training_class.pk)


@router.put("/classes/{class_id}/results", summary="Ghi kết quả học tập",
            response={200: ClassDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def record_results(request: HttpRequest, class_id: RecordId, body: ResultsIn) -> TrainingClass:
    """Completion and grade per enrolled person: all or none, each refusal naming the row."""
    training_class = scoping.get_class(request, class_id, EDIT)
    domain.record_results(actor=request.user, training_class=training_class, results=[
        domain.Result(person=r.person, result=r.result, grade=r.grade, completed_on=r.completed_on,
                      certificate=r.certificate) for r in body.results])
    return _detail(training_class.pk)

