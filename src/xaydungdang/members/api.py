# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The members API: lists and profiles within the caller's scope, counts as of a date, lifecycle actions.

Reads need `view` over the organisation concerned; writes need `records.edit` over the member's
current organisation (today's tree). Outside the scope answers 404, a missing capability 403, a
broken rule 400 with the messages of the domain function, which then has written nothing.
Sensitive personal data (Decree 13/2023) appears only for `sensitive.view`, and each response
that carries it is audited.
"""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Case, Prefetch, QuerySet, Value, When
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import model_validator

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_schemas import ErrorOut, InvalidRequestOut, RefusalOut
from xaydungdang.core.audit import log_action
from xaydungdang.core.dates import today
from xaydungdang.core.text import fold
from xaydungdang.members import domain, queries
from xaydungdang.members.models import (
    AudienceTag,
    Candidate,
    KeyCadreRole,
    Member,
    MemberEvent,
    Membership,
    Sex,
    TheoryLevel,
    Transfer,
)
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.organisations.scoping import get_organisation

router = Router(tags=["members"])
PAGE_CAP = settings.XDD_PAGE_SIZE  # see organisations.api
EDIT = Capability.EDIT_RECORDS
SENSITIVE_NOTE = "Present only when the caller holds `sensitive.view` over the member's organisation; null otherwise."


# ---------------------------------------------------------------- errors



READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut}


# ---------------------------------------------------------------- output

class SensitiveOut(Schema):
    ethnicity: str = Field(description="Ethnicity (dân tộc).")
    religion: str = Field(description="Religion (tôn giáo).")
    national_id: str = Field(description="National ID number (số CCCD).")
    health: str = Field(description="Health (sức khỏe).")


class MemberOut(Schema):
    id: int = Field(description="Member id, for /api/members/{member_id}.")
    full_name: str = Field(description="Full name (họ và tên).")
    sex: str = Field(description="`nam` or `nu`.")
    birth_date: dt.date | None = Field(description="Date of birth.")
    card_number: str | None = Field(description="Party card number (số thẻ đảng viên, 8 digits).")
    lylich_number: str | None = Field(description="Lý lịch number (6 digits and 1–3 letters).")
    theory_level: str = Field(description="Political theory level: so-cap, trung-cap, cao-cap, cu-nhan or empty.")
    organisation: str | None = Field(description="Code of the organisation the member belonged to (regular "
                                                 "membership) on the date asked; null if none.")
    status: Literal["official", "probationary"] = Field(description="Official (chính thức) or probationary (dự bị) "
                                                                    "on the date asked.")
    state: str = Field(description="active, transferred_out, struck_off, expelled or deceased.")
    admission_ceremony_date: dt.date | None = Field(description="Admission ceremony; the probation starts here.")
    official_decision_date: dt.date | None = Field(description="Decision recognising the member as official.")
    audiences: list[str] = Field(description="Codes of the audience groups (đối tượng) of the member.")
    sensitive: SensitiveOut | None = Field(description=SENSITIVE_NOTE)

    @staticmethod
    def resolve_full_name(obj: Member) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_sex(obj: Member) -> str:
        return obj.person.sex

    @staticmethod
    def resolve_birth_date(obj: Member) -> dt.date | None:
        return obj.person.birth_date

    @staticmethod
    def resolve_theory_level(obj: Member) -> str:
        return obj.person.theory_level

    @staticmethod
    def resolve_organisation(obj: Member) -> str | None:
        memberships = obj.memberships_on_day  # type: ignore[attr-defined]  # prefetched by _for_output
        return memberships[0].organisation.code if memberships else None

    @staticmethod
    def resolve_status(obj: Member) -> str:
        return "official" if obj.official_on_day else "probationary"  # type: ignore[attr-defined]

    @staticmethod
    def resolve_audiences(obj: Member) -> list[str]:
        return [tag.code for tag in obj.audiences.all()]

    @staticmethod
    def resolve_sensitive(obj: Member) -> Any:
        return obj.person if obj.shows_sensitive else None  # type: ignore[attr-defined]


class PersonOut(Schema):
    full_name: str = Field(description="Full name (họ và tên).")
    sex: str = Field(description="`nam` or `nu`.")
    birth_date: dt.date | None = Field(description="Date of birth.")
    birth_place: str = Field(description="Place of birth (nơi sinh).")
    hometown: str = Field(description="Home town (quê quán).")
    residence: str = Field(description="Residence (nơi ở hiện nay).")
    education: str = Field(description="General education (trình độ giáo dục phổ thông), e.g. 12/12.")
    professional_level: str = Field(description="Professional qualification (trình độ chuyên môn).")
    theory_level: str = Field(description="Political theory level: so-cap, trung-cap, cao-cap, cu-nhan or empty.")
    job: str = Field(description="Job (nghề nghiệp).")
    position: str = Field(description="Position (chức vụ).")


class MembershipOut(Schema):
    organisation: str = Field(description="Organisation code.")
    organisation_name: str = Field(description="Its name today.")
    kind: str = Field(description="regular (chính thức) or temporary (tạm thời, not counted in the host's total).")
    valid_from: dt.date = Field(description="First day of the membership.")
    valid_to: dt.date | None = Field(description="First day after it; null while it lasts.")
    end_reason: str = Field(description="Why it ended: transferred, temporary_ended, struck_off, expelled, deceased.")

    @staticmethod
    def resolve_organisation(obj: Membership) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_organisation_name(obj: Membership) -> str:
        return obj.organisation.name


class EventOut(Schema):
    kind: str = Field(description="registered, admitted, recognised, transfer_sent, transfer_received, "
                                  "transfer_cancelled, temporary_ended, exempted, exemption_ended, struck_off, "
                                  "expelled or deceased.")
    kind_name: str = Field(description="The kind, for people.")
    date: dt.date = Field(description="The date it took effect.")
    organisation: str | None = Field(description="Code of the organisation concerned.")
    other_organisation: str | None = Field(description="For transfers, the organisation on the other side.")
    decision: str = Field(description="Decision number, if any.")
    note: str = Field(description="Reason, destination outside the system, or other note.")

    @staticmethod
    def resolve_kind_name(obj: MemberEvent) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_organisation(obj: MemberEvent) -> str | None:
        return obj.organisation.code if obj.organisation else None

    @staticmethod
    def resolve_other_organisation(obj: MemberEvent) -> str | None:
        return obj.other_organisation.code if obj.other_organisation else None


class TransferOut(Schema):
    id: int = Field(description="Transfer id, for /api/transfers/{transfer_id}/receive and /cancel.")
    member: int = Field(description="Member id.")
    full_name: str = Field(description="The member's full name.")
    kind: str = Field(description="regular or temporary.")
    from_organisation: str = Field(description="Code of the sending organisation.")
    to_organisation: str | None = Field(description="Code of the receiving organisation; null when outside the "
                                                    "system.")
    to_external: str = Field(description="The destination outside the system, if any.")
    sent_on: dt.date = Field(description="The day the member left the source (regular transfers).")
    received_on: dt.date | None = Field(description="The day the destination received the member.")
    status: str = Field(description="pending (visible to both sides), received or cancelled.")
    decision: str = Field(description="Decision number, if any.")

    @staticmethod
    def resolve_member(obj: Transfer) -> int:
        return obj.member_id

    @staticmethod
    def resolve_full_name(obj: Transfer) -> str:
        return obj.member.person.full_name

    @staticmethod
    def resolve_from_organisation(obj: Transfer) -> str:
        return obj.from_organisation.code

    @staticmethod
    def resolve_to_organisation(obj: Transfer) -> str | None:
        return obj.to_organisation.code if obj.to_organisation else None


class MemberDetailOut(MemberOut):
    person: PersonOut = Field(description="The profile, without the sensitive fields.")
    admission_decision_date: dt.date | None = Field(description="Admission decision (quyết định kết nạp).")
    probation_ends: dt.date | None = Field(description="First day a recognition as official may take effect.")
    state_since: dt.date | None = Field(description="Since when `state` holds.")
    memberships: list[MembershipOut] = Field(description="Where the member belonged, oldest first.")
    timeline: list[EventOut] = Field(description="The history of the member, oldest first.")
    transfers: list[TransferOut] = Field(description="Transfers sent, newest first.")

    @staticmethod
    def resolve_probation_ends(obj: Member) -> dt.date | None:
        return obj.probation_ends()

    @staticmethod
    def resolve_memberships(obj: Member) -> list[Membership]:
        return list(obj.memberships.all())

    @staticmethod
    def resolve_timeline(obj: Member) -> list[MemberEvent]:
        return list(obj.events.all())

    @staticmethod
    def resolve_transfers(obj: Member) -> list[Transfer]:
        return list(obj.transfers.all())


class MemberCountsOut(Schema):
    organisation: str = Field(description="Code of the organisation asked.")
    as_of: dt.date = Field(description="The date counted.")
    total: int = Field(description="Members of its subtree on that date (regular memberships; temporary members "
                                   "count at their home unit).")
    counts_by_node: dict[str, int] = Field(description="Organisation code → members of its own subtree on that "
                                                       "date, for every node the caller's scope covers.")


class KeyCadreOut(Schema):
    id: int = Field(description="Member id.")
    full_name: str = Field(description="Full name.")
    card_number: str | None = Field(description="Party card number.")
    titles: list[str] = Field(description="Titles held at that level on the date asked.")

    @staticmethod
    def resolve_full_name(obj: Member) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_titles(obj: Member) -> list[str]:
        return [role.title for role in obj.roles_on_day]  # type: ignore[attr-defined]  # prefetched


class CandidateOut(Schema):
    id: int = Field(description="Candidate id, for admission from the candidate's record.")
    full_name: str = Field(description="Full name.")
    sex: str = Field(description="`nam` or `nu`.")
    birth_date: dt.date | None = Field(description="Date of birth.")
    organisation: str = Field(description="Code of the organisation following the candidate.")
    status: str = Field(description="active (being followed), admitted or withdrawn.")
    since: dt.date = Field(description="Followed since.")
    note: str = Field(description="Free note.")
    member: int | None = Field(description="Member id once admitted.")

    @staticmethod
    def resolve_full_name(obj: Candidate) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_sex(obj: Candidate) -> str:
        return obj.person.sex

    @staticmethod
    def resolve_birth_date(obj: Candidate) -> dt.date | None:
        return obj.person.birth_date

    @staticmethod
    def resolve_organisation(obj: Candidate) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_member(obj: Candidate) -> int | None:
        return obj.member_id


# ---------------------------------------------------------------- input

class MemberQuery(Schema):
    org: str | None = Field(None, description="Code of an organisation: its subtree on `as_of`. Without it, every "
                                              "member in the caller's scope.")
    as_of: dt.date | None = Field(None, description="The date (YYYY-MM-DD); today by default.")
    q: str = Field("", description="Name, card or lý lịch number; diacritics and case ignored.")
    status: Literal["official", "probationary"] | None = Field(None, description="Status on `as_of`.")
    theory_level: TheoryLevel | None = Field(None, description="Political theory level.")
    audience: str = Field("", description="Code of an audience group.")
    sex: Sex | None = Field(None, description="nam or nu.")
    age_band: Literal["<30", "30-45", "46-60", ">60"] | None = Field(None, description="Age on `as_of`.")
    ethnicity: str = Field("", description="Applied only for `sensitive.view` over `org`; ignored otherwise.")
    religion: str = Field("", description="Applied only for `sensitive.view` over `org`; ignored otherwise.")


class AsOfQuery(Schema):
    as_of: dt.date | None = Field(None, description="The date (YYYY-MM-DD); today by default.")


class CandidateQuery(Schema):
    org: str | None = Field(None, description="Code of an organisation: candidates in its subtree today.")
    status: Candidate.Status | None = Field(None, description="active, admitted or withdrawn.")
    q: str = Field("", description="Name; diacritics and case ignored.")


class TransferQuery(Schema):
    org: str | None = Field(None, description="Code of an organisation: pending transfers from or to its subtree "
                                              "today. Without it, every one the caller's scope touches.")


class PersonIn(Schema):
    full_name: str = Field(min_length=1, max_length=150, description="Full name (họ và tên).")
    sex: Sex = Field(description="nam or nu.")
    birth_date: dt.date | None = Field(None, description="Date of birth.")
    birth_place: str = Field("", max_length=255, description="Place of birth (nơi sinh).")
    hometown: str = Field("", max_length=255, description="Home town (quê quán).")
    residence: str = Field("", max_length=255, description="Residence (nơi ở hiện nay).")
    ethnicity: str = Field("", max_length=60, description="Sensitive: stored, shown only for `sensitive.view`.")
    religion: str = Field("", max_length=60, description="Sensitive: stored, shown only for `sensitive.view`.")
    national_id: str = Field("", max_length=12, description="Sensitive: stored, shown only for `sensitive.view`.")
    health: str = Field("", max_length=120, description="Sensitive: stored, shown only for `sensitive.view`.")
    education: str = Field("", max_length=20, description="General education, e.g. 12/12.")
    professional_level: str = Field("", max_length=120, description="Professional qualification.")
    theory_level: TheoryLevel = Field(TheoryLevel.NONE, description="Political theory level.")
    job: str = Field("", max_length=255, description="Job (nghề nghiệp).")
    position: str = Field("", max_length=255, description="Position (chức vụ).")


class IdentifiersIn(Schema):
    card_number: str | None = Field(None, description="8 digits; must not belong to another member.")
    lylich_number: str | None = Field(None, description="6 digits and 1–3 capital letters; unique.")


class RegisterIn(IdentifiersIn):
    organisation: str = Field(description="Code of the organisation (in the caller's scope for records.edit).")
    since: dt.date = Field(description="First day of the membership there.")
    person: PersonIn = Field(description="The profile.")
    admission_decision_date: dt.date | None = Field(None, description="Admission decision.")
    admission_ceremony_date: dt.date | None = Field(None, description="Admission ceremony (start of probation).")
    official_decision_date: dt.date | None = Field(None, description="Recognition as official member.")
    audiences: list[str] = Field([], description="Codes of audience groups.")


class AdmitIn(IdentifiersIn):
    organisation: str = Field(description="Code of the admitting organisation (records.edit scope).")
    decision_date: dt.date = Field(description="Admission decision.")
    ceremony_date: dt.date = Field(description="Admission ceremony: membership and probation start here.")
    decision: str = Field("", max_length=255, description="Decision number.")
    candidate: int | None = Field(None, description="Candidate id: the candidate's record becomes the member's.")
    person: PersonIn | None = Field(None, description="The profile, when there is no candidate record.")

    @model_validator(mode="after")
    def candidate_or_person(self) -> "AdmitIn":
        if (self.candidate is None) == (self.person is None):
            raise ValueError("Give either `candidate` or `person`.")
        return self


class RecogniseIn(Schema):
    decision_date: dt.date = Field(description="No earlier than 12 months after the admission ceremony.")
    decision: str = Field("", max_length=255, description="Decision number.")


class TransferIn(Schema):
    kind: Membership.Kind = Field(description="regular (leaves the source) or temporary (keeps it).")
    sent_on: dt.date = Field(description="The day the member leaves (regular transfers).")
    to_organisation: str | None = Field(None, description="Code of the destination in the system (any scope).")
    to_external: str = Field("", max_length=255, description="The destination outside the system, instead.")
    decision: str = Field("", max_length=255, description="Decision number.")


class ReceiveIn(Schema):
    received_on: dt.date = Field(description="First day of the membership at the destination.")


class OnIn(Schema):
    on: dt.date = Field(description="The date it takes effect.")


class ExemptIn(Schema):
    valid_from: dt.date = Field(description="First day of the exemption from activities (miễn sinh hoạt).")
    reason: str = Field("", max_length=255, description="Why (health, work abroad…).")


class EndIn(Schema):
    kind: Literal["struck_off", "expelled", "deceased"] = Field(description="Struck off (xóa tên), expelled (khai "
                                                                            "trừ) or deceased.")
    on: dt.date = Field(description="The date it takes effect.")
    decision: str = Field("", max_length=255, description="Decision number.")


class CandidateIn(Schema):
    organisation: str = Field(description="Code of the organisation following the candidate (records.edit scope).")
    since: dt.date = Field(description="Followed since.")
    person: PersonIn = Field(description="The profile.")
    note: str = Field("", description="Free note.")


# ---------------------------------------------------------------- scope

def _refusals(func: Callable[..., Any]) -> Callable[..., Any]:
    """A rule the domain refuses answers 400 with its messages (the domain wrote nothing)."""
    @wraps(func)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(request, *args, **kwargs)
        except ValidationError as error:
            return Status(400, {"detail": error.messages})

    return wrapped


def _covers(request: HttpRequest, organisation_ids: Any, capability: str) -> bool:
    scope = request.scope  # type: ignore[attr-defined]
    return bool(scope.has(capability) and scope.organisations(capability).filter(pk__in=organisation_ids).exists())


def _member_visible(request: HttpRequest, member_id: int, capability: str = Capability.VIEW) -> bool:
    """Anyone who ever belonged to the scope: past reports and timelines stay readable."""
    return _covers(request, Membership.objects.filter(member_id=member_id).values("organisation_id"), capability)


def _home(member_id: int) -> Membership | None:
    """The current regular membership, or the last one (a member sent away, struck off…)."""
    return (Membership.objects.filter(member_id=member_id, kind=Membership.Kind.REGULAR)
            .select_related("organisation").order_by("-valid_from", "-id").first())


def _editable_member(request: HttpRequest, member_id: int) -> Member:
    home = _home(member_id)
    if home is None or not _covers(request, [home.organisation_id], EDIT):
        raise Http404
    return Member.objects.select_related("person").get(pk=member_id)


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
    memberships = request.scope.filter_by_organisation(memberships)  # type: ignore[attr-defined]
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


@router.get("/members", response={200: list[MemberOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(LimitOffsetPagination, max_limit=PAGE_CAP)
def list_members(request: HttpRequest, filters: Query[MemberQuery]) -> object:
    """Members of `org`'s subtree on `as_of` (regular memberships), in Vietnamese name order.

    Sensitive fields, and the ethnicity and religion filters, only with `sensitive.view` over `org`;
    such a response is audited (member.sensitive_viewed).
    """
    day = filters.as_of or today()
    organisation = get_organisation(request, filters.org) if filters.org else None
    sensitive = organisation is not None and _covers(request, [organisation.pk], Capability.VIEW_SENSITIVE)
    members = queries.filter_members(_members_on(request, organisation, day), _member_filter(filters, day),
                                     sensitive=sensitive)
    if sensitive:
        _audit_sensitive(request, organisation, organisation, as_of=day.isoformat(), query=request.GET.dict())
    return _for_output(queries.ordered_by_name(members), day, sensitive=sensitive)


def _detail(member_id: int, day: dt.date, *, sensitive: bool) -> Member:
    members = _for_output(Member.objects.filter(pk=member_id), day, sensitive=sensitive).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation")),
        Prefetch("events", queryset=MemberEvent.objects.select_related("organisation", "other_organisation")),
        Prefetch("transfers", queryset=Transfer.objects.select_related(
            "member__person", "from_organisation", "to_organisation")))
    return members.get()


@router.get("/members/{member_id}", response={200: MemberDetailOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_member(request: HttpRequest, member_id: int, filters: Query[AsOfQuery]) -> Member:
    """The profile, memberships, timeline and transfers of a member who ever belonged to the caller's scope.

    Status and organisation are those of `as_of`. Sensitive fields are audited when shown.
    """
    if not _member_visible(request, member_id):
        raise Http404
    sensitive = _member_visible(request, member_id, Capability.VIEW_SENSITIVE)
    member = _detail(member_id, filters.as_of or today(), sensitive=sensitive)
    if sensitive:
        home = _home(member_id)
        _audit_sensitive(request, member, home.organisation if home else None)
    return member


@router.get("/organisations/{code}/member-counts", response={200: MemberCountsOut, **READ_ERRORS})
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


@router.get("/organisations/{code}/key-cadres", response={200: list[KeyCadreOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(LimitOffsetPagination, max_limit=PAGE_CAP)
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
        organisations = organisations.filter(pk__in=org_queries.subtree_ids_on(organisation.pk, today()))
    return organisations


@router.get("/candidates", response={200: list[CandidateOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(LimitOffsetPagination, max_limit=PAGE_CAP)
def list_candidates(request: HttpRequest, filters: Query[CandidateQuery]) -> object:
    """Candidates (quần chúng ưu tú) followed in the caller's scope, in Vietnamese name order."""
    candidates = queries.candidates_in(_organisations_under(request, filters.org))
    if filters.status:
        candidates = candidates.filter(status=filters.status)
    for word in fold(filters.q).split():
        candidates = candidates.filter(person__search_name__contains=word)
    return candidates.order_by("person__name_key", "pk")


@router.get("/transfers", response={200: list[TransferOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
@paginate(LimitOffsetPagination, max_limit=PAGE_CAP)
def list_transfers(request: HttpRequest, filters: Query[TransferQuery]) -> object:
    """Pending transfers sent from or to the caller's scope: both sides see them until received."""
    return queries.pending_transfers(_organisations_under(request, filters.org).values("pk"))


# ---------------------------------------------------------------- lifecycle

def _updated(member_id: int) -> Member:
    """The member after a write; sensitive fields are read (and audited) through GET only."""
    return _detail(member_id, today(), sensitive=False)


@router.post("/members", response={201: MemberDetailOut, **WRITE_ERRORS})
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


@router.post("/admissions", response={201: MemberDetailOut, **WRITE_ERRORS})
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
    return Status(201, _updated(member.pk))


@router.post("/members/{member_id}/recognise", response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def recognise(request: HttpRequest, member_id: int, body: RecogniseIn) -> Member:
    """Recognise a probationary member as official (12 months after the ceremony at the earliest)."""
    member = _editable_member(request, member_id)
    domain.recognise_official(actor=request.user, member=member, decision_date=body.decision_date,
                              decision=body.decision)
    return _updated(member_id)


@router.post("/members/{member_id}/transfers", response={201: TransferOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def send_transfer(request: HttpRequest, member_id: int, body: TransferIn) -> Status[Transfer]:
    """Send a member to another organisation; pending until the destination receives it."""
    member = _editable_member(request, member_id)
    destination = _organisation_by_code(body.to_organisation) if body.to_organisation else None
    transfer = domain.send_transfer(actor=request.user, member=member, kind=body.kind, sent_on=body.sent_on,
                                    to_organisation=destination, to_external=body.to_external,
                                    decision=body.decision)
    return Status(201, _transfer(transfer.pk))


@router.post("/transfers/{transfer_id}/receive", response={200: TransferOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def receive_transfer(request: HttpRequest, transfer_id: int, body: ReceiveIn) -> Transfer:
    """The destination (in the caller's scope) receives the member."""
    transfer = _editable_transfer(request, transfer_id, "to_organisation")
    domain.receive_transfer(actor=request.user, transfer=transfer, received_on=body.received_on)
    return _transfer(transfer_id)


@router.post("/transfers/{transfer_id}/cancel", response={200: TransferOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def cancel_transfer(request: HttpRequest, transfer_id: int, body: OnIn) -> Transfer:
    """Cancel a pending transfer (either side); a regular one gives the member back to the source from `on`."""
    transfer = _editable_transfer(request, transfer_id, "from_organisation", "to_organisation")
    domain.cancel_transfer(actor=request.user, transfer=transfer, on=body.on)
    return _transfer(transfer_id)


@router.post("/members/{member_id}/end-temporary", response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def end_temporary(request: HttpRequest, member_id: int, body: OnIn) -> Member:
    """End the member's temporary activity at a host organisation."""
    domain.end_temporary(actor=request.user, member=_editable_member(request, member_id), on=body.on)
    return _updated(member_id)


@router.post("/members/{member_id}/exempt", response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def exempt(request: HttpRequest, member_id: int, body: ExemptIn) -> Member:
    """Exempt from activities (miễn sinh hoạt); the member still belongs and still counts."""
    domain.exempt(actor=request.user, member=_editable_member(request, member_id), valid_from=body.valid_from,
                  reason=body.reason)
    return _updated(member_id)


@router.post("/members/{member_id}/end-exemption", response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def end_exemption(request: HttpRequest, member_id: int, body: OnIn) -> Member:
    """End the exemption from activities."""
    domain.end_exemption(actor=request.user, member=_editable_member(request, member_id), on=body.on)
    return _updated(member_id)


@router.post("/members/{member_id}/end", response={200: MemberDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def end_membership(request: HttpRequest, member_id: int, body: EndIn) -> Member:
    """Strike off, expel or record a death: every open membership ends; the record stays."""
    domain.end_membership(actor=request.user, member=_editable_member(request, member_id), kind=body.kind,
                          on=body.on, decision=body.decision)
    return _updated(member_id)


@router.post("/candidates", response={201: CandidateOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def add_candidate(request: HttpRequest, body: CandidateIn) -> Status[Candidate]:
    """Start following a candidate (quần chúng ưu tú)."""
    organisation = get_organisation(request, body.organisation, EDIT)
    candidate = domain.add_candidate(actor=request.user, person=body.person.model_dump(), organisation=organisation,
                                     since=body.since, note=body.note)
    return Status(201, queries.candidates_in(Organisation.objects.filter(pk=organisation.pk)).get(pk=candidate.pk))
