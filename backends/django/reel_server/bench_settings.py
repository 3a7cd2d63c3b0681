"""
Settings for the benchmark alone (bench/scenarios/stack.ts): production's settings with the
session check of Bearer requests switched off, so the benchmark can show what that check costs.
A server that loads them lets a revoked session's access tokens through until they expire.

Kept out of production three ways: nothing imports this module (it has to be named in
DJANGO_SETTINGS_MODULE, which wsgi.py and manage.py default to reel_server.settings); it refuses
to load where REEL_PRODUCTION=1, which every production server sets (`npm run stack` does); and
the authentication class it names refuses to work under any other settings module.
"""
from django.core.exceptions import ImproperlyConfigured

from reel_server.settings import *  # noqa: F401,F403 (production's settings, one changed below)
from reel_server.settings import PRODUCTION, REST_FRAMEWORK

if PRODUCTION:
    raise ImproperlyConfigured(
        "Reel refuses to start with this environment:\n"
        "  - DJANGO_SETTINGS_MODULE: reel_server.bench_settings skips the session check of access "
        "tokens and is for the benchmark only; it must not run where REEL_PRODUCTION=1."
    )

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": ["reel_server.bench_authentication.SessionUncheckedJWTAuthentication"],
}
