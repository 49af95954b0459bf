"""Panels of the home page contributed by members (core/home.py): the organisation with its members,
pending transfers, and recognitions overdue or due soon.

Each reads the same rows as the list its figures link to (members.scoping within the request's scope,
members.queries), so a figure and its list agree; each costs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.formatting import format_date
from xaydungdang.core.home import Action, Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.members import queries, scoping
from xaydungdang.members.models import Member, Transfer
from xaydungdang.organisations.models import active_on_q

DUE_SOON_DAYS = 30


def _unit_code(context: HomeContext) -> str:
    return context.unit.organisation.code if context.unit is not None else ""


def _places_on(member_ids: list[int], day: dt.date) -> dict[int, str]:
    """Member id -> name on `day` of the organisation each belonged to that day (one query)."""
    rows = queries.memberships_on(day).filter(active_on_q(day, "organisation__versions__"), member_id__in=member_ids)
    return dict(rows.values_list("member_id", "organisation__versions__name"))


def _editable(context: HomeContext, member_ids: list[int]) -> set[int]:
    """Those members whose records the user may edit (one query, none without the capability)."""
    if not member_ids or not context.scope.has(Capability.EDIT_RECORDS):
        return set()
    return set(scoping.editable_members(context.request).filter(pk__in=member_ids).values_list("pk", flat=True))


# ---------------------------------------------------------------- the organisation


def organisation(context: HomeContext) -> PanelContent:
    """The organisation with its members on the day, official and probationary (the member list's counts)."""
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    members = scoping.members_of(context.request, context.unit, context.day)
    counts = queries.category_counts(members, context.day)
    code = _unit_code(context)
    return PanelContent(summary=f"{context.unit.name} ({context.unit.org_type.name})", figures=[
        Figure(_("Party members"), counts["total"], context.url("members:list", to_chuc=code)),
        Figure(_("Official"), counts["official"], context.url("members:list", to_chuc=code, trang_thai="official")),
        Figure(_("Probationary"), counts["probationary"],
               context.url("members:list", to_chuc=code, trang_thai="probationary")),
    ])


# ---------------------------------------------------------------- transfers


def _transfer_line(context: HomeContext, transfer: Transfer, receivable: set[int]) -> Line:
    to_name = transfer.to_organisation.name if transfer.to_organisation else transfer.to_external
    action = Action(_("Receive"), reverse("members:receive_transfer", kwargs={"transfer_id": transfer.pk})) \
        if transfer.to_organisation_id in receivable else None
    return Line(text=transfer.member.person.full_name,
                url=reverse("members:detail", kwargs={"member_id": transfer.member_id}),
                note=_("from %(source)s to %(destination)s, sent on %(day)s") % {
                    "source": transfer.from_organisation.name, "destination": to_name,
                    "day": format_date(transfer.sent_on)}, action=action)


def transfers(context: HomeContext) -> PanelContent:
    """Pending transfers from or to the user's organisations (the transfers list); those coming in listed, and
    counted as the list filtered to them (?chieu=den) shows them."""
    covered = scoping.covered_organisations(context.request)
    pending = list(scoping.visible_transfers(context.request).order_by("-sent_on", "-id"))
    if not pending:
        return PanelContent(empty=_("No pending transfers."))
    destinations = {t.to_organisation_id for t in pending if t.to_organisation_id is not None}
    inside = set(covered.filter(pk__in=destinations).values_list("pk", flat=True))
    incoming = [t for t in pending if t.to_organisation_id in inside]
    receivable = set(scoping.covered_organisations(context.request, Capability.EDIT_RECORDS).filter(
        pk__in=inside).values_list("pk", flat=True)) if incoming and context.scope.has(Capability.EDIT_RECORDS) \
        else set()
    shown, more = context.shown(incoming)
    return PanelContent(figures=[
        Figure(_("Pending transfers"), len(pending), context.url("members:transfers", dated=False)),
        Figure(_("Coming in, to receive"), len(incoming), context.url("members:transfers", dated=False, chieu="den")),
    ], lines=[_transfer_line(context, t, receivable) for t in shown], more=more)


# ---------------------------------------------------------------- recognitions


def _recognition_line(context: HomeContext, member: Member, places: dict[int, str], editable: set[int]) -> Line:
    ends = member.probation_ends()
    assert ends is not None  # only members with a ceremony date are due
    if ends <= context.day:
        note = _("due since %(day)s") % {"day": format_date(ends)}
    else:
        note = _("due on %(day)s") % {"day": format_date(ends)}
    action = Action(_("Recognise"), reverse("members:recognise", kwargs={"member_id": member.pk})) \
        if member.pk in editable else None
    place = places.get(member.pk, "")
    return Line(text=member.person.full_name, url=reverse("members:detail", kwargs={"member_id": member.pk}),
                note=f"{place} · {note}" if place else note, action=action)


def recognitions(context: HomeContext) -> PanelContent:
    """Probationary members overdue for recognition (the overdue list) and those due within 30 days."""
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    members = scoping.members_of(context.request, context.unit, context.day)
    horizon = context.day + dt.timedelta(days=DUE_SOON_DAYS)
    due = sorted(queries.overdue_recognitions(members, horizon), key=lambda m: (m.probation_ends(), m.pk))
    overdue = [m for m in due if (m.probation_ends() or horizon) <= context.day]
    if not due:
        return PanelContent(empty=_("No recognition is overdue or due in the next %(days)s days.") % {
            "days": DUE_SOON_DAYS})
    shown, more = context.shown(due)
    ids = [m.pk for m in shown]
    places, editable = _places_on(ids, context.day), _editable(context, ids)
    code = _unit_code(context)
    return PanelContent(figures=[
        Figure(_("Overdue for recognition"), len(overdue), context.url("members:overdue", to_chuc=code)),
        Figure(_("Due in the next %(days)s days") % {"days": DUE_SOON_DAYS}, len(due) - len(overdue),
               context.panel_url("members.recognitions")),
    ], lines=[_recognition_line(context, m, places, editable) for m in shown], more=more)


register_panel("members.organisation", gettext_lazy("Your organisation"), Capability.VIEW, 10, organisation)
register_panel("members.transfers", gettext_lazy("Pending transfers"), Capability.VIEW, 20, transfers)
register_panel("members.recognitions", gettext_lazy("Recognition as official members"), Capability.VIEW, 30,
               recognitions)
