"""The demo documents: real central documents with their real identifiers, the demo committees' plans
implementing them with some committees missing, a programme whose targets read the member indicators; no
real local body among the issuers and exactly one "(mẫu)" in every fictional title."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xaydungdang.accounts.scope import Scope
from xaydungdang.core.models import AuditEntry
from xaydungdang.demo import build_demo
from xaydungdang.demo import documents as demo_documents
from xaydungdang.documents import programmes, queries
from xaydungdang.documents.models import Document, Issuer
from xaydungdang.documents.queries import DocumentFilter

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(user_id=None, is_superuser=True)
# The real local places the seeds (published reports) name: no demo issuer or document may stand for them.
REAL_LOCAL_PLACES = ["Bắc Ninh", "Quế Võ", "Thái Nguyên", "Phổ Yên", "Pác Nặm", "Bạch Thông", "Ba Bể",
                     "Phúc Thuận"]


def real_places_in(text: str) -> list[str]:
    return [place for place in REAL_LOCAL_PLACES if place in text]


@pytest.mark.parametrize(("text", "expected"), [
    ("Thực hiện Kế hoạch 82-KH/TU của Đảng bộ tỉnh Thử Nghiệm (mẫu)", "Thực hiện Kế hoạch 82-KH/TU của Đảng bộ "
                                                                     "tỉnh Thử Nghiệm (mẫu)"),
    ("Kế hoạch của Chi bộ (mẫu) (mẫu)", "Kế hoạch của Chi bộ (mẫu)"),
    ("Kế hoạch", "Kế hoạch (mẫu)"),
])
def test_sample_title_has_one_marker(text, expected):
    assert demo_documents.sample_title(text) == expected


def test_demo_documents(reference_data, monkeypatch):
    timings = []
    original = demo_documents.build_demo_documents

    def timed(actor):
        start = time.perf_counter()
        result = original(actor)
        timings.append(time.perf_counter() - start)
        return result

    monkeypatch.setattr(demo_documents, "build_demo_documents", timed)
    build_demo()
    assert timings[0] < 3.0  # the budget for what the documents add to the demo

    found = [str(d) for d in queries.search(EVERYTHING, DocumentFilter(q="21-KL/TW"))]
    assert found == ["Kế hoạch 82-KH/TU", "Kết luận 21-KL/TW", "Kế hoạch 03-KH/TW"]  # undated: last
    central = Document.objects.filter(owner__isnull=True)
    assert central.count() == len(demo_documents.CENTRAL) == 18
    assert [(i.name, real_places_in(i.name)) for i in Issuer.objects.all() if real_places_in(i.name)] == []
    assert [(str(d), d.title) for d in Document.objects.select_related("doc_type") if real_places_in(d.title)] == []
    assert list(central.exclude(issuer__organisation=None)) == []
    # Every document the demo invented says "(mẫu)" exactly once; the real central ones never do.
    marks = Counter(d.title.count("(mẫu)") for d in Document.objects.exclude(owner=None))
    assert marks == {1: Document.objects.exclude(owner=None).count()}
    assert central.filter(title__contains="(mẫu)").count() == 0
    assert str(central.get(number="37")) == "Quy định 37-QĐ/TW"
    assert central.get(number="36").issued_on == dt.date(2018, 4, 3)

    kl21 = central.get(number="21", symbol="KL/TW")
    with CaptureQueriesContext(connection) as captured:
        root = queries.chain(EVERYTHING, kl21)
    # 122 nodes over 4 levels; the 117 grassroots plans span 20 dates: queries follow levels and dates.
    assert len(captured.captured_queries) == 55
    assert [v.organisation.code for v in root.done] == ["DEMO-TINH"]
    (province,) = root.children
    assert province.summary.startswith("Kế hoạch 82-KH/TU: 2/2 cấp ủy đã ban hành kế hoạch")
    bloc, district = province.children  # by date: the bloc planned first
    assert (len(district.expected), [v.organisation.code for v in district.missing]) == (
        46, ["DEMO-HUYEN-DB07", "DEMO-HUYEN-CB15"])
    assert (len(bloc.expected), len(bloc.done), len(bloc.missing)) == (73, 70, 3)
    assert str(district.summary).startswith("Kế hoạch 45-KH/TU: 44/46 cấp ủy đã ban hành kế hoạch; chưa có: ")

    programme = Document.objects.get(owner__code="DEMO-HUYEN", doc_type__code="CTr")
    progress = programmes.programme_progress(programme, on=dt.date(2024, 1, 1))
    assert [(p.target.indicator_code, p.has_indicator) for p in progress] == [
        ("study.members_share", False), ("members.admitted", True), ("members.count", True),
        ("members.recognised", True)]
    assert [[(o.value, o.met) for o in p.by_organisation] for p in progress] == [
        [], [(203, True)], [(6_181, True)], [(193, False)]]  # 2022 of DEMO-HUYEN, from the member records
    assert AuditEntry.objects.filter(action="document.demo_loaded").count() == 1

    # The province's own resolutions are fictional and expect plans from the fictional tree only.
    resolution = Document.objects.get(owner__code="DEMO-TINH", doc_type__code="NQ", number="19")
    assert (str(resolution), resolution.issuer.name) == ("Nghị quyết 19-NQ/TU", "Đảng bộ tỉnh Thử Nghiệm (mẫu)")
    assert str(queries.chain(EVERYTHING, resolution).summary) == (
        "Nghị quyết 19-NQ/TU: 0/2 cấp ủy đã ban hành kế hoạch; chưa có: Đảng bộ thị xã Minh Sơn (mẫu), "
        "Đảng bộ Khối Các cơ quan tỉnh (mẫu)")

    count = Document.objects.count()
    build_demo()  # idempotent
    assert Document.objects.count() == count
