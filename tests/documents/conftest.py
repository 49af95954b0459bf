"""Fixtures of the documents tests: reference types and issuers, issuers for the fixture tree, a maker."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from xaydungdang.documents import domain
from xaydungdang.documents.models import Document, DocumentType, Issuer


@pytest.fixture
def registry(reference_data: None) -> None:
    """Types and central issuers: reference_data reloads them after a flushed (browser) test database."""


@pytest.fixture
def tw(registry: None) -> Issuer:
    return Issuer.objects.get(abbreviation="TW", organisation=None)


@pytest.fixture
def issuers(tree: Any, registry: None) -> dict[str, Issuer]:
    """The committees of the fixture tree as issuers: P is a "TU", D a "HU", K an "ĐUK", DB1 an "ĐU"."""
    pairs = {"P": ("TU", tree.province), "D": ("HU", tree.district), "K": ("ĐUK", tree.bloc),
             "DB1": ("ĐU", tree.db1), "DB2": ("ĐU", tree.db2), "OP": ("TU", tree.other_province)}
    return {code: domain.issuer_for_organisation(actor=None, organisation=org, abbreviation=abbreviation)
            for code, (abbreviation, org) in pairs.items()}


def doc_type(code: str) -> DocumentType:
    return DocumentType.objects.get(code=code)


def make_document(issuer: Issuer, type_code: str, number: str, issued_on: dt.date | None, *,
                  owner: Any = None, title: str = "Về một việc", **extra: Any) -> Document:
    return domain.register_document(actor=None, owner=owner, issuer=issuer, doc_type=doc_type(type_code),
                                    number=number, issued_on=issued_on, title=title, **extra)
