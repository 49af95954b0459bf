"""The preview of a checked import: what would be recorded and changed, shown before anything is written.

The preview is kept on the job (JSON, display-ready text) with a digest of its content and of the
uploader's scope. The confirmation carries the job's token; the commit checks the file again and
writes only when the new digest equals the confirmed one, so what is written is what was shown
(the records or the user's rights changed meanwhile: a new preview is shown instead).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.utils import timezone

from xaydungdang.core.audit import MASK
from xaydungdang.core.formatting import format_date
from xaydungdang.members.importing import FIELD_BY_KEY, FIELDS, Validation
from xaydungdang.members.models import AudienceTag, Person, Sex, TheoryLevel

PREVIEW_HOURS = 24  # a confirmation later than this checks the file again first
EMPTY = "—"
ORDER = {f.key: index for index, f in enumerate(FIELDS)}


def build(result: Validation, *, sensitive: bool, scope_key: str) -> dict[str, Any]:
    """Rows to create, rows that change a recorded member (field: old → new) and rows that change nothing."""
    create, change, unchanged = [], [], []
    names = _audience_names(result)
    for number, clean in result.rows:
        found = result.changes.get(number)
        if found is None:
            create.append([number, clean.get("full_name", ""), clean.get("organisation_code", ""),
                           clean.get("card_number") or "", clean.get("lylich_number") or ""])
        elif found.fields:
            change.append([number, found.member_id, found.name, found.organisation,
                           [[FIELD_BY_KEY[key].header, shown(key, named(old, names), sensitive),
                             shown(key, named(new, names), sensitive)]
                            for key, (old, new) in sorted(found.fields.items(), key=_in_template_order)]])
        else:
            unchanged.append([number, found.member_id, found.name])
    preview: dict[str, Any] = {"create": create, "change": change, "unchanged": unchanged}
    preview["digest"] = digest(preview, scope_key)
    preview["made_at"] = timezone.now().isoformat()
    return preview


def _audience_names(result: Validation) -> dict[str, str]:
    """Code -> name of the audience groups, read only when a change row changes them."""
    if not any("audiences" in change.fields for change in result.changes.values()):
        return {}
    return dict(AudienceTag.objects.values_list("code", "name"))


def named(value: Any, names: dict[str, str]) -> Any:
    """Audience group codes as their names, joined ("Cựu chiến binh, Giáo viên"); any other value as is."""
    return ", ".join(sorted(str(names.get(code, code)) for code in value)) if isinstance(value, tuple) else value


def _in_template_order(item: tuple[str, Any]) -> int:
    # The mapping's order depends on the database (PostgreSQL's jsonb sorts keys): the template's does not.
    return ORDER[item[0]]


def digest(preview: dict[str, Any], scope_key: str) -> str:
    content = {key: preview[key] for key in ("create", "change", "unchanged")}
    return hashlib.sha256(json.dumps([content, scope_key], ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def expired(preview: dict[str, Any], now: dt.datetime | None = None) -> bool:
    made = preview.get("made_at")
    if not made:
        return True
    return (now or timezone.now()) - dt.datetime.fromisoformat(made) > dt.timedelta(hours=PREVIEW_HOURS)


def shown(key: str, value: Any, sensitive: bool) -> str:
    """A value as the preview writes it; sensitive data only for users who may see it."""
    if value in (None, ""):
        return EMPTY
    if key in Person.SENSITIVE_FIELDS and not sensitive:
        return MASK
    if isinstance(value, dt.date):
        return format_date(value)
    if key == "sex":
        return str(Sex(value).label)
    if key == "theory_level":
        return str(TheoryLevel(value).label)
    return str(value)


def scope_key(organisation_ids: list[int]) -> str:
    return hashlib.sha256(",".join(map(str, sorted(organisation_ids))).encode()).hexdigest()
