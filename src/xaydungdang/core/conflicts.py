"""Concurrent writes to one record: the state a transition starts from is read under a lock.

Two requests on the same record (two "recognise", "struck off" against "deceased", receive
against cancel) each read the record, found the step allowed and wrote, so both succeeded. A
transition therefore re-reads its record inside its transaction with a row lock (`lock`): the
second request waits for the first to commit, then sees its result and is refused with a
StateConflict. On PostgreSQL that is SELECT … FOR NO KEY UPDATE; on SQLite the lock is the database's
(settings use `transaction_mode: IMMEDIATE`, so an atomic block takes the write lock at BEGIN and
writers run one at a time) and the re-read is what makes the second writer see the first's result.

StateConflict is a ValidationError, so every caller that shows a refused rule shows it too
(forms put it above the form); the members' steps answer it 409, the API 409 `{"detail": […]}`.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

M = TypeVar("M", bound=Model)


class StateConflict(ValidationError):
    """The record is not (or no longer) in a state the step starts from: already recognised, no longer
    active, a transfer already received or cancelled… Nothing was written."""


def same_version(updated_at: dt.datetime, seen: dt.datetime) -> bool:
    """Whether `seen` (the `updated_at` a caller's page or read showed) is still the row's version: compared to the
    millisecond, as the API's JSON writes times, a naive time read in the site's zone."""
    return _to_millisecond(seen) == _to_millisecond(updated_at)


def _to_millisecond(moment: dt.datetime) -> dt.datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def lock(instance: M) -> M:
    """Read `instance` again under a row lock, in place, and return it.

    Must run inside transaction.atomic: the lock lasts until the transaction ends. Callers lock in
    one order (the member first, then its transfer, then an organisation) so two transitions never
    wait on each other.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() outside transaction.atomic would release the lock at once")
    # FOR NO KEY UPDATE: two transitions still wait for each other, but a write that only inserts rows
    # referring to this one (a timeline event, a membership: FOR KEY SHARE) does not wait, so a restructuring
    # writing events of members a step holds cannot deadlock with it.
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update(no_key=True))
    return instance


def serialise(key: int) -> None:
    """Hold a transaction-wide lock named `key`: writes that take it run one at a time.

    For writes whose rows cannot all be named in advance (a restructuring re-paths a whole subtree).
    PostgreSQL: an advisory lock released at commit; SQLite: the IMMEDIATE transaction already is one.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
