# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The members API: lists and profiles within the caller's scope, counts as of a date, lifecycle actions.

Reads need `view` over the organisation concerned; writes need `records.edit` over the member's
current organisation (today's tree). Outside the scope answers 404, a missing capability 403, a
broken rule 400 with the messages of the domain function, which then has written nothing, a step
the member's or transfer's state no longer allows 409 (of two concurrent steps, one wins).
Sensitive personal data (Decree 13/2023) appears only for `sensitive.view`, and each response
that carries it is audited.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Case, Prefetch, QuerySet, Value, When
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_refusals import refusals as _refusals
from xaydungdang.core.api_schemas import ConflictOut, ErrorOut, InvalidRequestOut, Pagination, RecordId, RefusalOut
from xaydungdang.core.audit import log_action
from xaydungdang.core.dates import today
from xaydungdang.members import domain, queries, scoping
from xaydungdang.members.api_schemas import (
    AdmissionOut,
    AdmitIn,
    AsOfQuery,
    CandidateIn,
    CandidateOut,
    CandidateQuery,
    EndIn,
    ExemptIn,
    KeyCadreOut,
    MemberCountsOut,
    MemberDetailOut,
    MemberOut,
    MemberQuery,
    OnIn,
    ReceiveIn,
    RecogniseIn,
    RegisterIn,
    TransferIn,
    TransferOut,
    TransferQuery,
)
from xaydungdang.members.models import (
    AudienceTag,
    Candidate,
    KeyCadreRole,
    Member,
    MemberEvent,
    Membership,
    Transfer,
)
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.organisations.scoping import get_organisation
from xaydungdang.training import queries as training_queries

router = Router(tags=["Đảng viên"])
PAGE_CAP = settings.XDD_PAGE_SIZE  # see organisations.api
EDIT = Capability.EDIT_RECORDS


# ---------------------------------------------------------------- errors



READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: ConflictOut}


# ---------------------------------------------------------------- scope



def _covers(request: HttpRequest, organisation_ids: Any, capability: str) -> bool:
    scope = request.scope  # type: ignore[attr-defined]
    return bool(scope.has(capability) and scope.organisations(capability).filter(pk__in=organisation_ids).exists())


def _member_visible(request: HttpRequest, member_id: int, capability: str = Capability.VIEW) -> bool:
    """Anyone who ever belonged to the scope: past reports and timelines stay readable (members.scoping)."""
    return bool(request.scope.has(capability)  # type: ignore[attr-defined]
                and scoping.visible_members(request, capability).filter(pk=member_id).exists())


def _home(member_id: int) -> Membership | None:
    """The current regular membership, or the last one (a member sent away, struck off…)."""
    return (Membership.objects.filter(member_id=member_id, kind=Membership.Kind.REGULAR)
            .select_related("organisation").order_by("-valid_from", "-id").first())


def _editable_member(request: HttpRequest, member_id: int, *, hosted: bool = False) -> Member:
    """The member when their official organisation is the caller's to edit (the web's rule), else 404."""
    return scoping.get_member(request, member_id, EDIT, hosted=hosted)


def _transfer(transfer_id: int) -> Transfer:
    return Transfer.objects.select_related("member__person", "from_organisation", "to_organisation").get(
        pk=transfer_id)


def _editable_transfer(request: HttpRequest, transfer_id: int, *sides: str) -> Transfer:
    """The transfer, when one of its `sides` (from_organisation, to_organisation) is the caller's to edit."""
    transfer = Transfer.objects.select_related("member__person", "from_organisation", "to_organisation").filter(
        pk=transfer_id).first()
    if transfer is None or not _covers(request, [getattr(transfer, f"{side}_id") for side in sides], EDIT):
        raise Http404
    return transfer


def _organisation_by_code(code: str) -> Organisation:
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise ValidationError(_("No organisation has the code %(code)s.") % {"code": code})
    return organisation


def _audiences(codes: list[str]) -> list[AudienceTag]:
    tags = list(AudienceTag.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {tag.code for tag in tags})
    if unknown:
        raise ValidationError(_("Unknown audience group: %(codes)s.") % {"codes": ", ".join(unknown)})
    return tags


# ---------------------------------------------------------------- reads

def _members_on(request: HttpRequest, organisation: Organisation | None, day: dt.date) -> QuerySet[Member]:
    memberships = queries.memberships_on(day)
    if organisation is not None:
        memberships = memberships.filter(organisation_id__in=org_queries.subtree_ids_on(organisation.pk, day))
    memberships = request.scope.filter_by_organisation(memberships, since="valid_from")  # type: ignore[attr-defined]
    return Member.objects.filter(pk__in=memberships.values("member_id"))


def _for_output(members: QuerySet[Member], day: dt.date, *, sensitive: bool) -> QuerySet[Member]:
    """What MemberOut reads, in a fixed number of queries whatever the page size."""
    on_day = queries.memberships_on(day).select_related("organisation")
    return members.select_related("person").annotate(
        official_on_day=Case(When(official_decision_date__lte=day, then=Value(True)), default=Value(False),
                             output_field=BooleanField()),
        shows_sensitive=Value(sensitive, output_field=BooleanField()),
    ).prefetch_related(Prefetch("memberships", queryset=on_day, to_attr="memberships_on_day"), "audiences")


def _member_filter(filters: MemberQuery, day: dt.date) -> queries.MemberFilter:
    return queries.MemberFilter(
        day=day, q=filters.q, status=filters.status or "", theory_level=filters.theory_level or "",
        audience=filters.audience, sex=filters.sex or "", age_band=filters.age_band or "",
        ethnicity=filters.ethnicity, religion=filters.religion)


def _audit_sensitive(request: HttpRequest, obj: Any, organisation: Organisation | None, **extra: Any) -> None:
    log_action("member.sensitive_viewed", actor=request.user, obj=obj, organisation=organisation,
               extra={"via": "api", **extra}, change=False)


@router.get("/members", summary="Danh sách đảng viên", response={200: list[MemberOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_members(request: HttpRequest, filters: Query[MemberQuery]) -> object:
    """Members of `org`'s subtree on `as_of` (regular memberships), in Vietnamese name order.

    Sensitive fields, and the ethnicity and religion filters, only with `sensitive.view` over `org`;
    such a response is audited (member.sensitive_viewed).
    """
    day = scoping.reading_day(request, filters.as_of or today())
    organisation = get_organisation(request, filters.org) if filters.org else None
    sensitive = organisation is not None and _covers(request, [organisation.pk], Capability.VIEW_SENSITIVE)
    members = queries.filter_members(_members_on(request, organisation, day), _member_filter(filters, day),
                                     sensitive=sensitive)
    if sensitive:
        _audit_sensitive(request, organisation, organisation, as_of=day.isoformat(), query=request.GET.dict())
    return _for_output(queries.ordered_by_name(members), day, sensitive=sensitive)


def _detail(member_id: int, day: dt.date, *, sensitive: bool, limit: dt.date | None = None) -> Member:
    """The member with their record; with `limit`, as it stood on that day (members.scoping.record_on)."""
    memberships = Membership.objects.select_related("organisation")
    events = MemberEvent.objects.select_related("organisation", "other_organisation")
    transfers = Transfer.objects.select_related("member__person", "from_organisation", "to_organisation")
    if limit is not None:
        memberships, events = memberships.filter(valid_from__lte=limit), events.filter(date__lte=limit)
        transfers = transfers.filter(sent_on__lte=limit)
    members = _for_output(Member.objects.filter(pk=member_id), day, sensitive=sensitive).prefetch_related(
        Prefetch("memberships", queryset=memberships), Prefetch("events", queryset=events),
        Prefetch("transfers", queryset=transfers))
    member = members.get()
    if limit is not None:  # changes the prefetched rows in memory: what the schema then reads
        scoping.record_on(member, list(member.memberships.all()), limit)
    return member


@router.get("/members/{member_id}", summary="Hồ sơ một đảng viên", response={200: MemberDetailOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_member(request: HttpRequest, member_id: RecordId, filters: Query[AsOfQuery]) -> Member:
    """The profile, memberships, timeline and transfers of a member who ever belonged to the caller's scope.

    Status and organisation are those of `as_of`. Sensitive fields are audited when shown.
    """
    if not _member_visible(request, member_id):
        raise Http404
    sensitive = _member_visible(request, member_id, Capability.VIEW_SENSITIVE)
    member = _detail(member_id, scoping.reading_day(request, filters.as_of or today()), sensitive=sensitive,
                     limit=scoping.record_limit(request))
    if sensitive:
        home = _home(member_id)
        _audit_sensitive(request, member, home.organisation if home else None)
    return member


@router.get("/organisations/{code}/member-counts", summary="Số đảng viên của tổ chức và từng cấp dưới",
            response={200: MemberCountsOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def member_counts(request: HttpRequest, code: str, filters: Query[AsOfQuery]) -> dict[str, Any]:
    """Members on `as_of` of the organisation and of every node of its subtree (each with its own subtree)."""
    organisation = get_organisation(request, code)
    day = filters.as_of or today()
    counts = queries.counts_by_node(organisation.pk, day)
    codes = dict(request.scope.organisations().filter(pk__in=list(counts))  # type: ignore[attr-defined]
                 .values_list("pk", "code"))
    return {"organisation": organisation.code, "as_of": day, "total": counts.get(organisation.pk, 0),
            "counts_by_node": {codes[pk]: n for pk, n in counts.items() if pk in codes}}


@router.get("/organisations/{code}/key-cadres", summary="Cán bộ chủ chốt của cấp",
            response={200: list[KeyCadreOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def key_cadres(request: HttpRequest, code: str, filters: Query[AsOfQuery]) -> object:
    """Key cadres (cán bộ chủ chốt) of this level on `as_of`, in Vietnamese name order."""
    organisation = get_organisation(request, code)
    day = filters.as_of or today()
    roles = KeyCadreRole.objects.filter(active_on_q(day), level_id=organisation.pk).order_by("pk")
    return queries.ordered_by_name(queries.key_cadres_on(organisation.pk, day)).prefetch_related(
        Prefetch("key_cadre_roles", queryset=roles, to_attr="roles_on_day"))


def _organisations_under(request: HttpRequest, code: str | None) -> QuerySet[Organisation]:
    organisations = request.scope.organisations()  # type: ignore[attr-defined]
    if code:
        organisation = get_organisation(request, code)
        # The subtree as it stands today, or on the last day of an ended organisation's office (accounts.scope).
        day = scoping.reading_day(request, today())
        organisations = organisations.filter(pk__in=org_queries.subtree_ids_on(organisation.pk, day))
    return organisations


@router.get("/candidates", summary="Danh sách quần chúng ưu tú", response={200: list[CandidateOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_candidates(request: HttpRequest, filters: Query[CandidateQuery]) -> object:
    """Candidates (quần chúng ưu tú) followed in the caller's scope, in Vietnamese name order."""
    candidates = queries.candidates_in(_organisations_under(request, filters.org)).filter(
        pk__in=scoping.visible_candidates(request).values("pk"))  # an ended organisation's: by its last day
    if filters.status:
        candidates = candidates.filter(status=filters.status)
    return queries.search_candidates(candidates, filters.q).order_by("person__name_key", "pk")


@router.get("/transfers", summary="Chuyển sinh hoạt đang chờ tiếp nhận",
            response={200: list[TransferOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(Pagination, max_limit=PAGE_CAP)
def list_transfers(request: HttpRequest, filters: Query[TransferQuery]) -> object:
    """Pending transfers sent from or to the caller's scope: both sides see them until received."""
    within = _organisations_under(request, filters.org).values("pk") if filters.org else None
    return scoping.visible_transfers(request, within)


# ---------------------------------------------------------------- lifecycle

def _updated(member_id: int) -> Member:
    """The member after a write; sensitive fields are read (and audited) through GET only."""
    return _detail(member_id, today(), sensitive=False)


@router.post("/members", summary="Ghi nhận một đảng viên đã có", response={201: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def register(request: HttpRequest, body: RegisterIn) -> Status[Member]:
    """Record an existing member (first load, arrival from outside the system)."""
    organisation = get_organisation(request, body.organisation, EDIT)
    member = domain.register_member(
        actor=request.user, person=body.person.model_dump(), organisation=organisation, since=body.since,
        card_number=body.card_number, lylich_number=body.lylich_number,
        admission_decision_date=body.admission_decision_date, admission_ceremony_date=body.admission_ceremony_date,
        official_decision_date=body.official_decision_date, audiences=_audiences(body.audiences))
    return Status(201, _updated(member.pk))


def _candidate(request: HttpRequest, candidate_id: int | None) -> Candidate | None:
    if candidate_id is None:
        return None
    candidate = Candidate.objects.select_related("person").filter(pk=candidate_id).first()
    if candidate is None or not _covers(request, [candidate.organisation_id], EDIT):
        raise Http404
    return candidate


@router.post("/admissions", summary="Kết nạp đảng viên", response={201: AdmissionOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def admit(request: HttpRequest, body: AdmitIn) -> Status[Member]:
    """Admit a probationary member from a candidate's record (no retyping) or from profile data."""
    organisation = get_organisation(request, body.organisation, EDIT)
    candidate = _candidate(request, body.candidate)
    member = domain.admit(
        actor=request.user, organisation=organisation, decision_date=body.decision_date,
        ceremony_date=body.ceremony_date, decision=body.decision, candidate=candidate,
        person=body.person.model_dump() if body.person else None, card_number=body.card_number,
        lylich_number=body.lylich_number)
    admitted = _updated(member.pk)
    admitted.admission_warnings = training_queries.admission_warnings(admitted.person)  # type: ignore[attr-defined]
    return Status(201, admitted)


@router.post("/members/{member_id}/recognise", summary="Công nhận đảng viên chính thức",
             response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def recognise(request: HttpRequest, member_id: RecordId, body: RecogniseIn) -> Member:
    """Recognise a probationary member as official (12 months after the ceremony at the earliest)."""
    member = _editable_member(request, member_id)
    domain.recognise_official(actor=request.user, member=member, decision_date=body.decision_date,
                              decision=body.decision)
    return _updated(member_id)


@router.post("/members/{member_id}/transfers", summary="Chuyển sinh hoạt đảng đi",
             response={201: TransferOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def send_transfer(request: HttpRequest, member_id: RecordId, body: TransferIn) -> Status[Transfer]:
    """Send a member to another organisation; pending until the destination receives it."""
    member = _editable_member(request, member_id)
    destination = _organisation_by_code(body.to_organisation) if body.to_organisation else None
    transfer = domain.send_transfer(actor=request.user, member=member, kind=body.kind, sent_on=body.sent_on,
                                    to_organisation=destination, to_external=body.to_external,
                                    decision=body.decision)
    return Status(201, _transfer(transfer.pk))


@router.post("/transfers/{transfer_id}/receive", summary="Tiếp nhận sinh hoạt đảng",
             response={200: TransferOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def receive_transfer(request: HttpRequest, transfer_id: RecordId, body: ReceiveIn) -> Transfer:
    """The destination (in the caller's scope) receives the member."""
    transfer = _editable_transfer(request, transfer_id, "to_organisation")
    domain.receive_transfer(actor=request.user, transfer=transfer, received_on=body.received_on)
    return _transfer(transfer_id)


@router.post("/transfers/{transfer_id}/cancel", summary="Hủy chuyển sinh hoạt đảng",
             response={200: TransferOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def cancel_transfer(request: HttpRequest, transfer_id: RecordId, body: OnIn) -> Transfer:
    """Cancel a pending transfer (either side); a regular one gives the member back to the source from `on`."""
    transfer = _editable_transfer(request, transfer_id, "from_organisation", "to_organisation")
    domain.cancel_transfer(actor=request.user, transfer=transfer, on=body.on)
    return _transfer(transfer_id)


@router.post("/members/{member_id}/end-temporary", summary="Kết thúc sinh hoạt tạm thời",
             response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def end_temporary(request: HttpRequest, member_id: RecordId, body: OnIn) -> Member:
    """End the member's temporary activity at a host organisation."""
    domain.end_temporary(actor=request.user, member=_editable_member(request, member_id, hosted=True),
                         on=body.on)
    return _updated(member_id)


@router.post("/members/{member_id}/exempt", summary="Miễn sinh hoạt đảng",
             response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def exempt(request: HttpRequest, member_id: RecordId, body: ExemptIn) -> Member:
    """Exempt from activities (miễn sinh hoạt); the member still belongs and still counts."""
    domain.exempt(actor=request.user, member=_editable_member(request, member_id), valid_from=body.valid_from,
                  reason=body.reason)
    return _updated(member_id)


@router.post("/members/{member_id}/end-exemption", summary="Kết thúc miễn sinh hoạt đảng",
             response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def end_exemption(request: HttpRequest, member_id: RecordId, body: OnIn) -> Member:
    """End the exemption from activities."""
    domain.end_exemption(actor=request.user, member=_editable_member(request, member_id), on=body.on)
    return _updated(member_id)


@router.post("/members/{member_id}/end", summary="Xóa tên, khai trừ hoặc ghi nhận từ trần",
             response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def end_membership(request: HttpRequest, member_id: RecordId, body: EndIn) -> Member:
    """Strike off, expel or record a death: every open membership ends; the record stays."""
    domain.end_membership(actor=request.user, member=_editable_member(request, member_id), kind=body.kind,
                          on=body.on, decision=body.decision)
    return _updated(member_id)


@router.post("/candidates", summary="Thêm quần chúng ưu tú", response={201: CandidateOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def add_candidate(request: HttpRequest, body: CandidateIn) -> Status[Candidate]:
    """Start following a candidate (quần chúng ưu tú)."""
    organisation = get_organisation(request, body.organisation, EDIT)
    candidate = domain.add_candidate(actor=request.user, person=body.person.model_dump(), organisation=organisation,
                                     since=body.since, note=body.note)
    return Status(201, queries.candidates_in(Organisation.objects.filter(pk=organisation.pk)).get(pk=candidate.pk))
