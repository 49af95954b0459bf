"""Pages of a session: adding one to a campaign, changing and cancelling it, and the session itself with the
attendance recorded (rows of the organisations in the reader's scope only)."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities import domain, figures, forms, scoping
from xaydungdang.activities.models import Campaign, Session
from xaydungdang.activities.views import FORM_METHODS, add_errors, campaign_url, persons_text, turns_text
from xaydungdang.core import dates
from xaydungdang.core.formatting import format_date
from xaydungdang.core.permissions import requires
from xaydungdang.documents.scoping import visible_documents
from xaydungdang.organisations import queries as org_queries

EDIT = Capability.EDIT_RECORDS


def session_url(session: Session | int) -> str:
    return reverse("activities:session", kwargs={"session_id": getattr(session, "pk", session)})


def _session_form(request: HttpRequest, campaign: Campaign, initial: dict[str, Any]) -> forms.SessionForm:
    scope = scoping.request_scope(request)
    return forms.SessionForm(request.POST or None, initial=initial, campaign=campaign, scope=scope,
                             organisations=scoping.writable_organisations(scope))


def _render(request: HttpRequest, form: django_forms.BaseForm, title: str, back: str, campaign: Campaign,
            session: Session | None = None) -> HttpResponse:
    return render(request, "activities/form.html", {"form": form, "title": title, "back": back,
                                                    "campaign": campaign, "session": session})


@requires(EDIT)
@FORM_METHODS
def session_create(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A session of a campaign the user reads, held by an organisation they write for."""
    campaign = scoping.get_campaign(request, campaign_id)
    scope = scoping.request_scope(request)
    level = Session.Level.CONFERENCE if request.GET.get("cap") == "hoi-nghi" else Session.Level.GRASSROOTS
    first = scoping.writable_organisations(scope).filter(pk__in=scope.root_ids(EDIT)).first()
    initial = {"organisation": first.code if first else "", "level": level, "date": dates.today(),
               "audience": (campaign.audiences or ["members"])[0]}
    form = _session_form(request, campaign, initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = domain.create_session(actor=request.user, campaign=campaign, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The session of %(day)s was added.") % {
                "day": format_date(form.cleaned_data["date"])})
            return redirect(session_url(session))
    return _render(request, form, _("Add a session"), campaign_url(campaign), campaign)


@requires(EDIT)
@FORM_METHODS
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = scoping.get_session(request, session_id, EDIT)
    form = _session_form(request, session.campaign, forms.SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_session(actor=request.user, session=session, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The session was changed."))
            return redirect(session_url(session))
    return _render(request, form, _("Change the session"), session_url(session), session.campaign, session)


@requires(EDIT)
@FORM_METHODS
def session_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = scoping.get_session(request, session_id, EDIT)
    form = forms.CancelForm(request.POST or None, initial={"on": dates.today()})
    if request.method == "POST" and form.is_valid():
        try:
            domain.cancel_session(actor=request.user, session=session, on=form.cleaned_data["on"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The session was cancelled."))
            return redirect(session_url(session))
    return _render(request, form, _("Cancel the session"), session_url(session), session.campaign, session)


@requires(Capability.VIEW)
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session, its figures (its organisation's subtree on its day) and the attendance recorded."""
    scope = scoping.request_scope(request)
    session = scoping.get_session(request, session_id)
    rows = list(scoping.visible_rows(scope, session.attendances.all()).select_related("person").order_by(
        "organisation_id", "person__name_key", "id"))
    names = org_queries.names_on({r.organisation_id for r in rows} | {session.organisation_id}, session.date)
    for row in rows:
        row.place = names.get(row.organisation_id, "")  # type: ignore[attr-defined]
    found = figures.Figures(turns_attended=sum(r.attended for r in rows), turns_expected=len(rows),
                            persons_attended=sum(r.attended for r in rows), persons_expected=len(rows), sessions=1)
    writable = scoping.may_write_session(scope, session)
    return render(request, "activities/session.html", {
        "session": session, "campaign": session.campaign, "rows": rows,
        "organisation_name": names.get(session.organisation_id, session.organisation.name),
        "turns": turns_text(found), "persons": persons_text(found), "recorded": session.attendance_recorded_at,
        "can_record": writable and session.cancelled_on is None, "can_edit": writable and session.cancelled_on is None,
        "documents": list(session.documents.filter(pk__in=visible_documents(scope).values("pk"))),
        "back": campaign_url(session.campaign)})
