"""Figures of the good models and recognitions for every node of a subtree, in a fixed number of grouped queries
(organisations.rollup: two for the tree, one per kind of row).

- Models kept up at the period's end (recorded by then, not ended by then: `ended_on` is the first day it is no
  longer kept up), placed in the tree of the end date, by holder ("trên 200 mô hình: 89 tập thể, 135 cá nhân") and
  by field; models started in the period (start.year <= started_year <= end.year), placed likewise.
- Recognitions not cancelled dated in [start, end], each placed in the tree of its own date, by holder and by form
  ("159 tập thể, cá nhân được ghi danh"; "09 tập thể, 41 cá nhân").

`by_node(root, start, end)` -> {organisation id: {key: count}} with the keys of KEYS plus "models_field_<code>" for
every field of good models. The rows behind one node's figure: `model_rows`, `started_rows`, `recognition_rows`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from xaydungdang.emulation.models import GoodModel, Holder, ModelField, Recognition
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.rollup import NodeSums, Placement, fetch, placed_on_day_q, placed_under_q

FORMS = tuple(Recognition.Form.values)
KEYS = ("models", "models_collective", "models_individual", "models_started", "recognitions",
        "recognitions_collective", "recognitions_individual", *(f"recognitions_{form}" for form in FORMS))
FIELD_PREFIX = "models_field_"


def kept_q(end: dt.date) -> Q:
    """Models kept up on `end`: recorded by then and not ended by then."""
    return Q(recognised_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))


def started_q(start: dt.date, end: dt.date) -> Q:
    return Q(started_year__gte=start.year, started_year__lte=end.year, recognised_on__lte=end)


def _holder_counts(prefix: str = "") -> dict[str, Count]:
    return {"collective": Count("pk", filter=Q(**{f"{prefix}holder": Holder.COLLECTIVE})),
            "individual": Count("pk", filter=Q(**{f"{prefix}holder": Holder.INDIVIDUAL}))}


def _model_rows(under: Any, end: dt.date) -> list[tuple[int, dt.date, int, int]]:
    rows = (GoodModel.objects.filter(kept_q(end), organisation_id__in=under)
            .values("organisation_id").annotate(**_holder_counts()))
    return [(row["organisation_id"], end, row["collective"], row["individual"]) for row in rows]


def _started_rows(under: Any, start: dt.date, end: dt.date) -> list[tuple[object, ...]]:
    rows = (GoodModel.objects.filter(started_q(start, end), organisation_id__in=under)
            .values("organisation_id").annotate(n=Count("pk")).values_list("organisation_id", "n"))
    return [(org_id, end, n) for org_id, n in rows]


def _field_rows(under: Any, end: dt.date, fields: list[ModelField]) -> list[tuple[object, ...]]:
    index = {field.pk: i for i, field in enumerate(fields)}
    per_org: dict[int, list[int]] = {}
    for org_id, field_id, n in (GoodModel.objects.filter(kept_q(end), organisation_id__in=under)
                                .values("organisation_id", "field_id").annotate(n=Count("pk"))
                                .values_list("organisation_id", "field_id", "n")):
        per_org.setdefault(org_id, [0] * len(fields))[index[field_id]] += n
    return [(org_id, end, *counts) for org_id, counts in per_org.items()]


def _recognition_rows(under: Any, start: dt.date, end: dt.date) -> Any:
    by_form = {form: Count("pk", filter=Q(form=form)) for form in FORMS}
    return (Recognition.objects.filter(cancelled_on__isnull=True, date__gte=start, date__lte=end,
                                       organisation_id__in=under)
            .values("organisation_id", "date").annotate(**_holder_counts(), **by_form)
            .values_list("organisation_id", "date", "collective", "individual", *FORMS))


def by_node(root: Organisation, start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Every figure of the module for every node of `root`'s subtree over [start, end] (eight queries)."""
    placement = Placement.load(root.pk, start, end)
    under = org_queries.ids_ever_under(root)  # a subquery: rows of the root's subtree only
    fields = list(ModelField.objects.order_by("position", "code"))
    field_keys = [f"{FIELD_PREFIX}{field.code}" for field in fields]
    sums = NodeSums(placement, [*KEYS, *field_keys])
    sums.add(((org, day, c + i, c, i) for org, day, c, i in _model_rows(under, end)),
             ["models", "models_collective", "models_individual"])
    sums.add(_started_rows(under, start, end), ["models_started"])
    sums.add(_field_rows(under, end, fields), field_keys)
    recognitions = fetch(_recognition_rows(under, start, end))
    sums.add(((org, day, c + i, c, i, *forms) for org, day, c, i, *forms in recognitions),
             ["recognitions", "recognitions_collective", "recognitions_individual",
              *(f"recognitions_{form}" for form in FORMS)])
    return sums.result()


def of_node(organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    """The figures of one organisation's subtree (the same code as every node's)."""
    return by_node(organisation, start, end).get(organisation.pk) or {key: 0 for key in KEYS}


# ---------------------------------------------------------------- the rows behind a figure


def model_rows(organisation: Organisation, end: dt.date, *, holder: str | None = None,
               field: ModelField | None = None) -> QuerySet[GoodModel]:
    rows = GoodModel.objects.filter(kept_q(end), placed_on_day_q(organisation, end))
    if holder:
        rows = rows.filter(holder=holder)
    if field is not None:
        rows = rows.filter(field=field)
    return rows.select_related("field", "organisation")


def started_rows(organisation: Organisation, start: dt.date, end: dt.date) -> QuerySet[GoodModel]:
    return GoodModel.objects.filter(started_q(start, end), placed_on_day_q(organisation, end)).select_related(
        "field", "organisation")


def recognition_rows(organisation: Organisation, start: dt.date, end: dt.date, *, holder: str | None = None,
                     form: str | None = None) -> QuerySet[Recognition]:
    rows = Recognition.objects.filter(placed_under_q(organisation), cancelled_on__isnull=True, date__gte=start,
                                      date__lte=end)
    if holder:
        rows = rows.filter(holder=holder)
    if form:
        rows = rows.filter(form=form)
    return rows.select_related("organisation", "decision", "member__person")
