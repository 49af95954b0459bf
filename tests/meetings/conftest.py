"""The checklist items come from a migration; a transactional test (races, browser) flushes them, so they are
loaded again (idempotently) before each meeting test."""

from __future__ import annotations

import pytest

from xaydungdang.meetings.models import ChecklistItem
from xaydungdang.meetings.reference import load_checklist_items


@pytest.fixture(autouse=True)
def checklist_items(reference_data: None) -> None:
    if not ChecklistItem.objects.exists():
        load_checklist_items(ChecklistItem)
