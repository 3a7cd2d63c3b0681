"""
Sessions (token families) and their opaque refresh tokens. SimpleJWT's blacklist app is the
ledger: every refresh token is an OutstandingToken whose `jti` is the token's SHA-256, and
rotating it blacklists it. Blacklisting is the atomic step (one BlacklistedToken per token), so
of two concurrent refreshes with one token only one rotates it; the other is reuse.
"""
import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from reel.models import RefreshToken, Session

# 32 random bytes in base64url: 256 bits, well above the contract's 128.
REFRESH_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def token_hash(raw):
    return hashlib.sha256(raw.encode("ascii")).hexdigest()


def idle_deadline(session):
    return session.last_used_at + timedelta(seconds=settings.REEL["REFRESH_IDLE_TTL_SEC"])


def is_active(session, now=None):
    now = now or timezone.now()
    return session.revoked_at is None and now < session.expires_at and now < idle_deadline(session)


def active_session(session_id, user):
    session = Session.objects.filter(pk=session_id, user=user).first()
    return session if session is not None and is_active(session) else None


def active_sessions_of(user):
    candidates = Session.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
    now = timezone.now()
    return [session for session in candidates if is_active(session, now)]


def revoke(sessions, reason):
    sessions.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_reason=reason)


def successor_of(raw):
    """
    The token that replaces `raw` at its rotation: derived from it with a server key instead of
    drawn at random, so that a retry inside the reuse grace window can be handed the same
    successor again while the database still holds only hashes.
    """
    digest = hmac.new(settings.REEL["REFRESH_SUCCESSOR_KEY"], raw.encode("ascii"), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode("ascii")


def store_refresh_token(session, raw=None):
    raw = raw or secrets.token_urlsafe(32)
    outstanding = OutstandingToken.objects.create(
        user=session.user,
        jti=token_hash(raw),
        # The model wants the token; only its hash is kept, so a database leak replays nothing.
        token=token_hash(raw),
        created_at=timezone.now(),
        expires_at=session.expires_at,
    )
    RefreshToken.objects.create(outstanding=outstanding, session=session)
    return raw


def auth_method_of(provider):
    """The `amr` of a sign-in through `provider` (RFC 8176 names; `social` for any provider)."""
    return {"password": "pwd", "passkey": "passkey"}.get(provider, "social")


def create_session(user, provider, user_agent, remember):
    now = timezone.now()
    lifetime = settings.REEL["REFRESH_TOKEN_TTL_SEC"]
    if not remember:
        lifetime = min(lifetime, settings.REEL["BROWSER_SESSION_TTL_SEC"])
    session = Session.objects.create(
        user=user,
        provider=provider,
        user_agent=user_agent[:512],
        remember=remember,
        created_at=now,
        last_used_at=now,
        expires_at=now + timedelta(seconds=lifetime),
        auth_time=now,
        auth_method=auth_method_of(provider),
    )
    return session, store_refresh_token(session)


def reauthenticated(session, auth_method):
    """The session, its user having just proved who they are again (by `auth_method`)."""
    session.auth_time = timezone.now()
    session.auth_method = auth_method
    session.save(update_fields=["auth_time", "auth_method"])
    return session


# The revocation reasons a refused refresh tells the device (as the problem's `reason`): a
# password change, so the person knows to sign in with the new one. Others stay unsaid.
TOLD_REVOCATION_REASONS = {"password_changed"}


@dataclass
class Rotation:
    session: Session = None
    refresh_token: str = ""
    failure: str = ""
    # Why the session was revoked, when `failure` is session_revoked and the reason is told.
    reason: str = ""


def find_refresh_token(raw):
    if not raw or not REFRESH_TOKEN_PATTERN.match(raw):
        return None
    return (
        RefreshToken.objects.select_related("session__user", "outstanding")
        .filter(outstanding__jti=token_hash(raw))
        .first()
    )


def rotate(raw):
    """Exchanges a refresh token for its successor; an already rotated one revokes its family."""
    if not raw:
        return Rotation(failure="refresh_missing")
    record = find_refresh_token(raw)
    if record is None:
        return Rotation(failure="refresh_invalid")
    session = record.session
    if session.revoked_at is not None or not session.user.is_active:
        told = session.revoked_reason if session.revoked_reason in TOLD_REVOCATION_REASONS else ""
        return Rotation(failure="session_revoked", reason=told)
    now = timezone.now()
    if now >= session.expires_at or now >= idle_deadline(session):
        revoke(Session.objects.filter(pk=session.pk), "expired")
        return Rotation(failure="refresh_expired")
    try:
        # One transaction: whoever finds the token rotated finds its successor stored too.
        with transaction.atomic():
            BlacklistedToken.objects.create(token=record.outstanding)
            successor = store_refresh_token(session, successor_of(raw))
    except IntegrityError:
        successor = successor_within_grace(record, raw, now)
        if successor is None:
            # Already rotated: someone holds an old token of this family. End the whole family.
            revoke(Session.objects.filter(pk=session.pk), "reuse")
            return Rotation(failure="refresh_reused")
    session.last_used_at = now
    session.save(update_fields=["last_used_at"])
    return Rotation(session=session, refresh_token=successor)


def successor_within_grace(record, raw, now):
    """
    An already rotated token presented within REFRESH_REUSE_GRACE_SEC of its rotation gets the
    same successor again, as long as that one is still current: a retry whose answer was lost,
    not a second holder. No new branch is made. Outside the window (0 s unless configured) it
    is reuse.
    """
    grace = timedelta(seconds=settings.REEL["REFRESH_REUSE_GRACE_SEC"])
    rotated_at = (
        BlacklistedToken.objects.filter(token=record.outstanding).values_list("blacklisted_at", flat=True).first()
    )
    if not grace or rotated_at is None or now - rotated_at > grace:
        return None
    successor = successor_of(raw)
    child = find_refresh_token(successor)
    if (
        child is None
        or child.session_id != record.session_id
        or BlacklistedToken.objects.filter(token=child.outstanding).exists()
    ):
        return None
    return successor


def revoke_session_of_token(raw, reason):
    record = find_refresh_token(raw)
    if record is not None:
        revoke(Session.objects.filter(pk=record.session_id), reason)


def revoke_session_a_sign_in_replaces(raw):
    """Only a valid cookie names the session a sign-in replaces; an already rotated one names none,
    so a stale cookie in one browser cannot end the session another browser now holds."""
    record = find_refresh_token(raw)
    if record is not None and not BlacklistedToken.objects.filter(token=record.outstanding).exists():
        revoke(Session.objects.filter(pk=record.session_id), "replaced")
