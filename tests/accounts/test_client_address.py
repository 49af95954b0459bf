"""The client address behind a reverse proxy: X-Forwarded-For is believed only from XDD_TRUSTED_PROXIES,
so the log-in lock-out hits the attacker's address, never every user of the proxy."""

from __future__ import annotations

import ipaddress
import re

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from xaydungdang.accounts.client_address import client_address, resolve
from xaydungdang.env import env_networks

LOGIN = "/dang-nhap/"
PASSWORD = "mat-khau-thu-nghiem"  # tests.factories.UserFactory
PROXY = "10.0.0.5"
TRUSTED = (ipaddress.ip_network("10.0.0.5/32"), ipaddress.ip_network("192.168.0.0/24"), ipaddress.ip_network("::1"))


def address(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def behind_proxy(client_ip: str) -> Client:
    """A browser at `client_ip` reaching the application through the proxy, as nginx forwards it."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def fail_five_times(client: Client, username: str) -> list[int]:
    return [client.post(LOGIN, {"username": username, "password": f"sai-{i}"}).status_code for i in range(5)]


# ---------------------------------------------------------------- reading the address

def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.XDD_TRUSTED_PROXIES = ()
    assert address("203.0.113.9", "198.51.100.1") == "203.0.113.9"
    assert address(PROXY, "198.51.100.1") == PROXY


def test_a_trusted_proxy_names_the_client(settings):
    settings.XDD_TRUSTED_PROXIES = TRUSTED
    assert address(PROXY, "198.51.100.1") == "198.51.100.1"
    assert address(PROXY, "198.51.100.2") == "198.51.100.2"


def test_a_forged_header_from_an_untrusted_peer_is_ignored(settings):
    settings.XDD_TRUSTED_PROXIES = TRUSTED
    assert address("203.0.113.9", "198.51.100.1") == "203.0.113.9"


def test_the_right_most_untrusted_address_wins_over_what_the_client_wrote(settings):
    settings.XDD_TRUSTED_PROXIES = TRUSTED
    # The client wrote "1.1.1.1" itself; the proxy appended the address it saw; an inner trusted hop too.
    assert address(PROXY, "1.1.1.1, 198.51.100.7, 192.168.0.3") == "198.51.100.7"


@pytest.mark.parametrize(("chain", "expected"), [
    ("", PROXY),                              # the proxy sent no header: the proxy itself
    ("192.168.0.3, 192.168.0.4", "192.168.0.3"),  # every hop trusted: the furthest one
    ("198.51.100.7, bad-value", PROXY),        # a malformed hop: stop at the proxy that reported it
    ("[2001:db8::1]:443", "2001:db8::1"),
    ("198.51.100.7:51234", "198.51.100.7"),
])
def test_chain_edge_cases(chain, expected):
    assert str(resolve(ipaddress.ip_address(PROXY), chain, TRUSTED)) == expected


def test_an_ipv4_peer_seen_through_an_ipv6_socket_is_matched_as_ipv4(settings):
    settings.XDD_TRUSTED_PROXIES = TRUSTED
    assert address("::ffff:10.0.0.5", "198.51.100.1") == "198.51.100.1"


def test_trusted_proxies_setting_is_parsed_and_checked(monkeypatch):
    monkeypatch.setenv("XDD_TRUSTED_PROXIES", "10.0.0.5, 192.168.0.0/24,::1")
    assert env_networks("XDD_TRUSTED_PROXIES") == TRUSTED
    monkeypatch.setenv("XDD_TRUSTED_PROXIES", "10.0.0.5, proxy.local")
    with pytest.raises(ImproperlyConfigured, match=re.escape(
            "XDD_TRUSTED_PROXIES must list IP addresses or networks, got 'proxy.local'.")):
        env_networks("XDD_TRUSTED_PROXIES")
    monkeypatch.delenv("XDD_TRUSTED_PROXIES")
    assert env_networks("XDD_TRUSTED_PROXIES") == ()


# ---------------------------------------------------------------- the lock-out (django-axes)

def test_without_the_setting_a_spoofed_header_does_not_escape_the_lock(users, settings):
    """An attacker changing X-Forwarded-For on every try is still one address."""
    settings.AXES_ENABLED = True
    settings.XDD_TRUSTED_PROXIES = ()
    statuses = [Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").post(
        LOGIN, {"username": "tinh", "password": f"sai-{i}"}).status_code for i in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("tinh", "203.0.113.9")]


def test_behind_a_trusted_proxy_a_lock_holds_only_for_the_attackers_address(users, settings):
    settings.AXES_ENABLED = True
    settings.XDD_TRUSTED_PROXIES = TRUSTED
    attacker, colleague = behind_proxy("198.51.100.66"), behind_proxy("198.51.100.7")
    assert fail_five_times(attacker, "tinh") == [200, 200, 200, 200, 429]
    assert attacker.post(LOGIN, {"username": "tinh", "password": PASSWORD}).status_code == 429

    response = colleague.post(LOGIN, {"username": "tinh", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("tinh", "198.51.100.66")]


def test_a_forged_header_from_an_untrusted_peer_cannot_lock_another_address(users, settings):
    settings.AXES_ENABLED = True
    settings.XDD_TRUSTED_PROXIES = TRUSTED
    forger = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert fail_five_times(forger, "tinh") == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]
    victim = behind_proxy("198.51.100.7").post(LOGIN, {"username": "tinh", "password": PASSWORD})
    assert victim.status_code == 302
