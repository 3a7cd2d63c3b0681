"""The benchmark's Bearer authentication without the session check (see bench_settings.py)."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from reel.authentication import SessionBoundJWTAuthentication

BENCH_SETTINGS_MODULE = "reel_server.bench_settings"


class SessionUncheckedJWTAuthentication(SessionBoundJWTAuthentication):
    """Verifies the token and loads its user, as SimpleJWT alone would: no session is asked about."""

    def __init__(self):
        # A second lock beside bench_settings' own: named by mistake in real settings, it fails.
        if settings.SETTINGS_MODULE != BENCH_SETTINGS_MODULE:
            raise ImproperlyConfigured(f"{type(self).__name__} runs only under {BENCH_SETTINGS_MODULE}.")
        super().__init__()

    def user_and_session(self, claims):
        return get_user_model().objects.filter(public_id=claims["sub"], is_active=True).first(), None
