"""The home panel of pressing issues (core/home.py) and the organisation page's alert (organisations/alerts.py):
the issues of the organisation's subtree (placed on their selection date, within the request's scope) that are past
their deadline, and those due within 30 days, each count linking to its list; a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.formatting import format_date
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.organisations.alerts import Alert, register_alert
from xaydungdang.organisations.models import Organisation
from xaydungdang.pressing import queries


def _open_under(request: HttpRequest, organisation: Organisation) -> object:
    return queries.visible_issues(request).filter(queries.under(organisation))


def deadlines(context: HomeContext) -> PanelContent:
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    organisation, day = context.unit.organisation, context.today
    issues = _open_under(context.request, organisation)
    late = list(issues.filter(queries.overdue_q(day)).order_by("deadline", "pk")  # type: ignore[attr-defined]
                .values_list("pk", "title", "deadline"))
    soon = issues.filter(queries.due_soon_q(day)).count()  # type: ignore[attr-defined]
    if not late and not soon:
        return PanelContent(empty=_("No pressing issue is overdue or due within 30 days."))
    code = organisation.code
    shown, more = context.shown(late)
    return PanelContent(figures=[
        Figure(_("Overdue, not resolved"), len(late), context.url("pressing:overdue", dated=False, to_chuc=code)),
        Figure(_("Due within 30 days"), soon, context.url("pressing:index", dated=False, to_chuc=code,
                                                           trang_thai=queries.DUE_SOON, nam="")),
    ], lines=[Line(text=title, url=reverse("pressing:detail", kwargs={"issue_id": pk}),
                   note=_("deadline %(day)s") % {"day": format_date(deadline)}) for pk, title, deadline in shown],
        more=more, more_url=context.url("pressing:overdue", dated=False, to_chuc=code))


def overdue_alert(request: HttpRequest, organisation: Organisation, day: dt.date) -> Alert | None:
    count = _open_under(request, organisation).filter(queries.overdue_q(day)).count()  # type: ignore[attr-defined]
    if not count:
        return None
    return Alert(_("Pressing issues past their deadline"), count,
                 f"{reverse('pressing:overdue')}?to_chuc={organisation.code}")


register_panel("pressing.deadlines", gettext_lazy("Pressing issues: deadlines"), Capability.VIEW, 70, deadlines)
register_alert("pressing.overdue", 30, overdue_alert)
