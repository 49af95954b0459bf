"""The revision of the records: changes whenever an audited change is committed.

Aggregates over hundreds of thousands of rows (the counts above a province's member list) are
cached under the revision they were computed at, so a change shows at once and an unchanged
day costs nothing. Two parts:
- the stored counter, raised after the transaction commits (inside it, the row lock would
  make every other writer wait for a 30-second import), so other processes see the change;
- a process-local counter raised at once, so this process never serves its own stale cache,
  even inside a transaction that is still open (or, in tests, one that never commits).
"""

from __future__ import annotations

import itertools

from django.db import transaction
from django.db.models import F

from xaydungdang.core.models import DataRevision

NAME = "records"
_local = itertools.count(1)  # next() is atomic under the GIL
_local_value = 0


def bump() -> None:
    global _local_value
    _local_value = next(_local)
    transaction.on_commit(_raise_stored)


def _raise_stored() -> None:
    if not DataRevision.objects.filter(name=NAME).update(value=F("value") + 1):
        DataRevision.objects.get_or_create(name=NAME, defaults={"value": 1})


def current() -> str:
    stored = DataRevision.objects.filter(name=NAME).values_list("value", flat=True).first() or 0
    return f"{stored}.{_local_value}"
