"""Document pages: the registry's list with search, a document with its implementation chain and files,
registering and editing, status, implements links and attachments.

Reads go through documents.queries within the reader's scope (documents.scoping: 404 outside it);
writes go through documents.domain / attachments, which name the broken rule and write nothing.
The pasted-list import is in views_import.py, action programmes in views_programmes.py.
"""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.scope import Scope
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.documents import attachments, domain, forms, identifiers, queries, references, scoping
from xaydungdang.documents.models import Attachment, Document

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])
PICK_LIMIT = 20


def detail_url(document: Document | int) -> str:
    return reverse("documents:detail", kwargs={"document_id": getattr(document, "pk", document)})


def add_errors(form: django_forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def may_write(scope: Scope) -> bool:
    """Whether the user may register a document somewhere today (a dissolved organisation's office may not)."""
    return scope.may_write(EDIT) or scoping.may_administer(scope)


# ---------------------------------------------------------------- the list


@requires(Capability.VIEW)
def document_list(request: HttpRequest) -> HttpResponse:
    """The registry with search and filters; an htmx request (live search) gets the results only."""
    scope = scoping.request_scope(request)
    form = forms.DocumentFilterForm(request.GET, types=queries.document_types(),
                                    issuers=queries.issuers_for(scope), organisations=scope.organisations())
    page = queries.search_page(scope, form.document_filter(), request.GET.get("page") or 1,  # type: ignore[arg-type]
                               settings.XDD_PAGE_SIZE)
    context = {"form": form, "page": page, "can_edit": may_write(scope),
               "searched": any(request.GET.get(name) for name in form.fields)}
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        return render(request, "documents/_results.html", context)
    return render(request, "documents/list.html", context)


# ---------------------------------------------------------------- a document


def linked_text(text: str, found: list[references.ResolvedReference], self_pk: int) -> SafeString:
    """The text with every reference to a registry document (other than this one) made a link."""
    parts: list[str] = []
    position = 0
    for resolved in found:
        reference = resolved.reference
        if reference.start < position:
            continue
        parts.append(escape(text[position:reference.start]))
        written = text[reference.start:reference.end]
        if resolved.document is not None and resolved.document.pk != self_pk:
            parts.append(format_html('<a class="doc-ref" href="{}" title="{}">{}</a>', detail_url(resolved.document),
                                     str(resolved.document), written))
        else:
            parts.append(escape(written))
        position = reference.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece was escaped above


def linked_fields(scope: Scope, document: Document) -> tuple[SafeString, SafeString]:
    """Title and summary with their references linked (one registry query for both)."""
    in_title = identifiers.find_references(document.title)
    in_summary = identifiers.find_references(document.summary) if document.summary else []
    resolved = references.resolve(scope, in_title + in_summary)
    return (linked_text(document.title, resolved[:len(in_title)], document.pk),
            linked_text(document.summary, resolved[len(in_title):], document.pk))


def can_edit(scope: Scope, document: Document) -> bool:
    return may_write(scope) and scoping.editable_documents(scope).filter(pk=document.pk).exists()


@requires(Capability.VIEW)
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    scope = scoping.request_scope(request)
    document = scoping.get_document(request, document_id)
    title, summary = linked_fields(scope, document)
    path = queries.chain_path(scope, document)
    return render(request, "documents/detail.html", {
        "document": document, "title_html": title, "summary_html": summary,
        "attachments": list(document.attachments.all()),
        "implements": list(queries.implemented_by(scope, document).order_by("sort_date", "id")),
        "implemented_by": list(queries.implementing(scope, document).order_by("sort_date", "id")),
        "chain": queries.chain(scope, path[0]), "path": {d.pk for d in path}, "can_edit": can_edit(scope, document),
        "holds_programme": document.doc_type.holds_programme})


@requires(Capability.VIEW)
def download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """A stored file of a visible document: always downloaded, never rendered or sniffed by the browser."""
    visible = scoping.visible_documents(scoping.request_scope(request))
    attachment: Attachment = ensure(Attachment.objects.filter(pk=attachment_id, document__in=visible).first())
    try:
        handle = attachments.open_attachment(attachment)
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle)
    for header, value in attachments.download_headers(attachment).items():
        response[header] = value
    return response


# ---------------------------------------------------------------- register and edit


def _document_form(request: HttpRequest, initial: dict[str, Any] | None = None) -> forms.DocumentForm:
    scope = scoping.request_scope(request)
    return forms.DocumentForm(request.POST or None, initial=initial, owners=scoping.owners_for(scope),
                              system_wide=scoping.may_administer(scope), issuers=queries.issuers_to_name(scope))


def _render_document_form(request: HttpRequest, form: forms.DocumentForm, title: str,
                          duplicate: Document | None, document: Document | None = None) -> HttpResponse:
    back = detail_url(document) if document else reverse("documents:list")
    return render(request, "documents/document_form.html", {
        "form": form, "title": title, "duplicate": duplicate, "document": document, "back": back})


def with_issuer(request: HttpRequest, values: dict[str, Any]) -> dict[str, Any]:
    """The values with their issuer: the one chosen, or else the committee of the owner under the abbreviation
    that ends the symbol ("KH/HU": HU), registered as an issuer when it first issues a document."""
    if values["issuer"] is not None:
        return values
    abbreviation = values["symbol"].rsplit("/", 1)[-1].strip() if "/" in values["symbol"] else ""
    if values["owner"] is None or not abbreviation:
        raise ValidationError({"issuer": _("Issuer: choose the issuing body, or write the symbol (for example "
                                           "KH/HU) when the office keeping the document issued it.")})
    issuer = domain.issuer_for_organisation(actor=request.user, organisation=values["owner"],
                                            abbreviation=abbreviation)
    return {**values, "issuer": issuer}


@requires(EDIT)
@FORM_METHODS
def create(request: HttpRequest) -> HttpResponse:
    form = _document_form(request, initial={"owner": request.GET.get("to_chuc", "")})
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused document leaves no new issuer behind
                document = domain.register_document(actor=request.user, **with_issuer(request, form.values()))
        except domain.DuplicateDocument as error:
            duplicate = error.existing
            form.add_error(None, error)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(document)s was registered.") % {"document": document})
            return redirect(detail_url(document))
    return _render_document_form(request, form, _("Register a document"), duplicate)


@requires(EDIT)
@FORM_METHODS
def edit(request: HttpRequest, document_id: int) -> HttpResponse:
    document = scoping.get_document(request, document_id, EDIT)
    form = _document_form(request, initial=forms.DocumentForm.initial_for(document))
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                domain.update_document(actor=request.user, document=document, **with_issuer(request, form.values()))
        except domain.DuplicateDocument as error:
            duplicate = error.existing
            form.add_error(None, error)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The changes to %(document)s were recorded.") % {"document": document})
            return redirect(detail_url(document))
    return _render_document_form(request, form, _("Edit the document"), duplicate, document)


# ---------------------------------------------------------------- status, links, files


def candidates(request: HttpRequest, document: Document) -> tuple[forms.PickForm, list[Document]]:
    """Visible documents matching the search box (for a link up or a replacement), this one left out."""
    pick = forms.PickForm(request.GET)
    q = pick.cleaned_data.get("q", "") if pick.is_valid() else ""
    if not q.strip():
        return pick, []
    found = queries.search(scoping.request_scope(request), queries.DocumentFilter(q=q)).exclude(pk=document.pk)
    return pick, list(found[:PICK_LIMIT])


@requires(EDIT)
@FORM_METHODS
def link(request: HttpRequest, document_id: int) -> HttpResponse:
    """Record that this document implements a higher one, chosen by searching."""
    document = scoping.get_document(request, document_id, EDIT)
    form = forms.ImplementsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visible = scoping.visible_documents(scoping.request_scope(request))
        implemented = visible.filter(pk=form.cleaned_data["implemented"]).first()
        try:
            if implemented is None:
                raise ValidationError(_("Implements: choose the higher document in the list."))
            domain.link_implements(actor=request.user, document=document, implemented=implemented,
                                   note=form.cleaned_data["note"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(document)s now implements %(implemented)s.") % {
                "document": document, "implemented": implemented})
            return redirect(detail_url(document))
    pick, found = candidates(request, document)
    return render(request, "documents/link.html", {"document": document, "form": form, "pick": pick,
                                                   "candidates": found})


@requires(EDIT)
@require_POST
def unlink(request: HttpRequest, document_id: int) -> HttpResponse:
    """Remove an implements link entered by mistake (POST from the document's page)."""
    document = scoping.get_document(request, document_id, EDIT)
    chosen = request.POST.get("implemented", "")
    # Only a document the user reads: a hidden one is refused as a missing one, unnamed.
    implemented = scoping.visible_documents(scoping.request_scope(request)).filter(pk=chosen).first() \
        if chosen.isdigit() else None
    try:
        if implemented is None:
            raise ValidationError(_("Implements: choose the link to remove."))
        domain.unlink_implements(actor=request.user, document=document, implemented=implemented)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The link to %(implemented)s was removed.") % {"implemented": implemented})
    return redirect(detail_url(document))


@requires(EDIT)
@FORM_METHODS
def set_status(request: HttpRequest, document_id: int) -> HttpResponse:
    """In force, replaced (by a document chosen by searching), expired or withdrawn."""
    document = scoping.get_document(request, document_id, EDIT)
    form = forms.StatusForm(request.POST or None, initial={"status": document.status,
                                                           "replaced_by": document.replaced_by_id})
    if request.method == "POST" and form.is_valid():
        replaced_by = None
        if form.cleaned_data["replaced_by"]:
            replaced_by = scoping.visible_documents(scoping.request_scope(request)).filter(
                pk=form.cleaned_data["replaced_by"]).first()
        try:
            domain.set_status(actor=request.user, document=document, status=form.cleaned_data["status"],
                              replaced_by=replaced_by)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The status of %(document)s was recorded.") % {"document": document})
            return redirect(detail_url(document))
    pick, found = candidates(request, document)
    if document.replaced_by is not None and document.replaced_by not in found:
        found.insert(0, document.replaced_by)
    return render(request, "documents/status.html", {"document": document, "form": form, "pick": pick,
                                                     "candidates": found})


@requires(EDIT)
@FORM_METHODS
def add_attachment(request: HttpRequest, document_id: int) -> HttpResponse:
    document = scoping.get_document(request, document_id, EDIT)
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachments.add_attachment(actor=request.user, document=document, name=upload.name or "",
                                       content=upload)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s was attached.") % {"name": upload.name})
            return redirect(detail_url(document))
    return render(request, "documents/attachment_form.html", {
        "document": document, "form": form, "limit": settings.XDD_ATTACHMENT_MAX_MB})
