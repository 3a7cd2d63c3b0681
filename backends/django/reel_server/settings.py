"""
Settings for the Reel backend, every one overridable from the environment (see the README of
backends/django). Defaults make `manage.py runreel` work on a laptop with nothing configured.
"""
import hashlib
import hmac
import os
from datetime import timedelta
from pathlib import Path

from reel_server.database_url import database_from_url
from reel_server.signing_keys import load_signing_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    return int(os.environ.get(name, default))


DEBUG = os.environ.get("REEL_DEBUG") == "1"
# Only for the session cookie of the admin, which this API does not use; a fixed development
# value would be a shared secret, so an unset one is random per process.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or os.urandom(32).hex()
ALLOWED_HOSTS = env_list("REEL_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

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
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "reel.csrf.ReelCsrfMiddleware",
]

ROOT_URLCONF = "reel_server.urls"
WSGI_APPLICATION = "reel_server.wsgi.application"
APPEND_SLASH = False

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
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
    "loggers": {"reel": {"handlers": ["console"], "level": "INFO"}},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["reel.authentication.SessionBoundJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "reel.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}

ACCESS_TOKEN_KEY = load_signing_key(os.environ.get("REEL_SIGNING_KEY_FILE"))

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=env_int("REEL_ACCESS_TOKEN_TTL_SEC", 300)),
    "ALGORITHM": "ES256",
    "SIGNING_KEY": ACCESS_TOKEN_KEY.private_pem,
    "VERIFYING_KEY": ACCESS_TOKEN_KEY.public_pem,
    "ISSUER": os.environ.get("REEL_ISSUER", "https://reel.example"),
    "AUDIENCE": os.environ.get("REEL_AUDIENCE", "reel-api"),
    "LEEWAY": 5,
    "USER_ID_FIELD": "public_id",
    "USER_ID_CLAIM": "sub",
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# What SimpleJWT does not cover: the refresh token's cookie, session lifetimes and throttling.
REEL = {
    "REFRESH_TOKEN_TTL_SEC": env_int("REEL_REFRESH_TOKEN_TTL_SEC", 14 * 24 * 3600),
    "REFRESH_IDLE_TTL_SEC": env_int("REEL_REFRESH_IDLE_TTL_SEC", 3 * 24 * 3600),
    "BROWSER_SESSION_TTL_SEC": 12 * 3600,
    # The contract's refreshReuseGraceSec: how long a rotated refresh token may come back (a
    # retry whose answer was lost) and get the same successor instead of revoking the session.
    "REFRESH_REUSE_GRACE_SEC": env_int("REEL_REFRESH_REUSE_GRACE_SEC", 0),
    # Derives each rotated refresh token's successor (reel.sessions.successor_of); kept apart from
    # the signing key itself by the HMAC, and as stable as that key.
    "REFRESH_SUCCESSOR_KEY": hmac.new(
        ACCESS_TOKEN_KEY.private_pem.encode("ascii"), b"reel refresh-token successor", hashlib.sha256
    ).digest(),
    "LOGIN_WINDOW_SEC": 15 * 60,
    "LOGIN_MAX_FAILURES_PER_ADDRESS": 5,
    "LOGIN_MAX_FAILURES_PER_USERNAME": 50,
    # Set only behind a proxy that overwrites X-Forwarded-For; otherwise clients could pick
    # their own address and dodge the per-address throttle.
    "TRUST_X_FORWARDED_FOR": os.environ.get("REEL_TRUST_X_FORWARDED_FOR") == "1",
    # The SPA's origins; a request whose Origin is none of these (nor this server's own) is
    # refused on /api/auth/*. Needed when a proxy rewrites Host, as Vite's does.
    "APP_ORIGINS": env_list("REEL_APP_ORIGINS", ""),
    # Off unless a test run asks: it wipes every session and user but the seeds.
    "TEST_RESET": os.environ.get("REEL_TEST_RESET") == "1",
}

REEL_OAUTH_PROVIDERS = {
    provider: {
        "name": name,
        "authorize_url": os.environ.get(f"REEL_{provider.upper()}_AUTHORIZE_URL", authorize),
        "token_url": os.environ.get(f"REEL_{provider.upper()}_TOKEN_URL", token),
        "userinfo_url": os.environ.get(f"REEL_{provider.upper()}_USERINFO_URL", userinfo),
        "client_id": os.environ.get(f"REEL_{provider.upper()}_CLIENT_ID", ""),
        "client_secret": os.environ.get(f"REEL_{provider.upper()}_CLIENT_SECRET", ""),
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
