"""Compile the .po translation catalogues to .mo with Babel (no GNU gettext needed).

The .mo files are build output and not committed; `xdd`, the WSGI entry point and the
test suite call `ensure_compiled()`, which only writes when a catalogue changed.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "core" / "locale"


def ensure_compiled(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for po_path in locale_dir.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        try:
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)
        except OSError:  # a read-only install: the packager compiled them already
            continue
        written.append(mo_path)
    return written
