"""Writes of recommendations upward (kiến nghị, đề xuất lên cấp trên) and of communication work as counts.

Every function validates everything first and raises ValidationError with a dict {field: [messages]} whose
messages also name the field in Vietnamese (and the channel, for a communication row), writing nothing; then it
writes in one transaction with one audit entry (old and new values). `actor=None` is the system (tests, demo).

Recommendations (seed 004: "Thành ủy Phổ Yên đề nghị Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy…"):
- sent by a committee that exists on the sending date, by a user who may edit its records today;
- to a body above: an organisation that is an ancestor of the sender in the tree ON THE SENDING DATE, or a body
  outside the tree named in words (to_name); exactly one of the two;
- sent_on not in the future; due_on (the answer expected by) not before sent_on;
- answered once (a second answer is a StateConflict: 409), by the sender's office (it records the answer it
  received) or by a user who may edit records of the recipient organisation today; answered_on between sent_on
  and today; a withdrawn recommendation is not answered;
- withdrawn by the sender's office while not answered (nothing is deleted; it no longer counts).

Communication work (DOMAIN.md §6): per organisation, month and channel, two counts (articles published, sessions
held) and nothing else: no people, no posts, no accounts. A month's entry is written whole (every row or none);
a month after the current one is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.accounts.capabilities import Capability
from xaydungdang.core.audit import log_action
from xaydungdang.core.conflicts import StateConflict, lock
from xaydungdang.core.dates import EVENT, PLANNED, date_problem, today
from xaydungdang.core.formatting import format_date
from xaydungdang.feedback.models import Channel, CommunicationCount, Recommendation
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation
from xaydungdang.organisations.paths import decode_segments

TEXT_LIMITS = {"subject": 500, "to_name": 255}
MAX_COUNT = 1_000_000  # a month's articles or sessions on one channel: far above any real figure
Errors = dict[str, list[str]]


# ---------------------------------------------------------------- who may write


def _may_edit(actor: Any, organisation_id: int) -> bool:
    if actor is None or getattr(actor, "is_superuser", False):
        return True
    from xaydungdang.accounts.scope import resolve_scope

    scope = resolve_scope(actor)
    return scope.has(Capability.EDIT_RECORDS) and scope.organisations(Capability.EDIT_RECORDS).filter(
        pk=organisation_id).exists()


def require_writer(actor: Any, organisation_id: int) -> None:
    """Refuse a user who may not edit records of the organisation today (views and the API answer 404 first)."""
    if not _may_edit(actor, organisation_id):
        raise PermissionDenied


def may_answer(actor: Any, recommendation: Recommendation) -> bool:
    """The sender's office (the answer it received) or the recipient's (an organisation of the tree)."""
    if _may_edit(actor, recommendation.organisation_id):
        return True
    return recommendation.to_organisation_id is not None and _may_edit(actor, recommendation.to_organisation_id)


# ---------------------------------------------------------------- recommendations: rules


def ancestor_ids_on(organisation: Organisation, day: dt.date) -> list[int] | None:
    """The organisations above `organisation` in the tree of `day` (root first); None when it did not exist."""
    version = org_queries.versions_on(day).filter(organisation=organisation).values_list("path", flat=True).first()
    return None if version is None else decode_segments(version)[:-1]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


# Each date field's messages, whole (a translated label pasted into a message reads badly in Vietnamese):
# (no date, in the future, outside the accepted range).
DATE_MESSAGES = {
    "sent_on": (gettext_lazy("Sent on: enter the date it was sent."),
                gettext_lazy("Sent on: %(day)s is in the future."), gettext_lazy("Sent on: %(error)s")),
    "due_on": (gettext_lazy("Answer expected by: enter a date."), "",
               gettext_lazy("Answer expected by: %(error)s")),
    "answered_on": (gettext_lazy("Answered on: enter the date of the answer."),
                    gettext_lazy("Answered on: %(day)s is in the future."), gettext_lazy("Answered on: %(error)s")),
    "cancelled_on": (gettext_lazy("Withdrawn on: enter a date."),
                     gettext_lazy("Withdrawn on: %(day)s is in the future."), gettext_lazy("Withdrawn on: %(error)s")),
}


def _date_errors(errors: Errors, field: str, value: Any, *, span: Any = EVENT) -> dt.date | None:
    problem = date_problem(value, DATE_MESSAGES[field], span, now=today())
    if problem is not None:
        _add(errors, field, problem)
        return None
    return value  # type: ignore[no-any-return]


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def recommendation_errors(organisation: Organisation | None, values: Mapping[str, Any]) -> Errors:
    """Why a recommendation with these values cannot be sent (empty when it can)."""
    errors: Errors = {}
    sent_on = _date_errors(errors, "sent_on", values.get("sent_on"))
    due_on = values.get("due_on")
    if due_on is not None:
        due_on = _date_errors(errors, "due_on", due_on, span=PLANNED)
        if due_on is not None and sent_on is not None and due_on < sent_on:
            _add(errors, "due_on", _("Answer expected by: %(due)s is before the sending date %(sent)s.") % {
                "due": format_date(due_on), "sent": format_date(sent_on)})
    if not _text(values.get("subject")):
        _add(errors, "subject", _("Subject: write what the recommendation is about."))
    if not str(values.get("content") or "").strip():
        _add(errors, "content", _("Content: write the recommendation."))
    if len(_text(values.get("subject"))) > TEXT_LIMITS["subject"]:
        _add(errors, "subject", _("Subject: at most %(limit)s characters.") % {"limit": TEXT_LIMITS["subject"]})
    if organisation is None:
        _add(errors, "organisation", _("Sent by: choose the committee that sends it."))
    elif sent_on is not None:
        _recipient_errors(errors, organisation, sent_on, values.get("to_organisation"), _text(values.get("to_name")))
    return errors


def _recipient_errors(errors: Errors, sender: Organisation, sent_on: dt.date, to_organisation: Organisation | None,
                      to_name: str) -> None:
    above = ancestor_ids_on(sender, sent_on)
    if above is None:
        _add(errors, "organisation", _("Sent by: %(org)s did not exist on %(day)s.") % {
            "org": sender, "day": format_date(sent_on)})
        return
    if (to_organisation is None) == (not to_name):
        _add(errors, "to_organisation", _("Sent to: choose a committee above the sender, or name one body outside "
                                          "the tree (not both)."))
    elif to_organisation is not None and to_organisation.pk not in above:
        _add(errors, "to_organisation", _("Sent to: %(to)s was not above %(org)s on %(day)s; a recommendation goes "
                                          "up to a committee above the sender.") % {
            "to": to_organisation, "org": sender, "day": format_date(sent_on)})
    if len(to_name) > TEXT_LIMITS["to_name"]:
        _add(errors, "to_name", _("Sent to: at most %(limit)s characters.") % {"limit": TEXT_LIMITS["to_name"]})


def _audit(recommendation: Recommendation) -> dict[str, Any]:
    return {"organisation": recommendation.organisation.code, "sent_on": recommendation.sent_on,
            "to_organisation": recommendation.to_organisation.code if recommendation.to_organisation else None,
            "to_name": recommendation.to_name, "subject": recommendation.subject, "content": recommendation.content,
            "document": recommendation.document_id, "due_on": recommendation.due_on}


# ---------------------------------------------------------------- recommendations: writes


@transaction.atomic
def send_recommendation(*, actor: Any, organisation: Organisation, sent_on: dt.date, subject: str, content: str,
                        to_organisation: Organisation | None = None, to_name: str = "", document: Any = None,
                        due_on: dt.date | None = None) -> Recommendation:
    """Record a recommendation the committee sent up. Audited as feedback.recommendation.sent."""
    require_writer(actor, organisation.pk)
    values = {"sent_on": sent_on, "subject": subject, "content": content, "to_organisation": to_organisation,
              "to_name": to_name, "due_on": due_on}
    errors = recommendation_errors(organisation, values)
    if errors:
        raise ValidationError(errors)
    recommendation = Recommendation.objects.create(
        organisation=organisation, sent_on=sent_on, to_organisation=to_organisation, to_name=_text(to_name),
        subject=_text(subject), content=content.strip(), document=document, due_on=due_on,
        created_by=actor if getattr(actor, "pk", None) else None)
    log_action("feedback.recommendation.sent", actor=actor, obj=recommendation, organisation=organisation,
               new=_audit(recommendation))
    return recommendation


def _require_open(recommendation: Recommendation) -> None:
    if recommendation.cancelled_on is not None:
        raise StateConflict(_("This recommendation was withdrawn on %(day)s.") % {
            "day": format_date(recommendation.cancelled_on)})
    if recommendation.answered_on is not None:
        raise StateConflict(_("This recommendation was already answered on %(day)s.") % {
            "day": format_date(recommendation.answered_on)})


def answer_errors(recommendation: Recommendation, answer: str, answered_on: Any) -> Errors:
    errors: Errors = {}
    if not str(answer or "").strip():
        _add(errors, "answer", _("Answer: write the answer received."))
    day = _date_errors(errors, "answered_on", answered_on)
    if day is not None and day < recommendation.sent_on:
        _add(errors, "answered_on", _("Answered on: %(day)s is before the sending date %(sent)s.") % {
            "day": format_date(day), "sent": format_date(recommendation.sent_on)})
    return errors


@transaction.atomic
def answer_recommendation(*, actor: Any, recommendation: Recommendation, answer: str, answered_on: dt.date,
                          answer_document: Any = None) -> Recommendation:
    """Record the answer (once). Audited as feedback.recommendation.answered."""
    if not may_answer(actor, recommendation):
        raise PermissionDenied
    lock(recommendation)  # a concurrent answer or withdrawal committed first: refused below
    _require_open(recommendation)
    errors = answer_errors(recommendation, answer, answered_on)
    if errors:
        raise ValidationError(errors)
    recommendation.answer = answer.strip()
    recommendation.answered_on = answered_on
    recommendation.answer_document = answer_document
    recommendation.save(update_fields=["answer", "answered_on", "answer_document", "updated_at"])
    log_action("feedback.recommendation.answered", actor=actor, obj=recommendation,
               organisation=recommendation.organisation, old={"answer": "", "answered_on": None},
               new={"answer": recommendation.answer, "answered_on": answered_on,
                    "answer_document": recommendation.answer_document_id})
    return recommendation


@transaction.atomic
def withdraw_recommendation(*, actor: Any, recommendation: Recommendation, on: dt.date | None = None) -> Recommendation:
    """Withdraw a recommendation not answered yet (nothing deleted; it no longer counts). Audited as
    feedback.recommendation.withdrawn."""
    require_writer(actor, recommendation.organisation_id)
    on = on or today()
    lock(recommendation)
    _require_open(recommendation)
    errors: Errors = {}
    day = _date_errors(errors, "cancelled_on", on)
    if day is not None and day < recommendation.sent_on:
        _add(errors, "cancelled_on", _("Withdrawn on: %(day)s is before the sending date %(sent)s.") % {
            "day": format_date(day), "sent": format_date(recommendation.sent_on)})
    if errors:
        raise ValidationError(errors)
    recommendation.cancelled_on = on
    recommendation.save(update_fields=["cancelled_on", "updated_at"])
    log_action("feedback.recommendation.withdrawn", actor=actor, obj=recommendation,
               organisation=recommendation.organisation, old={"cancelled_on": None}, new={"cancelled_on": on})
    return recommendation


# ---------------------------------------------------------------- communication work as counts


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def channels_of(month: dt.date) -> list[Channel]:
    """The channels valid at some time in the month, in their order (one query)."""
    return list(Channel.objects.filter(valid_from__lte=month_end(month)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=month_start(month))))


COUNT_MESSAGES = {
    "articles": (gettext_lazy("%(channel)s, articles published: write a whole number (0 when there was none)."),
                 gettext_lazy("%(channel)s, articles published: a count cannot be negative."),
                 gettext_lazy("%(channel)s, articles published: at most %(limit)s.")),
    "sessions": (gettext_lazy("%(channel)s, sessions held: write a whole number (0 when there was none)."),
                 gettext_lazy("%(channel)s, sessions held: a count cannot be negative."),
                 gettext_lazy("%(channel)s, sessions held: at most %(limit)s.")),
}


def _count(errors: Errors, channel: Channel, field: str, value: Any) -> int:
    """A count of a row: a whole number from 0 to MAX_COUNT, else an error naming the channel and the field."""
    not_number, negative, too_large = COUNT_MESSAGES[field]
    text = "" if isinstance(value, bool) or value is None else str(value).strip()
    if not re.fullmatch(r"-?\d{1,12}", text):
        _add(errors, f"{channel.code}.{field}", str(not_number) % {"channel": channel.name})
        return 0
    number = int(text)
    if number < 0:
        _add(errors, f"{channel.code}.{field}", str(negative) % {"channel": channel.name})
    elif number > MAX_COUNT:
        _add(errors, f"{channel.code}.{field}", str(too_large) % {
            "channel": channel.name, "limit": f"{MAX_COUNT:,}".replace(",", ".")})
    return number


def communication_errors(organisation: Organisation, month: Any, rows: Sequence[Mapping[str, Any]]
                         ) -> tuple[Errors, dict[int, tuple[int, int]]]:
    """The errors of a month's entry, and the counts read per channel id (used only when there is no error)."""
    errors: Errors = {}
    if not isinstance(month, dt.date):
        _add(errors, "month", _("Month: choose the month."))
        return errors, {}
    if month_start(month) > month_start(today()):
        _add(errors, "month", _("Month: %(month)s has not begun yet.") % {"month": f"{month.month}/{month.year}"})
    elif not (organisation.valid_from <= month_end(month)
              and (organisation.valid_to is None or organisation.valid_to > month_start(month))):
        _add(errors, "organisation", _("Organisation: %(org)s did not exist in %(month)s.") % {
            "org": organisation, "month": f"{month.month}/{month.year}"})
    valid = {channel.code: channel for channel in channels_of(month)}
    counts: dict[int, tuple[int, int]] = {}
    for row in rows:
        code = str(row.get("channel") or "")
        channel = valid.get(code)
        if channel is None:
            _add(errors, "channel", _("Channel: %(code)s is not a channel in use in %(month)s.") % {
                "code": code, "month": f"{month.month}/{month.year}"})
            continue
        if channel.pk in counts:
            _add(errors, "channel", _("Channel: %(channel)s is given twice.") % {"channel": channel.name})
            continue
        counts[channel.pk] = (_count(errors, channel, "articles", row.get("articles", 0)),
                              _count(errors, channel, "sessions", row.get("sessions", 0)))
    return errors, counts


@transaction.atomic
def record_communication(*, actor: Any, organisation: Organisation, month: dt.date,
                         rows: Sequence[Mapping[str, Any]]) -> list[CommunicationCount]:
    """Record an organisation's communication work in a month: for each row (channel code, articles, sessions)
    the two counts, replacing what was recorded for that channel and month; every row or none. Audited once as
    feedback.communication.recorded with the old and new counts per channel."""
    require_writer(actor, organisation.pk)
    errors, counts = communication_errors(organisation, month, rows)
    if errors:
        raise ValidationError(errors)
    first = month_start(month)
    lock(organisation)  # two entries of the same month: one after the other, the second replaces the first
    existing = {c.channel_id: c for c in CommunicationCount.objects.select_for_update().filter(
        organisation=organisation, month=first).select_related("channel")}
    codes = dict(Channel.objects.filter(pk__in=counts).values_list("pk", "code"))
    old = {codes.get(pk, c.channel.code): [c.articles, c.sessions] for pk, c in existing.items() if pk in counts}
    who = actor if getattr(actor, "pk", None) else None
    written = []
    for channel_id, (articles, sessions) in counts.items():
        row = existing.get(channel_id)
        if row is None:
            row = CommunicationCount.objects.create(organisation=organisation, month=first, channel_id=channel_id,
                                                    articles=articles, sessions=sessions, recorded_by=who)
        else:
            row.articles, row.sessions, row.recorded_by = articles, sessions, who
            row.save(update_fields=["articles", "sessions", "recorded_by", "recorded_at"])
        written.append(row)
    new = {codes[pk]: [a, s] for pk, (a, s) in counts.items()}
    log_action("feedback.communication.recorded", actor=actor, obj=organisation, organisation=organisation,
               old=old, new=new, extra={"month": f"{first.year:04d}-{first.month:02d}"})
    return written
