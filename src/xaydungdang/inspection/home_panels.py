"""The home panel of inspection (core/home.py; autodiscovered at start): "Kiến nghị sau kiểm tra quá hạn", the
recommendations after inspection placed in the home's organisation's subtree (any date) that are not carried out
and past their deadline, among those the request reads (inspection/scoping.py: those of an inspection of a member
only for the inspection committee, the team and the member). The figure opens the overdue list. A fixed number of
queries."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.formatting import format_date
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.inspection import figures, scoping

TITLE = gettext_lazy("Recommendations after inspection past their deadline")
LINE_CHARS = 80


def shorten(text: str, limit: int = LINE_CHARS) -> str:
    """`text` within `limit` characters, cut at a word boundary with "…" when longer (a single over-long word is
    cut where it must)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–-") + "…"


def overdue_recommendations(context: HomeContext) -> PanelContent:
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    organisation = context.unit.organisation
    rows = figures.overdue_under(
        organisation, context.today, placed_on=context.scope.reading_day(context.today)).filter(
        inspection__in=scoping.visible_inspections(context.request))
    count = rows.count()
    if not count:
        return PanelContent(empty=_("No recommendation after inspection is past its deadline."))
    url = context.url("inspection:recommendation_overdue", dated=False, to_chuc=organisation.code)
    shown = list(rows[:context.limit] if context.limit is not None else rows)
    lines = [Line(text=f"{r.inspection.organisation.name}: {shorten(r.content)}",
                  url=reverse("inspection:recommendation_detail", args=[r.pk]),
                  note=_("due %(day)s") % {"day": format_date(r.due_on)}) for r in shown]
    return PanelContent(figures=[Figure(TITLE, count, url)], lines=lines, more=max(0, count - len(lines)),
                        more_url=url)


register_panel("inspection.recommendations_overdue", TITLE, Capability.VIEW, 75, overdue_recommendations)
