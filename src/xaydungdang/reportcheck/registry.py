"""Adapter to the documents registry: which references of a report the registry does not hold.

Imported lazily so that the checker (and `xdd check-report` without a database) never needs the
documents app; inside the system the view and the API pass `registry_lookup(scope)` to check_text.
"""

from __future__ import annotations

from typing import Any

from xaydungdang.reportcheck.context import RegistryLookup

NOT_FOUND = "không có trong sổ văn bản"


def registry_lookup(scope: Any) -> RegistryLookup | None:
    try:
        from xaydungdang.documents.references import NOT_IN_REGISTRY, resolve
    except ImportError:  # the documents app is not installed: no registry check
        return None

    def lookup(references: list[Any]) -> list[str | None]:
        return [NOT_FOUND if r.status == NOT_IN_REGISTRY else None for r in resolve(scope, references)]
    return lookup
