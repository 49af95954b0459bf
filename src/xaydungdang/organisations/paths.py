"""Materialised paths: one fixed-width base-36 segment per organisation id.

A subtree is the index range [path, path + "~"), which works on SQLite (binary
collation) and on PostgreSQL (the column uses the "C" collation, see PathField).
"""

from __future__ import annotations

import string

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

SEGMENT = 6
_DIGITS = string.digits + string.ascii_uppercase
UPPER_SENTINEL = "~"  # sorts after every segment character


def encode_id(pk: int) -> str:
    text = ""
    while pk:
        pk, rem = divmod(pk, 36)
        text = _DIGITS[rem] + text
    return text.rjust(SEGMENT, "0")


def decode_segments(path: str) -> list[int]:
    return [int(path[i : i + SEGMENT], 36) for i in range(0, len(path), SEGMENT)]


def child_path(parent_path: str, pk: int) -> str:
    return parent_path + encode_id(pk)


def depth_of(path: str) -> int:
    return len(path) // SEGMENT


def range_q(prefix: str, field: str = "path") -> models.Q:
    """Rows whose path starts with prefix, as an index range."""
    return models.Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + UPPER_SENTINEL})


class PathField(models.CharField):
    """CharField compared byte-wise on PostgreSQL so prefix ranges are exact and indexed."""

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, str | None]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
