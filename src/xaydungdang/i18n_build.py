"""Compile the .po translation catalogues to .mo with Babel (no GNU gettext needed).

The .mo files are build output and not committed; settings.py calls `ensure_compiled()`
before Django loads anything; it only writes when a catalogue changed.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "core" / "locale"


def catalogues(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every app's .po files (Django loads each installed app's locale/ directory)."""
    return sorted(package_dir.glob("*/locale/*/LC_MESSAGES/*.po"))


def ensure_compiled(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    written = []
    for po_path in catalogues(package_dir):
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
