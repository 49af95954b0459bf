"""What every benchmark does first: choose its database and migrate it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"


def setup_django(sqlite_name: str, *, fresh: bool) -> None:
    """Point Django at DATABASE_URL, or at var/bench/<sqlite_name> (deleted first when `fresh`), and migrate.

    A benchmark migrates and wipes its database, so it refuses one whose name lacks "bench".
    """
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaydungdang.settings")
    if not os.environ.get("DATABASE_URL"):
        path = CACHE_DIR / sqlite_name
        if fresh:
            for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                stale.unlink(missing_ok=True)
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    django.setup()
    from django.db import connection

    if "bench" not in str(connection.settings_dict["NAME"]):
        sys.exit(f"Refusing to use {connection.settings_dict['NAME']}: point DATABASE_URL at a database named *bench*.")
    call_command("migrate", verbosity=0)
