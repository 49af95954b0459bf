"""Fast inserts for the demo's largest tables (tens of thousands of attendance rows): one executemany per batch
instead of bulk_create's per-value preparation, which took most of the demo's build time. Values are adapted
as the ORM would (dates, aware datetimes); no signal, no auto field is involved (the caller passes every column).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

BATCH = 5_000


def adapt(value: Any) -> Any:
    """A date or datetime as the database driver expects it (callers adapt repeated values once)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def insert(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` (values in the order of `columns`, database column names, dates and datetimes already
    passed through `adapt`) into `model`'s table."""
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    written, batch = 0, []  # type: ignore[var-annotated]
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                written, batch = written + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written
