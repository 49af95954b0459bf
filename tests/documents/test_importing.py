"""The pasted-list import: recognised lines, duplicates linked, unrecognised lines reported, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.documents.conftest import make_document
from xaydungdang.core.models import AuditEntry
from xaydungdang.documents.importing import import_pasted_list, resolve_issuer
from xaydungdang.documents.models import Document

pytestmark = pytest.mark.django_db

PASTED = """
Nghị quyết số 35-NQ/TW ngày 22/10/2018 về tăng cường bảo vệ nền tảng tư tưởng của Đảng
Chỉ thị 05-CT/TW ngày 15-5-2016 về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh

Quy định 37-QĐ/TW ngày 25/10/2021 về những điều đảng viên không được làm
Kế hoạch số 82-KH/TU ngày 20/01/2022
"""


def summary(result) -> list[tuple[int, str, str]]:
    return [(line.line_number, line.status, str(line.document) if line.document else "") for line in result.lines]


def test_dry_run_reads_every_line_and_writes_nothing(tree, tw, issuers):
    result = import_pasted_list(PASTED, owner=tree.province, actor=None, dry_run=True)
    assert summary(result) == [(2, "new", ""), (3, "new", ""), (5, "new", ""), (6, "new", "")]
    first, _ct, qd, kh = result.lines
    assert (first.values["doc_type"].code, first.values["number"], first.values["symbol"], first.values["issued_on"],
            first.values["issuer"], first.values["title"]) == (
        "NQ", "35", "NQ/TW", dt.date(2018, 10, 22), tw, "về tăng cường bảo vệ nền tảng tư tưởng của Đảng")
    assert (qd.values["doc_type"].code, qd.values["symbol"]) == ("QĐi", "QĐ/TW")  # a quy định numbered -QĐ/TW
    assert (kh.values["issuer"], kh.values["direction"], kh.values["title"]) == (
        issuers["P"], "issued", "Kế hoạch số 82-KH/TU ngày 20/01/2022")
    assert Document.objects.count() == 0


def test_commit_registers_every_line_and_audits(tree, tw, issuers):
    result = import_pasted_list(PASTED, owner=tree.province, actor=None, dry_run=False)
    assert result.committed is True
    assert summary(result) == [(2, "created", "Nghị quyết 35-NQ/TW"), (3, "created", "Chỉ thị 05-CT/TW"),
                               (5, "created", "Quy định 37-QĐ/TW"), (6, "created", "Kế hoạch 82-KH/TU")]
    assert AuditEntry.objects.filter(action="document.registered").count() == 4
    assert AuditEntry.objects.get(action="document.imported").data["extra"]["lines"] == 4


def test_duplicates_are_linked_not_errors(tree, tw, issuers):
    existing = make_document(tw, "NQ", "35", dt.date(2018, 10, 22))
    text = PASTED + "Nghị quyết 35-NQ/TW ngày 22/10/2018\nKế hoạch 82-KH/TU ngày 20/1/2022\n"
    result = import_pasted_list(text, owner=tree.province, actor=None, dry_run=False)
    assert summary(result)[0] == (2, "duplicate", "Nghị quyết 35-NQ/TW")
    assert result.lines[0].document == existing
    assert (result.lines[-2].status, result.lines[-2].document) == ("duplicate", existing)
    assert (result.lines[-1].status, result.lines[-1].duplicate_of_line,
            result.lines[-1].message) == ("duplicate", 6, "Trùng với văn bản ở dòng 6.")
    assert Document.objects.count() == 4  # three created lines and the existing one


def test_one_bad_line_writes_nothing_and_names_the_line(tree, tw, issuers):
    text = PASTED + "Báo cáo tình hình tháng 5\nKế hoạch số 0091- KH/TU\nKế hoạch 5-KH/XYZ ngày 1/2/2022\n"
    result = import_pasted_list(text, owner=tree.province, actor=None, dry_run=False)
    assert result.committed is False
    assert [(line.line_number, line.message) for line in result.errors] == [
        (7, "Không nhận dạng được số hiệu văn bản: «Báo cáo tình hình tháng 5»"),
        (8, "Ngày ban hành: nhập ngày ban hành, hoặc khóa khi chưa rõ ngày."),
        (9, 'Cơ quan ban hành "XYZ" chưa có trong danh mục cơ quan ban hành: hãy đăng ký trước.'),
    ]
    assert Document.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="document.").exclude(
        action="document.issuer_registered").count() == 0


def test_issuer_abbreviation_is_resolved_from_the_owner_up(tree, tw, issuers):
    assert resolve_issuer("TU", tree.db1) == issuers["P"]  # the Tỉnh ủy above DB1, not OP's
    assert resolve_issuer("TU", tree.other_db) == issuers["OP"]
    assert resolve_issuer("ĐU", tree.cb1a) == issuers["DB1"]
    assert resolve_issuer("TW", tree.cb1a) == tw
    assert resolve_issuer("TU", tree.bloc) == issuers["P"]
    assert resolve_issuer("TU", None) == 'Cơ quan ban hành "TU" chưa xác định được (có 2 cơ quan cùng viết ' \
                                         'tắt): hãy nhập từng văn bản.'
