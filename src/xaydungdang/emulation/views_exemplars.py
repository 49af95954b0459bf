"""Pages of the good models (mô hình hay, cách làm hiệu quả) and recognitions (ghi danh, biểu dương, khen thưởng):
lists with filters and the figures of the organisation chosen, the model list as .xlsx, a model with its
recognitions, recording and editing a model, ending it, recording a recognition, cancelling it.

Reads go through emulation.queries_exemplars within the scope (emulation.scoping: 404 outside it); writes go
through emulation.domain_exemplars, which names the field of each broken rule and writes nothing. The units that
copied a model are shown only where the reader reads them (the others are counted, not named).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.exporting import Column, Exporter, export_response
from xaydungdang.core.formatting import format_date
from xaydungdang.core.permissions import requires
from xaydungdang.emulation import domain_exemplars as domain
from xaydungdang.emulation import figures_exemplars as figures
from xaydungdang.emulation import forms_exemplars as forms_ex
from xaydungdang.emulation import queries_exemplars as queries
from xaydungdang.emulation import scoping
from xaydungdang.emulation.models import GoodModel, Recognition
from xaydungdang.meetings.scoping import default_root
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])
MODEL_ROWS = GoodModel.objects.select_related("field", "organisation", "member__person")
RECOGNITION_ROWS = Recognition.objects.select_related("organisation", "decision", "member__person", "good_model")


def model_url(model: GoodModel) -> str:
    return reverse("emulation:model_detail", kwargs={"model_id": model.pk})


def recognition_url(recognition: Recognition) -> str:
    return reverse("emulation:recognition_detail", kwargs={"recognition_id": recognition.pk})


def put_errors(form: forms.Form, error: ValidationError) -> None:
    """The domain's messages on the form: each on its field when the form has it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        for message in problems:
            form.add_error(field if field in form.fields else None, message)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _names(rows: Iterable[Any], day: dt.date) -> dict[int, str]:
    ids = {row.organisation_id for row in rows}
    return org_queries.names_on(ids, day) if ids else {}


# ---------------------------------------------------------------- good models


def _model_rows(request: HttpRequest, form: forms_ex.ModelFilterForm, now: dt.date
                ) -> tuple[Organisation | None, QuerySet[GoodModel]]:
    found = form.filters()
    root = found.get("to_chuc") or default_root(request, now)
    if root is None:
        return None, GoodModel.objects.none()
    rows = queries.models_in(root, day=now, holder=found.get("loai") or "", field=found.get("linh_vuc"),
                             kept=found.get("duy_tri") or "", year=found.get("nam"), q=found.get("q") or "")
    return root, scoping.visible(request, rows, since="recognised_on")


@requires(Capability.VIEW)
def model_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    form = forms_ex.ModelFilterForm(request.GET, organisations=scope.organisations())
    root, rows = _model_rows(request, form, now)
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    names = _names(page, now)
    for model in page:
        model.holder_name = queries.holder_name(model, names)  # type: ignore[attr-defined]
    start = dt.date(now.year, 1, 1)
    return render(request, "emulation/exemplars_model_list.html", {
        "form": form, "root": root, "page": page, "names": names, "query": _query_without_page(request),
        "figures": figures.of_node(root, start, now) if root else None, "start": start, "end": now,
        "can_record": scope.may_write(EDIT)})


class ModelExporter(Exporter):
    identifier = "mo-hinh-hay"
    label = gettext_lazy("Good models")

    def __init__(self, request: HttpRequest, rows: QuerySet[GoodModel], day: dt.date) -> None:
        super().__init__(request)
        readable = scoping.scope_of(request).organisations()
        self.rows_qs = rows.prefetch_related(Prefetch("copied_by", queryset=readable.order_by("code"),
                                                      to_attr="copied_readable"))
        self.day = day

    def columns(self) -> Sequence[Column]:
        return [Column("name", _("Name of the model"), 40), Column("holder", _("Of"), 12),
                Column("person", _("Held by"), 28), Column("field", _("Field"), 28),
                Column("organisation", _("Organisation"), 30), Column("started_year", _("Year started"), 10),
                Column("recognised_on", _("Recorded on"), 12, is_date=True),
                Column("ended_on", _("No longer kept up since"), 12, is_date=True),
                Column("copied_by", _("Units that copied it"), 30), Column("description", _("Description"), 50)]

    def rows(self) -> Iterable[Sequence[Any]]:
        models = list(self.rows_qs)
        names = _names(models, self.day)
        for m in models:
            yield [m.name, m.get_holder_display(), queries.holder_name(m, names) if m.holder == "individual" else "",
                   m.field.name, names.get(m.organisation_id, ""), m.started_year, m.recognised_on, m.ended_on,
                   ", ".join(o.name for o in m.copied_readable), m.description]  # type: ignore[attr-defined]


@requires(Capability.VIEW)
def model_export(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    form = forms_ex.ModelFilterForm(request.GET, organisations=scope.organisations())
    _root, rows = _model_rows(request, form, now)
    return export_response(ModelExporter(request, rows, now))


@requires(Capability.VIEW)
def model_detail(request: HttpRequest, model_id: int) -> HttpResponse:
    model = scoping.get_in_scope(request, MODEL_ROWS, model_id, since="recognised_on")
    scope = scoping.scope_of(request)
    copied = list(model.copied_by.filter(pk__in=scope.organisations().values("pk")).order_by("code"))
    recognitions = list(scoping.visible(request, RECOGNITION_ROWS.filter(good_model=model), since="date"))
    now = scope.reading_day(today())
    names = _names([model, *recognitions], now)
    return render(request, "emulation/exemplars_model_detail.html", {
        "model": model, "holder_name": queries.holder_name(model, names), "names": names, "copied": copied,
        "copied_elsewhere": model.copied_by.count() - len(copied), "recognitions": recognitions,
        "can_edit": model.ended_on is None and scoping.may_edit_organisation(request, model.organisation),
        "end_form": forms_ex.EndForm(initial={"ngay": today()})})


@requires(EDIT)
@FORM_METHODS
def model_create(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    initial = {"recognised_on": today(), "started_year": today().year,
               "organisation": request.GET.get("to_chuc", "").strip()}
    form = forms_ex.ModelForm(request.POST or None, scope=scope, organisations=scope.organisations(EDIT),
                              initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            model = domain.record_model(actor=request.user, **form.values())
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The good model was recorded."))
            return redirect(model_url(model))
    return render(request, "emulation/exemplars_form.html", {
        "form": form, "title": _("Record a good model"), "back": reverse("emulation:model_list")})


@requires(EDIT)
@FORM_METHODS
def model_edit(request: HttpRequest, model_id: int) -> HttpResponse:
    model = scoping.get_in_scope(request, MODEL_ROWS, model_id, capability=EDIT)
    scope = scoping.scope_of(request)
    copied = list(model.copied_by.order_by("code"))
    readable = set(scope.organisations().filter(pk__in=[o.pk for o in copied]).values_list("pk", flat=True))
    # Units the editor does not read are neither shown nor dropped: they are kept as they are.
    hidden = [o for o in copied if o.pk not in readable]
    form = forms_ex.ModelForm(request.POST or None, scope=scope, organisations=Organisation.objects.none(),
                              editing=True, initial=forms_ex.ModelForm.initial_for(
                                  model, [o for o in copied if o.pk in readable]))
    seen = request.POST.get("seen") or model.updated_at.isoformat()
    if model.ended_on is not None:
        form.add_error(None, _("This model is no longer kept up since %(day)s: it can no longer be changed.") % {
            "day": format_date(model.ended_on)})
    elif request.method == "POST" and form.is_valid():
        values = form.values()
        values["copied_by"] = [*values["copied_by"], *hidden]
        try:
            domain.update_model(actor=request.user, model=model, seen=dt.datetime.fromisoformat(seen), **values)
        except (ValidationError, ValueError) as error:
            put_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, _("The good model was changed."))
            return redirect(model_url(model))
    return render(request, "emulation/exemplars_form.html", {
        "form": form, "title": _("Edit the good model"), "subject": model.name, "back": model_url(model),
        "seen": seen})


@requires(EDIT)
@require_POST
def model_end(request: HttpRequest, model_id: int) -> HttpResponse:
    model = scoping.get_in_scope(request, MODEL_ROWS, model_id, capability=EDIT)
    form = forms_ex.EndForm(request.POST)
    if not form.is_valid():
        for problems in form.errors.values():
            for message in problems:
                messages.error(request, str(message))
        return redirect(model_url(model))
    try:
        domain.end_model(actor=request.user, model=model, on=form.cleaned_data.get("ngay"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, str(message))
    else:
        messages.success(request, _("The model is recorded as no longer kept up; it no longer counts from then."))
    return redirect(model_url(model))


# ---------------------------------------------------------------- recognitions


@requires(Capability.VIEW)
def recognition_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    form = forms_ex.RecognitionFilterForm(request.GET, organisations=scope.organisations())
    start, end = form.period(now)
    found = dict(form.cleaned_data) if form.is_valid() else {}
    root = found.get("to_chuc") or default_root(request, end)
    rows = queries.recognitions_in(root, start, end, form=found.get("hinh_thuc") or "",
                                   holder=found.get("loai") or "") if root else Recognition.objects.none()
    rows = scoping.visible(request, rows, since="date")
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    names = _names(page, end)
    for recognition in page:
        recognition.holder_name = queries.holder_name(recognition, names)  # type: ignore[attr-defined]
    return render(request, "emulation/exemplars_recognition_list.html", {
        "form": form, "root": root, "page": page, "names": names, "start": start, "end": end,
        "query": _query_without_page(request), "figures": figures.of_node(root, start, end) if root else None,
        "can_record": scope.may_write(EDIT)})


def _recognition_initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {"date": today(), "organisation": request.GET.get("to_chuc", "").strip()}
    text = request.GET.get("mo_hinh", "").strip()
    model = scoping.visible(request, MODEL_ROWS, since="recognised_on").filter(pk=int(text)).first() \
        if text.isdigit() else None
    if model is not None:
        initial |= {"good_model": model.pk, "holder": model.holder, "organisation": model.organisation.code,
                    "member": model.member, "person_name": model.person_name}
    return initial


@requires(EDIT)
@FORM_METHODS
def recognition_create(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    models = scoping.visible(request, GoodModel.objects.all(), since="recognised_on")
    form = forms_ex.RecognitionForm(request.POST or None, scope=scope, organisations=scope.organisations(EDIT),
                                    models=models, initial=_recognition_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            recognition = domain.record_recognition(actor=request.user, **form.values())
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The recognition was recorded."))
            return redirect(recognition_url(recognition))
    return render(request, "emulation/exemplars_form.html", {
        "form": form, "title": _("Record a recognition"), "back": reverse("emulation:recognition_list")})


@requires(Capability.VIEW)
def recognition_detail(request: HttpRequest, recognition_id: int) -> HttpResponse:
    recognition = scoping.get_in_scope(request, RECOGNITION_ROWS, recognition_id, since="date")
    from xaydungdang.documents.scoping import visible_documents

    scope = scoping.scope_of(request)
    names = _names([recognition], recognition.date)
    model = recognition.good_model
    model_visible = model is not None and scoping.visible(
        request, GoodModel.objects.filter(pk=model.pk), since="recognised_on").exists()
    return render(request, "emulation/exemplars_recognition_detail.html", {
        "recognition": recognition, "names": names, "holder_name": queries.holder_name(recognition, names),
        "decision_visible": visible_documents(scope).filter(pk=recognition.decision_id).exists(),
        "model": model if model_visible else None,
        "can_cancel": recognition.cancelled_on is None
        and scoping.may_edit_organisation(request, recognition.organisation)})


@requires(EDIT)
@require_POST
def recognition_cancel(request: HttpRequest, recognition_id: int) -> HttpResponse:
    recognition = scoping.get_in_scope(request, RECOGNITION_ROWS, recognition_id, capability=EDIT)
    try:
        domain.cancel_recognition(actor=request.user, recognition=recognition)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, str(message))
    else:
        messages.success(request, _("The recognition was cancelled; it no longer counts."))
    return redirect(recognition_url(recognition))
