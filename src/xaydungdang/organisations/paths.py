"""Materialised paths: one fixed-width base-36 segment per organisation id.

A subtree is the index range [path, path + "~"), which works on SQLite (binary
collation) and on PostgreSQL (the column uses the "C" collation, see PathField).
"""

from __future__ import annotations

import string

from django.db import models

from xaydungdang.core.fields import BinaryCharField

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


class PathField(BinaryCharField):
    """Materialised path: compared byte-wise (see BinaryCharField) so prefix ranges are exact and indexed."""
