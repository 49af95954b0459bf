"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper


class BinaryCharField(models.CharField):
    """CharField compared byte-wise on PostgreSQL ("C" collation), as SQLite compares by default.

    Used for keys whose order is defined by their bytes: materialised paths, name collation keys.
    """

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, str | None]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
