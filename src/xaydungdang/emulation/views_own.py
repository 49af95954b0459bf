"""A member's own "làm theo" pages (/lam-theo/cua-toi/, capability own.view): the member linked to the log-in
(Member.user) registers, revises a returned registration, self-assesses an approved one at the year's end and writes
their commitment. Nothing here takes a member or a registration id from the request: the year is the only input,
and every row read is the member's own (another member's registration cannot even be named).

Writes go through emulation.domain_registrations with `own=True` (the actor must be that member; the registration
is placed in their chi bộ on the day), and are approved by the chi bộ as any other.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.accounts.views_own import own_member
from xaydungdang.core.dates import today
from xaydungdang.core.permissions import requires
from xaydungdang.emulation import domain_registrations as domain
from xaydungdang.emulation import forms_registrations as forms
from xaydungdang.emulation.models import Commitment, EmulationYear, Registration
from xaydungdang.members.models import Member

OWN = Capability.OWN_RECORDS


def _current_year() -> EmulationYear | None:
    now = today()
    return (EmulationYear.objects.filter(year=now.year).first()
            or EmulationYear.objects.filter(opens_on__lte=now).order_by("-year").first())


def _page(request: HttpRequest, member: Member | None, status: int = 200, errors: list[str] | None = None,
          **forms_: Any) -> HttpResponse:
    if member is None:
        return render(request, "emulation/registrations_own.html", {"member": None})
    rules = _current_year()
    registrations = list(Registration.objects.filter(member=member, cancelled_on__isnull=True)
                         .select_related("organisation").order_by("-year"))
    commitments = list(Commitment.objects.filter(member=member, cancelled_on__isnull=True)
                       .select_related("organisation").order_by("-year"))
    # A registration outside its year's window is marked late, as on the office's page.
    windows = {y.year: y for y in EmulationYear.objects.filter(year__in={r.year for r in registrations})}
    for registration in registrations:
        registration.late = domain.is_late(windows.get(registration.year),  # type: ignore[attr-defined]
                                           registration.registered_on)
    current = next((r for r in registrations if rules and r.year == rules.year), None)
    commitment = next((c for c in commitments if rules and c.year == rules.year), None)
    return render(request, "emulation/registrations_own.html", {
        "member": member, "rules": rules, "registrations": registrations, "commitments": commitments,
        "current": current, "commitment": commitment, "errors": errors or [],
        "return_reason": domain.return_reason(current) if current else "",
        "register_form": forms_.get("register_form") or forms.OwnRegistrationForm(
            initial={"actions": current.actions if current else ""}),
        "assess_form": forms_.get("assess_form") or forms.AssessForm(initial={
            "result": current.result if current else "", "assessed_on": today(),
            "self_assessment": current.self_assessment if current else ""}),
        "commitment_form": forms_.get("commitment_form") or forms.OwnCommitmentForm(),
        "can_register": rules is not None and (current is None or current.status == Registration.Status.RETURNED
                                               or current.status == Registration.Status.REGISTERED),
        "can_assess": current is not None and current.status == Registration.Status.APPROVED,
    }, status=status)


@requires(OWN)
def own(request: HttpRequest) -> HttpResponse:
    return _page(request, own_member(request))


def _own_year(request: HttpRequest) -> EmulationYear | None:
    text = request.POST.get("nam", "").strip()
    if text.isdigit():
        return EmulationYear.objects.filter(year=int(text)).first()
    return _current_year()


def _own_registration(member: Member, rules: EmulationYear) -> Registration | None:
    return Registration.objects.filter(member=member, year=rules.year, cancelled_on__isnull=True).first()


def _refused(request: HttpRequest, error: ValidationError | str) -> HttpResponse:
    """Nothing was written: the messages (naming the field) on the own page (POST/redirect/GET)."""
    for message in ([error] if isinstance(error, str) else error.messages):
        messages.error(request, message)
    return redirect("emulation:own")


def _member_and_year(request: HttpRequest) -> tuple[Member | None, EmulationYear | None, str]:
    member = own_member(request)
    if member is None:
        return None, None, _("This account is not linked to a party member's record.")
    rules = _own_year(request)
    if rules is None:
        return member, None, _("Year: there are no rules for this year yet.")
    return member, rules, ""


@requires(OWN)
@require_POST
def own_register(request: HttpRequest) -> HttpResponse:
    """Register (or revise one's registration awaiting approval or returned) for the year."""
    member, rules, problem = _member_and_year(request)
    if member is None or rules is None:
        return _refused(request, problem)
    form = forms.OwnRegistrationForm(request.POST)
    form.is_valid()
    actions = form.cleaned_data.get("actions", "")
    existing = _own_registration(member, rules)
    try:
        if existing is None:
            domain.register(actor=request.user, year=rules.year, registered_on=today(), actions=actions,
                            member=member, own=True)
        else:
            domain.revise_registration(actor=request.user, registration=existing, actions=actions)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(request, _("Your registration was recorded; your chi bộ will approve it."))
    return redirect("emulation:own")


@requires(OWN)
@require_POST
def own_assess(request: HttpRequest) -> HttpResponse:
    member, rules, problem = _member_and_year(request)
    if member is None or rules is None:
        return _refused(request, problem)
    registration = _own_registration(member, rules)
    if registration is None:
        return _refused(request, _("You have no registration for %(year)s to assess.") % {"year": rules.year})
    form = forms.AssessForm(request.POST)
    if not form.is_valid():
        return _refused(request, ValidationError([f"{form.fields[f].label}: {m}" for f, ms in form.errors.items()
                                                  if f in form.fields for m in ms]))
    try:
        domain.assess_registration(actor=request.user, registration=registration, result=form.cleaned_data["result"],
                                   self_assessment=form.cleaned_data.get("self_assessment", ""),
                                   on=form.cleaned_data.get("assessed_on") or today())
    except ValidationError as error:
        return _refused(request, error)
    messages.success(request, _("Your year-end self-assessment was recorded."))
    return redirect("emulation:own")


@requires(OWN)
@require_POST
def own_commitment(request: HttpRequest) -> HttpResponse:
    member, rules, problem = _member_and_year(request)
    if member is None or rules is None:
        return _refused(request, problem)
    form = forms.OwnCommitmentForm(request.POST)
    form.is_valid()
    try:
        domain.write_commitment(actor=request.user, member=member, year=rules.year, written_on=today(),
                                content=form.cleaned_data.get("content", ""), own=True)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(request, _("Your commitment was recorded."))
    return redirect("emulation:own")
