"""Builders for the good model and recognition tests: decisions through the documents domain, models and
recognitions through emulation.domain_exemplars."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from xaydungdang.documents import domain as documents_domain
from xaydungdang.documents.models import Document, DocumentType, Issuer
from xaydungdang.emulation import domain_exemplars as domain
from xaydungdang.emulation.models import GoodModel, Holder, ModelField, Recognition
from xaydungdang.organisations.models import Organisation

_numbers = itertools.count(1)
RECORDED_ON = dt.date(2022, 3, 1)


def decision(owner: Organisation | None = None, issued_on: dt.date = dt.date(2023, 5, 2),
             number: str | None = None) -> Document:
    """A decision (QĐ) of the registry kept by `owner` (None: a system-wide one)."""
    number = number or str(next(_numbers))
    return documents_domain.register_document(
        actor=None, owner=owner, doc_type=DocumentType.objects.get(code="QĐ"),
        issuer=Issuer.objects.get(abbreviation="TW", organisation__isnull=True), number=number, symbol="QĐ/TW",
        issued_on=issued_on, title=f"Quyết định ghi danh số {number}")


def field(code: str = "kinh-te") -> ModelField:
    return ModelField.objects.get(code=code)


def good_model(organisation: Organisation, *, holder: str = Holder.COLLECTIVE, name: str | None = None,
               recognised_on: dt.date = RECORDED_ON, started_year: int = 2021, field_code: str = "kinh-te",
               person_name: str = "", **values: Any) -> GoodModel:
    if holder == Holder.INDIVIDUAL and not person_name and "member" not in values:
        person_name = f"Trần Thị Mẫu {next(_numbers)}"
    return domain.record_model(actor=None, organisation=organisation, holder=holder,
                               name=name or f"Mô hình {next(_numbers)}", field=field(field_code),
                               started_year=started_year, recognised_on=recognised_on, person_name=person_name,
                               **values)


def recognition(organisation: Organisation, day: dt.date, *, holder: str = Holder.COLLECTIVE,
                form: str = Recognition.Form.RECORDED, the_decision: Document | None = None,
                person_name: str = "", **values: Any) -> Recognition:
    if holder == Holder.INDIVIDUAL and not person_name and "member" not in values:
        person_name = f"Lê Văn Gương {next(_numbers)}"
    return domain.record_recognition(actor=None, organisation=organisation, form=form,
                                     level=Recognition.Level.DISTRICT,
                                     decision=the_decision or decision(issued_on=day), date=day, holder=holder,
                                     person_name=person_name, **values)
