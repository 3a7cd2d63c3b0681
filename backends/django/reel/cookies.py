"""The refresh token's only transport: the `__Secure-reel_rt` cookie, scoped to /api/auth."""
import math

from django.utils import timezone

REFRESH_COOKIE = "__Secure-reel_rt"
REFRESH_COOKIE_PATH = "/api/auth"


def read_refresh_token(request):
    return request.COOKIES.get(REFRESH_COOKIE)


def set_refresh_cookie(response, raw, session):
    """`Max-Age` counts down the session's remaining absolute lifetime; none for a browser session."""
    max_age = None
    if session.remember:
        max_age = max(0, math.ceil((session.expires_at - timezone.now()).total_seconds()))
    write_cookie(response, raw, max_age)


def clear_refresh_cookie(response):
    write_cookie(response, "", 0)


def write_cookie(response, value, max_age):
    # Django's set_cookie adds `expires` beside `max_age`; the contract wants Max-Age alone, and
    # a browser-session cookie neither, so the header is written here.
    attributes = [f"{REFRESH_COOKIE}={value}", f"Path={REFRESH_COOKIE_PATH}", "HttpOnly", "Secure", "SameSite=Strict"]
    if max_age is not None:
        attributes.append(f"Max-Age={max_age}")
    response["Set-Cookie"] = "; ".join(attributes)
