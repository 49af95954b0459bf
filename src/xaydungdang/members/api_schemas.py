# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""Request and response schemas of the members API (members/api.py), with their OpenAPI descriptions."""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import model_validator

from xaydungdang.core.api_schemas import BirthDate, EventDate, RecordId
from xaydungdang.members.models import (
    Candidate,
    Member,
    MemberEvent,
    Membership,
    Sex,
    TheoryLevel,
    Transfer,
)

SENSITIVE_NOTE = "Present only when the caller holds `sensitive.view` over the member's organisation; null otherwise."


# ---------------------------------------------------------------- output

class SensitiveOut(Schema):
    ethnicity: str = Field(description="Ethnicity (dân tộc).")
    religion: str = Field(description="Religion (tôn giáo).")
    national_id: str = Field(description="National ID number (số CCCD).")
    health: str = Field(description="Health (sức khỏe).")


class PersonResolvers(Schema):
    """full_name, sex and birth_date read from the record's person: a member's or a candidate's."""

    @staticmethod
    def resolve_full_name(obj: Member | Candidate) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_sex(obj: Member | Candidate) -> str:
        return obj.person.sex

    @staticmethod
    def resolve_birth_date(obj: Member | Candidate) -> dt.date | None:
        return obj.person.birth_date


class MemberOut(PersonResolvers):
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


class AdmissionOut(MemberDetailOut):
    warnings: list[str] = Field(description="What the admission should have checked and did not find (warnings, not "
                                            "refusals): no awareness class completed (bồi dưỡng nhận thức về Đảng).")

    @staticmethod
    def resolve_warnings(obj: Member) -> list[str]:
        return list(getattr(obj, "admission_warnings", []))


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


class CandidateOut(PersonResolvers):
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
    def resolve_organisation(obj: Candidate) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_member(obj: Candidate) -> int | None:
        return obj.member_id


# ---------------------------------------------------------------- input

class MemberQuery(Schema):
    org: str | None = Field(None, description="Code of an organisation: its subtree on `as_of`. Without it, every "
                                              "member in the caller's scope.")
    as_of: EventDate | None = Field(None, description="The date (YYYY-MM-DD); today by default.")
    q: str = Field("", description="Name, card or lý lịch number; diacritics and case ignored.")
    status: Literal["official", "probationary"] | None = Field(None, description="Status on `as_of`.")
    theory_level: TheoryLevel | None = Field(None, description="Political theory level.")
    audience: str = Field("", description="Code of an audience group.")
    sex: Sex | None = Field(None, description="nam or nu.")
    age_band: Literal["<30", "30-45", "46-60", ">60"] | None = Field(None, description="Age on `as_of`.")
    ethnicity: str = Field("", description="Applied only for `sensitive.view` over `org`; ignored otherwise.")
    religion: str = Field("", description="Applied only for `sensitive.view` over `org`; ignored otherwise.")


class AsOfQuery(Schema):
    as_of: EventDate | None = Field(None, description="The date (YYYY-MM-DD); today by default.")


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
    birth_date: BirthDate | None = Field(None, description="Date of birth.")
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
    since: EventDate = Field(description="First day of the membership there.")
    person: PersonIn = Field(description="The profile.")
    admission_decision_date: EventDate | None = Field(None, description="Admission decision.")
    admission_ceremony_date: EventDate | None = Field(None, description="Admission ceremony (start of probation).")
    official_decision_date: EventDate | None = Field(None, description="Recognition as official member.")
    audiences: list[str] = Field([], description="Codes of audience groups.")


class AdmitIn(IdentifiersIn):
    organisation: str = Field(description="Code of the admitting organisation (records.edit scope).")
    decision_date: EventDate = Field(description="Admission decision.")
    ceremony_date: EventDate = Field(description="Admission ceremony: membership and probation start here.")
    decision: str = Field("", max_length=255, description="Decision number.")
    candidate: RecordId | None = Field(None, description="Candidate id: the candidate's record becomes the member's.")
    person: PersonIn | None = Field(None, description="The profile, when there is no candidate record.")

    @model_validator(mode="after")
    def candidate_or_person(self) -> "AdmitIn":
        if (self.candidate is None) == (self.person is None):
            raise ValueError("Cần đúng một trong hai: `candidate` (mã quần chúng ưu tú) hoặc `person` (lý lịch).")
        return self


class RecogniseIn(Schema):
    decision_date: EventDate = Field(description="No earlier than 12 months after the admission ceremony.")
    decision: str = Field("", max_length=255, description="Decision number.")


class TransferIn(Schema):
    kind: Membership.Kind = Field(description="regular (leaves the source) or temporary (keeps it).")
    sent_on: EventDate = Field(description="The day the member leaves (regular transfers).")
    to_organisation: str | None = Field(None, description="Code of the destination in the system (any scope).")
    to_external: str = Field("", max_length=255, description="The destination outside the system, instead.")
    decision: str = Field("", max_length=255, description="Decision number.")


class ReceiveIn(Schema):
    received_on: EventDate = Field(description="First day of the membership at the destination.")


class OnIn(Schema):
    on: EventDate = Field(description="The date it takes effect.")


class ExemptIn(Schema):
    valid_from: EventDate = Field(description="First day of the exemption from activities (miễn sinh hoạt).")
    reason: str = Field("", max_length=255, description="Why (health, work abroad…).")


class EndIn(Schema):
    kind: Literal["struck_off", "expelled", "deceased"] = Field(description="Struck off (xóa tên), expelled (khai "
                                                                            "trừ) or deceased.")
    on: EventDate = Field(description="The date it takes effect.")
    decision: str = Field("", max_length=255, description="Decision number.")


class CandidateIn(Schema):
    organisation: str = Field(description="Code of the organisation following the candidate (records.edit scope).")
    since: EventDate = Field(description="Followed since.")
    person: PersonIn = Field(description="The profile.")
    note: str = Field("", description="Free note.")
