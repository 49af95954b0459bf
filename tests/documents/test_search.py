"""Search: diacritic-insensitive words and identifiers, on SQLite FTS5 and PostgreSQL full-text; filters."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.documents.conftest import make_document
from xaydungdang.accounts.scope import Scope
from xaydungdang.documents import domain, queries
from xaydungdang.documents.queries import DocumentFilter
from xaydungdang.documents.search import search_words

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(user_id=None, is_superuser=True)


@pytest.fixture
def documents(tw, issuers, tree):
    return {
        "nq35": make_document(tw, "NQ", "35", dt.date(2018, 10, 22), term="XII",
                              title="Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan "
                                    "điểm sai trái, thù địch trong tình hình mới"),
        "ct05": make_document(tw, "CT", "05", dt.date(2016, 5, 15), term="XII",
                              title="Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
        "kl21": make_document(tw, "KL", "21", dt.date(2021, 10, 25), term="XIII",
                              title="Về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị"),
        "kh82": make_document(issuers["P"], "KH", "82", dt.date(2022, 1, 20), owner=tree.province,
                              title="Thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng"),
        "kh0091": make_document(issuers["P"], "KH", "0091", dt.date(2018, 12, 3), owner=tree.province,
                                title="Thực hiện Nghị quyết 35-NQ/TW"),
        "kh210": make_document(issuers["D"], "KH", "210", dt.date(2023, 2, 1), owner=tree.district,
                               title="Kế hoạch công tác năm"),
    }


def found(q: str, **filters) -> list[str]:
    return [str(d) for d in queries.search(EVERYTHING, DocumentFilter(q=q, **filters))]


def test_fts_triggers_survive_the_migrations():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite index")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'documents_document_fts%'")
        assert sorted(row[0] for row in cursor.fetchall()) == [
            "documents_document_fts_delete", "documents_document_fts_insert", "documents_document_fts_update"]


@pytest.mark.postgres
def test_postgres_reads_a_stored_vector_with_a_gin_index(documents):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'documents_document' "
                       "AND indexname LIKE 'document_search%'")
        assert [row[0] for row in cursor.fetchall()] == [
            "CREATE INDEX document_search_vector ON public.documents_document USING gin (search_vector)"]
        cursor.execute("SELECT search_vector::text FROM documents_document WHERE id = %s", [documents["kh210"].pk])
        assert cursor.fetchone()[0] == ("'1':9 '2':10 '2023':11,12 '210':5 'chuc':15 'cong':19 'd':16 'hoach':2,18 "
                                        "'hu':7,13 'ke':1,17 'kh':3,6 'nam':21 'ngay':8 'so':4 'tac':20 'to':14")


def test_search_words_fold_diacritics_and_punctuation():
    assert search_words("Kết luận số 21-KL/TW, ngày 25/10/2021 — Đảng") == [
        "ket", "luan", "so", "21", "kl", "tw", "ngay", "25", "10", "2021", "dang"]


@pytest.mark.parametrize(("q", "expected"), [
    ("nghi quyet", ["Kế hoạch 0091-KH/TU", "Nghị quyết 35-NQ/TW"]),
    ("Nghị quyết", ["Kế hoạch 0091-KH/TU", "Nghị quyết 35-NQ/TW"]),
    ("chinh don dang", ["Kết luận 21-KL/TW"]),
    ("chỉnh đốn", ["Kết luận 21-KL/TW"]),
    ("21-KL/TW", ["Kế hoạch 82-KH/TU", "Kết luận 21-KL/TW"]),
    ("21-KL", ["Kế hoạch 82-KH/TU", "Kết luận 21-KL/TW"]),
    ("KL/TW 21", ["Kế hoạch 82-KH/TU", "Kết luận 21-KL/TW"]),
    ("ket luan so 21", ["Kế hoạch 82-KH/TU", "Kết luận 21-KL/TW"]),
    ("0091-KH/TU", ["Kế hoạch 0091-KH/TU"]),
    ("91 KH", ["Kế hoạch 0091-KH/TU"]),
    ("05-CT/TW", ["Chỉ thị 05-CT/TW"]),
    ("ho chi minh", ["Chỉ thị 05-CT/TW"]),
    ("tu tuong", ["Nghị quyết 35-NQ/TW", "Chỉ thị 05-CT/TW"]),
    ("210", ["Kế hoạch 210-KH/HU"]),
    ("khong co dau", []),
])
def test_search_finds_words_with_and_without_diacritics(documents, q, expected):
    assert found(q) == expected


def test_search_ignores_unicode_form(documents):
    decomposed = unicodedata.normalize("NFD", "chỉnh đốn")
    assert found(decomposed) == ["Kết luận 21-KL/TW"]


def test_filters_by_type_issuer_year_term(documents, issuers, tw):
    assert found("", doc_type="KH") == ["Kế hoạch 210-KH/HU", "Kế hoạch 82-KH/TU", "Kế hoạch 0091-KH/TU"]
    assert found("", issuer=issuers["P"].pk, year=2022) == ["Kế hoạch 82-KH/TU"]
    assert found("", term="xii") == ["Nghị quyết 35-NQ/TW", "Chỉ thị 05-CT/TW"]
    assert found("dang", issuer=tw.pk, year=2021) == ["Kết luận 21-KL/TW"]


def test_search_follows_edits(documents):
    domain.update_document(actor=None, document=documents["kh210"], title="Về phòng chống tham nhũng")
    assert found("tham nhung") == ["Kế hoạch 210-KH/HU"]
    assert found("cong tac nam") == []


def test_search_page_query_count_does_not_grow_with_rows(documents, tw):
    def count(q: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            page = queries.search_page(EVERYTHING, DocumentFilter(q=q), page=1, per_page=50)
            [(d.doc_type.name, d.issuer.name, d.owner) for d in page]
        return len(page.object_list), len(captured.captured_queries)

    assert count("210") == (1, 3)
    assert count("ke hoach") == (3, 3)


def test_renaming_an_issuer_reindexes_its_documents(documents, tw):
    from xaydungdang.documents.domain import reindex

    tw.name = "Trung ương Đảng (đổi tên thử)"
    tw.save()
    assert found("doi ten thu") == []
    assert reindex(type(documents["kl21"]).objects.filter(issuer=tw)) == 3
    assert found("doi ten thu") == ["Kết luận 21-KL/TW", "Nghị quyết 35-NQ/TW", "Chỉ thị 05-CT/TW"]
