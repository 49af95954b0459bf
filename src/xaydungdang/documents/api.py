# No `from __future__ import annotations` here: django-ninja reads the parameter annotations at run time.
"""The documents API: the registry with search, detail with its implementation chain, writes, the pasted-list
import, implements links, action programmes with target progress, and the reference parser.

Reads need `view`: the caller sees system-wide documents, those of their subtrees and those of the
committees above them (documents/scoping.py). Writes need `records.edit` over the owner (system-wide
documents: `administer`). Outside the scope answers 404, a missing capability 403, a broken rule 400
with the messages of the domain function (which then wrote nothing), a duplicate 409 with the document
already registered.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Query, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from xaydungdang.accounts.api_auth import api_requires
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.api_schemas import ErrorOut, InvalidRequestOut, RecordId, RefusalOut
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.documents import attachments, domain, importing, programmes, queries, references, scoping
from xaydungdang.documents.api_schemas import (
    AttachmentOut,
    DocumentDetailOut,
    DocumentIn,
    DocumentPageOut,
    DocumentPatch,
    DocumentQuery,
    DocumentTypeOut,
    DuplicateOut,
    IssuerOut,
    LinkIn,
    ParseIn,
    PasteIn,
    PasteOut,
    ProgrammeIn,
    ProgrammeOut,
    ReferenceOut,
    StatusIn,
)
from xaydungdang.documents.models import Document, Issuer, Target
from xaydungdang.organisations.models import Organisation

router = Router(tags=["Văn bản"])
PAGE_CAP = settings.XDD_PAGE_SIZE
EDIT = Capability.EDIT_RECORDS
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidRequestOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: RefusalOut, 409: DuplicateOut}


def _refusals(func: Callable[..., Any]) -> Callable[..., Any]:
    """A duplicate answers 409 with the existing document; another refused rule 400 with its messages."""
    @wraps(func)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(request, *args, **kwargs)
        except domain.DuplicateDocument as duplicate:
            # `existing` is None when the caller may not read it: only that the key is taken is told.
            return Status(409, {"detail": duplicate.messages, "existing": duplicate.existing})
        except StateConflict:
            raise  # 409 {"detail": […]}, answered by the API's handler (xaydungdang/api.py)
        except ValidationError as error:
            return Status(400, {"detail": error.messages})

    return wrapped


def _owner(request: HttpRequest, code: str | None) -> Organisation | None:
    """The owner a write names: 404 outside the caller's edit scope; 403 for system-wide without administer."""
    if code is None:
        if not scoping.may_administer(scoping.request_scope(request)):
            raise HttpError(403, "Chỉ quản trị viên được ghi văn bản dùng chung toàn hệ thống.")
        return None
    owner = scoping.owners_for(scoping.request_scope(request)).filter(code=code).first()
    if owner is None:
        raise Http404
    return owner


def _visible(request: HttpRequest, ids: list[int]) -> list[Document]:
    found = {d.pk: d for d in scoping.visible_documents(scoping.request_scope(request)).filter(pk__in=ids)}
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise ValidationError(f"Không tìm thấy văn bản số {', '.join(unknown)}.")
    return [found[i] for i in ids]


def _organisation_ref(version: Any) -> dict[str, str]:
    return {"code": version.organisation.code, "name": version.name}


def _chain_out(node: queries.ChainNode) -> dict[str, Any]:
    return {"document": node.document, "day": node.day, "expected": [_organisation_ref(v) for v in node.expected],
            "done": [_organisation_ref(v) for v in node.done], "missing": [_organisation_ref(v) for v in node.missing],
            "hidden": node.hidden, "summary": node.summary, "children": [_chain_out(c) for c in node.children]}


def _detail(request: HttpRequest, document: Document) -> Document:
    """The document with what DocumentDetailOut adds, as `related` (read by the schema's resolvers)."""
    scope = scoping.request_scope(request)
    document.related = {  # type: ignore[attr-defined]
        "attachments": list(document.attachments.all()),
        "implements": list(queries.implemented_by(scope, document)),
        "implemented_by": list(queries.implementing(scope, document)),
        "chain": _chain_out(queries.chain(scope, document)), "has_programme": document.sections.exists()}
    return document


def _reload(request: HttpRequest, document_id: int) -> Document:
    return _detail(request, scoping.get_document(request, document_id))


# ---------------------------------------------------------------- reads

@router.get("/documents", summary="Tìm văn bản", response={200: DocumentPageOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def list_documents(request: HttpRequest, filters: Query[DocumentQuery]) -> dict[str, Any]:
    """Search the registry: full text over identifier and title, diacritics optional, newest first, with filters.

    "21-KL/TW", "21-KL", "KL/TW 21" and "ket luan 21" all find Kết luận 21-KL/TW. Three SQL queries whatever
    the page: the count, the page's ids (sorted from the indexes), and those documents.
    """
    documents = queries.search(scoping.request_scope(request), queries.DocumentFilter(
        q=filters.q, doc_type=filters.type, year=filters.year, term=filters.term, status=filters.status or "",
        direction=filters.direction or ""))
    if filters.issuer:
        documents = documents.filter(issuer__abbreviation=filters.issuer)
    if filters.owner:
        documents = documents.filter(owner__code=filters.owner)
    limit = min(filters.limit, PAGE_CAP)
    ids = list(documents.values_list("pk", flat=True)[filters.offset:filters.offset + limit])
    rows = Document.objects.select_related("doc_type", "issuer", "owner").in_bulk(ids)
    return {"items": [rows[pk] for pk in ids], "count": documents.count()}


# The two fixed paths below are registered before /documents/{document_id}, which would match them first.

@router.post("/documents/parse", summary="Nhận dạng số hiệu văn bản trong một đoạn văn",
             response={200: list[ReferenceOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
def parse_references(request: HttpRequest, body: ParseIn) -> list[dict[str, Any]]:
    """Every document reference in a text, in order, with its position and the registry document it names
    (among those the caller sees). Nothing is written."""
    return [{"text": r.reference.text, "start": r.reference.start, "end": r.reference.end,
             "type": r.reference.type_code, "type_name": r.reference.type_name, "number": r.reference.number,
             "symbol": r.reference.symbol, "issuer": r.reference.issuer_code, "issued_on": r.reference.issued_on,
             "term": r.reference.term, "name": r.reference.name, "status": r.status, "document": r.document,
             "candidates": r.candidates} for r in references.link_references(scoping.request_scope(request), body.text)]


@router.post("/documents/import", summary="Nhập danh sách văn bản dán vào", response={200: PasteOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def import_pasted(request: HttpRequest, body: PasteIn) -> dict[str, Any]:
    """Register documents from a pasted list, one per line. A dry run (default) reports each line: new,
    duplicate (with the existing document) or not recognised (with the reason). A commit registers every new
    line, or nothing when any line has an error."""
    owner = _owner(request, body.owner)
    result = importing.import_pasted_list(body.text, owner=owner, actor=request.user, dry_run=body.dry_run)
    lines = [{"line": line.line_number, "text": line.text, "status": line.status, "message": line.message,
              "type": line.values["doc_type"].code if line.values else None,
              "identifier": f"{line.values['number']}-{line.values['symbol']}" if line.values else None,
              "issued_on": line.values.get("issued_on"), "title": line.values.get("title"),
              "document": line.document.pk if line.document else None,
              "duplicate_of_line": line.duplicate_of_line} for line in result.lines]
    return {"committed": result.committed, "created": sum(1 for line in result.lines if line.status == "created"),
            "new": len(result.new), "duplicates": len(result.duplicates), "errors": len(result.errors),
            "lines": lines}


@router.get("/documents/{document_id}", summary="Chi tiết một văn bản",
            response={200: DocumentDetailOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_document(request: HttpRequest, document_id: RecordId) -> Document:
    """A document with its attachments (metadata), the documents it implements and that implement it, and its
    implementation chain: for each node the committees that should implement it and those that have not."""
    return _detail(request, scoping.get_document(request, document_id))


@router.get("/documents/{document_id}/programme", summary="Chương trình hành động và tiến độ chỉ tiêu",
            response={200: ProgrammeOut, **READ_ERRORS})
@api_requires(Capability.VIEW)
def get_programme(request: HttpRequest, document_id: RecordId) -> dict[str, Any]:
    """Sections, tasks and targets of an action programme, each target with its progress per responsible
    organisation, read from the indicator it names (none until that indicator exists)."""
    return _programme_out(request, scoping.get_document(request, document_id))


def _programme_out(request: HttpRequest, document: Document) -> dict[str, Any]:
    """The programme with the figures of the responsible organisations within the caller's scope only (as the
    web page shows it): one outside it is neither named nor counted."""
    structure = programmes.programme_structure(document)
    responsible = {o.pk for s in structure for task in s.tasks.all() for t in task.targets.all()
                   for o in t.responsible.all()}
    visible = set(_readable_organisations(request).filter(pk__in=responsible).values_list("pk", flat=True)) \
        if responsible else set()
    sections = []
    for section in structure:
        tasks = [{"id": task.pk, "title": task.title, "description": task.description,
                  "targets": [_target_out(target, visible) for target in task.targets.all()]}
                 for task in section.tasks.all()]
        sections.append({"id": section.pk, "title": section.title, "tasks": tasks})
    return {"document": document, "sections": sections}


def _readable_organisations(request: HttpRequest) -> Any:
    return scoping.request_scope(request).organisations(Capability.VIEW)


def _target_out(target: Target, visible: set[int]) -> dict[str, Any]:
    scoped = programmes.scoped_progress(target, visible)
    progress = scoped.progress
    return {"id": target.pk, "description": target.description, "indicator": target.indicator_code,
            "indicator_name": str(progress.indicator.name) if progress.indicator else None,
            "comparator": target.comparator, "value": target.value, "unit": target.unit,
            "period_start": progress.start, "period_end": progress.end, "deadline": target.deadline,
            "responsible": [o.code for o in scoped.responsible], "hidden_responsible": scoped.hidden,
            "progress": [{"organisation": p.organisation.code, "value": p.value, "met": p.met}
                         for p in scoped.shown], "met": scoped.met}


@router.get("/document-types", summary="Danh mục loại văn bản", response={200: list[DocumentTypeOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
def list_document_types(request: HttpRequest) -> Any:
    """The document types with their abbreviations and periods of use."""
    return queries.document_types()


@router.get("/issuers", summary="Danh mục cơ quan ban hành", response={200: list[IssuerOut], **READ_ERRORS})
@api_requires(Capability.VIEW)
def list_issuers(request: HttpRequest) -> Any:
    """Issuers of the documents the caller sees, and the outside bodies."""
    return queries.issuers_for(scoping.request_scope(request)).select_related("organisation")


# ---------------------------------------------------------------- writes

def _issuer(abbreviation: str, owner: Organisation | None) -> Issuer:
    issuer = importing.resolve_issuer(abbreviation, owner)
    if isinstance(issuer, str):
        raise ValidationError(issuer)
    return issuer


@router.post("/documents", summary="Đăng ký văn bản", response={201: DocumentDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def create_document(request: HttpRequest, body: DocumentIn) -> Status[Document]:
    """Register a document kept by `owner`. A document already registered (same issuer, type, number and date)
    answers 409 with it."""
    owner = _owner(request, body.owner)
    doc_type = queries.document_types().filter(code=body.type).first()
    if doc_type is None:
        raise ValidationError(f'Loại văn bản "{body.type}" không có trong danh mục.')
    document = domain.register_document(
        actor=request.user, owner=owner, issuer=_issuer(body.issuer, owner), doc_type=doc_type, number=body.number,
        symbol=body.symbol, issued_on=body.issued_on, term=body.term, title=body.title, summary=body.summary,
        direction=body.direction, implements=_visible(request, body.implements))
    return Status(201, _reload(request, document.pk))


@router.patch("/documents/{document_id}", summary="Sửa thông tin văn bản",
              response={200: DocumentDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def update_document(request: HttpRequest, document_id: RecordId, body: DocumentPatch) -> Document:
    """Change the given fields of a document the caller may edit (audited with old and new values)."""
    document = scoping.get_document(request, document_id, EDIT)
    changes = body.dict(exclude_unset=True)
    domain.update_document(actor=request.user, document=document, **changes)
    return _reload(request, document_id)


@router.post("/documents/{document_id}/status", summary="Đổi trạng thái hiệu lực của văn bản",
             response={200: DocumentDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def set_status(request: HttpRequest, document_id: RecordId, body: StatusIn) -> Document:
    """In force, replaced (by a visible document), expired, or withdrawn (entered by mistake; never deleted)."""
    document = scoping.get_document(request, document_id, EDIT)
    replaced_by = _visible(request, [body.replaced_by])[0] if body.replaced_by else None
    domain.set_status(actor=request.user, document=document, status=body.status, replaced_by=replaced_by)
    return _reload(request, document_id)


@router.post("/documents/{document_id}/implements", summary="Ghi nhận văn bản thực hiện văn bản cấp trên",
             response={200: DocumentDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def link_implements(request: HttpRequest, document_id: RecordId, body: LinkIn) -> Document:
    """Record that this document (a plan of the caller's committee) implements a visible higher document."""
    document = scoping.get_document(request, document_id, EDIT)
    domain.link_implements(actor=request.user, document=document,
                           implemented=_visible(request, [body.implemented])[0], note=body.note)
    return _reload(request, document_id)


@router.post("/documents/{document_id}/unlink", summary="Bỏ liên kết thực hiện",
             response={200: DocumentDetailOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def unlink_implements(request: HttpRequest, document_id: RecordId, body: LinkIn) -> Document:
    """Remove an implements link entered by mistake (the audit log keeps it)."""
    document = scoping.get_document(request, document_id, EDIT)
    # A document the caller cannot read answers as a missing one (400, the same words), never by its name.
    implemented = _visible(request, [body.implemented])[0]
    domain.unlink_implements(actor=request.user, document=document, implemented=implemented)
    return _reload(request, document_id)


@router.post("/documents/{document_id}/attachments", summary="Đính kèm tệp",
             response={201: AttachmentOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def add_attachment(request: HttpRequest, document_id: RecordId, file: File[UploadedFile]) -> Status[Any]:
    """Attach a PDF or DOCX file (multipart field `file`). The type is read from the content; a wrong type, a
    misleading extension or a file over the size limit is refused."""
    document = scoping.get_document(request, document_id, EDIT)
    return Status(201, attachments.add_attachment(actor=request.user, document=document, name=file.name or "",
                                                  content=file))


@router.post("/documents/{document_id}/programme", summary="Bổ sung chương trình hành động",
             response={200: ProgrammeOut, **WRITE_ERRORS})
@api_requires(EDIT)
@_refusals
def add_programme(request: HttpRequest, document_id: RecordId, body: ProgrammeIn) -> dict[str, Any]:
    """Append sections, tasks and targets to a plan or programme (all or nothing)."""
    document = scoping.get_document(request, document_id, EDIT)
    codes = {code for s in body.sections for t in s.tasks for target in t.targets for code in target.responsible}
    # Unknown and outside the scope read the same (the web form's rule): nothing tells them apart.
    found = {o.code: o for o in _readable_organisations(request).filter(code__in=codes)}
    if codes - set(found):
        raise ValidationError(f"Không có tổ chức nào trong phạm vi của bạn mang mã "
                              f"{', '.join(sorted(codes - set(found)))}.")
    sections = [{"title": s.title, "tasks": [{"title": t.title, "description": t.description, "targets": [
        {**target.dict(exclude={"responsible"}), "responsible": [found[c] for c in target.responsible] or None}
        for target in t.targets]} for t in s.tasks]} for s in body.sections]
    programmes.create_programme(actor=request.user, document=document, sections=sections)
    return _programme_out(request, document)
