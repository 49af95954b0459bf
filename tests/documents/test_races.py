"""Concurrent status changes of one document (issue 9 point 6): compare-and-set on the status the
request read, so one change is written and audited, the other refused (API 409). Real threads."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from tests.concurrency import Start, race, split
from tests.documents.conftest import make_document
from tests.helpers import vi
from xaydungdang.core.conflicts import StateConflict
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents import domain
from xaydungdang.documents.models import Document

pytestmark = pytest.mark.django_db(transaction=True)
CHANGED = "The status of %(document)s was changed by another request meanwhile: reload the document and choose again."


def test_two_concurrent_status_changes_record_one(tree, issuers):
    document = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 5), owner=tree.province)
    statuses = ["withdrawn", "expired"]

    def change(status: str) -> Any:
        def step(start: Start) -> None:
            target = Document.objects.select_related("doc_type").get(pk=document.pk)
            start()
            domain.set_status(actor=None, document=target, status=status)
        return step

    won, errors = split(race(*(change(s) for s in statuses)))
    assert len(won) == 1
    assert all(isinstance(error, StateConflict) for error in errors)
    assert [list(error.messages) for error in errors] == [[vi(CHANGED, document="Kế hoạch 82-KH/TU")]]  # type: ignore[attr-defined]
    document.refresh_from_db()
    assert document.status == statuses[won[0]]
    entries = AuditEntry.objects.filter(action="document.status", object_id=str(document.pk))
    assert [(e.data["old"]["status"], e.data["new"]["status"]) for e in entries] == [("in_force", statuses[won[0]])]


def test_two_status_changes_through_the_api_answer_200_and_409(tree, issuers, users):
    document = make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 5), owner=tree.province)
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(users.province_office)
        clients.append(client)

    def change(client: Client, status: str) -> Any:
        def step(start: Start) -> Any:
            start()
            return client.post(f"/api/documents/{document.pk}/status", json.dumps({"status": status}),
                               content_type="application/json")
        return step

    responses = [o.value for o in race(change(clients[0], "withdrawn"), change(clients[1], "expired"))]
    # Each request reads the document when it starts: one that reads after the other's change made it
    # changes it again (a later decision), one that read before is refused. Never a 500 or a lost update.
    codes = [r.status_code for r in responses]
    assert sorted(codes) in ([200, 200], [200, 409])
    for refused in (r for r in responses if r.status_code == 409):
        assert refused.json() == {"detail": [vi(CHANGED, document="Kế hoạch 82-KH/TU")]}
    entries = AuditEntry.objects.filter(action="document.status", object_id=str(document.pk)).order_by("id")
    chain = [(e.data["old"]["status"], e.data["new"]["status"]) for e in entries]
    assert len(chain) == codes.count(200)
    assert [old for old, _new in chain] == ["in_force", *[new for _old, new in chain[:-1]]]
    document.refresh_from_db()
    assert document.status == chain[-1][1]
