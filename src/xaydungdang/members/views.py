"""Member pages: the list of a subtree as of a date, a member's record and timeline, the
lifecycle steps, candidates, pending transfers and overdue recognitions.

Reads go through members.queries within the scope (members.scoping: 404 outside it);
writes go through members.domain, which names the broken rule and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.dates import as_of_date, today
from xaydungdang.core.fields import find_organisations
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.members import domain, forms, queries, scoping
from xaydungdang.members.models import Candidate, Member, Membership, Person, Transfer
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.training import queries as training_queries

EDIT = Capability.EDIT_RECORDS
SENSITIVE = Capability.VIEW_SENSITIVE
FORM_METHODS = require_http_methods(["GET", "POST"])


def _scope(request: HttpRequest) -> Any:
    return request.scope  # type: ignore[attr-defined]


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Page[Any]:
    return Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))


def _allowed_on(request: HttpRequest, capability: str, organisation: Organisation) -> bool:
    scope = _scope(request)
    return bool(scope.has(capability) and scope.organisations(capability).filter(pk=organisation.pk).exists())


def _editable_ids(request: HttpRequest, organisation_ids: Iterable[int | None]) -> set[int]:
    """Those of the organisations the user may edit records of (one query, none without the capability)."""
    ids = {i for i in organisation_ids if i is not None}
    if not ids or not _scope(request).has(EDIT):
        return set()
    return set(scoping.covered_organisations(request, EDIT).filter(pk__in=ids).values_list("pk", flat=True))


def _root(request: HttpRequest, day: dt.date) -> Organisation | None:
    """?to_chuc= within the scope (404 outside): a code, or words naming one organisation (the picker's box sent
    without picking); else the user's first granted organisation."""
    text = request.GET.get("to_chuc", "").strip()
    if text:
        found = find_organisations(_scope(request).organisations().select_related("org_type"), text)
        return ensure(found[0] if len(found) == 1 else None)
    scope = _scope(request)
    if scope.is_superuser:
        tops = org_queries.versions_on(day).filter(parent__isnull=True).values("organisation_id")
        return Organisation.objects.filter(pk__in=tops).order_by("code").first()
    return Organisation.objects.filter(pk__in=scope.root_ids()).order_by("code").first()


def _list_query(request: HttpRequest, org: Organisation | None) -> QueryDict:
    """The list's query string with the organisation asked for written as its code (words typed in the picker
    name it too), for every link of the page: pages, column orders, export. Without ?to_chuc or ?ngay the
    list is the user's own organisation today, and its links stay so (a bookmark follows today)."""
    query = request.GET.copy()
    if org is not None and query.get("to_chuc", "").strip():
        query["to_chuc"] = org.code
    return query


def _places_on(member_ids: list[int], day: dt.date) -> dict[int, tuple[str, str]]:
    """Member id -> (code, name on `day`) of the organisation each belonged to that day (one query)."""
    rows = queries.memberships_on(day).filter(active_on_q(day, "organisation__versions__"), member_id__in=member_ids)
    return {m: (code, name) for m, code, name in
            rows.values_list("member_id", "organisation__code", "organisation__versions__name")}


def _export_url(query: QueryDict) -> str | None:
    """The export of this very list, once the export route exists."""
    try:
        url = reverse("members:export")
    except NoReverseMatch:
        return None
    query = query.copy()
    query.pop("page", None)
    query.pop("sap_xep", None)
    return f"{url}?{query.urlencode()}" if query else url


# ---------------------------------------------------------------- the list


def _audit_sensitive_filter(request: HttpRequest, organisation: Organisation, chosen: queries.MemberFilter) -> None:
    """Filtering by ethnicity or religion reveals them for every row listed: audited like a view."""
    if chosen.ethnicity or chosen.religion:
        log_action("member.sensitive_filtered", actor=request.user, obj=organisation, organisation=organisation,
                   extra={"ethnicity": chosen.ethnicity, "religion": chosen.religion}, change=False)


def _list_rows(page: Page[Member], day: dt.date) -> list[dict[str, Any]]:
    places = _places_on([m.pk for m in page], day)
    return [{"member": m, "place": places.get(m.pk), "official": m.is_official_on(day)} for m in page]


SORT_COLUMNS = [("ten", _lazy("Full name")), ("ngay_sinh", _lazy("Date of birth")),
                ("ket_nap", _lazy("Admission date")), ("to_chuc", _lazy("Organisation"))]


def sort_columns(query: QueryDict, order: str) -> dict[str, dict[str, str]]:
    """Each sortable column's header: its link (the same list in that order, ascending first, the other way
    when it is already the order) and its aria-sort ("ascending", "descending" or "" when not the order)."""
    current, descending = queries.list_order(order)
    columns = {}
    for key, label in SORT_COLUMNS:
        again = query.copy()
        again.pop("page", None)
        again["sap_xep"] = f"-{key}" if key == current and not descending else key
        state = ("descending" if descending else "ascending") if key == current else ""
        columns[key] = {"label": str(label), "url": f"?{again.urlencode()}", "sort": state}
    return columns


def _list_page(request: HttpRequest, version: Any, day: dt.date, form: forms.MemberFilterForm,
               sensitive: bool) -> dict[str, Any]:
    unit = scoping.members_of(request, version, day)
    chosen = form.member_filter(day)
    if sensitive:
        _audit_sensitive_filter(request, version.organisation, chosen)
    kept = queries.filter_q(chosen, sensitive=sensitive)
    key = (f"list:{version.path}:{day.isoformat()}:{scoping.members_key(request, version)}:"
           f"{queries.filter_key(chosen, sensitive=sensitive)}")
    counts = queries.cached(key, lambda: queries.category_counts(unit, day, kept=kept))
    order = request.GET.get("sap_xep", "")
    if counts["kept"] >= queries.NAME_WALK_FROM and queries.list_order(order)[0] == "ten":
        unit = scoping.members_of(request, version, day, probe=True)
    paginator = Paginator(queries.ordered_for_list(unit.filter(kept), order, day), settings.XDD_PAGE_SIZE)
    paginator.count = counts["kept"]  # type: ignore[misc]  # counted with the categories, not again
    page = paginator.get_page(request.GET.get("page"))
    return {"counts": counts, "page": page, "rows": _list_rows(page, day)}


@requires(Capability.VIEW)
def member_list(request: HttpRequest) -> HttpResponse:
    """One form (day, organisation, words, filters) whose every value, with the order and the page, is in the
    URL: a list can be bookmarked and shared."""
    day = scoping.reading_day(request, as_of_date(request))
    org = _root(request, day)
    sensitive = org is not None and _allowed_on(request, SENSITIVE, org)
    query = _list_query(request, org)
    shown = query.copy()
    if org is not None:
        shown["to_chuc"] = org.code  # the box names the organisation listed, the default one too
    form = forms.MemberFilterForm(shown, sensitive=sensitive, organisations=_scope(request).organisations())
    version = org_queries.version_on(org.pk, day) if org is not None else None
    context: dict[str, Any] = {"day": day, "org": org, "version": version, "form": form, "sensitive": sensitive,
                               "export_url": _export_url(query),
                               # Offered only where the organisation listed takes records from the user today.
                               "can_edit": org is not None and org.valid_to is None and _allowed_on(request, EDIT, org),
                               "columns": sort_columns(query, request.GET.get("sap_xep", ""))}
    if version is not None:
        context.update(_list_page(request, version, day, form, sensitive))
    return render(request, "members/list.html", context)


# ---------------------------------------------------------------- a member's record


def _steps(member: Member, open_memberships: list[Membership], exempted: bool) -> list[tuple[str, str, bool]]:
    """The lifecycle steps that apply to the member now: (route name, label, is it an ending)."""
    active = member.state == Member.State.ACTIVE
    kinds = {m.kind for m in open_memberships}
    candidates = [
        ("members:recognise", _("Recognise as official member"), active and member.official_decision_date is None),
        ("members:transfer_out", _("Transfer out"), active and Membership.Kind.REGULAR in kinds),
        ("members:exempt", _("Exempt from activities"), active and not exempted),
        ("members:end_exemption", _("End the exemption"), exempted),
        ("members:end_temporary", _("End temporary activity"), Membership.Kind.TEMPORARY in kinds),
        ("members:end_membership", _("Strike off, expel or record a death"), active),
    ]
    return [(name, label, name == "members:end_membership") for name, label, applies in candidates if applies]


def _sensitive_fields(person: Person) -> list[tuple[str, str]]:
    return [(str(getattr(Person._meta.get_field(name), "verbose_name", name)), getattr(person, name))
            for name in Person.SENSITIVE_FIELDS]


def _transfer_rows(request: HttpRequest, transfers: Iterable[Transfer]) -> list[dict[str, Any]]:
    transfers = list(transfers)
    editable = _editable_ids(request, [i for t in transfers for i in (t.from_organisation_id, t.to_organisation_id)])
    return [{"transfer": t, "can_receive": t.to_organisation_id in editable,
             "can_cancel": bool({t.from_organisation_id, t.to_organisation_id} & editable)} for t in transfers]


@requires(Capability.VIEW)
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = scoping.get_member(request, member_id)
    memberships = list(member.memberships.select_related("organisation"))
    limit = scoping.record_limit(request)  # an ended organisation's office reads the record up to its last day
    if limit is not None:
        memberships = scoping.record_on(member, memberships, limit)
    open_memberships = [m for m in memberships if m.valid_to is None]
    regular = next((m for m in open_memberships if m.kind == Membership.Kind.REGULAR), None)
    exemption = member.exemptions.filter(valid_to__isnull=True).first()
    scope = _scope(request)
    sensitive = scope.has(SENSITIVE) and scoping.visible_members(request, SENSITIVE).filter(pk=member.pk).exists()
    if sensitive:  # Decree 13/2023: every view of sensitive personal data is recorded
        place = regular or (memberships[-1] if memberships else None)
        log_action("member.sensitive_viewed", actor=request.user, obj=member,
                   organisation=place.organisation if place else None, change=False)
    can_edit = scope.has(EDIT) and scoping.writable_members(request).filter(pk=member.pk).exists()
    # A host of a temporary attendance may only end it (members.scoping).
    hosts = not can_edit and scope.has(EDIT) and scoping.writable_members(request, hosted=True).filter(
        pk=member.pk).exists()
    pending = member.transfers.filter(status=Transfer.Status.PENDING).select_related("from_organisation",
                                                                                   "to_organisation")
    events = member.events.select_related("organisation", "other_organisation")
    if limit is not None:
        pending, events = pending.filter(sent_on__lte=limit), events.filter(date__lte=limit)
    return render(request, "members/detail.html", {
        "member": member, "person": member.person, "memberships": memberships, "regular": regular,
        "exemption": exemption, "audiences": member.audiences.all(),
        "events": events,
        "transfers": _transfer_rows(request, pending), "candidacy": Candidate.objects.filter(member=member).first(),
        "sensitive_fields": _sensitive_fields(member.person) if sensitive else None,
        "steps": _steps(member, open_memberships, exemption is not None) if can_edit else [
            s for s in _steps(member, open_memberships, exemption is not None) if s[0] == "members:end_temporary"
        ] if hosts else [],
    })


# ---------------------------------------------------------------- lifecycle steps

Perform = Callable[[dict[str, Any]], str]  # does the step; answers where to go next


def _add_errors(form: django_forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _step(request: HttpRequest, form: django_forms.BaseForm, perform: Perform, *, title: str, done: str,
          back: str, subject: Any = None, warnings: list[str] | None = None) -> HttpResponse:
    """Shared flow: a valid form runs the domain step; its refusal is shown above the form (409 when the
    record's state no longer allows the step, e.g. another user did it first)."""
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
    return render(request, "members/step.html", {"form": form, "title": title, "back": back, "subject": subject,
                                                 "warnings": warnings or []}, status=status)


def _member_step(request: HttpRequest, member: Member, form: django_forms.BaseForm, title: str,
                 perform: Callable[[dict[str, Any]], object]) -> HttpResponse:
    back = reverse("members:detail", kwargs={"member_id": member.pk})

    def run(data: dict[str, Any]) -> str:
        perform(data)
        return back

    return _step(request, form, run, title=title, back=back, subject=member,
                 done=_("Recorded for %(member)s: %(step)s.") % {"member": member, "step": title})


@requires(EDIT)
@FORM_METHODS
def recognise(request: HttpRequest, member_id: int) -> HttpResponse:
    member = scoping.get_member(request, member_id, EDIT)
    due = member.probation_ends()
    form = forms.RecogniseForm(request.POST or None, initial={"decision_date": max(due, today()) if due else today()})
    return _member_step(request, member, form, _("Recognise as official member"), lambda d: domain.recognise_official(
        actor=request.user, member=member, decision_date=d["decision_date"], decision=d["decision"]))


@requires(EDIT)
@FORM_METHODS
def transfer_out(request: HttpRequest, member_id: int) -> HttpResponse:
    member = scoping.get_member(request, member_id, EDIT)
    # Any organisation of the system may receive; the suggestions stay within the user's scope.
    suggestions = scoping.covered_organisations(request).filter(valid_to__isnull=True)
    form = forms.TransferForm(request.POST or None, destinations=Organisation.objects.all(), suggestions=suggestions,
                              initial={"sent_on": today(), "kind": Membership.Kind.REGULAR})
    return _member_step(request, member, form, _("Transfer out"), lambda d: domain.send_transfer(
        actor=request.user, member=member, kind=d["kind"], sent_on=d["sent_on"], to_organisation=d["to_organisation"],
        to_external=d["to_external"], decision=d["decision"]))


@requires(EDIT)
@FORM_METHODS
def exempt(request: HttpRequest, member_id: int) -> HttpResponse:
    member = scoping.get_member(request, member_id, EDIT)
    form = forms.ExemptForm(request.POST or None, initial={"valid_from": today()})
    return _member_step(request, member, form, _("Exempt from activities"), lambda d: domain.exempt(
        actor=request.user, member=member, valid_from=d["valid_from"], reason=d["reason"]))


@requires(EDIT)
@FORM_METHODS
def end_exemption(request: HttpRequest, member_id: int) -> HttpResponse:
    member = scoping.get_member(request, member_id, EDIT)
    form = forms.DayForm(request.POST or None, initial={"on": today()})
    return _member_step(request, member, form, _("End the exemption"), lambda d: domain.end_exemption(
        actor=request.user, member=member, on=d["on"]))


@requires(EDIT)
@FORM_METHODS
def end_temporary(request: HttpRequest, member_id: int) -> HttpResponse:
    member = scoping.get_member(request, member_id, EDIT, hosted=True)
    form = forms.DayForm(request.POST or None, initial={"on": today()})
    return _member_step(request, member, form, _("End temporary activity"), lambda d: domain.end_temporary(
        actor=request.user, member=member, on=d["on"]))


@requires(EDIT)
@FORM_METHODS
def end_membership(request: HttpRequest, member_id: int) -> HttpResponse:
    member = scoping.get_member(request, member_id, EDIT)
    form = forms.EndMembershipForm(request.POST or None, initial={"on": today()})
    return _member_step(request, member, form, _("Strike off, expel or record a death"),
                        lambda d: domain.end_membership(actor=request.user, member=member, kind=d["kind"], on=d["on"],
                                                        decision=d["decision"]))


# ---------------------------------------------------------------- transfers and recognitions due


DIRECTIONS = {"den": "to_organisation_id__in", "di": "from_organisation_id__in"}  # incoming, outgoing


@requires(Capability.VIEW)
def transfers(request: HttpRequest) -> HttpResponse:
    """Pending transfers sent from or to the user's organisations: both sides see them. ?chieu=den keeps those
    coming in (to an organisation of the scope: the home page's "to receive"), ?chieu=di those going out."""
    ids = scoping.covered_organisations(request).values("pk")
    direction = request.GET.get("chieu", "")
    rows = scoping.visible_transfers(request)  # an ended organisation's office: those sent by its last day
    if direction in DIRECTIONS:
        rows = rows.filter(**{DIRECTIONS[direction]: ids})
    page = _page(request, rows.order_by("-sent_on", "-id"))
    return render(request, "members/transfers.html", {
        "page": page, "rows": _transfer_rows(request, page), "direction": direction if direction in DIRECTIONS else "",
        "directions": [("", _("Both")), ("den", _("Coming in")), ("di", _("Going out"))]})


def _transfer_step(request: HttpRequest, transfer: Transfer, title: str, perform: Perform) -> HttpResponse:
    form = forms.DayForm(request.POST or None, initial={"on": today()})
    done = _("Recorded for %(member)s: %(step)s.") % {"member": transfer.member, "step": title}
    return _step(request, form, perform, title=title, done=done, back=reverse("members:transfers"), subject=transfer)


@requires(EDIT)
@FORM_METHODS
def receive_transfer(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = scoping.get_transfer(request, transfer_id, side="to")

    def perform(data: dict[str, Any]) -> str:
        domain.receive_transfer(actor=request.user, transfer=transfer, received_on=data["on"])
        return reverse("members:detail", kwargs={"member_id": transfer.member_id})

    return _transfer_step(request, transfer, _("Receive the transfer"), perform)


@requires(EDIT)
@FORM_METHODS
def cancel_transfer(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = scoping.get_transfer(request, transfer_id, side="any")

    def perform(data: dict[str, Any]) -> str:
        domain.cancel_transfer(actor=request.user, transfer=transfer, on=data["on"])
        return reverse("members:transfers")

    return _transfer_step(request, transfer, _("Cancel the transfer"), perform)


@requires(Capability.VIEW)
def overdue(request: HttpRequest) -> HttpResponse:
    """Probationary members whose 12 months have passed without a recognition decision, the most overdue first
    (then in Vietnamese name order), with the days overdue."""
    day = scoping.reading_day(request, as_of_date(request))
    org = _root(request, day)
    version = org_queries.version_on(org.pk, day) if org is not None else None
    members = scoping.members_of(request, version, day) if version is not None else Member.objects.none()
    overdue_members = queries.overdue_recognitions(queries.ordered_by_name(members), day)
    overdue_members.sort(key=lambda m: m.probation_ends() or day)  # stable: name order among the same day
    places = _places_on([m.pk for m in overdue_members], day)
    editable = set(scoping.editable_members(request).filter(pk__in=[m.pk for m in overdue_members])
                   .values_list("pk", flat=True)) if overdue_members and _scope(request).has(EDIT) else set()
    rows = [{"member": m, "place": places.get(m.pk), "can_edit": m.pk in editable,
             "days": (day - (m.probation_ends() or day)).days} for m in overdue_members]
    shown = _list_query(request, org)
    if org is not None:
        shown["to_chuc"] = org.code
    form = forms.UnitForm(shown, organisations=_scope(request).organisations())
    return render(request, "members/overdue.html", {"day": day, "org": org, "version": version, "rows": rows,
                                                    "form": form})


# ---------------------------------------------------------------- candidates and new records


@requires(Capability.VIEW)
def candidates(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("trang_thai", Candidate.Status.ACTIVE)
    rows = scoping.visible_candidates(request).select_related("person", "organisation")
    if status in Candidate.Status.values:
        rows = rows.filter(status=status)
    rows = queries.search_candidates(rows, q)
    page = _page(request, rows.order_by("person__name_key", "pk"))
    editable = _editable_ids(request, [c.organisation_id for c in page])
    awareness = training_queries.awareness_by_person([c.person_id for c in page])  # the class admission checks
    return render(request, "members/candidates.html", {
        "page": page, "q": q, "status": status, "statuses": Candidate.Status.choices,
        "rows": [{"candidate": c, "can_admit": c.organisation_id in editable
                  and c.status == Candidate.Status.ACTIVE, "awareness": awareness.get(c.person_id)} for c in page],
        "can_add": _scope(request).may_write(EDIT)})


def _new_record_form(request: HttpRequest, form_class: type[forms.PersonForm]) -> forms.PersonForm:
    return form_class(request.POST or None, sensitive=_scope(request).has(SENSITIVE),
                      organisations=scoping.covered_organisations(request, EDIT),
                      initial={"since": today(), "organisation": request.GET.get("to_chuc", "")})


@requires(EDIT)
@FORM_METHODS
def add_candidate(request: HttpRequest) -> HttpResponse:
    form = _new_record_form(request, forms.CandidateForm)

    def perform(d: dict[str, Any]) -> str:
        domain.add_candidate(actor=request.user, person=form.person_data(), organisation=d["organisation"],
                             since=d["since"], note=d["note"])
        return reverse("members:candidates")

    return _step(request, form, perform, title=_("Add a candidate"), back=reverse("members:candidates"),
                 done=_("The candidate was added."))


@requires(EDIT)
@FORM_METHODS
def admit(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = scoping.get_candidate(request, candidate_id, EDIT)
    form = forms.AdmitForm(request.POST or None, organisations=scoping.covered_organisations(request, EDIT),
                           initial={"organisation": candidate.organisation.code})

    def perform(d: dict[str, Any]) -> str:
        member = domain.admit(actor=request.user, organisation=d["organisation"], decision_date=d["decision_date"],
                              ceremony_date=d["ceremony_date"], candidate=candidate, decision=d["decision"],
                              card_number=d["card_number"] or None, lylich_number=d["lylich_number"] or None)
        return reverse("members:detail", kwargs={"member_id": member.pk})

    return _step(request, form, perform, title=_("Admit as probationary member"), subject=candidate,
                 back=reverse("members:candidates"), warnings=training_queries.admission_warnings(candidate.person),
                 done=_("%(person)s was admitted as a probationary member.") % {"person": candidate.person})


@requires(EDIT)
@FORM_METHODS
def register(request: HttpRequest) -> HttpResponse:
    """Record an existing member once (one-off entry; whole lists come through the Excel import)."""
    form = _new_record_form(request, forms.RegisterForm)

    def perform(d: dict[str, Any]) -> str:
        member = domain.register_member(
            actor=request.user, person=form.person_data(), organisation=d["organisation"], since=d["since"],
            admission_decision_date=d["admission_decision_date"], admission_ceremony_date=d["admission_ceremony_date"],
            official_decision_date=d["official_decision_date"], audiences=d["audiences"],
            card_number=d["card_number"] or None, lylich_number=d["lylich_number"] or None)
        return reverse("members:detail", kwargs={"member_id": member.pk})

    return _step(request, form, perform, title=_("Record an existing member"), back=reverse("members:list"),
                 done=_("The member was recorded."))

