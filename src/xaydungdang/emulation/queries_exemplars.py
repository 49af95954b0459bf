"""Reads of the good models and recognitions for the list pages, the export and the API (scoping is the caller's:
emulation.scoping.visible narrows these querysets to the reader's reach).

A model is listed under an organisation when its organisation is or ever was in that subtree; a recognition when its
organisation sat in the subtree on the recognition's date (as the figures count it). Search ignores diacritics and
Unicode form (core.text.fold against GoodModel.search_name).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from xaydungdang.core.text import fold, search_words
from xaydungdang.emulation.models import GoodModel, Recognition
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import placed_under_q


def kept_on_q(day: dt.date) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gt=day)


def models_in(root: Organisation | None, *, day: dt.date, holder: str = "", field: Any = None, kept: str = "",
              year: int | None = None, q: str = "") -> QuerySet[GoodModel]:
    """Models of `root`'s subtree (every model when None) filtered as the list page asks; `kept` "1" for those
    still kept up on `day`, "0" for those no longer kept up."""
    rows = GoodModel.objects.all()
    if root is not None:
        rows = rows.filter(organisation_id__in=org_queries.ids_ever_under(root))
    if holder:
        rows = rows.filter(holder=holder)
    if field is not None:
        rows = rows.filter(field=field)
    if kept == "1":
        rows = rows.filter(kept_on_q(day))
    elif kept == "0":
        rows = rows.exclude(kept_on_q(day))
    if year:
        rows = rows.filter(started_year=year)
    for word in search_words(fold(q or "")):
        rows = rows.filter(search_name__contains=word)
    return rows.select_related("field", "organisation", "member__person").order_by("search_name", "pk")


def recognitions_in(root: Organisation | None, start: dt.date, end: dt.date, *, form: str = "",
                    holder: str = "") -> QuerySet[Recognition]:
    """Recognitions dated in [start, end] of `root`'s subtree (in the tree of their date), cancelled ones too."""
    rows = Recognition.objects.filter(date__gte=start, date__lte=end)
    if root is not None:
        rows = rows.filter(placed_under_q(root))
    if form:
        rows = rows.filter(form=form)
    if holder:
        rows = rows.filter(holder=holder)
    return rows.select_related("organisation", "decision", "member__person", "good_model").order_by("-date", "-pk")


def holder_name(row: GoodModel | Recognition, names: dict[int, str]) -> str:
    """Who holds a model or recognition: the collective's name, the member's or the published name."""
    if row.member_id is not None:
        return row.member.person.full_name  # type: ignore[union-attr]
    return row.person_name or names.get(row.organisation_id, "")
