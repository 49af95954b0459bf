"""Compile the .po translation catalogues to .mo with Babel (no GNU gettext needed).

The .mo files are build output and not committed; `xdd`, the WSGI entry point and the
test suite call `ensure_compiled()`, which only writes when a catalogue changed.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
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
        _drop_untranslated_plurals(catalog)
        try:
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)
        except OSError:  # a read-only install: the packager compiled them already
            continue
        written.append(mo_path)
    return written


def _drop_untranslated_plurals(catalog: Catalog) -> None:
    """Babel writes an untranslated plural entry with the English msgid in its place, which for a
    one-form language such as Vietnamese is the singular ("2 row has errors."); GNU msgfmt leaves
    such entries out, so Django falls back to the English singular or plural as the count needs."""
    for message in list(catalog)[1:]:
        if message.pluralizable and not any(message.string or ()):
            catalog.delete(message.id, context=message.context)
