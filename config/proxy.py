"""The client's real address and scheme, believed from X-Forwarded-* only when our own proxy sent them.

Per-address limits (sign-in, sign-up, password reset) count by the address Django sees
as REMOTE_ADDR, which comes from the ASGI scope's "client". Anyone can send an
X-Forwarded-For header, so it is read only when the direct peer is one of
settings.TRUSTED_PROXIES (addresses or networks; empty by default: no proxy trusted).
Then the header is walked from the right, past every trusted proxy, and the first
address not in TRUSTED_PROXIES is the client: whatever a client wrote at the left of
the header is never reached. X-Forwarded-Proto ("https") is believed on the same
condition, so SECURE_SSL_REDIRECT and secure cookies work behind a TLS proxy.
"""

import functools
import ipaddress

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def parse_networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    """Addresses and CIDR networks; raises ValueError naming a value that is neither."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{value!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)") from None
    return tuple(networks)


def is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in trusted)


def _valid_address(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(peer: str, forwarded_for: str, trusted: tuple[Network, ...]) -> str:
    """The right-most address in X-Forwarded-For (then the peer) that is not a trusted proxy.

    A peer we do not trust is the client, whatever it claims. An entry that is not an
    address stops the walk at the last trusted hop, which is then the best we know.
    """
    address = peer
    hops = [hop for hop in forwarded_for.split(",") if hop.strip()]
    while is_trusted(address, trusted) and hops:
        previous = _valid_address(hops.pop())
        if previous is None:
            break
        address = previous
    return address


def _header(scope, name: bytes) -> str:
    """Every value of a header, joined in order with commas (several header lines are one list)."""
    return ",".join(value.decode("latin1") for key, value in scope.get("headers", ()) if key.lower() == name)


class TrustedProxyHeaders:
    """ASGI middleware: rewrites scope["client"] and scope["scheme"] for requests through a trusted proxy."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket") and scope.get("client"):
            scope = self.rewrite(scope, parse_networks(tuple(settings.TRUSTED_PROXIES)))
        return await self.app(scope, receive, send)

    @staticmethod
    def rewrite(scope: dict, trusted: tuple[Network, ...]) -> dict:
        peer = scope["client"][0]
        if not is_trusted(peer, trusted):
            return scope
        scope = dict(scope)
        address = client_address(peer, _header(scope, b"x-forwarded-for"), trusted)
        if address != peer:
            scope["client"] = [address, 0]
        proto = _header(scope, b"x-forwarded-proto").split(",")[0].strip().lower()
        if proto in ("http", "https"):
            scope["scheme"] = {"http": "ws", "https": "wss"}[proto] if scope["type"] == "websocket" else proto
        return scope
