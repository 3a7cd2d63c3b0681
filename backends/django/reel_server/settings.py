"""
Settings for the Reel backend, every one overridable from the environment (see docs/backends.md).
Defaults make `manage.py runreel` work on a laptop with nothing configured; REEL_PRODUCTION=1
makes the settings a production server cannot do without mandatory. Any malformed value stops
the server here, at import, so gunicorn fails at boot rather than at the first request.
"""
import hashlib
import hmac
import secrets
from datetime import timedelta
from pathlib import Path

from reel_server.database_url import database_from_url
from reel_server.environment import (
    Environment,
    parse_host,
    parse_list,
    parse_network,
    parse_origin,
    parse_secret_key,
    parse_url,
)
from reel_server.signing_keys import load_signing_key

BASE_DIR = Path(__file__).resolve().parent.parent

env = Environment()
PRODUCTION = env.flag("REEL_PRODUCTION")
DEBUG = env.flag("REEL_DEBUG")
TEST_RESET = env.flag("REEL_TEST_RESET")
if PRODUCTION and DEBUG:
    env.refuse("REEL_DEBUG", "must not be 1 when REEL_PRODUCTION=1: error pages would show settings and code.")
if PRODUCTION and TEST_RESET:
    env.refuse("REEL_TEST_RESET", "must not be 1 when REEL_PRODUCTION=1: it lets anyone wipe every account.")
if env.value("REEL_TRUST_X_FORWARDED_FOR"):
    env.refuse(
        "REEL_TRUST_X_FORWARDED_FOR",
        "was replaced by REEL_TRUSTED_PROXIES, the addresses or networks of the proxies in front (e.g. 127.0.0.1).",
    )

# Only for the session cookie of the admin, which this API does not use; a fixed development
# value would be a shared secret, so an unset one is random per process.
SECRET_KEY = env.value("DJANGO_SECRET_KEY", parse_secret_key, required=PRODUCTION) or secrets.token_hex(32)
ALLOWED_HOSTS = env.value(
    "REEL_ALLOWED_HOSTS",
    lambda raw: parse_list(raw, parse_host),
    default=["127.0.0.1", "localhost", "[::1]"],
    required=PRODUCTION,
)
if PRODUCTION and "*" in ALLOWED_HOSTS:
    env.refuse("REEL_ALLOWED_HOSTS", "must name this server's hosts when REEL_PRODUCTION=1, not '*'.")
# The app's public origin (https://reel.example): the origin the CSRF rules accept and the
# scheme requests arrived with, whatever the proxies in front rewrote.
PUBLIC_ORIGIN = env.value("REEL_PUBLIC_ORIGIN", parse_origin, required=PRODUCTION)
if PRODUCTION and PUBLIC_ORIGIN and not PUBLIC_ORIGIN.startswith("https://"):
    env.refuse("REEL_PUBLIC_ORIGIN", "must be https:// when REEL_PRODUCTION=1: the refresh cookie is Secure.")
TRUSTED_PROXIES = env.value("REEL_TRUSTED_PROXIES", lambda raw: tuple(parse_list(raw, parse_network)), default=())
APP_ORIGINS = env.value("REEL_APP_ORIGINS", lambda raw: parse_list(raw, parse_origin), default=[])
DATABASE = env.value(
    "DATABASE_URL",
    database_from_url,
    default=database_from_url(f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    required=PRODUCTION,
)
# Reconnecting costs a TCP and TLS handshake and PostgreSQL's authentication on every request.
DB_CONN_MAX_AGE = env.integer("REEL_DB_CONN_MAX_AGE", 60, minimum=0)
SIGNING_KEY = env.value("REEL_SIGNING_KEY_FILE", load_signing_key, required=PRODUCTION)
ACCESS_TOKEN_TTL_SEC = env.integer("REEL_ACCESS_TOKEN_TTL_SEC", 300, minimum=1)
REFRESH_TOKEN_TTL_SEC = env.integer("REEL_REFRESH_TOKEN_TTL_SEC", 14 * 24 * 3600, minimum=1)
REFRESH_IDLE_TTL_SEC = env.integer("REEL_REFRESH_IDLE_TTL_SEC", 3 * 24 * 3600, minimum=1)
REFRESH_REUSE_GRACE_SEC = env.integer("REEL_REFRESH_REUSE_GRACE_SEC", 0, minimum=0)
ISSUER = env.value("REEL_ISSUER", default="https://reel.example")
AUDIENCE = env.value("REEL_AUDIENCE", default="reel-api")
OAUTH_ENDPOINTS = {
    name: env.value(name, parse_url)
    for provider in ("GOOGLE", "KAKAO", "NAVER")
    for name in (f"REEL_{provider}_AUTHORIZE_URL", f"REEL_{provider}_TOKEN_URL", f"REEL_{provider}_USERINFO_URL")
}
env.check()

# Without a key file (development only) an ephemeral key, which load_signing_key warns about.
ACCESS_TOKEN_KEY = SIGNING_KEY or load_signing_key(None)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "reel",
]

# No SessionMiddleware or CsrfViewMiddleware: nothing here authenticates with Django's session
# cookie. The contract's own CSRF rules for /api/auth/* live in ReelCsrfMiddleware.
MIDDLEWARE = [
    # First: everything after it sees the client's address and scheme, not the proxy's.
    "reel.forwarded.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "reel.csrf.ReelCsrfMiddleware",
    "reel.problems.DatabaseUnavailableMiddleware",
]
SILENCED_SYSTEM_CHECKS = [
    # CsrfViewMiddleware guards Django's session cookie, which nothing here uses; the contract's
    # own CSRF rules for /api/auth/* are enforced by ReelCsrfMiddleware.
    "security.W003",
    # TLS ends at the proxy in front (nginx in the stack), which redirects http to https and
    # sends Strict-Transport-Security on every answer; Django sees only the proxied requests.
    "security.W004",
    "security.W008",
]

ROOT_URLCONF = "reel_server.urls"
WSGI_APPLICATION = "reel_server.wsgi.application"
APPEND_SLASH = False

# A kept connection is checked before each request reuses it by reel.kept_connections, without
# the round trip of Django 4.1's CONN_HEALTH_CHECKS, which stays off.
DATABASES = {"default": {**DATABASE, "CONN_MAX_AGE": DB_CONN_MAX_AGE}}
# PBKDF2-SHA256 at OWASP's 600,000 iterations; hashes with fewer are rehashed at the next sign-in.
PASSWORD_HASHERS = ["reel.hashers.ReelPBKDF2PasswordHasher"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "reel.User"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Request lines carry no token (they never travel in a URL), so the server log may keep them.
    "loggers": {
        "reel": {"handlers": ["console"], "level": "INFO"},
        # A 500 shows the person a problem without details; its traceback goes here. Django's own
        # default writes it only with DEBUG on, which would leave production errors unseen.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["reel.authentication.SessionBoundJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "reel.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=ACCESS_TOKEN_TTL_SEC),
    "ALGORITHM": "ES256",
    "SIGNING_KEY": ACCESS_TOKEN_KEY.private_pem,
    "VERIFYING_KEY": ACCESS_TOKEN_KEY.public_pem,
    "ISSUER": ISSUER,
    "AUDIENCE": AUDIENCE,
    "LEEWAY": 5,
    "USER_ID_FIELD": "public_id",
    "USER_ID_CLAIM": "sub",
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# What SimpleJWT does not cover: the refresh token's cookie, session lifetimes and throttling.
REEL = {
    "REFRESH_TOKEN_TTL_SEC": REFRESH_TOKEN_TTL_SEC,
    "REFRESH_IDLE_TTL_SEC": REFRESH_IDLE_TTL_SEC,
    "BROWSER_SESSION_TTL_SEC": 12 * 3600,
    # The contract's refreshReuseGraceSec: how long a rotated refresh token may come back (a
    # retry whose answer was lost) and get the same successor instead of revoking the session.
    "REFRESH_REUSE_GRACE_SEC": REFRESH_REUSE_GRACE_SEC,
    # Derives each rotated refresh token's successor (reel.sessions.successor_of); kept apart from
    # the signing key itself by the HMAC, and as stable as that key.
    "REFRESH_SUCCESSOR_KEY": hmac.new(
        ACCESS_TOKEN_KEY.private_pem.encode("ascii"), b"reel refresh-token successor", hashlib.sha256
    ).digest(),
    "LOGIN_WINDOW_SEC": 15 * 60,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 5,
    "LOGIN_MAX_FAILURES_PER_USERNAME": 50,
    # The proxies whose X-Forwarded-* headers are believed (reel.forwarded); anyone else could
    # pick their own address and dodge the per-address throttle.
    "TRUSTED_PROXIES": TRUSTED_PROXIES,
    "PUBLIC_ORIGIN": PUBLIC_ORIGIN,
    # The SPA's origins; a request whose Origin is none of these (nor this server's own) is
    # refused on /api/auth/*. Needed when a proxy rewrites Host, as Vite's does.
    "APP_ORIGINS": APP_ORIGINS,
    # Off unless a test run asks: it wipes every session and user but the seeds.
    "TEST_RESET": TEST_RESET,
}

REEL_OAUTH_PROVIDERS = {
    provider: {
        "name": name,
        "authorize_url": OAUTH_ENDPOINTS[f"REEL_{provider.upper()}_AUTHORIZE_URL"] or authorize,
        "token_url": OAUTH_ENDPOINTS[f"REEL_{provider.upper()}_TOKEN_URL"] or token,
        "userinfo_url": OAUTH_ENDPOINTS[f"REEL_{provider.upper()}_USERINFO_URL"] or userinfo,
        "client_id": env.value(f"REEL_{provider.upper()}_CLIENT_ID", default=""),
        "client_secret": env.value(f"REEL_{provider.upper()}_CLIENT_SECRET", default=""),
        "scope": scope,
        "pkce": pkce,
        # Naver alone wants a `state` in the token request too.
        "token_state": provider == "naver",
    }
    for provider, name, authorize, token, userinfo, scope, pkce in [
        (
            "google",
            "Google",
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token",
            "https://openidconnect.googleapis.com/v1/userinfo",
            "openid email profile",
            True,
        ),
        (
            "kakao",
            "Kakao",
            "https://kauth.kakao.com/oauth/authorize",
            "https://kauth.kakao.com/oauth/token",
            "https://kapi.kakao.com/v2/user/me",
            "account_email profile_nickname",
            True,
        ),
        (
            "naver",
            "Naver",
            "https://nid.naver.com/oauth2.0/authorize",
            "https://nid.naver.com/oauth2.0/token",
            "https://openapi.naver.com/v1/nid/me",
            "",
            False,
        ),
    ]
}
TEST_RUNNER = "reel_server.test_runner.ReportingRunner"
