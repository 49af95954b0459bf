"""An organisation code outside the user's scope gets the answer of a code that does not exist, everywhere a
code is typed: URLs, filters, forms and API bodies. ODB exists (in the other province); NOPE does not.

The answers are compared whole, with the code itself blanked out: status and body must be the same.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

CSRF = re.compile(r"[A-Za-z0-9]{64}")
PERSON = {"full_name": "Nguyễn Văn Mã", "sex": "nam"}
# (method, URL, form or JSON body): {code} is replaced by the code tried.
PLACES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("get", "/to-chuc/{code}/", None),
    ("get", "/to-chuc/?goc={code}", None),
    ("get", "/dang-vien/?to_chuc={code}", None),
    ("get", "/dang-vien/qua-han-cong-nhan/?to_chuc={code}", None),
    ("get", "/dang-vien/nhap/xuat/?to_chuc={code}", None),
    ("get", "/?to_chuc={code}", None),
    ("get", "/nhat-ky/?to_chuc={code}", None),
    ("get", "/van-ban/them/?to_chuc={code}", None),
    ("post", "/dang-vien/them/", {"full_name": "Nguyễn Văn Mã", "sex": "nam", "organisation": "{code}",
                                  "since": "1/1/2024"}),
    ("post", "/dang-vien/quan-chung-uu-tu/them/", {"full_name": "Nguyễn Văn Mã", "sex": "nam",
                                                   "organisation": "{code}", "since": "1/1/2024"}),
    ("get", "/api/organisations/{code}", None),
    ("get", "/api/organisations/{code}/subtree", None),
    ("get", "/api/organisations/{code}/member-counts", None),
    ("get", "/api/members?org={code}", None),
    ("get", "/api/candidates?org={code}", None),
    ("get", "/api/transfers?org={code}", None),
    ("get", "/api/documents?owner={code}", None),
    ("json", "/api/members", {"organisation": "{code}", "since": "2024-01-01", "person": PERSON}),
    ("json", "/api/candidates", {"organisation": "{code}", "since": "2024-01-01", "person": PERSON}),
    ("json", "/api/admissions", {"organisation": "{code}", "decision_date": "2024-01-01",
                                 "ceremony_date": "2024-01-02", "person": PERSON}),
    ("json", "/api/documents", {"owner": "{code}", "type": "CV", "issuer": "TW", "number": "1",
                                "issued_on": "2024-01-02", "title": "Công văn"}),
    ("json", "/api/report-check", {"text": "Có 3 đảng viên.", "organisation": "{code}", "date": "2024-01-01"}),
]


def _filled(value: Any, code: str) -> Any:
    text = json.dumps(value, ensure_ascii=False).replace("{code}", code)
    return json.loads(text)


def answer(client: Client, method: str, url: str, body: dict[str, Any] | None, code: str) -> tuple[int, str]:
    url = url.replace("{code}", code)
    if method == "get":
        response = client.get(url)
    elif method == "post":
        response = client.post(url, _filled(body, code))
    else:
        response = client.post(url, json.dumps(_filled(body, code)), content_type="application/json")
    content = response.content.decode() if not response.get("Content-Disposition") else ""
    content = CSRF.sub("<csrf>", content)  # masked anew for every page
    return response.status_code, content.replace(code, "<code>")


@pytest.mark.parametrize(("method", "url", "body"), PLACES, ids=[f"{m} {u}" for m, u, _b in PLACES])
def test_a_code_outside_the_scope_reads_as_an_unknown_one(tree, users, reference_data, method, url, body):
    client = Client()
    client.force_login(users.grassroots_secretary)
    outside, unknown = answer(client, method, url, body, "ODB"), answer(client, method, url, body, "NOPE")
    assert outside == unknown
    assert "Tổ chức ODB" not in outside[1]
