"""What a host name says of where it is: the device itself, or the device's local network.

>>> [on_device(h) for h in ("127.0.0.1", "[::1]", "localhost", "a.localhost", "0.0.0.0", "10.0.0.2", "x.cn")]
[True, True, True, True, True, False, False]
>>> [local_network(h) for h in ("127.0.0.1", "10.0.0.2", "192.168.1.9", "169.254.0.1", "8.8.8.8", "x.cn")]
[True, True, True, True, False, False]
"""

from __future__ import annotations

import ipaddress


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def on_device(host: str) -> bool:
    """Whether ``host`` is the device itself (``localhost``, a loopback or unspecified address): what is
    sent there never crosses a network, whatever the scheme."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    ip = _ip(name)
    return ip is not None and (ip.is_loopback or ip.is_unspecified)


def local_network(host: str) -> bool:
    """Whether ``host`` is the device or its local network (a private or link-local address as well)."""
    if on_device(host):
        return True
    ip = _ip(host.lower())
    return ip is not None and (ip.is_private or ip.is_link_local)
