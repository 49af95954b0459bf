"""Pages of briefings and opinions: the feedback index, briefings (list by organisation and period, record, edit,
cancel, detail with its opinions), opinions (list with filters and its .xlsx export, record at a briefing or
outside one, detail, edit, assign, answer, cancel), the overdue list and the figures page.

Reads go through feedback.scoping (404 outside the scope; an opinion is visible where raised or where assigned);
writes go through feedback.domain_opinions, which names the broken rule and writes nothing. The raiser's identity
is shown only where `identity_shown` (scoping.with_permissions) holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.dates import today
from xaydungdang.core.exporting import Column, Exporter, export_response
from xaydungdang.core.formatting import format_date, ratio_percent
from xaydungdang.core.permissions import requires
from xaydungdang.feedback import domain_opinions as domain
from xaydungdang.feedback import figures_opinions as figures
from xaydungdang.feedback import forms_opinions as forms
from xaydungdang.feedback import scoping
from xaydungdang.feedback.models import Briefing, Opinion
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])


def briefing_url(briefing: Briefing) -> str:
    return reverse("feedback:briefing_detail", kwargs={"briefing_id": briefing.pk})


def opinion_url(opinion: Opinion) -> str:
    return reverse("feedback:opinion_detail", kwargs={"opinion_id": opinion.pk})


def _root(request: HttpRequest, day: dt.date, form: Any = None) -> Organisation | None:
    chosen = form.cleaned_data.get("to_chuc") if form is not None and form.is_valid() else None
    if chosen is not None:
        return chosen  # type: ignore[no-any-return]
    text = request.GET.get("to_chuc", "").strip()
    if text:
        return scoping.organisation_named(request, text)
    return scoping.default_root(request, day)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _url_if(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


# ---------------------------------------------------------------- index


@requires(Capability.VIEW)
def index(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    root = scoping.default_root(request, now)
    found = figures.node_figures(root, dt.date(now.year, 1, 1), now) if root else None
    links = [(gettext_lazy("Briefings"), reverse("feedback:briefing_list")),
             (gettext_lazy("Opinions and petitions"), reverse("feedback:opinion_list")),
             (gettext_lazy("Overdue opinions"), reverse("feedback:opinion_overdue")),
             (gettext_lazy("Figures of briefings and opinions"), reverse("feedback:opinion_figures"))]
    for label, name in ((pgettext_lazy("feedback index", "Recommendations upward"), "feedback:recommendation_list"),
                        (pgettext_lazy("feedback index", "Communication work"), "feedback:communication")):
        if url := _url_if(name):
            links.append((label, url))
    return render(request, "feedback/index.html", {
        "root": root, "figures": found, "year": now.year, "links": links,
        "rate": ratio_percent(found["opinions_answered"], found["opinions"]) if found and found["opinions"] else None,
        "can_record": scope.may_write(EDIT)})


# ---------------------------------------------------------------- briefings


@requires(Capability.VIEW)
def briefing_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    form = forms.BriefingFilterForm(request.GET, organisations=scope.organisations())
    start, end = form.period(now)
    root = _root(request, end, form)
    rows: QuerySet[Briefing] = Briefing.objects.none()
    if root is not None:
        data = form.cleaned_data if form.is_valid() else {}
        held = Q(organisation=root) if data.get("noi_hop") == "cap" else placed_under_q(
            root, field="organisation_id", date="date")
        status = {"da_hop": Q(cancelled_on__isnull=True), "huy": Q(cancelled_on__isnull=False)}.get(
            data.get("trang_thai") or "", Q())
        rows = scoping.visible_briefings(request).filter(held, status, date__gte=start, date__lte=end)
    rows = _with_opinion_counts(rows).order_by("-date", "-id")
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    names = org_queries.names_on({b.organisation_id for b in page}, end) if page else {}
    return render(request, "feedback/opinions_briefing_list.html", {
        "form": form, "root": root, "start": start, "end": end, "page": page, "names": names,
        "query": _query(request), "can_record": scope.may_write(EDIT)})


def _with_opinion_counts(rows: QuerySet[Briefing]) -> QuerySet[Briefing]:
    from django.db.models import Count

    live = Q(opinions__cancelled_on__isnull=True)
    return rows.annotate(opinion_count=Count("opinions", filter=live, distinct=True),
                         answered_count=Count("opinions", filter=live & Q(opinions__answered_on__isnull=False),
                                              distinct=True))


@requires(Capability.VIEW)
def briefing_detail(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = scoping.get_briefing(request, briefing_id)
    version = org_queries.version_on(briefing.organisation_id, briefing.date)
    opinions = list(scoping.with_permissions(request, scoping.visible_opinions(request).filter(briefing=briefing))
                    .select_related("topic", "source_group", "assigned_to").order_by("pk"))
    may_write = scoping.writable_briefings(request).filter(pk=briefing.pk).exists()
    participants = org_queries.names_on(set(briefing.participants.values_list("pk", flat=True)), briefing.date)
    return render(request, "feedback/opinions_briefing_detail.html", {
        "briefing": briefing, "held_by": version.name if version else briefing.organisation.name,
        "participants": sorted(participants.values()), "opinions": opinions, "today": today(),
        "names": _names(opinions, briefing.date),
        "can_edit": may_write and briefing.cancelled_on is None})


def _readable(request: HttpRequest) -> QuerySet[Organisation]:
    return scoping.scope_of(request).organisations()  # type: ignore[no-any-return]


@requires(EDIT)
@FORM_METHODS
def briefing_create(request: HttpRequest) -> HttpResponse:
    organisations = scoping.writable_organisations(request)
    initial: dict[str, Any] = {"date": today()}
    if text := request.GET.get("to_chuc", "").strip():
        initial["to_chuc"] = text
    form = forms.BriefingForm(request.POST or None, organisations=organisations, readable=_readable(request),
                              initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            briefing = domain.record_briefing(actor=request.user, organisation=form.cleaned_data["to_chuc"],
                                              **form.values())
        except ValidationError as error:
            forms.attach(form, error)
        else:
            messages.success(request, _("The briefing was recorded. Now record the opinions raised at it."))
            return redirect(briefing_url(briefing))
    return render(request, "feedback/opinions_form.html", {"form": form, "title": _("Record a briefing"),
                                                           "back": reverse("feedback:briefing_list")})


@requires(EDIT)
@FORM_METHODS
def briefing_edit(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = scoping.get_briefing(request, briefing_id, EDIT)
    initial = {name: getattr(briefing, name) for name in domain.BRIEFING_FIELDS}
    initial["participant_codes"] = ", ".join(briefing.participants.order_by("code").values_list("code", flat=True))
    form = forms.BriefingForm(request.POST or None, organisations=Organisation.objects.none(),
                              readable=_readable(request), fixed=True, initial=initial)
    if briefing.cancelled_on is not None:
        form.add_error(None, _("This briefing was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(briefing.cancelled_on)})
    elif request.method == "POST" and form.is_valid():
        try:
            domain.update_briefing(actor=request.user, briefing=briefing, **form.values())
        except ValidationError as error:
            forms.attach(form, error)
        else:
            messages.success(request, _("The briefing was changed."))
            return redirect(briefing_url(briefing))
    return render(request, "feedback/opinions_form.html", {"form": form, "title": _("Edit the briefing"),
                                                           "subject": str(briefing), "back": briefing_url(briefing)})


def _flash(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@requires(EDIT)
@require_POST
def briefing_cancel(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = scoping.get_briefing(request, briefing_id, EDIT)
    try:
        domain.cancel_briefing(actor=request.user, briefing=briefing)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("The briefing was cancelled; it no longer counts."))
    return redirect(briefing_url(briefing))


# ---------------------------------------------------------------- opinions: lists


def _status_q(status: str, day: dt.date, end: dt.date) -> Q:
    """The status filter; "answered" as the figures count it: answered by the period's end."""
    live = Q(cancelled_on__isnull=True)
    return {"counted": live, "open": live & Q(answered_on__isnull=True),
            "answered": live & Q(answered_on__lte=end), "overdue": figures.overdue_q(day),
            "cancelled": Q(cancelled_on__isnull=False)}.get(status, Q())


def _raised_q(where: str, root: Organisation) -> Q:
    """Where the opinion was raised: at `root` itself ("cap"), in its subtree on the raising day ("cay"), or else
    raised there or assigned to it (the default of the lists)."""
    if where == "cap":
        return Q(organisation=root)
    if where == "cay":
        return placed_under_q(root, field="organisation_id", date="raised_on")
    return figures.concerning_q(root, today())


def filtered_opinions(request: HttpRequest, form: forms.OpinionFilterForm) -> tuple[QuerySet[Opinion], Any]:
    """The opinions of the list (and its export): visible, concerning the chosen organisation's subtree, raised in
    the period, with the status, topic and "assigned to my organisation" filters; annotated with permissions."""
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    start, end = form.period(now)
    root = _root(request, end, form)
    context = {"root": root, "start": start, "end": end}
    if root is None:
        return Opinion.objects.none(), context
    data = form.cleaned_data if form.is_valid() else {}
    rows = scoping.visible_opinions(request).filter(_raised_q(data.get("noi_neu") or "", root),
                                                    raised_on__gte=start, raised_on__lte=end)
    rows = rows.filter(_status_q(data.get("trang_thai") or "", today(), end))
    if data.get("chu_de"):
        rows = rows.filter(topic=data["chu_de"])
    if data.get("nhom_nguon"):
        rows = rows.filter(source_group=data["nhom_nguon"])
    if data.get("giao_cho_toi"):
        rows = rows.filter(scoping.assigned_to_me_q(request))
    rows = scoping.with_permissions(request, rows).select_related("topic", "source_group", "assigned_to")
    return rows.order_by("-raised_on", "-id"), context


def _names(opinions: Iterable[Opinion], day: dt.date) -> dict[int, str]:
    ids = {o.organisation_id for o in opinions} | {o.assigned_to_id for o in opinions if o.assigned_to_id}
    return org_queries.names_on(ids, day)


@requires(Capability.VIEW)
def opinion_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    form = forms.OpinionFilterForm(request.GET, organisations=scope.organisations())
    rows, context = filtered_opinions(request, form)
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "feedback/opinions_list.html", {
        **context, "form": form, "page": page, "names": _names(page, today()) if page else {},
        "today": today(), "query": _query(request), "can_record": scope.may_write(EDIT),
        "title": _("Opinions and petitions"), "export": True})


@requires(Capability.VIEW)
def opinion_overdue(request: HttpRequest) -> HttpResponse:
    """Every overdue opinion concerning the organisation's subtree, whenever raised, oldest deadline first."""
    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    root = _root(request, now)
    rows: QuerySet[Opinion] = Opinion.objects.none()
    if root is not None:
        rows = scoping.with_permissions(request, scoping.visible_opinions(request).filter(
            figures.concerning_q(root, today()), figures.overdue_q(today()))).select_related(
            "topic", "source_group", "assigned_to").order_by("due_on", "id")
    page = Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "feedback/opinions_overdue.html", {
        "root": root, "page": page, "names": _names(page, today()) if page else {}, "today": today(),
        "query": _query(request)})


class OpinionExporter(Exporter):
    """The opinion list as a spreadsheet; the raiser's name and contact only on the rows whose identity the user
    may see (consented, and the user may edit the opinion): empty otherwise."""

    identifier = "y-kien"
    label = gettext_lazy("Opinions and petitions")

    def __init__(self, request: HttpRequest, rows: QuerySet[Opinion], root: Organisation | None = None) -> None:
        super().__init__(request)
        self.opinions, self.root, self.named = rows, root, 0

    def exported(self, row_count: int) -> None:
        """A file that carries raisers' names is a logged read (who took it, how many names, with which filters)."""
        if self.named and self.root is not None:
            log_action("feedback.opinion.identity_exported", actor=self.request.user, obj=self.root,
                       organisation=self.root, change=False,
                       extra={"rows": row_count, "named": self.named,
                              "filters": {k: v for k, v in self.request.GET.items() if v}})

    def columns(self) -> Sequence[Column]:
        return [Column("raised_on", _("Raised on"), 12, is_date=True), Column("organisation", _("Raised at"), 30),
                Column("kind", _("Kind"), 14), Column("topic", _("Topic"), 26),
                Column("source_group", _("Source group"), 24), Column("content", _("Content"), 60),
                Column("assigned_to", _("Assigned to"), 30), Column("due_on", _("Answer due by"), 12, is_date=True),
                Column("answered_on", _("Answered on"), 12, is_date=True), Column("answer", _("Answer"), 60),
                Column("status", _("Status"), 14), Column("raiser_name", _("Raiser's name"), 24),
                Column("raiser_contact", _("Raiser's contact"), 24)]

    def rows(self) -> Iterable[Sequence[Any]]:
        now = today()
        opinions = list(self.opinions)
        names = _names(opinions, now)
        for o in opinions:
            shown = bool(getattr(o, "identity_shown", False)) and bool(o.raiser_name or o.raiser_contact)
            self.named += shown
            body = names.get(o.assigned_to_id or 0, "") if o.assigned_to_id else o.assigned_to_name
            yield [o.raised_on, names.get(o.organisation_id, ""), o.get_kind_display(), o.topic.name,
                   o.source_group.name, o.content, body, o.due_on, o.answered_on, o.answer, status_label(o, now),
                   o.raiser_name if shown else "", o.raiser_contact if shown else ""]


def status_label(opinion: Opinion, day: dt.date) -> str:
    if opinion.cancelled_on is not None:
        return _("cancelled")
    if opinion.answered_on is not None:
        return _("answered")
    if opinion.due_on is not None and opinion.due_on < day:
        return _("overdue")
    return _("waiting for an answer")


@requires(Capability.VIEW)
def opinion_export(request: HttpRequest) -> HttpResponse:
    form = forms.OpinionFilterForm(request.GET, organisations=scoping.scope_of(request).organisations())
    rows, context = filtered_opinions(request, form)
    return export_response(OpinionExporter(request, rows, context["root"]))


# ---------------------------------------------------------------- an opinion


@requires(Capability.VIEW)
def opinion_detail(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = scoping.get_opinion(request, opinion_id)
    open_ = opinion.cancelled_on is None
    answer_form = None
    if open_ and opinion.answered_on is None and opinion.may_answer:  # type: ignore[attr-defined]
        answer_form = forms.AnswerForm(initial={"answered_on": today(), "seen": opinion.updated_at.isoformat(),
                                                "answered_by_name": domain.default_answering_body(opinion)})
    names = _names([opinion], opinion.raised_on)
    return render(request, "feedback/opinions_detail.html", {
        "opinion": opinion, "names": names, "raised_at": names.get(opinion.organisation_id, ""),
        "assigned": (names.get(opinion.assigned_to_id, "") or str(opinion.assigned_to)) if opinion.assigned_to_id
        else opinion.assigned_to_name, "status": status_label(opinion, today()), "answer_form": answer_form,
        "briefing_visible": opinion.briefing_id is not None and scoping.visible_briefings(request).filter(
            pk=opinion.briefing_id).exists(),
        "can_edit": open_ and opinion.may_edit,  # type: ignore[attr-defined]
        "can_assign": open_ and opinion.may_edit and opinion.answered_on is None})  # type: ignore[attr-defined]


@requires(EDIT)
@FORM_METHODS
def opinion_create(request: HttpRequest) -> HttpResponse:
    """Record an opinion: at the briefing ?hoi_nghi=<id> names (its committee and date), else received outside a
    briefing by an organisation on a day."""
    briefing = None
    if text := request.GET.get("hoi_nghi", "").strip():
        briefing = scoping.get_briefing(request, int(text) if text.isdigit() else 0, EDIT)
    organisations = scoping.writable_organisations(request)
    initial: dict[str, Any] = {"raised_on": today()}
    form = forms.OpinionForm(request.POST or None, organisations=organisations, at_briefing=briefing is not None,
                             initial=initial)
    assign = forms.AssignForm(request.POST or None, prefix="giao", bodies=_bodies(request))
    if request.method == "POST" and form.is_valid() and assign.is_valid():
        assignment = {k: v for k, v in assign.values().items() if v}
        try:
            opinion = domain.record_opinion(
                actor=request.user, briefing=briefing, organisation=form.cleaned_data.get("to_chuc"),
                raised_on=form.cleaned_data.get("raised_on") if briefing is None else None, **form.values(),
                **assignment)
        except ValidationError as error:
            _attach_both(form, assign, error)
        else:
            messages.success(request, _("The opinion was recorded."))
            if "them" in request.POST and briefing is not None:
                return redirect(f"{reverse('feedback:opinion_create')}?hoi_nghi={briefing.pk}")
            return redirect(opinion_url(opinion))
    back = briefing_url(briefing) if briefing else reverse("feedback:opinion_list")
    return render(request, "feedback/opinions_opinion_form.html", {
        "form": form, "assign": assign, "briefing": briefing, "title": _("Record an opinion or petition"),
        "back": back})


def _attach_both(form: forms.OpinionForm, assign: forms.AssignForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages_ in error.message_dict.items():
        name = forms.FIELD_NAMES.get(key, key)
        if name in assign.fields:
            assign.add_error(name, messages_)
        else:
            form.add_error(name if name in form.fields else None, messages_)


def _bodies(request: HttpRequest) -> QuerySet[Organisation]:
    """What an assignment may name: the organisations in the scope and the committees above them (the domain
    checks the opinion's own rule)."""
    scope = scoping.scope_of(request)
    return Organisation.objects.filter(Q(pk__in=scope.organisations().values("pk")) |
                                       Q(pk__in=scope.ancestor_ids()))


@requires(EDIT)
@FORM_METHODS
def opinion_edit(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = scoping.get_opinion(request, opinion_id)
    if not opinion.may_edit:  # type: ignore[attr-defined]
        from django.http import Http404

        raise Http404
    initial = {name: getattr(opinion, name) for name in domain.OPINION_FIELDS}
    form = forms.OpinionForm(request.POST or None, initial=initial)
    if opinion.cancelled_on is not None:
        form.add_error(None, _("This opinion was cancelled on %(day)s: it can no longer be changed.") % {
            "day": format_date(opinion.cancelled_on)})
    elif request.method == "POST" and form.is_valid():
        try:
            domain.update_opinion(actor=request.user, opinion=opinion, **form.values())
        except ValidationError as error:
            forms.attach(form, error)
        else:
            messages.success(request, _("The opinion was changed."))
            return redirect(opinion_url(opinion))
    return render(request, "feedback/opinions_opinion_form.html", {
        "form": form, "title": _("Edit the opinion"), "subject": str(opinion), "back": opinion_url(opinion)})


def _editable(request: HttpRequest, opinion_id: int) -> Opinion:
    from django.http import Http404

    opinion = scoping.get_opinion(request, opinion_id)
    if not opinion.may_edit:  # type: ignore[attr-defined]
        raise Http404
    return opinion


@requires(EDIT)
@FORM_METHODS
def opinion_assign(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = _editable(request, opinion_id)
    initial = {"assigned_to": opinion.assigned_to.code if opinion.assigned_to else "",
               "assigned_to_name": opinion.assigned_to_name, "assigned_on": opinion.assigned_on or today(),
               "due_on": opinion.due_on}
    form = forms.AssignForm(request.POST or None, bodies=_bodies(request), initial=initial)
    if opinion.cancelled_on is not None or opinion.answered_on is not None:
        form.add_error(None, _("This opinion is answered or cancelled: it can no longer be assigned."))
    elif request.method == "POST" and form.is_valid():
        try:
            domain.assign_opinion(actor=request.user, opinion=opinion, **form.values())
        except ValidationError as error:
            forms.attach(form, error)
        else:
            messages.success(request, _("The opinion was assigned."))
            return redirect(opinion_url(opinion))
    return render(request, "feedback/opinions_form.html", {"form": form, "title": _("Assign the opinion"),
                                                           "subject": str(opinion), "back": opinion_url(opinion)})


@requires(EDIT)
@FORM_METHODS
def opinion_answer(request: HttpRequest, opinion_id: int) -> HttpResponse:
    from django.http import Http404

    opinion = scoping.get_opinion(request, opinion_id)
    if not opinion.may_answer:  # type: ignore[attr-defined]
        raise Http404
    form = forms.AnswerForm(request.POST or None, initial={
        "answered_on": today(), "seen": opinion.updated_at.isoformat(),
        "answered_by_name": domain.default_answering_body(opinion)})
    status = 200
    if opinion.cancelled_on is not None or opinion.answered_on is not None:
        form.add_error(None, _("This opinion is answered or cancelled: it cannot be answered again."))
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "seen"}
        try:
            domain.answer_opinion(actor=request.user, opinion=opinion, seen=form.seen_at(), **values)
        except ValidationError as error:
            forms.attach(form, error)
            status = 409 if isinstance(error, domain.StateConflict) else 200
        else:
            messages.success(request, _("The answer was recorded."))
            return redirect(opinion_url(opinion))
    return render(request, "feedback/opinions_form.html", {"form": form, "title": _("Answer the opinion"),
                                                           "subject": str(opinion), "back": opinion_url(opinion),
                                                           "opinion": opinion}, status=status)


@requires(EDIT)
@require_POST
def opinion_cancel(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = _editable(request, opinion_id)
    try:
        domain.cancel_opinion(actor=request.user, opinion=opinion)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, _("The opinion was cancelled; it no longer counts."))
    return redirect(opinion_url(opinion))


# ---------------------------------------------------------------- figures


@requires(Capability.VIEW)
def opinion_figures(request: HttpRequest) -> HttpResponse:
    """The figures of every organisation directly under the chosen one (and its own total), by topic and by source
    group: "354 lượt ý kiến, đã trả lời 337, đạt 95,2%"."""
    from xaydungdang.feedback.models import OpinionTopic, SourceGroup

    scope = scoping.scope_of(request)
    now = scope.reading_day(today())
    form = forms.PeriodForm(request.GET, organisations=scope.organisations())
    start, end = form.period(now)
    root = _root(request, end, form)
    context: dict[str, Any] = {"form": form, "root": root, "start": start, "end": end}
    if root is not None:
        found = figures.by_node(root, start, end)
        total = found.get(root.pk, dict.fromkeys(figures.BASE_KEYS, 0))
        children = org_queries.children_on(root.pk, end)
        within = scoping.covered_ids(request)
        allowed = None if within is None else set(Organisation.objects.filter(
            pk__in=within, id__in=[c.organisation_id for c in children]).values_list("pk", flat=True))
        own = _FigureLine(_("At %(name)s (its own records)") % {"name": root.name}, "", _own_figures(root, start, end),
                          _Links(root, start, end, own=True))
        figures_url = reverse("feedback:opinion_figures")
        lines = [own] + [
            _FigureLine(child.name, f"{figures_url}?{urlencode(_period(child.organisation, start, end))}",
                        found.get(child.organisation_id, {}), _Links(child.organisation, start, end))
            for child in children if allowed is None or child.organisation_id in allowed]
        links = _Links(root, start, end)
        context.update({
            "total": total, "rate": ratio_percent(total["opinions_answered"], total["opinions"])
            if total["opinions"] else None, "lines": lines, "links": links,
            "topics": [(t, total.get(figures.topic_key(t.code), 0), links.opinions(chu_de=t.code))
                       for t in OpinionTopic.objects.all()],
            "sources": [(s, total.get(figures.source_key(s.code), 0), links.opinions(nhom_nguon=s.code))
                        for s in SourceGroup.objects.all()]})
    return render(request, "feedback/opinions_figures.html", context)


def _period(organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, str]:
    return {"to_chuc": organisation.code, "tu_ngay": format_date(start), "den_ngay": format_date(end)}


class _Links:
    """The lists behind the figures of one organisation and period: the briefings and opinions they count (not
    cancelled, raised in the subtree on their day, or at the organisation itself for its own line)."""

    def __init__(self, organisation: Organisation, start: dt.date, end: dt.date, *, own: bool = False) -> None:
        self.base, self.own = _period(organisation, start, end), own

    def opinions(self, **extra: str) -> str:
        params = {**self.base, "noi_neu": "cap" if self.own else "cay", "trang_thai": "counted", **extra}
        return f"{reverse('feedback:opinion_list')}?{urlencode(params)}"

    def briefings(self) -> str:
        params = {**self.base, "trang_thai": "da_hop", **({"noi_hop": "cap"} if self.own else {})}
        return f"{reverse('feedback:briefing_list')}?{urlencode(params)}"

    def all_opinions(self) -> str:
        return self.opinions()

    def answered(self) -> str:
        return self.opinions(trang_thai="answered")

    def overdue(self) -> str:
        return self.opinions(trang_thai="overdue")


class _FigureLine:
    def __init__(self, name: str, url: str, values: dict[str, int], links: _Links) -> None:
        self.name, self.url, self.values, self.links = name, url, values, links
        self.rate = (ratio_percent(values.get("opinions_answered", 0), values["opinions"])
                     if values.get("opinions") else None)


def _own_figures(root: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    """The figures of the organisation's own records (held or raised at it, not under it): two queries."""
    from django.db.models import Count

    briefings = Briefing.objects.filter(organisation=root, date__gte=start, date__lte=end,
                                        cancelled_on__isnull=True).count()
    opinions = Opinion.objects.filter(organisation=root, raised_on__gte=start, raised_on__lte=end,
                                      cancelled_on__isnull=True).aggregate(
        opinions=Count("pk"), opinions_answered=Count("pk", filter=Q(answered_on__lte=end)),
        opinions_overdue=Count("pk", filter=figures.overdue_q(today())))
    return {"briefings": briefings, **opinions}
