"""The home panel of chi bộ meetings (core/home.py): the chi bộ of the user's organisation that have not held their
regular meeting this month, read as the "not held" list its figure links to (meetings.queries.missing, within the
request's scope); a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.meetings import queries, scoping
from xaydungdang.meetings.models import Meeting


def not_held(context: HomeContext) -> PanelContent:
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    day = context.day
    start, end = queries.month_range(day.year, day.month)
    found = queries.missing(context.unit.organisation, Meeting.Kind.REGULAR, start, end,
                            within=scoping.covered_ids(context.request))
    if not found.expected:
        return PanelContent(empty=_("No chi bộ is expected to meet here this month."))
    month = f"{day.year:04d}-{day.month:02d}"
    url = context.url("meetings:missing", dated=False, to_chuc=context.unit.organisation.code, thang=month)
    shown, more = context.shown(found.missing)
    list_url = reverse("meetings:list")
    return PanelContent(figures=[
        Figure(_("Chi bộ without a regular meeting this month"), len(found.missing), url),
        Figure(_("Chi bộ that held it"), found.held, context.url("meetings:list", dated=False,
                                                                  to_chuc=context.unit.organisation.code,
                                                                  tu_ngay=f"1/{day.month}/{day.year}")),
    ], lines=[Line(text=v.name, url=f"{list_url}?to_chuc={v.organisation.code}") for v in shown], more=more,
        more_url=url)


register_panel("meetings.not_held", gettext_lazy("Regular chi bộ meetings this month"), Capability.VIEW, 45, not_held)
