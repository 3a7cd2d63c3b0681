"""
Settings read from the environment. Every value is parsed while the settings load and every
problem is collected, so a misconfigured server refuses to start (gunicorn fails at boot) with
one message naming each bad setting, instead of failing at its first request or, worse, running
with a value nobody meant.
"""
import ipaddress
import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


class Environment:
    def __init__(self, environ=os.environ):
        self.environ = environ
        self.problems = []

    def value(self, name, parse=str, default=None, required=False):
        """`parse(raw)` of a set, non-empty variable; else `default`. `parse` raises ValueError."""
        raw = self.environ.get(name, "")
        if raw == "":
            if required:
                self.problems.append(f"{name} must be set when REEL_PRODUCTION=1.")
            return default
        try:
            return parse(raw)
        except (ValueError, TypeError, OSError) as error:
            self.problems.append(f"{name}: {error}")
            return default

    def flag(self, name):
        return self.value(name, parse_flag, default=False)

    def integer(self, name, default, minimum):
        return self.value(name, lambda raw: parse_integer(raw, minimum), default=default)

    def refuse(self, name, reason):
        self.problems.append(f"{name}: {reason}")

    def check(self):
        if self.problems:
            raise ImproperlyConfigured(
                "Reel refuses to start with this environment:\n" + "\n".join(f"  - {problem}" for problem in self.problems)
            )


def parse_flag(raw):
    if raw not in ("0", "1"):
        raise ValueError(f"must be 1 or 0, not {raw!r}")
    return raw == "1"


def parse_integer(raw, minimum):
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(f"must be a whole number, not {raw!r}") from None
    if number < minimum:
        raise ValueError(f"must be at least {minimum}, not {number}")
    return number


def parse_list(raw, parse_item):
    return [parse_item(item.strip()) for item in raw.split(",") if item.strip()]


def parse_url(raw):
    """An absolute http(s) URL, as a provider's endpoints are."""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an absolute http or https URL, not {raw!r}")
    return raw


def parse_origin(raw):
    """`scheme://host[:port]` and nothing more, the form a browser's `Origin` header takes."""
    parts = urlsplit(raw)
    try:
        parts.port  # a port that is not a number raises here
        well_formed = (
            parts.scheme in ("http", "https")
            and parts.hostname
            and parts.username is None
            and raw == f"{parts.scheme}://{parts.netloc}"
            and not raw.endswith(":")
        )
    except ValueError:
        well_formed = False
    if not well_formed:
        raise ValueError(f"must be an origin such as https://reel.example:8443 (no path, no slash at the end), not {raw!r}")
    # Browsers send scheme and host in lower case.
    return raw.lower()


def parse_network(raw):
    try:
        return ipaddress.ip_network(raw)
    except ValueError as error:
        raise ValueError(f"{raw!r} is not an IP address or network ({error})") from None


def parse_host(raw):
    """An ALLOWED_HOSTS entry: a host name or address, never a URL."""
    if "/" in raw:
        raise ValueError(f"must list host names such as reel.example, not URLs like {raw!r}")
    return raw


def parse_secret_key(raw):
    # The same bar as Django's own deployment check (security.W009).
    if len(raw) < 50 or len(set(raw)) < 5 or raw.startswith("django-insecure-"):
        raise ValueError("must be at least 50 random characters (python3 -c 'import secrets; print(secrets.token_urlsafe(50))')")
    return raw
