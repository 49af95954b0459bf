"""The Vietnamese catalogue is complete, clean and loaded by Django."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from django.utils.translation import gettext, ngettext, override

from xaydungdang.i18n_build import LOCALE_DIR

PO_PATH = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"

# %(name)s-style (python-format, and what {% blocktranslate %} turns {{ name }} into),
# bare %s/%d, and {name}-style (python-brace-format).
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _catalog():
    with PO_PATH.open("rb") as po_file:
        return read_po(po_file, locale="vi")


def _messages():
    return [m for m in _catalog() if m.id]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text.replace("%%", "")))


def test_header_is_vietnamese_utf8_with_one_plural_form():
    catalog = _catalog()
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == "vi"
    assert "charset=utf-8" in headers["Content-Type"].lower()
    assert headers["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert not catalog.fuzzy


def test_catalogue_is_not_empty():
    assert len(_messages()) > 100


@pytest.mark.parametrize("message", _messages(), ids=lambda m: _ids(m)[0][:60])
def test_every_entry_is_translated_not_fuzzy_and_keeps_placeholders(message):
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
