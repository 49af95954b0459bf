"""Inside the system, a reference the documents registry does not hold is a warning (registry.py adapter)."""

from __future__ import annotations

import datetime as dt

from tests.documents.conftest import make_document, registry, tw  # noqa: F401  (fixtures)

TEXT = ("Thực hiện Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị và Kết luận số 99-KL/TW ngày "
        "01/02/2024, 100% chi bộ đã xây dựng kế hoạch.")


def test_reference_missing_from_the_registry_is_a_warning_on_the_page(client, users, tw):  # noqa: F811
    make_document(tw, "NQ", "35", dt.date(2018, 10, 22))
    client.force_login(users.district_office)
    response = client.post("/kiem-tra-bao-cao/", {"text": TEXT})
    assert [f.brief() for f in response.context["report"].findings] == [
        ("warning", "reference", "Kết luận số 99-KL/TW ngày 01/02/2024", "không có trong sổ văn bản")]


def test_the_plain_check_does_not_ask_the_registry(client, users, tw):  # noqa: F811
    from xaydungdang.reportcheck.engine import check_text

    assert check_text(TEXT).findings == []
