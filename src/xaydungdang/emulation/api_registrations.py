# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The "làm theo" registrations and commitments API: lists (scoped, paginated), recording, approval and the
year-end self-assessment of a registration, recording a commitment, and the figures of an organisation for a year.

Reads need `view` over the organisation concerned, writes `records.edit` over it (today's tree; an approval over
the approver: the chi bộ of an individual, the committee above a collective). Outside the scope answers 404, a
missing right 403, a broken rule 400 with the domain's messages (nothing written), a state that no longer allows
the step 409.
"""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_refusals import refusals as _refusals
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
from xaydungdang.core.permissions import ensure
from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation import figures_registrations as figures
from xaydungdang.emulation import scoping
from xaydungdang.emulation.models import Commitment, EmulationYear, Registration
from xaydungdang.members.scoping import visible_members
from xaydungdang.organisations.rollup import placed_under_q

router = Router(tags=["Học tập và làm theo"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}


# ---------------------------------------------------------------- schemas


class RegistrationOut(Schema):
    id: int = Field(description="Registration id, for /api/emulation/registrations/{registration_id}.")
    year: int
    holder: Literal["collective", "individual"]
    organisation: str = Field(description="Code of the collective, or of the member's unit on the registration "
                                          "date.")
    member: int | None = Field(description="Member id (an individual registration).")
    registered_on: dt.date
    actions: str
    status: Literal["registered", "approved", "returned"]
    approved_on: dt.date | None
    review_note: str
    reviewed_on: dt.date | None
    self_assessment: str
    result: str = Field(description="excellent, done, not_done, or empty before the year-end assessment.")
    assessed_on: dt.date | None
    cancelled_on: dt.date | None = Field(description="Set when cancelled (it then does not count).")

    @staticmethod
    def resolve_organisation(obj: Registration) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_member(obj: Registration) -> int | None:
        return obj.member_id


class RegistrationQuery(Schema):
    org: str | None = Field(None, description="Code of an organisation: the registrations of its subtree (placed "
                                              "on their registration date).")
    year: int | None = Field(None, ge=1930, le=9999)
    holder: Literal["collective", "individual"] | None = None
    status: Literal["registered", "approved", "returned"] | None = Field(
        None, description="Only registrations not cancelled in this status.")


class RegistrationIn(Schema):
    year: int = Field(ge=1930, le=9999)
    registered_on: EventDate
    actions: str = Field(max_length=domain.ACTIONS_LIMIT)
    member: RecordId | None = Field(None, description="Member id: an individual registration.")
    organisation: str | None = Field(None, description="Code of the registering organisation: a collective "
                                                       "registration (no member).")


class ApproveIn(Schema):
    approved_on: EventDate | None = Field(None, description="Today by default.")


class AssessIn(Schema):
    result: Literal["excellent", "done", "not_done"]
    self_assessment: str = Field(max_length=domain.ACTIONS_LIMIT)
    assessed_on: EventDate | None = Field(None, description="Today by default.")


class CommitmentOut(Schema):
    id: int
    year: int
    member: int
    organisation: str = Field(description="Code of the member's chi bộ on the day it was written.")
    written_on: dt.date
    content: str
    check_result: str = Field(description="kept, partly, not_kept, or empty before the year-end check.")
    checked_on: dt.date | None
    cancelled_on: dt.date | None

    @staticmethod
    def resolve_organisation(obj: Commitment) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_member(obj: Commitment) -> int:
        return obj.member_id


class CommitmentQuery(Schema):
    org: str | None = Field(None, description="Code of an organisation: the commitments of its subtree.")
    year: int | None = Field(None, ge=1930, le=9999)


class CommitmentIn(Schema):
    year: int = Field(ge=1930, le=9999)
    member: RecordId
    written_on: EventDate
    content: str = Field(max_length=domain.ACTIONS_LIMIT)


class FiguresQuery(Schema):
    org: str | None = Field(None, description="Code of the organisation; the caller's first by default.")
    year: int | None = Field(None, ge=1930, le=9999, description="The year; by default the latest whose counting "
                                                                 "date has passed (else the latest).")


class FiguresOut(Schema):
    organisation: str
    year: int | None = Field(description="None when no year's rules exist yet (every count is then 0).")
    count_date: dt.date | None = Field(description="The members in the subtree on this date are those expected.")
    collectives_expected: int
    collectives_registered: int
    collectives_approved: int
    members: int
    individuals_registered: int
    individuals_approved: int
    individuals_excellent: int
    individuals_done: int
    individuals_not_done: int
    committed: int
    commitments_kept: int
    individual_rate: Decimal | None = Field(description="individuals_registered / members, %, half-up to 0.1.")
    collective_rate: Decimal | None
    commitment_rate: Decimal | None


# ---------------------------------------------------------------- helpers


def _member(request: HttpRequest, member_id: int | None) -> Any:
    if member_id is None:
        return None
    found = visible_members(request).select_related("person").filter(pk=member_id).first()
    if found is None:  # outside the scope and missing read alike
        raise ValidationError({"member": [_("Member: no such member is open to you.")]})
    return found


def _registration(pk: int) -> Registration:
    return Registration.objects.select_related("organisation").get(pk=pk)


# ---------------------------------------------------------------- operations


@router.get("/emulation/registrations", summary="Đăng ký làm theo", response={200: list[RegistrationOut],
                                                                              **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_registrations(request: HttpRequest, filters: Query[RegistrationQuery]) -> object:
    """Registrations within the caller's scope, newest first (cancelled ones included, marked)."""
    rows: QuerySet[Registration] = scoping.visible_registrations(request).select_related("organisation")
    if filters.org:
        rows = rows.filter(placed_under_q(scoping.organisation_named(request, filters.org), date="registered_on"))
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    if filters.holder:
        rows = rows.filter(holder=filters.holder)
    if filters.status:
        rows = rows.filter(status=filters.status, cancelled_on__isnull=True)
    return rows.order_by("-year", "-registered_on", "-pk")


@router.post("/emulation/registrations", summary="Ghi một đăng ký làm theo",
             response={201: RegistrationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_registration(request: HttpRequest, body: RegistrationIn) -> object:
    """An individual registration (`member`) is placed in the member's unit on `registered_on`, which must be in
    the caller's scope; a collective one (`organisation`) needs records.edit over that organisation. One per member
    (organisation) and year."""
    member = _member(request, body.member)
    organisation = scoping.organisation_named(request, body.organisation, EDIT) if body.organisation and \
        member is None else None
    registration = domain.register(actor=request.user, year=body.year, registered_on=body.registered_on,
                                   actions=body.actions, member=member, organisation=organisation)
    return Status(201, _registration(registration.pk))


@router.get("/emulation/registrations/{registration_id}", summary="Một đăng ký làm theo",
            response={200: RegistrationOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_registration(request: HttpRequest, registration_id: RecordId) -> object:
    return scoping.get_registration(request, registration_id)


@router.post("/emulation/registrations/{registration_id}/approve", summary="Duyệt một đăng ký làm theo",
             response={200: RegistrationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def approve_registration(request: HttpRequest, registration_id: RecordId, body: ApproveIn) -> object:
    registration = scoping.get_registration(request, registration_id)
    if not scoping.may_approve(request, registration):
        raise HttpError(403, _("You may not approve this registration."))
    domain.approve_registration(actor=request.user, registration=registration,
                                on=body.approved_on or today())
    return _registration(registration.pk)


@router.post("/emulation/registrations/{registration_id}/self-assessment",
             summary="Ghi tự đánh giá cuối năm của một đăng ký", response={200: RegistrationOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def assess_registration(request: HttpRequest, registration_id: RecordId, body: AssessIn) -> object:
    registration = scoping.get_registration(request, registration_id, EDIT)
    domain.assess_registration(actor=request.user, registration=registration, result=body.result,
                               self_assessment=body.self_assessment, on=body.assessed_on or today())
    return _registration(registration.pk)


@router.get("/emulation/commitments", summary="Cam kết tu dưỡng, rèn luyện, phấn đấu",
            response={200: list[CommitmentOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_commitments(request: HttpRequest, filters: Query[CommitmentQuery]) -> object:
    rows: QuerySet[Commitment] = scoping.visible_commitments(request).select_related("organisation")
    if filters.org:
        rows = rows.filter(placed_under_q(scoping.organisation_named(request, filters.org), date="written_on"))
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    return rows.order_by("-year", "-written_on", "-pk")


@router.post("/emulation/commitments", summary="Ghi cam kết của một đảng viên",
             response={201: CommitmentOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_commitment(request: HttpRequest, body: CommitmentIn) -> object:
    commitment = domain.write_commitment(actor=request.user, member=_member(request, body.member), year=body.year,
                                         written_on=body.written_on, content=body.content)
    return Status(201, Commitment.objects.select_related("organisation").get(pk=commitment.pk))


@router.get("/emulation/registration-figures", summary="Số liệu đăng ký làm theo và cam kết của một tổ chức",
            response={200: FiguresOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def registration_figures(request: HttpRequest, filters: Query[FiguresQuery]) -> object:
    """The counts of `org`'s subtree for `year`, members placed on the year's counting date (see
    figures_registrations)."""
    organisation = (scoping.organisation_named(request, filters.org) if filters.org
                    else ensure(scoping.default_root(request, today())))
    if filters.year is not None:
        rules = ensure(EmulationYear.objects.filter(year=filters.year).first())
    else:
        rules = (EmulationYear.objects.filter(count_date__lte=today()).order_by("-year").first()
                 or EmulationYear.objects.order_by("-year").first())
    if rules is None:
        counts = dict.fromkeys(figures.KEYS, 0)
        return {"organisation": organisation.code, "year": None, "count_date": None, **counts,
                "individual_rate": None, "collective_rate": None, "commitment_rate": None}
    counts = figures.by_year(organisation, [rules])[rules.year]
    return {"organisation": organisation.code, "year": rules.year, "count_date": rules.count_date, **counts,
            "individual_rate": figures.individual_rate(counts), "collective_rate": figures.collective_rate(counts),
            "commitment_rate": figures.commitment_rate(counts)}
