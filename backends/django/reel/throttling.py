"""
Sign-in throttling per (username, client address), with a cap per username from all addresses.
An attempt is recorded as a failure before the password is checked, so every request of a
concurrent burst sees the ones before it; a success then forgets its pair's failures.
"""
import math
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from reel.models import LoginFailure


def client_address(request):
    """The TCP peer, or the client a trusted proxy names (reel.forwarded.ForwardedHeadersMiddleware)."""
    return request.META["REMOTE_ADDR"]


def login_window():
    return timedelta(seconds=settings.REEL["LOGIN_WINDOW_SEC"])


def purge_old_failures(now):
    """Forgets every failure the window has left behind, whoever's: returns how many."""
    deleted, _ = LoginFailure.objects.filter(at__lte=now - login_window()).delete()
    return deleted


def wait_for_other_attempts_on(username):
    """
    Holds the attempts on `username` one at a time until the transaction ends. On PostgreSQL a
    row's id is drawn before the row is visible: without this, an attempt could count the ones
    before it while one of them was still uncommitted, and a burst would check a sixth guess.
    SQLite runs one write at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"reel-login:{username}"])


def begin_attempt(username, address):
    """Records the attempt; returns it, or the seconds to wait when the attempt is refused."""
    # Here rather than in a scheduled job: failures of usernames never tried again (a password
    # spray) would otherwise stay forever.
    purge_old_failures(timezone.now())
    with transaction.atomic():
        wait_for_other_attempts_on(username)
        return record_attempt(username, address)


def record_attempt(username, address):
    now = timezone.now()
    window = login_window()
    attempt = LoginFailure.objects.create(username=username, address=address, at=now)
    earlier = LoginFailure.objects.filter(username=username, at__gt=now - window, pk__lt=attempt.pk)
    limits = [
        (earlier.filter(address=address), settings.REEL["LOGIN_MAX_FAILURES_PER_ADDRESS"]),
        (earlier, settings.REEL["LOGIN_MAX_FAILURES_PER_USERNAME"]),
    ]
    waits = []
    for failures, limit in limits:
        times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            # Refused until the oldest of the last `limit` failures leaves the window.
            waits.append(math.ceil((times[-1] + window - now).total_seconds()))
    if waits:
        attempt.delete()
        return None, max(1, max(waits))
    return attempt, 0


def forget_failures(username, address):
    LoginFailure.objects.filter(username=username, address=address).delete()

