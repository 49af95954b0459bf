"""Facts from the records for "inside the system" checks: what the tree and the member list
say about an organisation on a date, each with a link to the rows behind it.

Providers are registered by the noun key they answer (lexicon.NOUNS); a report generator, or
another app, adds its own with `@provider("lượt ý kiến")`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlencode

from django.urls import reverse

from xaydungdang.core.formatting import format_date
from xaydungdang.members import queries as member_queries
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation, OrgVersion
from xaydungdang.reportcheck.context import Fact

Provider = Callable[[Organisation, OrgVersion, dt.date], Fact | None]
PROVIDERS: dict[str, Provider] = {}
# Organisation type codes (organisations.reference) counted for each noun.
TYPE_CODES = {"đảng bộ cơ sở": ("dang-bo-co-so",), "chi bộ cơ sở": ("chi-bo-co-so",),
              "chi bộ trực thuộc": ("chi-bo-truc-thuoc",)}


def provider(key: str) -> Callable[[Provider], Provider]:
    def register(function: Provider) -> Provider:
        PROVIDERS[key] = function
        return function
    return register


def _url(name: str, organisation: Organisation, day: dt.date) -> str:
    query = urlencode({"to_chuc": organisation.code, "ngay": format_date(day)})
    return f"{reverse(name)}?{query}"


@provider("đảng viên")
def members(organisation: Organisation, version: OrgVersion, day: dt.date) -> Fact:
    count = member_queries.count_members_on(organisation.pk, day)
    return Fact(count, f"số đảng viên của {version.name} ngày {format_date(day)}",
                _url("members:list", organisation, day))


def _type_counts(version: OrgVersion, day: dt.date) -> dict[str, int]:
    types = org_queries.org_types_by_id()
    out: dict[str, int] = {}
    for type_id, n in org_queries.subtree_type_counts(version, day).items():
        org_type = types[type_id]
        out[org_type.code] = out.get(org_type.code, 0) + n
        if org_type.is_grassroots:
            out["grassroots"] = out.get("grassroots", 0) + n
    return out


def _tree_fact(key: str, codes: tuple[str, ...]) -> Provider:
    def fact(organisation: Organisation, version: OrgVersion, day: dt.date) -> Fact:
        counts = _type_counts(version, day)
        url = f"{reverse('organisations:detail', kwargs={'code': organisation.code})}?ngay={format_date(day)}"
        return Fact(sum(counts.get(c, 0) for c in codes), f"số {key} của {version.name} ngày {format_date(day)}", url)
    return fact


for _key, _codes in TYPE_CODES.items():
    provider(_key)(_tree_fact(_key, _codes))
provider("tổ chức cơ sở đảng")(_tree_fact("tổ chức cơ sở đảng", ("grassroots",)))


def facts_for(organisation: Organisation, day: dt.date) -> dict[str, Fact]:
    """Every registered fact for the organisation as it stood on `day` (empty when it did not exist)."""
    version = org_queries.version_on(organisation.pk, day)
    if version is None:
        return {}
    out: dict[str, Fact] = {}
    for key, function in PROVIDERS.items():
        found = function(organisation, version, day)
        if found is not None:
            out[key] = found
    return out
