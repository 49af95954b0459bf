"""Panels of the home page contributed by core: the recent changes of the audit log in the user's scope."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.formatting import format_date
from xaydungdang.core.home import Figure, HomeContext, Line, PanelContent, register_panel
from xaydungdang.core.queries import AuditFilter, audit_entries
from xaydungdang.core.templatetags.vn import audit_action, vn_datetime

RECENT_DAYS = 7


def recent_changes(context: HomeContext) -> PanelContent:
    """Audit entries of the last seven days (real days: changes happen today, whatever date the home reads)."""
    since = context.today - dt.timedelta(days=RECENT_DAYS - 1)
    entries = audit_entries(context.scope, AuditFilter(date_from=since))
    total = entries.count()
    if not total:
        return PanelContent(empty=_("No change in the last %(days)s days.") % {"days": RECENT_DAYS})
    url = context.url("audit_log", dated=False, tu=format_date(since))
    shown = list(entries[:context.limit] if context.limit is not None else entries)
    lines = [Line(text=f"{audit_action(e.action)}: {e.object_repr}" if e.object_repr else audit_action(e.action),
                  note=f"{vn_datetime(e.created_at)} · {e.actor.username if e.actor else '—'}") for e in shown]
    return PanelContent(figures=[Figure(_("Changes in the last %(days)s days") % {"days": RECENT_DAYS}, total, url)],
                        lines=lines, more=total - len(shown), more_url=url)


register_panel("core.recent_changes", gettext_lazy("Recent changes"), Capability.VIEW_AUDIT, 90, recent_changes)
