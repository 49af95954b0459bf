"""The API's two ways in: a bearer token (no CSRF: a browser never sends that header by itself) and a
logged-in session (CSRF on every write). Every write operation of the OpenAPI document is tried
each way, with Django's CSRF check enforced as in production."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.core.test_permissions import ApiOperation, api_operations
from tests.factories import UserFactory
from xaydungdang.accounts.domain import create_api_token
from xaydungdang.core.api_schemas import MAX_ID
from xaydungdang.core.errors import CSRF_FAILED
from xaydungdang.members.models import Member

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
NOT_LOGGED_IN = {"detail": "Chưa đăng nhập hoặc mã truy cập (Bearer) không hợp lệ."}
PERSON = {"full_name": "Người Mới", "sex": "nam"}


def write_operations() -> list[ApiOperation]:
    return [op for op in api_operations() if op.method in WRITE_METHODS]


def no_record_url(operation: ApiOperation) -> str:
    """Its URL with every path parameter naming no record: the answer is then 404 or 422, never a write."""
    return re.sub(r"{\w+}", str(MAX_ID), operation.path)


def send(client: Client, method: str, url: str, body: Any, **headers: str) -> Any:
    return client.generic(method, url, data=json.dumps(body), content_type="application/json", headers=headers)


def token_client(user: Any) -> tuple[Client, dict[str, str]]:
    _token, raw = create_api_token(actor=None, user=user, name="script")
    return Client(enforce_csrf_checks=True), {"Authorization": f"Bearer {raw}"}


def session_client(user: Any) -> tuple[Client, str]:
    """A logged-in browser with the CSRF cookie its pages set, and the token a page would send back."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(reverse("accounts:account")).status_code == 200
    return client, client.cookies["csrftoken"].value


@pytest.fixture
def superuser(tree) -> Any:
    """Every capability everywhere: what answers is the authentication, not the scope."""
    return UserFactory(username="sieu-api", is_superuser=True, is_staff=True)


def test_the_walk_sees_every_write_operation():
    assert {(op.method, op.path) for op in write_operations()} >= {
        ("POST", "/api/members"), ("POST", "/api/documents"), ("PATCH", "/api/documents/{document_id}"),
        ("POST", "/api/documents/{document_id}/attachments"), ("POST", "/api/report-check")}


def test_every_write_with_a_token_or_a_session_and_csrf_token_passes_authentication(superuser):
    token, bearer = token_client(superuser)
    browser, csrf = session_client(superuser)
    answers = []
    for operation in write_operations():
        url = no_record_url(operation)
        by_token = send(token, operation.method, url, {}, **bearer)
        by_session = send(browser, operation.method, url, {}, X_CSRFToken=csrf)
        answers.append((operation.method, url, by_token.status_code, by_session.status_code,
                        by_token.json() == by_session.json()))
    # Past authentication and the capability check: the empty body (422) or the missing record (404) answers.
    assert [a for a in answers if a[2] not in (404, 422) or a[3] != a[2] or not a[4]] == []


def test_every_write_with_a_session_without_csrf_token_is_refused_as_a_forgery(superuser):
    browser, _csrf = session_client(superuser)
    answers = {(op.method, op.path): send(browser, op.method, no_record_url(op), {}) for op in write_operations()}
    assert {key: (r.status_code, r.json()) for key, r in answers.items()} == {
        key: (403, {"detail": CSRF_FAILED}) for key in answers}


def test_a_token_write_without_a_cookie_records_the_member(users):
    client, bearer = token_client(users.province_office)
    response = send(client, "POST", "/api/members", {"organisation": "CB1A", "since": "2024-05-01",
                                                    "person": PERSON}, **bearer)
    assert (response.status_code, response.json()["full_name"]) == (201, "Người Mới")
    assert Member.objects.filter(person__full_name="Người Mới").count() == 1


def test_a_session_write_with_its_csrf_token_records_the_member_and_without_it_writes_nothing(users):
    client, csrf = session_client(users.province_office)
    body = {"organisation": "CB1A", "since": "2024-05-01", "person": PERSON}
    refused = send(client, "POST", "/api/members", body)
    assert (refused.status_code, refused.json(), Member.objects.count()) == (403, {"detail": CSRF_FAILED}, 0)
    accepted = send(client, "POST", "/api/members", body, X_CSRFToken=csrf)
    assert (accepted.status_code, Member.objects.count()) == (201, 1)


def test_a_bearer_request_is_the_tokens_alone_even_with_a_session_cookie(users):
    client, csrf = session_client(users.province_office)
    response = send(client, "POST", "/api/members", {"organisation": "CB1A", "since": "2024-05-01",
                                                    "person": PERSON}, Authorization="Bearer xdd_sai", X_CSRFToken=csrf)
    assert (response.status_code, response.json(), Member.objects.count()) == (401, NOT_LOGGED_IN, 0)


def test_a_session_behind_basic_authentication_is_still_a_session(users):
    """A proxy asking for a password adds `Authorization: Basic …` to every request of the browser."""
    client, csrf = session_client(users.province_office)
    body = {"organisation": "CB1A", "since": "2024-05-01", "person": PERSON}
    refused = send(client, "POST", "/api/members", body, Authorization="Basic dXNlcjpwYXNz")
    accepted = send(client, "POST", "/api/members", body, Authorization="Basic dXNlcjpwYXNz", X_CSRFToken=csrf)
    assert (refused.status_code, accepted.status_code) == (403, 201)


def test_anonymous_writes_are_not_logged_in_rather_than_forged():
    response = send(Client(enforce_csrf_checks=True), "POST", "/api/members", {})
    assert (response.status_code, response.json()) == (401, NOT_LOGGED_IN)
