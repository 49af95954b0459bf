"""Logging in and out, lockout after failed attempts, security headers and password hashing."""

from __future__ import annotations

import html
import importlib
import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import check_password, make_password
from django.test import Client
from django.test.utils import override_settings

from tests.helpers import vi

LOGIN = "/dang-nhap/"
PASSWORD = "mat-khau-thu-nghiem"  # tests.factories.UserFactory


def texts(response: Any, pattern: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", found)).strip()
            for found in re.findall(pattern, response.content.decode(), flags=re.S)]


def log_in(client: Client, username: str, password: str, **extra: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


# ---------------------------------------------------------------- log in, log out

def test_login_page_is_in_vietnamese(db):
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()
    assert texts(response, r"<h1>(.*?)</h1>") == [vi("Log in")]
    assert vi("Log in") != "Log in"  # translated, not the English source text
    assert texts(response, r'<label for="id_(?:username|password)">(.*?)</label>') == [vi("User name"),
                                                                                       vi("Password")]


def test_successful_login_goes_to_the_start_page(users):
    client = Client()
    response = log_in(client, "tinh", PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(users.province_office.pk)
    assert client.get("/").status_code == 200  # the home page (core/home.py), no longer a redirect to the tree


def test_login_returns_to_the_page_asked_for(users):
    response = log_in(Client(), "huyen", PASSWORD, next="/to-chuc/D/")
    assert (response.status_code, response["Location"]) == (302, "/to-chuc/D/")


def test_login_does_not_redirect_to_another_site(users):
    response = log_in(Client(), "huyen", PASSWORD, next="https://ke-gian.example/")
    assert (response.status_code, response["Location"]) == (302, "/")


def test_wrong_password_shows_the_error_and_does_not_log_in(users):
    client = Client()
    response = log_in(client, "tinh", "sai-mat-khau")
    assert response.status_code == 200
    assert texts(response, r'<div class="errorlist-box" role="alert">(.*?)</div>') == [
        vi("Wrong user name or password. Note that both are case-sensitive.")]
    assert "_auth_user_id" not in client.session


def test_login_form_needs_the_csrf_token(users):
    response = log_in(Client(enforce_csrf_checks=True), "tinh", PASSWORD)
    assert response.status_code == 403


def test_logout_is_a_post_and_ends_the_session(users):
    client = Client()
    client.force_login(users.leader)
    assert client.get("/dang-xuat/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/dang-xuat/")
    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert "_auth_user_id" not in client.session
    assert client.get("/to-chuc/")["Location"] == f"{LOGIN}?next=/to-chuc/"


# ---------------------------------------------------------------- lockout (django-axes)

def test_five_failures_lock_the_account_from_that_address(users, settings):
    settings.AXES_ENABLED = True
    client = Client()
    statuses = [log_in(client, "tinh", f"sai-{i}").status_code for i in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get(username="tinh").failures_since_start == 5

    locked = log_in(client, "tinh", PASSWORD)  # even the right password, now
    assert locked.status_code == 429
    # The log-in view runs, then axes replaces its response with the lockout page.
    assert "registration/locked_out.html" in {t.name for t in locked.templates}
    assert texts(locked, r"<h1>(.*?)</h1>") == [vi("Too many failed log-in attempts")]
    assert "_auth_user_id" not in client.session

    # The lock is per user name and address: another user from the same computer may log in.
    other = log_in(Client(), "huyen", PASSWORD)
    assert (other.status_code, other["Location"]) == (302, "/")


def test_four_failures_then_success_resets_the_count(users, settings):
    settings.AXES_ENABLED = True
    client = Client()
    for i in range(4):
        assert log_in(client, "tinh", f"sai-{i}").status_code == 200
    assert log_in(client, "tinh", PASSWORD).status_code == 302
    assert AccessAttempt.objects.filter(username="tinh").count() == 0  # AXES_RESET_ON_SUCCESS
    client.post("/dang-xuat/")
    assert [log_in(client, "tinh", f"sai-{i}").status_code for i in range(4)] == [200] * 4


# ---------------------------------------------------------------- security headers

EXPECTED_CSP = {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
    "font-src": ["'self'"], "connect-src": ["'self'"], "frame-ancestors": ["'none'"], "form-action": ["'self'"],
    "base-uri": ["'self'"], "object-src": ["'none'"],
}


def csp(response: Any) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("url", [LOGIN, "/to-chuc/", "/khong-co/", "/api/organisations", "/api/docs"])
def test_security_headers_on_every_kind_of_response(users, url):
    client = Client()
    client.force_login(users.province_office)
    response = client.get(url)
    assert csp(response) == EXPECTED_CSP
    assert "'unsafe-inline'" not in csp(response)["script-src"]
    assert "'unsafe-eval'" not in csp(response)["script-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_have_no_inline_script(users):
    """script-src 'self' blocks inline script: every <script> must load a file."""
    client = Client()
    client.force_login(users.province_office)
    for url in [LOGIN, "/to-chuc/", "/to-chuc/D/", "/to-chuc/tim/?q=d", "/to-chuc/D/doi-ten/"]:
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", client.get(url).content.decode(), flags=re.S)
        assert [(url, attrs) for attrs, body in scripts if body.strip() or "src=" not in attrs] == []


def test_session_cookie_is_http_only_and_same_site(users):
    client = Client()
    log_in(client, "tinh", PASSWORD)
    cookie = client.cookies["sessionid"]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")


# ---------------------------------------------------------------- password hashing

def test_default_settings_hash_passwords_with_argon2(db):
    """The test suite switches to MD5 for speed; the settings module itself must say Argon2."""
    module = importlib.import_module("xaydungdang.settings")
    assert module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=module.PASSWORD_HASHERS):
        encoded = make_password("mot-mat-khau-dai")
        assert encoded.split("$")[:2] == ["argon2", "argon2id"]
        assert check_password("mot-mat-khau-dai", encoded) is True
        assert check_password("mat-khau-khac", encoded) is False
