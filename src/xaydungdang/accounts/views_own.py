"""A member's own pages (/cua-toi/, capability own.view) and the secretary's page that makes a member's log-in.

The own pages read only the member linked to the logged-in user (Member.user): the sessions, meetings and
classes they are expected at, their attendance history, and the confirmation of a self-study session. A user
with own.view but no linked member (an administrator) sees a notice. Nothing here takes an organisation or
another member from the request: a session id that is not one of the member's expected self-study sessions
answers 404.

Making a log-in (`member_login`) is a records.edit step on the member's official organisation
(members.scoping.writable_members, 404 otherwise); the generated password is shown once, on the page the
form redirects to, and is never stored in clear.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaydungdang.accounts import domain, own_queries
from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.core.permissions import requires
from xaydungdang.core.text import fold
from xaydungdang.members import scoping
from xaydungdang.members.models import Member

NEW_LOGIN_KEY = "new_member_login"


def own_member(request: HttpRequest) -> Member | None:
    """The member linked to the logged-in user, if any (one query)."""
    if request.user.pk is None:
        return None
    return Member.objects.filter(user_id=request.user.pk).select_related("person").first()


@requires(Capability.OWN_RECORDS)
def own_home(request: HttpRequest) -> HttpResponse:
    member = own_member(request)
    if member is None:
        return render(request, "accounts/own_home.html", {"member": None})
    summary = own_queries.summary(member, today())
    return render(request, "accounts/own_home.html", {
        "member": member, "person": member.person, "summary": summary,
        "units": summary.calendar.official_units(), "key_roles": summary.calendar.key_roles})


@requires(Capability.OWN_RECORDS)
def own_history(request: HttpRequest) -> HttpResponse:
    member = own_member(request)
    rows = own_queries.history(member) if member is not None else []
    return render(request, "accounts/own_history.html", {"member": member, "rows": rows})


@requires(Capability.OWN_RECORDS)
@require_POST
def own_confirm_self_study(request: HttpRequest, self_study_id: int) -> HttpResponse:
    """Confirm having studied a self-study session the member is expected at (activities.domain)."""
    from xaydungdang.activities.domain import confirm_self_study

    member = own_member(request)
    session = own_queries.expected_self_study(member, self_study_id) if member is not None else None
    if session is None or member is None:
        raise Http404
    try:
        confirm_self_study(actor=request.user, session=session, person=member.person)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Self-study confirmed: %(campaign)s, %(day)s.") % {
            "campaign": session.campaign.title, "day": format_date(session.date)})
    return redirect("accounts:own")


# ---------------------------------------------------------------- making a member's log-in (secretary)

class MemberLoginForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150,
                               help_text=gettext_lazy("Letters without diacritics, digits and . @ + - _"))


def suggested_username(member: Member) -> str:
    """The member's name without diacritics, words joined by dots ("nguyen.van.an")."""
    return ".".join(fold(member.person.full_name).split())[:140]


def _writable(request: HttpRequest, member_id: int) -> Member:
    member = scoping.writable_members(request).select_related("person", "user").filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@requires(Capability.EDIT_RECORDS)
def member_login(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _writable(request, member_id)
    form = MemberLoginForm(request.POST or None, initial={"username": suggested_username(member)})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user, raw = domain.create_member_login(actor=request.user, member=member,
                                                   username=form.cleaned_data["username"])
        except ValidationError as error:
            _add_errors(form, error)
            status = 409 if isinstance(error, StateConflict) else 200  # e.g. another user made it first
        else:
            request.session[NEW_LOGIN_KEY] = {"member": member.pk, "username": user.username, "password": raw}
            return redirect("accounts:member_login", member_id=member.pk)
    created = request.session.pop(NEW_LOGIN_KEY, None) if request.method == "GET" else None
    if created is not None and created.get("member") != member.pk:
        created = None
    context: dict[str, Any] = {"member": member, "person": member.person, "form": form, "created": created}
    return render(request, "accounts/own_login.html", context, status=status)


@requires(Capability.EDIT_RECORDS)
@require_POST
def member_login_deactivate(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _writable(request, member_id)
    try:
        user = domain.deactivate_member_login(actor=request.user, member=member)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The log-in %(username)s is closed.") % {"username": user.username})
    return redirect("accounts:member_login", member_id=member.pk)
