# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.
"""Request and response schemas of the documents API (documents/api.py), with their OpenAPI descriptions."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator, model_validator

from xaydungdang.core.api_schemas import MAX_OFFSET, EventDate, PlannedDate, RecordId
from xaydungdang.documents.models import Attachment, Document

STATUS = Literal["in_force", "replaced", "expired", "withdrawn"]
DIRECTION = Literal["received", "issued"]




class DocumentOut(Schema):
    id: int = Field(description="Document id, for /api/documents/{document_id}.")
    type: str = Field(description="Type abbreviation: NQ, CT, KL, QĐ, QĐi (quy định), HD, KH, CTr, BC…")
    type_name: str = Field(description="Type name (Nghị quyết, Kết luận…).")
    number: str = Field(description="Number as written (\"21\", \"0091\"); empty for a document known by name.")
    symbol: str = Field(description="Symbol after the number (\"KL/TW\").")
    identifier: str = Field(description="Number and symbol as written on the document (\"21-KL/TW\").")
    issued_on: dt.date | None = Field(description="Date of issue; null when only the term is known.")
    term: str = Field(description="Term (khóa) in Roman numerals, or empty.")
    title: str = Field(description="Subject (trích yếu).")
    issuer: str = Field(description="Abbreviation of the issuing body (TW, TU, HU…).")
    issuer_name: str = Field(description="Name of the issuing body.")
    owner: str | None = Field(description="Code of the organisation keeping the document; null for a system-wide "
                                          "reference document (Central Committee…).")
    status: STATUS = Field(description="in_force, replaced (see replaced_by), expired or withdrawn.")
    replaced_by: int | None = Field(description="Id of the document replacing this one.")
    direction: DIRECTION = Field(description="received (incoming) or issued (by the owner).")

    @staticmethod
    def resolve_type(obj: Document) -> str:
        return obj.doc_type.code

    @staticmethod
    def resolve_type_name(obj: Document) -> str:
        return obj.doc_type.name

    @staticmethod
    def resolve_issuer(obj: Document) -> str:
        return obj.issuer.abbreviation

    @staticmethod
    def resolve_issuer_name(obj: Document) -> str:
        return obj.issuer.name

    @staticmethod
    def resolve_owner(obj: Document) -> str | None:
        return obj.owner.code if obj.owner_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_replaced_by(obj: Document) -> int | None:
        return obj.replaced_by_id


class AttachmentOut(Schema):
    id: int = Field(description="Attachment id.")
    name: str = Field(description="File name as uploaded.")
    content_type: str = Field(description="application/pdf or the DOCX type, read from the content.")
    size: int = Field(description="Size in bytes.")
    sha256: str = Field(description="SHA-256 of the content.")
    uploaded_at: dt.datetime = Field(description="When it was attached.")

    @staticmethod
    def resolve_name(obj: Attachment) -> str:
        return obj.original_name


class OrganisationRef(Schema):
    code: str = Field(description="Organisation code.")
    name: str = Field(description="Name on the date of the document.")


class ChainOut(Schema):
    document: DocumentOut = Field(description="The document of this node.")
    day: dt.date = Field(description="The tree is read as it stood on this day (the document's date).")
    expected: list[OrganisationRef] = Field(description="Committees that should implement it, inside the scope.")
    done: list[OrganisationRef] = Field(description="Those with an implementing document.")
    missing: list[OrganisationRef] = Field(description="Those without one.")
    hidden: int = Field(description="Expected committees outside the caller's scope (not listed or counted).")
    summary: str = Field(description="\"Kết luận 21-KL/TW: 11/12 … ; missing: …\" in the caller's language.")
    children: list["ChainOut"] = Field(description="The implementing documents, each with its own chain.")


class DocumentDetailOut(DocumentOut):
    summary: str = Field(description="Summary.")
    created_at: dt.datetime = Field(description="Registered at.")
    updated_at: dt.datetime = Field(description="Last changed at.")
    attachments: list[AttachmentOut] = Field(description="Attached files (metadata; the file is served by the web "
                                                         "view).")
    implements: list[DocumentOut] = Field(description="Visible documents this one implements.")
    implemented_by: list[DocumentOut] = Field(description="Visible documents implementing this one.")
    chain: ChainOut = Field(description="The implementation chain below this document.")
    has_programme: bool = Field(description="Whether it holds sections, tasks and targets "
                                            "(/api/documents/{document_id}/programme).")

    # The API attaches what the detail adds to the document as `related` (api._detail).
    @staticmethod
    def resolve_attachments(obj: Any) -> Any:
        return obj.related["attachments"]

    @staticmethod
    def resolve_implements(obj: Any) -> Any:
        return obj.related["implements"]

    @staticmethod
    def resolve_implemented_by(obj: Any) -> Any:
        return obj.related["implemented_by"]

    @staticmethod
    def resolve_chain(obj: Any) -> Any:
        return obj.related["chain"]

    @staticmethod
    def resolve_has_programme(obj: Any) -> bool:
        return bool(obj.related["has_programme"])


class DuplicateOut(Schema):
    detail: list[str] = Field(description="Why: the registry already holds this document. Nothing was written.")
    existing: DocumentOut | None = Field(description="The document already registered, to open instead; null when "
                                                     "it is kept outside the caller's scope.")


class DocumentPageOut(Schema):
    items: list[DocumentOut] = Field(description="The page, newest first.")
    count: int = Field(description="How many documents match in all.")


class DocumentQuery(Schema):
    q: str = Field("", description="Words of the identifier or title, diacritics optional (\"21-KL/TW\", "
                                   "\"nghi quyet 35\").")
    type: str = Field("", description="Type abbreviation.")
    issuer: str = Field("", description="Issuer abbreviation (every issuer with it).")
    year: int | None = Field(None, ge=1930, le=2100, description="Year of issue.")
    term: str = Field("", description="Term (khóa), Roman numerals.")
    owner: str = Field("", description="Code of the organisation keeping the documents.")
    status: STATUS | None = Field(None, description="Status.")
    direction: DIRECTION | None = Field(None, description="received or issued.")
    limit: int = Field(50, ge=1, le=MAX_OFFSET, description="Page size (capped at XDD_PAGE_SIZE).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Documents to skip.")


class DocumentIn(Schema):
    owner: str | None = Field(description="Code of the organisation keeping it (records.edit there); null for a "
                                          "system-wide reference document (administer).")
    issuer: str = Field(description="Issuer abbreviation, resolved from the owner up the tree, then among outside "
                                    "bodies (as the pasted-list import does).")
    type: str = Field(description="Type abbreviation.")
    number: str = Field("", max_length=20, description="Number as written.")
    symbol: str = Field("", max_length=40, description="Symbol; by default type/issuer (\"KH/TU\").")
    issued_on: EventDate | None = Field(None, description="Date of issue.")
    term: str = Field("", max_length=10, description="Term (khóa).")
    title: str = Field(max_length=500, description="Subject (trích yếu).")
    summary: str = Field("", description="Summary.")
    direction: DIRECTION = Field("received", description="received or issued.")
    implements: list[RecordId] = Field([], description="Ids of visible documents this one implements.")


class DocumentPatch(Schema):
    number: str | None = Field(None, max_length=20, description="Number.")
    symbol: str | None = Field(None, max_length=40, description="Symbol.")
    issued_on: EventDate | None = Field(None, description="Date of issue.")
    term: str | None = Field(None, max_length=10, description="Term (khóa).")
    title: str | None = Field(None, max_length=500, description="Subject.")
    summary: str | None = Field(None, description="Summary.")
    direction: DIRECTION | None = Field(None, description="received or issued.")

    @field_validator("number", "symbol", "term", "title", "summary", "direction", mode="before")
    @classmethod
    def not_null(cls, value: Any) -> Any:
        """Omitted means unchanged; null only where the record may be empty (issued_on): a null title
        reached the database's NOT NULL and answered 500."""
        if value is None:
            raise ValueError("không nhận null; bỏ trường này nếu không đổi")
        return value


class StatusIn(Schema):
    status: STATUS = Field(description="New status.")
    replaced_by: RecordId | None = Field(None, description="Id of the replacing document (status replaced).")

    @model_validator(mode="after")
    def replacement_given(self) -> "StatusIn":
        if self.status == "replaced" and self.replaced_by is None:
            raise ValueError("Trạng thái `replaced` cần `replaced_by` (mã văn bản thay thế).")
        return self


class LinkIn(Schema):
    implemented: RecordId = Field(description="Id of the visible document that this one implements.")
    note: str = Field("", max_length=255, description="Note.")


class PasteIn(Schema):
    text: str = Field(max_length=200_000, description="One identifier per line, optionally followed by the title.")
    owner: str | None = Field(description="Code of the organisation keeping the documents; null for system-wide "
                                          "reference documents (administer).")
    dry_run: bool = Field(True, description="Only check (default); false registers every new line, or nothing when "
                                            "any line has an error.")


class PastedLineOut(Schema):
    line: int = Field(description="Line number in the pasted text.")
    text: str = Field(description="The line.")
    status: Literal["new", "created", "duplicate", "error"] = Field(description="new (dry run), created, duplicate "
                                                                            "or error.")
    message: str = Field(description="Why (error), or which document it duplicates.")
    type: str | None = Field(description="Type read from the line.")
    identifier: str | None = Field(description="Number-symbol read from the line.")
    issued_on: dt.date | None = Field(description="Date read from the line.")
    title: str | None = Field(description="Title read from the line.")
    document: int | None = Field(description="The created document, or the existing one for a duplicate.")
    duplicate_of_line: int | None = Field(description="An earlier line of the same paste it repeats.")


class PasteOut(Schema):
    committed: bool = Field(description="Whether the new lines were registered.")
    created: int = Field(description="Documents registered (0 on a dry run).")
    new: int = Field(description="Lines that are (or were) new documents.")
    duplicates: int = Field(description="Lines already in the registry or repeated.")
    errors: int = Field(description="Lines not recognised; any error means nothing was registered.")
    lines: list[PastedLineOut] = Field(description="Each non-empty line.")


class ParseIn(Schema):
    text: str = Field(max_length=200_000, description="Any text (a report, a paragraph).")


class ReferenceOut(Schema):
    text: str = Field(description="The reference as written.")
    start: int = Field(description="Offset of its first character in the text.")
    end: int = Field(description="Offset after its last character.")
    type: str | None = Field(description="Type abbreviation.")
    type_name: str | None = Field(description="Type name.")
    number: str | None = Field(description="Number.")
    symbol: str | None = Field(description="Symbol.")
    issuer: str | None = Field(description="Issuer abbreviation.")
    issued_on: dt.date | None = Field(description="Date.")
    term: str | None = Field(description="Term (khóa).")
    name: str | None = Field(description="Name, for a reference by name only.")
    status: Literal["matched", "ambiguous", "not_in_registry", "by_name"] = Field(
        description="matched: one registry document; ambiguous: several (see candidates); not_in_registry; "
                    "by_name: no number to look up.")
    document: DocumentOut | None = Field(description="The registry document, when matched.")
    candidates: list[DocumentOut] = Field(description="The candidates, when ambiguous.")


class TargetProgressOut(Schema):
    organisation: str = Field(description="Code of the responsible organisation.")
    value: Decimal = Field(description="The indicator's value for it over the period.")
    met: bool = Field(description="Whether the value meets the target.")


class TargetOut(Schema):
    id: int = Field(description="Target id.")
    description: str = Field(description="The target as written.")
    indicator: str = Field(description="Indicator code (may name one not registered yet).")
    indicator_name: str | None = Field(description="Indicator name; null: no indicator yet.")
    comparator: Literal["ge", "le", "eq"] = Field(description="ge (≥), le (≤) or eq (=).")
    value: Decimal = Field(description="Target value.")
    unit: str = Field(description="Unit.")
    period_start: dt.date = Field(description="Counted from.")
    period_end: dt.date = Field(description="Counted to: the deadline, or today before it.")
    deadline: dt.date = Field(description="Deadline.")
    responsible: list[str] = Field(description="Codes of the responsible organisations within the caller's scope.")
    hidden_responsible: int = Field(description="Responsible organisations outside the caller's scope (not named, "
                                                "no figures).")
    progress: list[TargetProgressOut] = Field(description="Per responsible organisation within the caller's scope; "
                                                          "empty without indicator.")
    met: bool | None = Field(description="Met by all those shown; null when it cannot be measured yet.")


class TaskOut(Schema):
    id: int = Field(description="Task id.")
    title: str = Field(description="Title.")
    description: str = Field(description="Description.")
    targets: list[TargetOut] = Field(description="Targets.")


class SectionOut(Schema):
    id: int = Field(description="Section id.")
    title: str = Field(description="Title.")
    tasks: list[TaskOut] = Field(description="Tasks.")


class ProgrammeOut(Schema):
    document: DocumentOut = Field(description="The programme document.")
    sections: list[SectionOut] = Field(description="Sections, tasks and targets with progress.")


class TargetIn(Schema):
    description: str = Field(max_length=500, description="The target as written.")
    indicator_code: str = Field("", max_length=80, description="Indicator code (GET /api/indicators).")
    comparator: Literal["ge", "le", "eq"] = Field("ge", description="ge (≥), le (≤) or eq (=).")
    value: Decimal = Field(description="Target value.")
    unit: str = Field("", max_length=40, description="Unit.")
    period_start: PlannedDate | None = Field(None, description="Counted from (default: the programme's date).")
    deadline: PlannedDate = Field(description="Deadline.")
    responsible: list[str] = Field([], description="Codes of responsible organisations (default: the owner).")


class TaskIn(Schema):
    title: str = Field(max_length=500, description="Title.")
    description: str = Field("", description="Description.")
    targets: list[TargetIn] = Field([], description="Targets.")


class SectionIn(Schema):
    title: str = Field(max_length=500, description="Title.")
    tasks: list[TaskIn] = Field([], description="Tasks.")


class ProgrammeIn(Schema):
    sections: list[SectionIn] = Field(description="Sections appended to the programme, with tasks and targets.")


class DocumentTypeOut(Schema):
    code: str = Field(description="Abbreviation.")
    name: str = Field(description="Name.")
    holds_programme: bool = Field(description="Whether it may hold sections, tasks and targets.")
    valid_from: dt.date = Field(description="In use from.")
    valid_to: dt.date | None = Field(description="In use until (exclusive).")


class IssuerOut(Schema):
    id: int = Field(description="Issuer id.")
    abbreviation: str = Field(description="Abbreviation written in symbols.")
    name: str = Field(description="Name.")
    organisation: str | None = Field(description="Code of its organisation in the tree; null for an outside body.")

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return obj.organisation.code if obj.organisation_id else None


ChainOut.model_rebuild()
