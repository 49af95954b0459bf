"""The client's address, the one value the log-in lock-out (django-axes) and the audit log key on.

Behind the documented reverse proxy every request comes from the proxy's address, so a lock-out keyed
on REMOTE_ADDR would lock a user out for everyone. The proxy names the client in X-Forwarded-For, but any
client can send that header too: it is believed only when the immediate peer (REMOTE_ADDR) is one of
`XDD_TRUSTED_PROXIES`, and then only up to the first hop no trusted proxy vouches for. Each proxy appends
the address it received from, so the chain is read from the right: trusted proxies are skipped, the first
untrusted address is the client. Whatever a client writes at the left of the header is never reached.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(request: HttpRequest) -> str | None:
    """The client's address as text (axes' AXES_CLIENT_IP_CALLABLE); None when the request has no peer."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return request.META.get("REMOTE_ADDR") or None
    found = resolve(peer, request.META.get("HTTP_X_FORWARDED_FOR", ""), settings.XDD_TRUSTED_PROXIES)
    return str(found)


def resolve(peer: Address, forwarded_for: str, trusted: Iterable[Network]) -> Address:
    """The right-most address of peer + chain that no trusted proxy stands for.

    A malformed entry ends the walk at the last address a trusted proxy reported: the header's content
    beyond it cannot be believed, and the proxy's own address is the safe answer."""
    networks = tuple(trusted)
    current = peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    while _is_trusted(current, networks) and hops:
        previous = _parse(hops.pop())
        if previous is None:
            return current
        current = previous
    return current


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def _parse(text: str) -> Address | None:
    """An address, accepting the forms proxies write: "1.2.3.4", "1.2.3.4:5678", "::1", "[::1]:443"."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1:text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket ("::ffff:10.0.0.1") is the IPv4 client.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
