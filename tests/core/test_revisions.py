"""The records' revision: raised by every audited change, stored after commit, not by logged reads."""

from __future__ import annotations

import pytest

from xaydungdang.core import revisions
from xaydungdang.core.audit import log_action
from xaydungdang.core.models import DataRevision

pytestmark = pytest.mark.django_db


def _stored() -> int:
    return DataRevision.objects.filter(name=revisions.NAME).values_list("value", flat=True).first() or 0


def test_a_change_raises_the_local_part_at_once_and_the_stored_part_on_commit(tree, django_capture_on_commit_callbacks):
    org = tree.province
    before = revisions.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        log_action("test.changed", actor=None, obj=org)
        assert (revisions.current() != before, _stored()) == (True, 0)  # not stored before the commit
    assert (len(callbacks), _stored()) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        log_action("test.changed", actor=None, obj=org)
    assert _stored() == 2


def test_a_logged_read_leaves_the_revision_alone(tree, django_capture_on_commit_callbacks):
    org = tree.province
    before = revisions.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        log_action("test.viewed", actor=None, obj=org, change=False)
    assert (revisions.current(), len(callbacks)) == (before, 0)
