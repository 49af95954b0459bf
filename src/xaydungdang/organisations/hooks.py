"""Extension points for apps whose records belong to organisations (members, later others).

The tree must not import those apps (imports go one way), so they register here from
their AppConfig.ready(): a check that refuses to dissolve an organisation still holding
their records, and a handler that hands the records of a merged organisation to its
successor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xaydungdang.organisations.models import Organisation

DissolveCheck = Callable[["Organisation", dt.date], list[str]]
SuccessorHandler = Callable[["Organisation", "Organisation", dt.date, Any], None]

dissolve_checks: list[DissolveCheck] = []
successor_handlers: list[SuccessorHandler] = []


def register_dissolve_check(check: DissolveCheck) -> DissolveCheck:
    if check not in dissolve_checks:
        dissolve_checks.append(check)
    return check


def register_successor_handler(handler: SuccessorHandler) -> SuccessorHandler:
    if handler not in successor_handlers:
        successor_handlers.append(handler)
    return handler
