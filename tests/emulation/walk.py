"""Values of the emulation app's URL parameters for the permission walk (tests/core/test_permissions.py).

<registration_id>, <commitment_id>: a registration / commitment of each sample organisation, in reach where the
actor's subtree holds it. Written directly (the walk's organisations are of every type and the domain checks the
writer), dated early so that an ended grant still reads them. The good models part appends its cases below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from xaydungdang.emulation.models import Commitment, EmulationYear, Registration
from xaydungdang.organisations.models import Organisation

YEAR = 2020
REGISTERED_ON = dt.date(YEAR, 2, 10)


def _year() -> EmulationYear:
    return EmulationYear.objects.get_or_create(year=YEAR, defaults={
        "count_date": dt.date(YEAR, 3, 31), "opens_on": dt.date(YEAR, 1, 1), "closes_on": dt.date(YEAR, 4, 30),
        "theme_title": "Chuyên đề"})[0]


def _registration_of(code: str) -> Registration:
    _year()
    organisation = Organisation.objects.get(code=code)
    found = Registration.objects.filter(organisation=organisation, member__isnull=True).first()
    return found or Registration.objects.create(year=YEAR, holder="collective", organisation=organisation,
                                                registered_on=REGISTERED_ON, actions=f"Làm theo {code}")


def _commitment_of(code: str) -> Commitment:
    from tests.core.test_permissions import _member_at

    _year()
    organisation = Organisation.objects.get(code=code)
    found = Commitment.objects.filter(organisation=organisation).first()
    return found or Commitment.objects.create(year=YEAR, member=_member_at(code), organisation=organisation,
                                              written_on=REGISTERED_ON, content=f"Cam kết {code}")


def registration_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"registration_id": _registration_of(code).pk}, actor.covers(code)


def commitment_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"commitment_id": _commitment_of(code).pk}, actor.covers(code)


# ---------------------------------------------------------------- good models and recognitions (the exemplars part)

MODEL_RECORDED_ON = dt.date(2020, 2, 10)


def _model_of(code: str) -> Any:
    from xaydungdang.emulation.models import GoodModel, ModelField

    organisation = Organisation.objects.get(code=code)
    found = GoodModel.objects.filter(organisation=organisation).first()
    return found or GoodModel.objects.create(
        name=f"Mô hình {code}", search_name=f"mo hinh {code.lower()}", holder="collective",
        field=ModelField.objects.order_by("position").first(), organisation=organisation, started_year=2019,
        recognised_on=MODEL_RECORDED_ON)


def _recognition_of(code: str) -> Any:
    from xaydungdang.documents.models import Document, DocumentType, Issuer
    from xaydungdang.emulation.models import Recognition

    organisation = Organisation.objects.get(code=code)
    found = Recognition.objects.filter(organisation=organisation).first()
    if found is not None:
        return found
    # A system-wide decision: every actor reads it, so the page's answer depends on the recognition's scope only.
    decision = Document.objects.filter(owner__isnull=True, title="Quyết định ghi danh (walk)").first() or \
        Document.objects.create(owner=None, issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True),
                                doc_type=DocumentType.objects.get(code="QĐ"), number="9", symbol="QĐ/TW",
                                issued_on=dt.date(2020, 1, 2), title="Quyết định ghi danh (walk)")
    return Recognition.objects.create(form="recorded", level="district", decision=decision, date=MODEL_RECORDED_ON,
                                      holder="collective", organisation=organisation)


def model_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"model_id": _model_of(code).pk}, actor.covers(code)


def recognition_cases(actor: Any, route: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    for code in actor.sample_codes():
        yield {"recognition_id": _recognition_of(code).pk}, actor.covers(code)
