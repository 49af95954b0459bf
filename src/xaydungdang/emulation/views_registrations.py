"""Pages of "làm theo" registrations and commitments: the index (the years' rules), the lists (every number of the
figures opens one of them), a registration or commitment with the steps the user may take, the chi bộ page where a
secretary enters the registrations and commitments of the members quickly and approves them in bulk, the
comparison across years and the members without a registration or commitment.

Reads go through emulation.scoping (404 outside the scope) and figures_registrations; writes go through
emulation.domain_registrations, whose ValidationError names the field; nothing partial is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.permissions import ensure, requires
from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation import figures_registrations as figures
from xaydungdang.emulation import forms_registrations as forms
from xaydungdang.emulation import scoping
from xaydungdang.emulation.models import Commitment, EmulationYear, Holder, Registration
from xaydungdang.members import queries as member_queries
from xaydungdang.members.models import Member, Membership
from xaydungdang.members.scoping import visible_members
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, active_on_q
from xaydungdang.organisations.rollup import placed_under_q

EDIT = Capability.EDIT_RECORDS
FORM_METHODS = require_http_methods(["GET", "POST"])
HOLDER_PARAM = {"tap-the": Holder.COLLECTIVE, "ca-nhan": Holder.INDIVIDUAL}
COMPARE_YEARS = 10
# The domain's field names -> the form's.
FORM_FIELDS = {"member": "dang_vien", "organisation": "to_chuc", "year": "nam"}


def registration_url(registration: Registration) -> str:
    return reverse("emulation:registration_detail", kwargs={"registration_id": registration.pk})


def commitment_url(commitment: Commitment) -> str:
    return reverse("emulation:commitment_detail", kwargs={"commitment_id": commitment.pk})


def add_errors(form: Form, error: ValidationError, mapping: dict[str, str] | None = None) -> None:
    """Put the domain's messages on the form's fields (those it has), the rest above the form."""
    mapping = {**FORM_FIELDS, **(mapping or {})}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        name = mapping.get(field, field)
        form.add_error(name if name in form.fields else None, messages_)


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def year_rules(request: HttpRequest, param: str = "nam") -> EmulationYear | None:
    """The year named by ?nam=, else the latest whose registration has opened (else the latest)."""
    text = (request.GET.get(param) or request.POST.get(param) or "").strip()
    if text:
        return ensure(EmulationYear.objects.filter(year=int(text)).first() if text.isdigit() else None)
    now = today()
    return (EmulationYear.objects.filter(opens_on__lte=now).order_by("-year").first()
            or EmulationYear.objects.order_by("-year").first())


def _root(request: HttpRequest) -> Organisation | None:
    text = request.GET.get("to_chuc", "").strip()
    if text:
        return scoping.organisation_named(request, text)
    return scoping.default_root(request, today())


def _page(request: HttpRequest, rows: QuerySet[Any]) -> Any:
    return Paginator(rows, settings.XDD_PAGE_SIZE).get_page(request.GET.get("page"))


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def units_on(member_ids: list[int], day: dt.date) -> dict[int, str]:
    """Member id -> the name of their unit (chi bộ) on `day`, for one page of names (two queries): namesakes of a
    district list are told apart by their chi bộ."""
    units = dict(Membership.objects.filter(active_on_q(day), kind=Membership.Kind.REGULAR, member_id__in=member_ids)
                 .values_list("member_id", "organisation_id"))
    names = dict(org_queries.versions_on(day).filter(organisation_id__in=set(units.values()))
                 .values_list("organisation_id", "name"))
    return {member: names.get(unit, "") for member, unit in units.items()}


# ---------------------------------------------------------------- the index


@requires(Capability.VIEW)
def index(request: HttpRequest) -> HttpResponse:
    years = list(EmulationYear.objects.select_related("theme").order_by("-year"))
    scope = scoping.scope_of(request)
    # "My registration and commitment" only for a user linked to a member's record (Member.user).
    has_member = request.user.pk is not None and Member.objects.filter(user_id=request.user.pk).exists()
    return render(request, "emulation/index.html", {
        "years": years, "can_write": scope.may_write(EDIT), "root": scoping.default_root(request, today()),
        "has_member": has_member})


# ---------------------------------------------------------------- registrations


def _registration_rows(request: HttpRequest, form: forms.ListForm) -> QuerySet[Registration]:
    rows = scoping.visible_registrations(request)
    if not form.is_valid():
        return rows.none()
    data = form.cleaned_data
    year, root, holder = data.get("nam"), data.get("to_chuc"), data.get("hinh_thuc")
    if year is not None:
        rows = rows.filter(year=year)
    if root is not None:
        rules = EmulationYear.objects.filter(year=year).first() if year is not None else None
        if data.get("theo") == "so-lieu" and rules is not None and holder:
            # The rows behind a figure: placed on the counting date (figures_registrations).
            counted = (figures.individual_rows(root, [rules]) if holder == Holder.INDIVIDUAL
                       else figures.collective_rows(root, [rules]))
            rows = rows.filter(pk__in=counted.values("pk"))
        else:
            rows = rows.filter(placed_under_q(root, date="registered_on"))
    if holder:
        rows = rows.filter(holder=holder)
    status = data.get("trang_thai")
    if status == "cancelled":
        rows = rows.filter(cancelled_on__isnull=False)
    elif status:
        rows = rows.filter(status=status, cancelled_on__isnull=True)
    if data.get("ket_qua"):
        rows = rows.filter(result=data["ket_qua"], cancelled_on__isnull=True)
    return rows


@requires(Capability.VIEW)
def registration_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    form = forms.ListForm(request.GET, organisations=scope.organisations())
    rows = _registration_rows(request, form).select_related("organisation", "member__person").order_by(
        "-year", "-registered_on", "-pk")
    page = _page(request, rows)
    return render(request, "emulation/registrations_list.html", {
        "form": form, "page": page, "query": _query(request), "can_write": scope.may_write(EDIT)})


def _members_for_writing(request: HttpRequest) -> QuerySet[Any]:
    return visible_members(request)


@requires(EDIT)
@FORM_METHODS
def registration_create(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    holder = HOLDER_PARAM.get(request.GET.get("hinh_thuc", ""), Holder.INDIVIDUAL)
    rules = year_rules(request)
    now = today()
    day = now if rules is None or rules.year == now.year else min(max(rules.opens_on, dt.date(rules.year, 1, 1)),
                                                                   dt.date(rules.year, 12, 31))
    initial = {"nam": rules.year if rules else None, "registered_on": day,
               "dang_vien": request.GET.get("dang_vien"), "to_chuc": request.GET.get("to_chuc", "")}
    form = forms.RegistrationForm(request.POST or None, organisations=scope.organisations(EDIT),
                                  members=_members_for_writing(request), holder=holder, initial=initial)
    member = None
    if holder == Holder.INDIVIDUAL:
        raw = request.POST.get("dang_vien") or request.GET.get("dang_vien") or ""
        member = (_members_for_writing(request).select_related("person").filter(pk=int(raw)).first()
                  if raw.isdigit() else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = domain.register(
                actor=request.user, year=data["nam"], registered_on=data["registered_on"],
                actions=data.get("actions", ""), member=data.get("dang_vien"), organisation=data.get("to_chuc"))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The registration was recorded."))
            return redirect(_next(request, registration_url(registration)))
    # A member's registration is entered from the chi bộ page (a link by each name carries the member): without
    # one, the page says so and sends the user there instead of showing a form that cannot be sent.
    needs_member = (request.method == "GET" and holder == Holder.INDIVIDUAL and member is None
                    and not request.GET.get("dang_vien"))
    return render(request, "emulation/registrations_form.html", {
        "form": form, "member": member, "holder": holder, "rules": rules, "needs_member": needs_member,
        "title": _("Record a collective registration") if holder == Holder.COLLECTIVE
        else _("Record a member's registration"),
        "back": _next(request, reverse("emulation:registration_list")), "next": _next(request, "")})


def _detail(request: HttpRequest, registration: Registration, status: int = 200, **forms_: Any) -> HttpResponse:
    writer = scoping.may_edit_organisation(request, registration.organisation_id)
    open_ = registration.cancelled_on is None
    awaiting = open_ and registration.status == Registration.Status.REGISTERED
    approved = open_ and registration.status == Registration.Status.APPROVED
    rules = EmulationYear.objects.filter(year=registration.year).first()
    context = {
        "registration": registration, "rules": rules,
        "late": domain.is_late(rules, registration.registered_on),
        "return_reason": domain.return_reason(registration),
        "can_approve": awaiting and scoping.may_approve(request, registration),
        "can_revise": writer and open_ and not approved,
        "can_review": writer and approved,
        "can_cancel": writer and open_,
        "actions_form": forms_.get("actions_form") or forms.ActionsForm(initial={"actions": registration.actions}),
        "return_form": forms_.get("return_form") or forms.ReturnForm(),
        "review_form": forms_.get("review_form") or forms.ReviewForm(initial={
            "review_note": registration.review_note, "reviewed_on": registration.reviewed_on or today()}),
        "assess_form": forms_.get("assess_form") or forms.AssessForm(initial={
            "result": registration.result, "self_assessment": registration.self_assessment,
            "assessed_on": registration.assessed_on or today()}),
        "seen": registration.updated_at.isoformat(),
    }
    return render(request, "emulation/registrations_detail.html", context, status=status)


@requires(Capability.VIEW)
def registration_detail(request: HttpRequest, registration_id: int) -> HttpResponse:
    return _detail(request, scoping.get_registration(request, registration_id))


def _seen(request: HttpRequest) -> Any:
    text = request.POST.get("seen", "")
    if not text:
        return domain.ANY
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return domain.ANY


def refuse(request: HttpRequest, error: ValidationError | str, target: str) -> HttpResponse:
    """A POST-only step refused: its messages (naming the field) on the next page, nothing written."""
    for message in ([error] if isinstance(error, str) else error.messages):
        messages.error(request, message)
    return redirect(target)


def form_refusal(request: HttpRequest, form: Form, target: str) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else str(message))
    return redirect(target)


def _run_step(request: HttpRequest, step: Any, done: str, url: str, not_allowed: str) -> HttpResponse:
    """Run a domain step (POST/redirect/GET): its refusal, or `done`, is shown on the record's page at `url`."""
    try:
        step()
    except PermissionDenied:
        return refuse(request, not_allowed, url)
    except ValidationError as error:
        return refuse(request, error, url)
    messages.success(request, done)
    return redirect(url)


def _step(request: HttpRequest, registration: Registration, step: Any, done: str) -> HttpResponse:
    return _run_step(request, step, done, registration_url(registration),
                     _("You may not take this step on this registration."))


@requires(EDIT)
@require_POST
def registration_approve(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = scoping.get_registration(request, registration_id)
    return _step(request, registration, lambda: domain.approve_registration(
        actor=request.user, registration=registration, seen=_seen(request)), _("The registration was approved."))


@requires(EDIT)
@require_POST
def registration_return(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = scoping.get_registration(request, registration_id)
    form = forms.ReturnForm(request.POST)
    form.is_valid()
    return _step(request, registration, lambda: domain.return_registration(
        actor=request.user, registration=registration, reason=form.cleaned_data.get("reason", ""),
        seen=_seen(request)), _("The registration was returned for revision."))


@requires(EDIT)
@require_POST
def registration_revise(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = scoping.get_registration(request, registration_id, EDIT)
    form = forms.ActionsForm(request.POST)
    form.is_valid()
    return _step(request, registration, lambda: domain.revise_registration(
        actor=request.user, registration=registration, actions=form.cleaned_data.get("actions", ""),
        seen=_seen(request)), _("The registration was changed."))


@requires(EDIT)
@require_POST
def registration_review(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = scoping.get_registration(request, registration_id, EDIT)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        return form_refusal(request, form, registration_url(registration))
    return _step(request, registration, lambda: domain.review_registration(
        actor=request.user, registration=registration, note=form.cleaned_data.get("review_note", ""),
        on=form.cleaned_data.get("reviewed_on"), seen=_seen(request)), _("The mid-year review was recorded."))


@requires(EDIT)
@require_POST
def registration_assess(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = scoping.get_registration(request, registration_id, EDIT)
    form = forms.AssessForm(request.POST)
    if not form.is_valid():
        return form_refusal(request, form, registration_url(registration))
    return _step(request, registration, lambda: domain.assess_registration(
        actor=request.user, registration=registration, result=form.cleaned_data["result"],
        self_assessment=form.cleaned_data.get("self_assessment", ""), on=form.cleaned_data.get("assessed_on"),
        seen=_seen(request)), _("The year-end assessment was recorded."))


@requires(EDIT)
@require_POST
def registration_cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = scoping.get_registration(request, registration_id, EDIT)
    return _step(request, registration, lambda: domain.cancel_registration(
        actor=request.user, registration=registration, seen=_seen(request)),
        _("The registration was cancelled; it no longer counts."))


# ---------------------------------------------------------------- commitments


@requires(Capability.VIEW)
def commitment_list(request: HttpRequest) -> HttpResponse:
    scope = scoping.scope_of(request)
    form = forms.CommitmentListForm(request.GET, organisations=scope.organisations())
    rows = scoping.visible_commitments(request)
    if form.is_valid():
        data = form.cleaned_data
        year, root = data.get("nam"), data.get("to_chuc")
        if year is not None:
            rows = rows.filter(year=year)
        if root is not None:
            rules = EmulationYear.objects.filter(year=year).first() if year is not None else None
            if data.get("theo") == "so-lieu" and rules is not None:
                rows = rows.filter(pk__in=figures.commitment_rows(root, [rules]).values("pk"))
            else:
                rows = rows.filter(placed_under_q(root, date="written_on"))
        if data.get("kiem_diem"):
            rows = rows.filter(check_result=data["kiem_diem"], cancelled_on__isnull=True)
    else:
        rows = rows.none()
    page = _page(request, rows.select_related("organisation", "member__person").order_by(
        "-year", "-written_on", "-pk"))
    return render(request, "emulation/registrations_commitments.html", {
        "form": form, "page": page, "query": _query(request), "can_write": scope.may_write(EDIT)})


@requires(EDIT)
@FORM_METHODS
def commitment_create(request: HttpRequest) -> HttpResponse:
    rules = year_rules(request)
    initial = {"nam": rules.year if rules else None, "written_on": today(),
               "dang_vien": request.GET.get("dang_vien")}
    form = forms.CommitmentForm(request.POST or None, members=_members_for_writing(request), initial=initial)
    raw = request.POST.get("dang_vien") or request.GET.get("dang_vien") or ""
    member = (_members_for_writing(request).select_related("person").filter(pk=int(raw)).first()
              if raw.isdigit() else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commitment = domain.write_commitment(actor=request.user, member=data["dang_vien"], year=data["nam"],
                                                 written_on=data["written_on"], content=data.get("content", ""))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The commitment was recorded."))
            return redirect(_next(request, commitment_url(commitment)))
    return render(request, "emulation/registrations_form.html", {
        "form": form, "member": member, "rules": rules, "title": _("Record a member's commitment"),
        "needs_member": request.method == "GET" and member is None and not raw,
        "back": _next(request, reverse("emulation:commitment_list")), "next": _next(request, "")})


def _commitment_detail(request: HttpRequest, commitment: Commitment, status: int = 200,
                       **forms_: Any) -> HttpResponse:
    writer = scoping.may_edit_organisation(request, commitment.organisation_id)
    open_ = commitment.cancelled_on is None
    return render(request, "emulation/registrations_commitment_detail.html", {
        "commitment": commitment, "can_check": writer and open_, "can_revise": writer and open_
        and not commitment.check_result, "can_cancel": writer and open_,
        "content_form": forms_.get("content_form") or forms.OwnCommitmentForm(initial={
            "content": commitment.content}),
        "check_form": forms_.get("check_form") or forms.CheckForm(initial={
            "check_result": commitment.check_result, "check_note": commitment.check_note,
            "checked_on": commitment.checked_on or today()}),
        "seen": commitment.updated_at.isoformat()}, status=status)


@requires(Capability.VIEW)
def commitment_detail(request: HttpRequest, commitment_id: int) -> HttpResponse:
    return _commitment_detail(request, scoping.get_commitment(request, commitment_id))


def _commitment_step(request: HttpRequest, commitment: Commitment, step: Any, done: str) -> HttpResponse:
    return _run_step(request, step, done, commitment_url(commitment),
                     _("You may not take this step on this commitment."))


@requires(EDIT)
@require_POST
def commitment_check(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = scoping.get_commitment(request, commitment_id, EDIT)
    form = forms.CheckForm(request.POST)
    if not form.is_valid():
        return form_refusal(request, form, commitment_url(commitment))
    data = form.cleaned_data
    return _commitment_step(request, commitment, lambda: domain.check_commitment(
        actor=request.user, commitment=commitment, result=data["check_result"], note=data.get("check_note", ""),
        on=data.get("checked_on"), seen=_seen(request)), _("The year-end check was recorded."))


@requires(EDIT)
@require_POST
def commitment_revise(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = scoping.get_commitment(request, commitment_id, EDIT)
    form = forms.OwnCommitmentForm(request.POST)
    form.is_valid()
    return _commitment_step(request, commitment, lambda: domain.revise_commitment(
        actor=request.user, commitment=commitment, content=form.cleaned_data.get("content", ""),
        seen=_seen(request)), _("The commitment was changed."))


@requires(EDIT)
@require_POST
def commitment_cancel(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = scoping.get_commitment(request, commitment_id, EDIT)
    return _commitment_step(request, commitment, lambda: domain.cancel_commitment(
        actor=request.user, commitment=commitment, seen=_seen(request)),
        _("The commitment was cancelled; it no longer counts."))


# ---------------------------------------------------------------- the chi bộ page


def _chi_bo(request: HttpRequest, day: dt.date) -> Organisation | None:
    """The organisation ?to_chuc= names, else the only chi bộ the user may write to, else the user's root."""
    text = request.GET.get("to_chuc", "").strip() or request.POST.get("to_chuc", "").strip()
    if text:
        return scoping.organisation_named(request, text)
    writable = scoping.scope_of(request).organisations(EDIT)
    chi_bo = list(org_queries.versions_on(day).filter(
        organisation__in=writable, org_type__code__in=("chi-bo-co-so", "chi-bo-truc-thuoc"))
        .values_list("organisation_id", flat=True)[:2])
    if len(chi_bo) == 1:
        return Organisation.objects.get(pk=chi_bo[0])
    return scoping.default_root(request, day)


@requires(Capability.VIEW)
def chi_bo(request: HttpRequest) -> HttpResponse:
    """The members of an organisation on the year's counting date, with who has and has not registered and
    written a commitment; one link per missing entry; bulk approval of the chi bộ's individual registrations."""
    rules = year_rules(request)
    now = today()
    organisation = _chi_bo(request, now)
    if rules is None or organisation is None:
        return render(request, "emulation/registrations_chi_bo.html", {"rules": rules, "organisation": None})
    day = rules.count_date
    members = member_queries.ordered_by_name(member_queries.members_on(organisation.pk, day))
    page = _page(request, members)
    ids = [m.pk for m in page]
    registrations = {r.member_id: r for r in Registration.objects.filter(
        member_id__in=ids, year=rules.year, cancelled_on__isnull=True)}
    commitments = {c.member_id: c for c in Commitment.objects.filter(
        member_id__in=ids, year=rules.year, cancelled_on__isnull=True)}
    units = units_on(ids, day)
    rows = [{"member": m, "registration": registrations.get(m.pk), "commitment": commitments.get(m.pk),
             "unit": units.get(m.pk, "")} for m in page]
    show_unit = version_on_day_is_parent(organisation.pk, day)
    writer = scoping.may_edit_organisation(request, organisation)
    awaiting = Registration.objects.filter(
        year=rules.year, organisation=organisation, holder=Holder.INDIVIDUAL, cancelled_on__isnull=True,
        status=Registration.Status.REGISTERED).count() if writer else 0
    counts = figures.by_year(organisation, [rules])[rules.year]
    version = org_queries.version_on(organisation.pk, day) or org_queries.current_version(organisation)
    return render(request, "emulation/registrations_chi_bo.html", {
        "rules": rules, "organisation": organisation, "name": version.name if version else organisation.name,
        "rows": rows, "page": page, "query": _query(request), "can_write": writer, "awaiting": awaiting,
        "counts": counts, "rate": figures.individual_rate(counts),
        "commitment_rate": figures.commitment_rate(counts), "show_unit": show_unit,
        "years": EmulationYear.objects.order_by("-year"), "here": request.get_full_path()})


@requires(EDIT)
@require_POST
def chi_bo_approve(request: HttpRequest) -> HttpResponse:
    """Approve every individual registration of the chi bộ and year still awaiting approval."""
    rules = year_rules(request)
    organisation = _chi_bo(request, today())
    if rules is None or organisation is None:
        return refuse(request, _("Choose the year and the chi bộ."), reverse("emulation:chi_bo"))
    if not scoping.may_edit_organisation(request, organisation):
        return refuse(request, _("You may not approve the registrations of this organisation."),
                      reverse("emulation:chi_bo"))
    awaiting = list(Registration.objects.filter(
        year=rules.year, organisation=organisation, holder=Holder.INDIVIDUAL, cancelled_on__isnull=True,
        status=Registration.Status.REGISTERED).select_related("member", "organisation"))
    approved = domain.approve_many(actor=request.user, registrations=awaiting)
    messages.success(request, _("%(n)s registrations were approved.") % {"n": approved})
    return redirect(f"{reverse('emulation:chi_bo')}?to_chuc={organisation.code}&nam={rules.year}")


# ---------------------------------------------------------------- comparison across years, members without


@requires(Capability.VIEW)
def compare(request: HttpRequest) -> HttpResponse:
    organisation = _root(request)
    # Newest first (the current year is the first column a narrow screen shows); the years before the
    # organisation existed (not in the tree on their counting date) are left out.
    years = list(EmulationYear.objects.order_by("-year")[:COMPARE_YEARS])
    if organisation is not None:
        first = organisation.versions.order_by("valid_from").values_list("valid_from", flat=True).first()
        years = [rules for rules in years if first is not None and first <= rules.count_date]
    counts = figures.by_year(organisation, years) if organisation is not None else {}
    columns = [{"rules": rules, "counts": counts[rules.year], "rate": figures.individual_rate(counts[rules.year]),
                "collective_rate": figures.collective_rate(counts[rules.year]),
                "commitment_rate": figures.commitment_rate(counts[rules.year]),
                "unregistered": counts[rules.year]["members"] - counts[rules.year]["individuals_registered"],
                "collectives_unregistered": counts[rules.year]["collectives_expected"]
                - counts[rules.year]["collectives_registered"]}
               for rules in years if rules.year in counts]
    return render(request, "emulation/registrations_compare.html", {
        "organisation": organisation, "columns": columns})


@requires(Capability.VIEW)
def members_without(request: HttpRequest) -> HttpResponse:
    """The members on the counting date without a registration (?loai=cam-ket: without a commitment), or every
    member counted (?loai=tat-ca): the denominator of the rates."""
    rules = year_rules(request)
    organisation = _root(request)
    if rules is None or organisation is None:
        return render(request, "emulation/registrations_members.html", {"rules": None, "organisation": None})
    kind = request.GET.get("loai", "")
    if kind == "cam-ket":
        rows = figures.uncommitted_rows(organisation, rules)
    elif kind == "tat-ca":
        rows = figures.members_rows(organisation, [rules])
    else:
        rows = figures.unregistered_rows(organisation, rules)
    within = scoping.scope_of(request)
    if not within.is_superuser:
        rows = rows.filter(pk__in=visible_members(request).values("pk"))
    page = _page(request, member_queries.ordered_by_name(rows).select_related("person"))
    units = units_on([m.pk for m in page], rules.count_date)
    show_unit = version_on_day_is_parent(organisation.pk, rules.count_date)
    return render(request, "emulation/registrations_members.html", {
        "rules": rules, "organisation": organisation, "kind": kind, "page": page, "query": _query(request),
        "rows": [{"member": m, "unit": units.get(m.pk, "")} for m in page], "show_unit": show_unit,
        "can_write": scoping.may_edit_organisation(request, organisation)})


def version_on_day_is_parent(organisation_id: int, day: dt.date) -> bool:
    """Whether the organisation had units below it on `day` (its lists of names then show each one's unit)."""
    return org_queries.versions_on(day).filter(parent_id=organisation_id).exists()


@requires(Capability.VIEW)
def collectives_without(request: HttpRequest) -> HttpResponse:
    """The organisations of the subtree on the counting date without a collective registration for the year (the
    other side of "257/268 collectives registered")."""
    rules = year_rules(request)
    organisation = _root(request)
    if rules is None or organisation is None:
        return render(request, "emulation/registrations_collectives.html", {"rules": None, "organisation": None})
    rows = figures.unregistered_collective_rows(organisation, rules).order_by("path")
    page = _page(request, rows)
    return render(request, "emulation/registrations_collectives.html", {
        "rules": rules, "organisation": organisation, "page": page, "query": _query(request),
        "can_write": scoping.may_edit_organisation(request, organisation)})
