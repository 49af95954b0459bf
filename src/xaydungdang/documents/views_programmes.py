"""Action programme pages: sections, tasks and targets of a plan or programme with the progress of each target,
and the forms that add a section, a task or a target (documents.programmes does the writes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core import indicators
from xaydungdang.core.permissions import requires
from xaydungdang.documents import forms, programmes, scoping
from xaydungdang.documents.models import Document, Section, Target
from xaydungdang.documents.views import add_errors, can_edit, detail_url
from xaydungdang.organisations.models import Organisation

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])


@dataclass
class TargetRow:
    target: Target
    progress: programmes.TargetProgress
    shown: list[programmes.OrganisationProgress]  # responsible organisations the reader sees
    hidden: int  # responsible organisations outside the reader's scope (not shown)
    indicator_name: str  # read here: a template would call the (callable) indicator instead
    responsible: list[Organisation]  # those within the reader's scope: the others are not named


def programme_url(document: Document) -> str:
    return reverse("documents:programme", kwargs={"document_id": document.pk})


def _rows(request: HttpRequest, sections: list[Section]) -> dict[int, TargetRow]:
    """Target id -> its progress, limited to the responsible organisations the reader may see."""
    targets = [t for s in sections for task in s.tasks.all() for t in task.targets.all()]
    responsible = {o.pk for t in targets for o in t.responsible.all()}
    visible = set(scoping.request_scope(request).organisations(Capability.VIEW).filter(pk__in=responsible).values_list(
        "pk", flat=True)) if responsible else set()
    rows = {}
    for target in targets:
        scoped = programmes.scoped_progress(target, visible)
        progress = scoped.progress
        rows[target.pk] = TargetRow(target, progress, scoped.shown, scoped.hidden,
                                    str(progress.indicator.name) if progress.indicator else "", scoped.responsible)
    return rows


@requires(Capability.VIEW)
def programme(request: HttpRequest, document_id: int) -> HttpResponse:
    document = scoping.get_document(request, document_id)
    sections = programmes.programme_structure(document)
    return render(request, "documents/programme.html", {
        "document": document, "sections": sections, "rows": _rows(request, sections),
        "can_edit": can_edit(scoping.request_scope(request), document)})


def _programme_step(request: HttpRequest, document: Document, form: django_forms.BaseForm, title: str,
                    perform: Callable[[dict[str, Any]], object], extra: dict[str, Any] | None = None) -> HttpResponse:
    """Shared flow: a valid form runs the programme function; its refusal is shown above the form."""
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Recorded in the programme: %(step)s.") % {"step": title})
            return redirect(programme_url(document))
    return render(request, "documents/step.html", {
        "form": form, "title": title, "document": document, "back": programme_url(document),
        "not_a_programme": not document.doc_type.holds_programme, **(extra or {})})


@requires(EDIT)
@FORM_METHODS
def add_section(request: HttpRequest, document_id: int) -> HttpResponse:
    document = scoping.get_document(request, document_id, EDIT)
    form = forms.SectionForm(request.POST or None)
    return _programme_step(request, document, form, _("Add a section"), lambda d: programmes.add_section(
        actor=request.user, document=document, title=d["title"]))


@requires(EDIT)
@FORM_METHODS
def add_task(request: HttpRequest, document_id: int) -> HttpResponse:
    document = scoping.get_document(request, document_id, EDIT)
    form = forms.TaskForm(request.POST or None, document=document, initial={"section": request.GET.get("muc")})
    return _programme_step(request, document, form, _("Add a task"), lambda d: programmes.add_task(
        actor=request.user, section=d["section"], title=d["title"], description=d["description"]))


@requires(EDIT)
@FORM_METHODS
def add_target(request: HttpRequest, document_id: int) -> HttpResponse:
    document = scoping.get_document(request, document_id, EDIT)
    form = forms.TargetForm(request.POST or None, document=document,
                            organisations=scoping.request_scope(request).organisations(Capability.VIEW),
                            initial={"task": request.GET.get("nhiem_vu"), "deadline": forms.default_deadline(),
                                     "comparator": Target.Comparator.AT_LEAST})
    return _programme_step(request, document, form, _("Add a target"), lambda d: programmes.add_target(
        actor=request.user, task=d["task"], description=d["description"], value=d["value"], deadline=d["deadline"],
        comparator=d["comparator"], indicator_code=d["indicator_code"], unit=d["unit"],
        period_start=d["period_start"], responsible=d["responsible"] or None),
        extra={"indicators": indicators.all()})


__all__ = ["add_section", "add_target", "add_task", "detail_url", "programme"]
