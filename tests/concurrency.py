"""Real concurrent requests for the race tests (tests/*/test_races.py).

Each step runs in its own thread, hence on its own database connection: it first reads what a
request would read, then waits at a barrier so that every step writes at the same instant. The
tests need `@pytest.mark.django_db(transaction=True)`: a thread cannot see the rows of a test
transaction that was never committed. On SQLite the test database is a file (tests/conftest.py):
an in-memory database is not shared between connections.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections

Start = Callable[[], None]  # a step calls it once it has read what it needs, then writes
Step = Callable[[Start], Any]
TIMEOUT = 60  # seconds; a deadlock or a lost wake-up fails the test instead of hanging it


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def race(*steps: Step) -> list[Outcome]:
    """Run the steps at once, one thread and one connection each; their outcomes in the same order."""
    barrier = threading.Barrier(len(steps), timeout=TIMEOUT)
    outcomes = [Outcome() for _step in steps]

    def run(index: int, step: Step) -> None:
        try:
            outcomes[index].value = step(barrier.wait)
        except BaseException as error:  # the test asserts which error; a thread must not swallow it
            outcomes[index].error = error
            barrier.abort()  # failed before the barrier: the others must not wait for it
        finally:
            connections.close_all()  # this thread's connections; PostgreSQL could not drop the test database

    threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a step is still waiting: deadlock?"
    return outcomes


def split(outcomes: list[Outcome]) -> tuple[list[int], list[BaseException]]:
    """(indexes of the steps that succeeded, errors of the others)."""
    return ([i for i, o in enumerate(outcomes) if o.error is None],
            [o.error for o in outcomes if o.error is not None])


