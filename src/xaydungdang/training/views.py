"""Training pages (/boi-duong/): the list of classes with filters, a class with its people, opening, editing and
cancelling a class, enrolling members and candidates, withdrawing one, entering results.

Reads go through training.queries within the scope (training.scoping: 404 outside it); writes go through
training.domain, which names the broken rule and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.dates import today
from xaydungdang.core.permissions import requires
from xaydungdang.training import domain, forms, queries, scoping
from xaydungdang.training.models import Enrolment, TrainingClass

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])


def _scope(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def _may_edit(request: HttpRequest, training_class: TrainingClass) -> bool:
    scope = _scope(request)
    return bool(training_class.cancelled_on is None and scope.has(EDIT) and scope.organisations(EDIT).filter(
        pk=training_class.organiser_id).exists())


def _add_errors(form: django_forms.BaseForm, error: ValidationError) -> None:
    form.add_error(None, error.messages)


def _form_page(request: HttpRequest, form: django_forms.BaseForm, perform: Callable[[dict[str, Any]], str], *,
               title: str, done: str, back: str, subject: Any = None) -> HttpResponse:
    """A valid form runs the domain step; its refusal is shown above the form (409 when the class's state no
    longer allows it, e.g. cancelled meanwhile)."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            target = perform(form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            status = 409 if isinstance(error, StateConflict) else 200
        else:
            messages.success(request, done)
            return redirect(target)
    return render(request, "training/form.html", {"form": form, "title": title, "back": back, "subject": subject},
                  status=status)


def _detail_url(training_class: TrainingClass) -> str:
    return reverse("training:detail", kwargs={"class_id": training_class.pk})


# ---------------------------------------------------------------- reads


@requires(Capability.VIEW)
def class_list(request: HttpRequest) -> HttpResponse:
    form = forms.ClassFilterForm(request.GET or None, types=queries.class_types(),
                                 organisations=_scope(request).organisations())
    chosen = form.values() if request.GET else {}
    classes = scoping.visible_classes(request)
    if chosen.get("to_chuc") is not None:
        classes = classes.filter(pk__in=queries.classes_in(chosen["to_chuc"], cancelled=True).values("pk"))
    if chosen.get("nam"):
        classes = classes.filter(start__year=chosen["nam"])
    if chosen.get("loai"):
        classes = classes.filter(class_type__code=chosen["loai"])
    page = Paginator(queries.with_counts(classes).order_by("-start", "-pk"), settings.XDD_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "training/list.html", {"form": form, "page": page, "figures": _figures(chosen),
                                                  "can_add": _scope(request).may_write(EDIT)})


def _figures(chosen: dict[str, Any]) -> str:
    """"29 hội nghị tập huấn cho 6.685 lượt" for the organisation chosen (its subtree), year and type."""
    organisation = chosen.get("to_chuc")
    if organisation is None:
        return ""
    year = chosen.get("nam")
    start, end = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else (dt.date.min, dt.date.max)
    class_type = queries.class_types().filter(code=chosen.get("loai") or "").first()
    figures = queries.figures(organisation, start, end, class_type=class_type)
    return figures.sentence(class_type.name.lower() if class_type else _("classes"))


@requires(Capability.VIEW)
def class_detail(request: HttpRequest, class_id: int) -> HttpResponse:
    training_class = scoping.get_class(request, class_id)
    enrolments = list(queries.enrolments_of(training_class))
    active = [e for e in enrolments if e.withdrawn_on is None]
    return render(request, "training/detail.html", {
        "c": training_class, "enrolments": enrolments, "enrolled": len(active),
        "candidates": sum(e.is_candidate for e in active),
        "completed": sum(e.result == Enrolment.Result.COMPLETED for e in active),
        "participants": len(active) + training_class.others_count,
        "can_edit": _may_edit(request, training_class)})


# ---------------------------------------------------------------- writes


@requires(EDIT)
@FORM_METHODS
def create_class(request: HttpRequest) -> HttpResponse:
    form = forms.ClassForm(request.POST or None, organisations=_scope(request).organisations(EDIT),
                           initial={"start": today(), "end": today(), "others_count": 0})

    def perform(d: dict[str, Any]) -> str:
        return _detail_url(domain.create_class(actor=request.user, values=d))

    return _form_page(request, form, perform, title=_("Open a class"), back=reverse("training:list"),
                      done=_("The class was opened."))


@requires(EDIT)
@FORM_METHODS
def edit_class(request: HttpRequest, class_id: int) -> HttpResponse:
    training_class = scoping.get_class(request, class_id, EDIT)
    initial = {name: getattr(training_class, name) for name in domain.CLASS_FIELDS}
    initial["organiser"] = training_class.organiser.code
    form = forms.ClassForm(request.POST or None, organisations=_scope(request).organisations(EDIT), initial=initial)

    def perform(d: dict[str, Any]) -> str:
        return _detail_url(domain.update_class(actor=request.user, training_class=training_class, values=d))

    return _form_page(request, form, perform, title=_("Edit the class"), back=_detail_url(training_class),
                      subject=training_class, done=_("The class was changed."))


@requires(EDIT)
@FORM_METHODS
def cancel_class(request: HttpRequest, class_id: int) -> HttpResponse:
    training_class = scoping.get_class(request, class_id, EDIT)
    form = forms.CancelForm(request.POST or None)

    def perform(d: dict[str, Any]) -> str:
        domain.cancel_class(actor=request.user, training_class=training_class, on=d["on"])
        return _detail_url(training_class)

    return _form_page(request, form, perform, title=_("Cancel the class"), back=_detail_url(training_class),
                      subject=training_class, done=_("The class was cancelled."))


def _person_ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit() and len(v) <= 18]


@requires(EDIT)
@FORM_METHODS
def enrol(request: HttpRequest, class_id: int) -> HttpResponse:
    """Pick members and candidates of the organiser's subtree (on the class's first day) by name."""
    training_class = scoping.get_class(request, class_id, EDIT)
    q = request.GET.get("q", "").strip()[:200]
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            made = domain.enrol(actor=request.user, training_class=training_class,
                                people=_person_ids(request.POST.getlist("person")))
        except ValidationError as error:
            errors, status = error.messages, 409 if isinstance(error, StateConflict) else 200
        else:
            messages.success(request, _("%(n)s people were enrolled.") % {"n": len(made)})
            return redirect(_detail_url(training_class))
    return render(request, "training/enrol.html", {
        "c": training_class, "q": q, "errors": errors, "found": queries.search_eligible(training_class, q)},
        status=status)


@requires(EDIT)
@require_POST
def withdraw(request: HttpRequest, class_id: int) -> HttpResponse:
    training_class = scoping.get_class(request, class_id, EDIT)
    ids = _person_ids([request.POST.get("person", "")])
    enrolment = Enrolment.objects.filter(training_class=training_class, person_id__in=ids).select_related(
        "person", "training_class").first()
    if enrolment is None:
        messages.error(request, _("Choose a person enrolled in the class."))
        return redirect(_detail_url(training_class))
    try:
        domain.withdraw(actor=request.user, enrolment=enrolment, on=today())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s was withdrawn from the class.") % {"person": enrolment.person})
    return redirect(_detail_url(training_class))


def _results(form: forms.ResultsForm, day: dt.date | None) -> list[domain.Result]:
    return [domain.Result(person=e.person_id, result=form.cleaned_data[f"result-{e.person_id}"],
                          grade=form.cleaned_data.get(f"grade-{e.person_id}") or "", completed_on=day)
            for e in form.enrolments]


@requires(EDIT)
@FORM_METHODS
def results(request: HttpRequest, class_id: int) -> HttpResponse:
    """Completion and grade per person: one card per person, fit for a phone."""
    training_class = scoping.get_class(request, class_id, EDIT)
    enrolments = [e for e in queries.enrolments_of(training_class) if e.withdrawn_on is None]
    form = forms.ResultsForm(request.POST or None, enrolments=enrolments)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            domain.record_results(actor=request.user, training_class=training_class,
                                  results=_results(form, form.cleaned_data.get("completed_on")))
        except ValidationError as error:
            _add_errors(form, error)
            status = 409 if isinstance(error, StateConflict) else 200
        else:
            messages.success(request, _("The results were recorded."))
            return redirect(_detail_url(training_class))
    return render(request, "training/results.html", {"c": training_class, "form": form}, status=status)
