"""Panel of the home page contributed by activities (core/home.py): sessions whose day has passed without their
attendance recorded, held by organisations in the user's scope, each linking to its attendance sheet when the
user may record it (else to the session). One query for the sessions, one for those the user may record."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.activities import queries, scoping
from xaydungdang.activities.models import Session
from xaydungdang.core.formatting import format_date
from xaydungdang.core.home import Action, Figure, HomeContext, Line, PanelContent, register_panel


def _sessions(context: HomeContext) -> list[Session]:
    scope = context.scope
    sessions = queries.sessions_awaiting_attendance(scoping.readable_organisations(scope), context.day)
    if not scope.is_superuser:
        sessions = sessions.filter(scope.reach_q(Capability.VIEW, since="date"))
    return list(sessions)


def _recordable(context: HomeContext, sessions: list[Session]) -> set[int]:
    if not sessions or not context.scope.may_write(Capability.EDIT_RECORDS):
        return set()
    writable = scoping.visible_sessions(context.scope, Capability.EDIT_RECORDS)
    return set(writable.filter(pk__in=[s.pk for s in sessions]).values_list("pk", flat=True))


def _line(session: Session, recordable: set[int]) -> Line:
    entry = reverse("activities:attendance", kwargs={"session_id": session.pk})
    action = Action(_("Record attendance"), entry) if session.pk in recordable else None
    return Line(text=f"{session.organisation.name} · {format_date(session.date)}",
                url=reverse("activities:session", kwargs={"session_id": session.pk}),
                note=session.campaign.title, action=action)


def attendance_due(context: HomeContext) -> PanelContent:
    sessions = _sessions(context)
    if not sessions:
        return PanelContent(empty=_("Every session held has its attendance recorded."))
    shown, more = context.shown(sessions)
    recordable = _recordable(context, shown)
    return PanelContent(figures=[Figure(_("Sessions without attendance"), len(sessions),
                                        context.panel_url("activities.attendance_due"))],
                        lines=[_line(s, recordable) for s in shown], more=more)


register_panel("activities.attendance_due", gettext_lazy("Sessions without attendance recorded"), Capability.VIEW,
               50, attendance_due)
