"""Home panels and organisation-page alerts of the feedback app (core/home.py, organisations/alerts.py).

Opinions (this part): the overdue opinions concerning the user's organisation (raised in its subtree or assigned to
an organisation in it: feedback.figures_opinions.concerning_q), and the opinions assigned to the user's own
organisations still waiting for an answer; the organisation page's alert counts the overdue ones. Read within the
request's scope (feedback.scoping); a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.dates import today
from xaydungdang.core.formatting import format_date
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.feedback import figures_opinions as figures
from xaydungdang.feedback import scoping
from xaydungdang.feedback.models import Opinion
from xaydungdang.organisations.alerts import Alert, register_alert
from xaydungdang.organisations.models import Organisation


def overdue_opinions(request: HttpRequest, organisation: Organisation) -> QuerySet[Opinion]:
    return scoping.visible_opinions(request).filter(figures.concerning_q(organisation, today()),
                                                    figures.overdue_q(today()))


def opinions_panel(context: HomeContext) -> PanelContent:
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    organisation = context.unit.organisation
    overdue = list(overdue_opinions(context.request, organisation).select_related("topic")
                   .order_by("due_on", "pk")[:(context.limit or 10_000) + 1])
    overdue_count = overdue_opinions(context.request, organisation).count()
    waiting = scoping.visible_opinions(context.request).filter(
        scoping.assigned_to_me_q(context.request), answered_on__isnull=True, cancelled_on__isnull=True).count()
    if not overdue_count and not waiting:
        return PanelContent(empty=_("No opinion is overdue or waiting for your answer."))
    shown, _more = context.shown(overdue)
    overdue_url = context.url("feedback:opinion_overdue", dated=False, to_chuc=organisation.code)
    return PanelContent(figures=[
        Figure(_("Opinions overdue"), overdue_count, overdue_url),
        Figure(_("Opinions assigned to my organisation, waiting for an answer"), waiting,
               context.url("feedback:opinion_list", dated=False, giao_cho_toi="on", trang_thai="open",
                           tu_ngay="1/1/1900")),
    ], lines=[Line(text=f"{o.topic.name} ({format_date(o.raised_on)})",
                   url=reverse("feedback:opinion_detail", args=[o.pk]),
                   note=_("due %(day)s") % {"day": format_date(o.due_on)}) for o in shown],
        more=max(0, overdue_count - len(shown)), more_url=overdue_url)


def overdue_alert(request: HttpRequest, organisation: Organisation, day: dt.date) -> Alert | None:
    count = overdue_opinions(request, organisation).count()
    if not count:
        return None
    return Alert(_("Opinions not answered by their deadline"), count,
                 f"{reverse('feedback:opinion_overdue')}?to_chuc={organisation.code}")


register_panel("feedback.opinions", gettext_lazy("Opinions and petitions to answer"), Capability.VIEW, 55,
               opinions_panel)
register_alert("feedback.opinions_overdue", 10, overdue_alert)


# ------------------------------------------------------------------ recommendations upward (feedback's other part)
# The recommendations sent from the user's organisation's subtree that are overdue (no answer, not withdrawn,
# expected before today), and those sent TO the organisation still waiting for its answer; the organisation page's
# alerts count both. Read within the scope (feedback.queries_recommendations); a fixed number of queries.


def recommendations_panel(context: HomeContext) -> PanelContent:
    from xaydungdang.feedback import queries_recommendations as recommendations

    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    organisation, now = context.unit.organisation, today()
    overdue = recommendations.overdue_sent(organisation, context.request, now)  # built once: one paths query
    overdue_count = overdue.count()
    awaiting = recommendations.awaiting_answer(organisation, context.request).count()
    if not overdue_count and not awaiting:
        return PanelContent(empty=_("No recommendation sent upward is overdue, none waits for your answer."))
    rows = list(recommendations.with_relations(overdue).order_by("due_on", "pk")[:(context.limit or 10_000)]) \
        if overdue_count else []
    shown, _more = context.shown(rows)
    overdue_url = context.url("feedback:recommendation_overdue", dated=False, to_chuc=organisation.code)
    return PanelContent(figures=[
        Figure(_("Recommendations sent upward, overdue without an answer"), overdue_count, overdue_url),
        Figure(_("Recommendations sent to us, awaiting our answer"), awaiting,
               context.url("feedback:recommendation_awaiting", dated=False, to_chuc=organisation.code)),
    ], lines=[Line(text=f"{r.subject} ({format_date(r.sent_on)})",
                   url=reverse("feedback:recommendation_detail", args=[r.pk]),
                   note=_("expected by %(day)s") % {"day": format_date(r.due_on)}) for r in shown],
        more=max(0, overdue_count - len(shown)), more_url=overdue_url)


def recommendations_overdue_alert(request: HttpRequest, organisation: Organisation, day: dt.date) -> Alert | None:
    from xaydungdang.feedback import queries_recommendations as recommendations

    count = recommendations.overdue_sent(organisation, request, today()).count()
    if not count:
        return None
    return Alert(_("Recommendations sent upward without an answer by the expected date"), count,
                 f"{reverse('feedback:recommendation_overdue')}?to_chuc={organisation.code}")


def recommendations_awaiting_alert(request: HttpRequest, organisation: Organisation, day: dt.date) -> Alert | None:
    from xaydungdang.feedback import queries_recommendations as recommendations

    count = recommendations.awaiting_answer(organisation, request).filter(
        recommendations.overdue_q(today())).count()
    if not count:
        return None
    return Alert(_("Recommendations sent to this organisation, overdue for its answer"), count,
                 f"{reverse('feedback:recommendation_awaiting')}?to_chuc={organisation.code}")


register_panel("feedback.recommendations", gettext_lazy("Recommendations to higher bodies"), Capability.VIEW, 56,
               recommendations_panel)
register_alert("feedback.recommendations_overdue", 20, recommendations_overdue_alert)
register_alert("feedback.recommendations_awaiting", 21, recommendations_awaiting_alert)
