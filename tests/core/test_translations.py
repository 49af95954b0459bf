"""The Vietnamese catalogue is complete, clean and loaded by Django."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from django.utils.translation import gettext, ngettext, override

from xaydungdang.i18n_build import LOCALE_DIR, PACKAGE_DIR, catalogues

PO_PATH = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"
PO_PATHS = catalogues()

# %(name)s-style (python-format, and what {% blocktranslate %} turns {{ name }} into),
# bare %s/%d, and {name}-style (python-brace-format).
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _catalog(po_path=PO_PATH):
    with po_path.open("rb") as po_file:
        return read_po(po_file, locale="vi")


def _messages():
    """Every entry of every app's catalogue, with the catalogue it comes from."""
    return [(path, m) for path in PO_PATHS for m in _catalog(path) if m.id]


def _label(entry) -> str:
    path, message = entry
    return f"{path.relative_to(PACKAGE_DIR).parts[0]}:{_ids(message)[0][:60]}"


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.mark.parametrize("po_path", PO_PATHS, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_header_is_vietnamese_utf8_with_one_plural_form(po_path):
    catalog = _catalog(po_path)
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == "vi"
    assert "charset=utf-8" in headers["Content-Type"].lower()
    assert headers["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert not catalog.fuzzy


def test_catalogue_is_not_empty():
    assert len(list(_catalog())) > 100


@pytest.mark.parametrize("entry", _messages(), ids=_label)
def test_every_entry_is_translated_not_fuzzy_and_keeps_placeholders(entry):
    _path, message = entry
    strings = _strings(message)
    assert "fuzzy" not in message.flags
    assert len(strings) == 1, "Vietnamese has one plural form: fill msgstr[0] only"
    assert all(s.strip() for s in strings), "empty msgstr"
    expected = set().union(*(_placeholders(i) for i in _ids(message)))
    for string in strings:
        assert _placeholders(string) == expected


def test_django_serves_vietnamese():
    with override("vi"):
        assert gettext("Organisation tree") == "Cây tổ chức"
        assert gettext("Log in") == "Đăng nhập"
        assert ngettext("%(shown)s entry", "%(shown)s entries", 5) % {"shown": 5} == "5 mục"


def test_a_message_in_two_catalogues_has_one_translation():
    """Django answers a msgid from the first catalogue holding it (LOCALE_PATHS, i.e. core, first), so an
    app's different translation of the same msgid would never show: give it a context (pgettext) instead."""
    seen: dict[tuple[str | None, str], tuple[str, object]] = {}
    conflicts = []
    for path, message in _messages():
        key = (message.context, _ids(message)[0])
        app = path.relative_to(PACKAGE_DIR).parts[0]
        if key in seen and seen[key][1] != message.string:
            conflicts.append((key, seen[key], (app, message.string)))
        seen.setdefault(key, (app, message.string))
    assert conflicts == []
