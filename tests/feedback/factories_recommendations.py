"""Recommendations upward and communication counts for tests, written through the domain (actor None: the
system), so that their audit entries are those the application writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaydungdang.feedback import domain_recommendations as domain
from xaydungdang.feedback.models import Recommendation
from xaydungdang.organisations.models import Organisation

SENT_ON = dt.date(2023, 3, 10)


def make_recommendation(sender: Organisation, to: Organisation | str, *, sent_on: dt.date = SENT_ON,
                        due_on: dt.date | None = None, subject: str = "Mở lớp tập huấn cho cộng tác viên",
                        **extra: Any) -> Recommendation:
    """A recommendation from `sender` to an organisation above it, or to a body outside the tree (a name)."""
    target: dict[str, Any] = {"to_name": to} if isinstance(to, str) else {"to_organisation": to}
    return domain.send_recommendation(actor=None, organisation=sender, sent_on=sent_on, subject=subject,
                                      content="Đề nghị tiếp tục mở các lớp tập huấn, bồi dưỡng.", due_on=due_on,
                                      **target, **extra)


def answer(recommendation: Recommendation, on: dt.date, text: str = "Tiếp thu, sẽ có văn bản hướng dẫn.") -> None:
    domain.answer_recommendation(actor=None, recommendation=recommendation, answer=text, answered_on=on)


def record_month(organisation: Organisation, month: dt.date, counts: dict[str, tuple[int, int]]) -> None:
    """Counts per channel code: (articles, sessions)."""
    domain.record_communication(actor=None, organisation=organisation, month=month, rows=[
        {"channel": code, "articles": articles, "sessions": sessions} for code, (articles, sessions) in counts.items()])
