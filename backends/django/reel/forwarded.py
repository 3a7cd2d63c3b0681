"""
Who is on the other end when proxies stand in between. Only a proxy named in
REEL_TRUSTED_PROXIES may say who its client is (`X-Forwarded-For`) and how that client came in
(`X-Forwarded-Proto`, `X-Forwarded-Host`); anyone else's forwarding headers are dropped, so
nothing later believes them by mistake.
"""
import ipaddress
from urllib.parse import urlsplit

from django.conf import settings

FORWARDING_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_REAL_IP",
)


def parse_address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
    return getattr(address, "ipv4_mapped", None) or address


def is_trusted(address, proxies):
    return address is not None and any(address in network for network in proxies)


def client_address(peer, forwarded_for, proxies):
    """
    Walks `X-Forwarded-For` from the right, starting at the TCP peer: each trusted hop vouches
    for the one before it, and the first hop not trusted is the client (the leftmost, when every
    hop is trusted). Entries left of the client were written by the client and are never read.
    """
    client = peer
    hops = [hop for hop in forwarded_for.split(",") if hop.strip()]
    while hops and is_trusted(client, proxies):
        previous = parse_address(hops.pop())
        if previous is None:
            # Not an address: no proxy we trust wrote that, so the hop that passed it on is the
            # nearest client we know.
            break
        client = previous
    return client


def last_value(header):
    """The value the nearest proxy wrote, when several proxies appended theirs."""
    values = [value.strip() for value in header.split(",") if value.strip()]
    return values[-1] if values else None


class ForwardedHeadersMiddleware:
    """
    Rewrites the request as the client sent it: REMOTE_ADDR becomes the client's address, and
    the scheme the public origin's (REEL_PUBLIC_ORIGIN) or a trusted proxy's. This is what
    Django's SECURE_PROXY_SSL_HEADER and USE_X_FORWARDED_HOST would do, but only for a peer
    that is trusted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        proxies = settings.REEL["TRUSTED_PROXIES"]
        peer = parse_address(meta.get("REMOTE_ADDR", ""))
        if is_trusted(peer, proxies):
            meta["REMOTE_ADDR"] = str(client_address(peer, meta.get("HTTP_X_FORWARDED_FOR", ""), proxies))
            proto = last_value(meta.get("HTTP_X_FORWARDED_PROTO", ""))
            if proto in ("http", "https"):
                meta["wsgi.url_scheme"] = proto
            host = last_value(meta.get("HTTP_X_FORWARDED_HOST", ""))
            if host:
                meta["HTTP_HOST"] = host
        else:
            for name in FORWARDING_HEADERS:
                meta.pop(name, None)
        public_origin = settings.REEL["PUBLIC_ORIGIN"]
        if public_origin:
            meta["wsgi.url_scheme"] = urlsplit(public_origin).scheme
        return self.get_response(request)
