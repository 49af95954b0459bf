"""Demo documents: the real central documents the published reports and DOMAIN.md name, and the fictional
demo committees' own documents, many implementing them (sample data).

The central documents are real, with their real identifiers, dates and titles, and are kept system-wide (no
owner). A real document whose date the sources do not give is recorded with its term only (the key then uses
the term). No real local committee appears: a real provincial resolution kept system-wide would expect plans
from the top of the fictional tree ("0/1 cấp ủy …; chưa có: Đảng bộ tỉnh Thử Nghiệm"), implicating a real
body in invented data, so the provincial resolutions the reports cite are replaced by fictional ones of the
demo province. The documents of DEMO-TINH, DEMO-HUYEN, DEMO-KHOI and of their grassroots organisations are
invented, shaped like the reports (seed 002: "Kế hoạch số 82-KH/TU ngày 20/01/2022 thực
hiện Kết luận số 21-KL/TW"; seed 004: "Chương trình hành động số 08-CTr/TU"), every title says "(mẫu)" once,
and a few committees deliberately have no plan, so the chains show who is missing. The action programme's targets
name the member indicators (and one indicator that does not exist yet). Idempotent: nothing is added when
the demo committees already keep documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from xaydungdang.core.audit import log_action
from xaydungdang.demo.organisations import BLOC, DISTRICT, PROVINCE
from xaydungdang.documents import domain, programmes
from xaydungdang.documents.models import Document, DocumentType, Implementation, Issuer
from xaydungdang.organisations import queries as org_queries
from xaydungdang.organisations.models import Organisation

TW = "TW"
# type, number, symbol, issued on, term, issuer abbreviation, title — central documents (DOMAIN.md, seeds).
CENTRAL: list[tuple[str, str, str, dt.date | None, str, str, str]] = [
    ("CT", "05", "CT/TW", dt.date(2016, 5, 15), "XII", TW,
     "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("NQ", "04", "NQ/TW", dt.date(2016, 10, 30), "XII", TW,
     "Về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, "
     "lối sống, những biểu hiện \"tự diễn biến\", \"tự chuyển hóa\" trong nội bộ (Nghị quyết Trung ương 4 khóa "
     "XII)"),
    ("QĐi", "55", "QĐ/TW", dt.date(2016, 12, 19), "XII", TW,
     "Về một số việc cần làm ngay để tăng cường vai trò nêu gương của cán bộ, đảng viên"),
    ("QĐi", "101", "QĐ/TW", dt.date(2012, 6, 7), "XI", TW,
     "Về trách nhiệm nêu gương của cán bộ, đảng viên, nhất là cán bộ lãnh đạo chủ chốt các cấp"),
    ("NQ", "18", "NQ/TW", dt.date(2017, 10, 25), "XII", TW,
     "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động "
     "hiệu lực, hiệu quả (Nghị quyết Trung ương 6 khóa XII)"),
    ("NQ", "19", "NQ/TW", dt.date(2017, 10, 25), "XII", TW,
     "Về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của các đơn vị "
     "sự nghiệp công lập (Nghị quyết Trung ương 6 khóa XII)"),
    ("QĐi", "132", "QĐ/TW", dt.date(2018, 3, 8), "XII", TW,
     "Về việc kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống "
     "chính trị"),
    ("HD", "36", "HD/VPTW", dt.date(2018, 4, 3), "XII", "VPTW",
     "Về thể thức và kỹ thuật trình bày văn bản của Đảng"),
    ("NQ", "35", "NQ/TW", dt.date(2018, 10, 22), "XII", TW,
     "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch "
     "trong tình hình mới"),
    ("NQ", "", "", dt.date(2021, 2, 1), "XIII", TW, "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
    ("KL", "01", "KL/TW", dt.date(2021, 5, 18), "XIII", TW,
     "Về tiếp tục thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị khóa XII về đẩy mạnh học tập và làm theo tư "
     "tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("KL", "21", "KL/TW", dt.date(2021, 10, 25), "XIII", TW,
     "Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy lùi, xử lý nghiêm "
     "cán bộ, đảng viên suy thoái về tư tưởng chính trị, đạo đức, lối sống, biểu hiện \"tự diễn biến\", \"tự "
     "chuyển hóa\""),
    ("QĐi", "37", "QĐ/TW", dt.date(2021, 10, 25), "XIII", TW, "Về những điều đảng viên không được làm"),
    ("KH", "03", "KH/TW", None, "XIII", TW, "Thực hiện Kết luận số 21-KL/TW của Hội nghị Trung ương 4 khóa XIII"),
    ("QĐi", "124", "QĐ/TW", None, "XIII", TW,
     "Về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị"),
    ("HD", "25", "HD/BTCTW", None, "XIII", "BTCTW",
     "Về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị"),
    ("QĐi", "366", "QĐ/TW", dt.date(2025, 8, 30), "XIII", TW,
     "Về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị"),
    ("HD", "43", "HD/BTCTW", None, "XIII", "BTCTW",
     "Hướng dẫn thực hiện Quy định 366-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm"),
]
# The demo province's own resolutions, shaped like the provincial ones the reports cite (seed 000) but
# fictional: issued by the demo province committee, numbered and dated apart from the real ones.
PROVINCE_RESOLUTIONS: list[tuple[str, dt.date, str]] = [
    ("15", dt.date(2022, 9, 6), "Về xây dựng và phát triển văn hóa, con người tỉnh Thử Nghiệm đến năm 2030"),
    ("19", dt.date(2023, 4, 10), "Về xây dựng tỉnh Thử Nghiệm an toàn giao thông"),
]
SAMPLE = "(mẫu)"


def sample_title(text: str) -> str:
    """A fictional document's title with exactly one "(mẫu)": a title built from an organisation's name
    (which carries its own marker) read "… (mẫu) (mẫu)"."""
    return f"{' '.join(text.replace(SAMPLE, ' ').split())} {SAMPLE}"


# Committees with no plan for the province's plan implementing Kết luận 21 (the chain lists them as missing).
NO_PLAN = {f"{DISTRICT}-DB07", f"{DISTRICT}-CB15", f"{BLOC}-DB12", f"{BLOC}-CB03", f"{BLOC}-CB21"}


@dataclass
class DemoDocuments:
    central: int
    plans: int
    missing: list[str]


def _issuer(abbreviation: str) -> Issuer:
    """A central issuer of the reference data (documents/reference.py)."""
    return Issuer.objects.get(abbreviation=abbreviation, organisation=None)


def _register(actor: Any, kind: str, number: str, symbol: str, issued_on: dt.date | None, term: str,
              issuer: Issuer, title: str, owner: Organisation | None = None, **extra: Any) -> Document:
    existing = domain.find_duplicate(issuer=issuer, doc_type=DocumentType.objects.get(code=kind), number=number,
                                     issued_on=issued_on, term=term)
    if existing is not None:
        return existing
    if not number and Document.objects.filter(issuer=issuer, title=title).exists():
        return Document.objects.get(issuer=issuer, title=title)
    return domain.register_document(actor=actor, owner=owner, issuer=issuer, doc_type=DocumentType.objects.get(
        code=kind), number=number, symbol=symbol, issued_on=issued_on, term=term, title=title, **extra)


def _reference_documents(actor: Any) -> dict[str, Document]:
    out = {}
    for kind, number, symbol, issued_on, term, abbreviation, title in CENTRAL:
        document = _register(actor, kind, number, symbol, issued_on, term, _issuer(abbreviation), title)
        out[f"{number}-{symbol}" if number else "NQ-DH-XIII"] = document
    return out


def _committee(actor: Any, code: str, abbreviation: str) -> tuple[Organisation, Issuer]:
    organisation = Organisation.objects.get(code=code)
    return organisation, domain.issuer_for_organisation(actor=actor, organisation=organisation,
                                                        abbreviation=abbreviation)


def _plan(actor: Any, code: str, abbreviation: str, kind: str, number: str, day: dt.date, title: str,
          implements: Document | None, term: str = "") -> Document:
    owner, issuer = _committee(actor, code, abbreviation)
    return domain.register_document(actor=actor, owner=owner, issuer=issuer, doc_type=DocumentType.objects.get(
        code=kind), number=number, issued_on=day, term=term, title=sample_title(title),
        implements=[implements] if implements else [], direction=Document.Direction.ISSUED)


def _grassroots_plans(actor: Any, parent_code: str, day: dt.date, implements: Document) -> tuple[int, list[str]]:
    """A plan from each organisation under `parent_code` on `day`, except those in NO_PLAN.

    Bulk-inserted (the demo's convention, as for members): one audit entry for all of them, written by the
    caller, instead of one per plan; the full-text index follows through its triggers.
    """
    parent = Organisation.objects.get(code=parent_code)
    plan_type = DocumentType.objects.get(code="KH")
    versions = [v for v in org_queries.children_on(parent.pk, day) if v.organisation.code not in NO_PLAN]
    missing = [v.organisation.code for v in org_queries.children_on(parent.pk, day) if v.organisation.code in NO_PLAN]
    issuers = Issuer.objects.bulk_create([
        Issuer(organisation=v.organisation, name=v.name,
               abbreviation="ĐU" if v.org_type.code == "dang-bo-co-so" else "CB") for v in versions])
    documents = []
    for index, (version, issuer) in enumerate(zip(versions, issuers, strict=True)):
        document = Document(owner=version.organisation, issuer=issuer, doc_type=plan_type,
                            number=f"{index % 9 + 1:02d}", symbol=f"KH/{issuer.abbreviation}",
                            issued_on=day + dt.timedelta(days=index % 20), term="",
                            title=sample_title(f"Thực hiện {implements} của {implements.issuer.name}"),
                            direction=Document.Direction.ISSUED, created_by=actor)
        domain.derive_fields(document)
        documents.append(document)
    Document.objects.bulk_create(documents)
    Implementation.objects.bulk_create([Implementation(document=d, implemented=implements, created_by=actor)
                                        for d in documents])
    return len(documents), missing


def _programme(actor: Any, programme: Document) -> None:
    district = programme.owner
    assert district is not None
    year = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    programmes.create_programme(actor=actor, document=programme, sections=[
        {"title": "Xây dựng Đảng về chính trị, tư tưởng, đạo đức (mẫu)", "tasks": [
            {"title": "Học tập, quán triệt Nghị quyết Đại hội XIII", "targets": [
                {"description": "≥ 95% đảng viên được học tập, quán triệt Nghị quyết", "value": Decimal(95),
                 "unit": "%", "indicator_code": "study.members_share", "deadline": dt.date(2021, 12, 31)}]}]},
        {"title": "Xây dựng Đảng về tổ chức (mẫu)", "tasks": [
            {"title": "Phát triển đảng viên", "targets": [
                {"description": "Kết nạp ít nhất 120 đảng viên mới trong năm 2022", "value": 120,
                 "unit": "đảng viên", "indicator_code": "members.admitted", "period_start": year[0],
                 "deadline": year[1], "responsible": [district]},
                {"description": "Tổng số đảng viên của Đảng bộ đạt ít nhất 6.000 vào cuối năm 2022", "value": 6000,
                 "unit": "đảng viên", "indicator_code": "members.count", "deadline": year[1],
                 "responsible": [district]},
                {"description": "Xét công nhận đảng viên chính thức đúng hạn cho ít nhất 200 đảng viên dự bị",
                 "value": 200, "unit": "đảng viên", "indicator_code": "members.recognised",
                 "period_start": year[0], "deadline": year[1], "responsible": [district]}]}]},
    ])


@transaction.atomic
def build_demo_documents(actor: Any) -> DemoDocuments | None:
    """Load the reference documents and the demo committees' plans, unless the demo committees keep documents
    already. Side effects: issuers for the demo committees, documents, implements links, one programme, their
    audit entries, and one "document.demo_loaded" entry."""
    if Document.objects.filter(owner__code__startswith="DEMO-").exists():
        return None
    refs = _reference_documents(actor)
    kl21, ct05, kl01, nq35 = refs["21-KL/TW"], refs["05-CT/TW"], refs["01-KL/TW"], refs["35-NQ/TW"]
    province_plan = _plan(actor, PROVINCE, "TU", "KH", "82", dt.date(2022, 1, 20),
                          "Thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng (khóa XIII)", kl21)
    district_plan = _plan(actor, DISTRICT, "TU", "KH", "45", dt.date(2022, 2, 15),
                          "Thực hiện Kế hoạch số 82-KH/TU của Ban Thường vụ Tỉnh ủy", province_plan)
    bloc_plan = _plan(actor, BLOC, "ĐUK", "KH", "30", dt.date(2022, 2, 10),
                      "Thực hiện Kế hoạch số 82-KH/TU của Ban Thường vụ Tỉnh ủy", province_plan)
    made_d, missing_d = _grassroots_plans(actor, DISTRICT, dt.date(2022, 3, 1), district_plan)
    made_k, missing_k = _grassroots_plans(actor, BLOC, dt.date(2022, 3, 1), bloc_plan)
    _plan(actor, PROVINCE, "TU", "KH", "0091", dt.date(2018, 12, 3), "Thực hiện Nghị quyết số 35-NQ/TW của Bộ "
          "Chính trị về tăng cường bảo vệ nền tảng tư tưởng của Đảng", nq35)
    _plan(actor, BLOC, "ĐUK", "KH", "21", dt.date(2017, 2, 20), "Về thực hiện đẩy mạnh học tập và làm theo tư "
          "tưởng, đạo đức, phong cách Hồ Chí Minh năm 2017", ct05)
    province_kl01 = _plan(actor, PROVINCE, "TU", "KH", "40", dt.date(2021, 7, 1), "Thực hiện Kết luận số "
                          "01-KL/TW của Bộ Chính trị giai đoạn 2021 - 2025", kl01)
    _plan(actor, DISTRICT, "TU", "KH", "12", dt.date(2021, 8, 2), "Thực hiện Kế hoạch số 40-KH/TU về học tập và "
          "làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", province_kl01)
    programme = _plan(actor, DISTRICT, "TU", "CTr", "08", dt.date(2021, 8, 9), "Chương trình hành động thực hiện "
                      "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", refs["NQ-DH-XIII"])
    _programme(actor, programme)
    for number, day, title in PROVINCE_RESOLUTIONS:
        _plan(actor, PROVINCE, "TU", "NQ", number, day, title, None)
    province = Organisation.objects.get(code=PROVINCE)
    result = DemoDocuments(central=len(refs), plans=9 + len(PROVINCE_RESOLUTIONS) + made_d + made_k,
                           missing=missing_d + missing_k)
    log_action("document.demo_loaded", actor=actor, obj=province_plan, organisation=province,
               new={"reference_documents": result.central, "plans": result.plans, "missing": result.missing},
               extra={"note": "Dữ liệu mẫu: kế hoạch của các cấp ủy mẫu là hư cấu"})
    return result
