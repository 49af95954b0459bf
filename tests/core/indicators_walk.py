"""Values of the permission walk (tests/core/test_permissions.py) for the indicator pages' URL parameter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def indicator_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    """A registered indicator (every reader may open its rows page) and a code nobody registered (404)."""
    yield {"indicator_code": "members.count"}, True
    yield {"indicator_code": "members.khong-co"}, False
