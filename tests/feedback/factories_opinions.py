"""Briefings and opinions for the tests: through the domain (`record_*`, audited and validated) or written directly
(`briefing`, `opinion`: fast rows for figures, any organisation type, any state)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaydungdang.feedback.models import Briefing, Opinion, OpinionTopic, SourceGroup
from xaydungdang.organisations.models import Organisation


def topic(code: str = "dat-dai") -> OpinionTopic:
    return OpinionTopic.objects.get(code=code)


def source(code: str = "nong-dan") -> SourceGroup:
    return SourceGroup.objects.get(code=code)


def briefing(organisation: Organisation, date: dt.date, **values: Any) -> Briefing:
    return Briefing.objects.create(organisation=organisation, date=date,
                                   title=values.pop("title", f"Giao ban tháng {date.month}/{date.year}"), **values)


def opinion(organisation: Organisation, raised_on: dt.date, *, topic_code: str = "dat-dai",
            source_code: str = "nong-dan", briefing: Briefing | None = None, **values: Any) -> Opinion:
    values.setdefault("content", "Đề nghị sớm giải quyết hồ sơ đất đai")
    return Opinion.objects.create(organisation=organisation, raised_on=raised_on, briefing=briefing,
                                  topic=topic(topic_code), source_group=source(source_code), **values)


def many(organisation: Organisation, raised_on: dt.date, count: int, *, answered: int = 0,
         answered_on: dt.date | None = None, **values: Any) -> list[Opinion]:
    """`count` opinions of which the first `answered` are answered (on `answered_on`, default the raising day)."""
    rows = [Opinion(organisation=organisation, raised_on=raised_on, topic=topic(values.get("topic_code", "dat-dai")),
                    source_group=source(values.get("source_code", "nong-dan")), content=f"Ý kiến {i}",
                    answer="Đã trả lời" if i < answered else "",
                    answered_on=(answered_on or raised_on) if i < answered else None,
                    due_on=values.get("due_on"), assigned_to=values.get("assigned_to"))
            for i in range(count)]
    return Opinion.objects.bulk_create(rows)
