"""The benchmark's Bearer authentication without the session check (see bench_settings.py)."""
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from reel.authentication import Selection, SessionBoundJWTAuthentication, instances_of, selected_columns
from reel.models import User
from reel.prepared_statements import fetch_one

BENCH_SETTINGS_MODULE = "reel_server.bench_settings"
USER_SELECTION = (Selection(User, "u"),)


@cache
def user_sql():
    """The active user of a public id, written out and prepared as the real session check is, so
    the two differ by the session alone and not by how their SQL is made or run."""
    quote = connection.ops.quote_name
    user = User._meta
    return (
        f"SELECT {selected_columns(USER_SELECTION)} FROM {quote(user.db_table)} u"
        f" WHERE u.{quote(user.get_field('public_id').column)} = %s"
        f" AND u.{quote(user.get_field('is_active').column)} = %s"
    )


class SessionUncheckedJWTAuthentication(SessionBoundJWTAuthentication):
    """Verifies the token and loads its user, as SimpleJWT alone would: no session is asked about."""

    def __init__(self):
        # A second lock beside bench_settings' own: named by mistake in real settings, it fails.
        if settings.SETTINGS_MODULE != BENCH_SETTINGS_MODULE:
            raise ImproperlyConfigured(f"{type(self).__name__} runs only under {BENCH_SETTINGS_MODULE}.")
        super().__init__()

    def user_and_session(self, claims):
        row = fetch_one("reel_bench_user", user_sql(), [claims["sub"], True])
        return (None, None) if row is None else (instances_of(row, USER_SELECTION)[0], None)
