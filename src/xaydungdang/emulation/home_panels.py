"""The home panels of học tập và làm theo (core/home.py; autodiscovered at start): the registrations awaiting
approval in the home's organisation (within the request's scope), the figure linked to their list. A fixed number
of queries. The good models part may append its own panel below."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.emulation.models import Registration
from xaydungdang.organisations.rollup import placed_under_q

SHOWN = 5


def awaiting_approval(context: HomeContext) -> PanelContent:
    if context.unit is None:
        return PanelContent(empty=_("Your organisation does not exist on this date."))
    organisation = context.unit.organisation
    scope = context.scope
    rows = scope.filter_by_organisation(Registration.objects.filter(
        status=Registration.Status.REGISTERED, cancelled_on__isnull=True), since="registered_on").filter(
        placed_under_q(organisation, date="registered_on"))
    count = rows.count()
    if not count:
        return PanelContent(empty=_("No registration awaits approval."))
    url = context.url("emulation:registration_list", dated=False, to_chuc=organisation.code, trang_thai="registered")
    shown = list(rows.select_related("member__person", "organisation").order_by("registered_on", "pk")[:SHOWN]
                 if context.limit is not None else rows.select_related("member__person", "organisation")
                 .order_by("registered_on", "pk"))
    lines = [Line(text=f"{r.member.person.full_name if r.member else r.organisation.name} ({r.year})",
                  url=reverse("emulation:registration_detail", args=[r.pk])) for r in shown]
    return PanelContent(figures=[Figure(_("Làm theo registrations awaiting approval"), count, url)], lines=lines,
                        more=max(0, count - len(lines)), more_url=url)


register_panel("emulation.registrations_awaiting", gettext_lazy("Làm theo registrations awaiting approval"),
               Capability.EDIT_RECORDS, 60, awaiting_approval)
