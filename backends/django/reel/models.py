import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

PROVIDERS = [("password", "password"), ("google", "Google"), ("kakao", "Kakao"), ("naver", "Naver"), ("passkey", "passkey")]
SOCIAL_PROVIDERS = PROVIDERS[1:4]
# The `amr` values (RFC 8176) of the ways a user proves who they are.
AUTH_METHODS = [("pwd", "password"), ("social", "provider"), ("passkey", "passkey")]


def new_user_id():
    return f"u_{secrets.token_urlsafe(9)}"


def new_passkey_user_handle():
    """32 random bytes in base64url: a WebAuthn user handle that says nothing of its account."""
    return secrets.token_urlsafe(32)


def new_session_id():
    return f"s_{secrets.token_urlsafe(12)}"


class User(AbstractUser):
    """A Reel account. `public_id` is the `sub` of its tokens and the `id` the API shows."""

    public_id = models.CharField(max_length=32, unique=True, default=new_user_id)
    display_name = models.CharField(max_length=150)
    email_verified = models.BooleanField(default=False)
    # The WebAuthn user handle its passkeys carry: random, since authenticators store it and
    # may show it, and a public id or username would tie those passkeys to the account.
    passkey_user_handle = models.CharField(max_length=43, unique=True, default=new_passkey_user_handle)


class SocialAccount(models.Model):
    """A provider account linked to a user, found by the provider's own stable id."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="social_accounts")
    provider = models.CharField(max_length=16, choices=SOCIAL_PROVIDERS)
    subject = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="one_user_per_provider_account")
        ]


class LinkToken(models.Model):
    """
    The `linkToken` of a `409 account_exists`: a provider identity whose email is this user's,
    waiting for the user to sign in and so link it. Only the SHA-256 of the token is kept; it is
    spent by deleting the row.
    """

    token_hash = models.CharField(primary_key=True, max_length=64)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="link_tokens")
    provider = models.CharField(max_length=16, choices=SOCIAL_PROVIDERS)
    subject = models.CharField(max_length=255)
    expires_at = models.DateTimeField(db_index=True)


class Session(models.Model):
    """
    One sign-in: a family of refresh tokens. Its access tokens name it (`sid`), so revoking it
    stops them too. `expires_at` is absolute and never moves; `last_used_at` drives the idle
    timeout.
    """

    id = models.CharField(primary_key=True, max_length=32, default=new_session_id)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reel_sessions")
    provider = models.CharField(max_length=16, choices=PROVIDERS)
    user_agent = models.CharField(max_length=512, blank=True)
    remember = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=32, blank=True)
    # When and how the user last proved who they are here (sign-in or re-authentication): the
    # `auth_time` and `amr` of every access token, which step-up endpoints judge.
    auth_time = models.DateTimeField()
    auth_method = models.CharField(max_length=8, choices=AUTH_METHODS)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"])]


def new_passkey_id():
    return f"pk_{secrets.token_urlsafe(12)}"


class Passkey(models.Model):
    """
    A WebAuthn credential of a user. `credential_id` is the authenticator's id in base64url,
    `public_key` its COSE key as the authenticator sent it. `backed_up` is the backup state
    (BS) flag of its latest use: a synced passkey.
    """

    id = models.CharField(primary_key=True, max_length=32, default=new_passkey_id)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="passkeys")
    # WebAuthn allows credential ids of up to 1023 bytes: 1364 base64url characters.
    credential_id = models.CharField(max_length=1364, unique=True)
    public_key = models.BinaryField()
    sign_count = models.BigIntegerField(default=0)
    backed_up = models.BooleanField(default=False)
    name = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"])]


class PasskeyChallenge(models.Model):
    """
    A WebAuthn challenge the server issued (base64url), single use: it is spent by deleting the
    row. A registration challenge belongs to the user who asked for it; a sign-in one to nobody.
    """

    REGISTRATION = "registration"
    AUTHENTICATION = "authentication"

    challenge = models.CharField(primary_key=True, max_length=64)
    purpose = models.CharField(max_length=16, choices=[(REGISTRATION, REGISTRATION), (AUTHENTICATION, AUTHENTICATION)])
    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField(db_index=True)


class RefreshToken(models.Model):
    """
    Ties one of SimpleJWT's outstanding tokens (whose `jti` is the SHA-256 of an opaque refresh
    token, never the token itself) to its session. Blacklisting it is rotating it.
    """

    outstanding = models.OneToOneField(OutstandingToken, on_delete=models.CASCADE, primary_key=True)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="refresh_tokens")


class LoginFailure(models.Model):
    """A failed sign-in, kept for the throttling window."""

    username = models.CharField(max_length=128)
    address = models.GenericIPAddressField()
    at = models.DateTimeField()

    class Meta:
        # The second index serves the purge of rows older than the window, for every username.
        indexes = [models.Index(fields=["username", "at"]), models.Index(fields=["at"])]


class WatchlistEntry(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="watchlist")
    movie_id = models.CharField(max_length=128)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "movie_id"], name="one_watchlist_entry_per_movie")
        ]
