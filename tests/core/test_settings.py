from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from xaydungdang.env import env_bool, env_choice, env_int, env_list, env_str


def test_env_int_names_the_setting_on_a_bad_value(monkeypatch):
    monkeypatch.setenv("XDD_PAGE_SIZE", "fifty")
    with pytest.raises(ImproperlyConfigured, match="XDD_PAGE_SIZE must be an integer, got 'fifty'"):
        env_int("XDD_PAGE_SIZE", 50)


def test_env_int_minimum(monkeypatch):
    monkeypatch.setenv("XDD_SESSION_MINUTES", "1")
    with pytest.raises(ImproperlyConfigured, match="XDD_SESSION_MINUTES must be at least 5, got 1"):
        env_int("XDD_SESSION_MINUTES", 480, minimum=5)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("Yes", True), ("0", False),
                                               ("off", False), ("", False)])
def test_env_bool_values(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env_bool("DEBUG") is expected


def test_env_bool_rejects_other_words(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be a boolean"):
        env_bool("DEBUG")


def test_env_str_required(monkeypatch):
    monkeypatch.delenv("SOMETHING_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="Setting SOMETHING_REQUIRED is required"):
        env_str("SOMETHING_REQUIRED")


def test_env_list_and_choice(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,,")
    monkeypatch.setenv("XDD_ENV", "staging")
    assert env_list("ALLOWED_HOSTS", []) == ["a.example", "b.example"]
    with pytest.raises(ImproperlyConfigured, match="XDD_ENV must be one of development, production, test"):
        env_choice("XDD_ENV", "development", ("development", "production", "test"))


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "xaydungdang", "check"], env=full, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize(("env", "message"), [
    ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
    ({"XDD_PAGE_SIZE": "many"}, "XDD_PAGE_SIZE"),
    ({"XDD_ENV": "production", "SECRET_KEY": ""}, "SECRET_KEY"),
    ({"DEBUG": "perhaps"}, "DEBUG"),
])
def test_bad_setting_stops_start_up_with_its_name(tmp_path, env, message):
    result = _start({"XDD_DATA_DIR": str(tmp_path), **env})
    assert result.returncode != 0
    assert message in result.stderr.splitlines()[-1]


def test_production_settings_are_secure(tmp_path):
    code = ("from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SECURE_HSTS_SECONDS, s.DEBUG, s.PASSWORD_HASHERS[0].rsplit('.', 1)[-1])")
    env = {**os.environ, "XDD_ENV": "production", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "xdd.example",
           "XDD_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "xaydungdang.settings"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["True", "True", "31536000", "False", "Argon2PasswordHasher"]
