"""
Social sign-in: exchange an authorization code at the provider's token endpoint, read the
account at its userinfo endpoint, and find or create the Reel user. Each provider in its real
shapes (form-encoded token request; Google's OIDC userinfo, Kakao's /v2/user/me, Naver's
/v1/nid/me). A provider's email never links an existing account: its owner links it by signing
in with the link token of a `409 account_exists`.
"""
import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reel.models import LinkToken, SocialAccount, User

TIMEOUT_SEC = 10
LINK_TOKEN_TTL = timedelta(minutes=10)


class ExchangeFailed(Exception):
    """Any reason the code could not be turned into an account; the API answers invalid_grant."""


class AccountExists(Exception):
    """The provider account is new to Reel and its email is `owner`'s: only `owner` may link it."""

    def __init__(self, owner, account):
        super().__init__(account.email)
        self.owner = owner
        self.account = account


@dataclass(frozen=True)
class ProviderAccount:
    subject: str
    email: str
    email_verified: bool
    name: str


def configured_providers():
    """The providers this backend offers: those with a client id."""
    return {pid: config for pid, config in settings.REEL_OAUTH_PROVIDERS.items() if config["client_id"]}


def provider_listing():
    return [
        {
            "id": pid,
            "name": config["name"],
            "authorizeUrl": config["authorize_url"],
            "clientId": config["client_id"],
            "scope": config["scope"],
            "pkce": config["pkce"],
        }
        for pid, config in configured_providers().items()
    ]


def http_json(request):
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SEC) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise ExchangeFailed(f"The provider answered {error.code}.") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise ExchangeFailed(f"The provider could not be reached: {error}") from None


def exchange_code(config, code, redirect_uri, code_verifier):
    """RFC 6749 §4.1.3: a form-encoded POST with the client's secret; returns the access token."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": config["client_id"],
        "client_secret": config["client_secret"],
    }
    if config["pkce"]:
        if not code_verifier:
            raise ExchangeFailed("A code verifier is required.")
        form["code_verifier"] = code_verifier
    if config["token_state"]:
        # Naver's token request requires a state; the SPA has already checked the callback's, and
        # the contract does not pass it on, so a fresh one is sent.
        form["state"] = secrets.token_urlsafe(16)
    request = urllib.request.Request(
        config["token_url"],
        data=urllib.parse.urlencode(form).encode("ascii"),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        method="POST",
    )
    body = http_json(request)
    # Naver reports a refused code with 200 and an `error` member.
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or "error" in body:
        raise ExchangeFailed(f"The provider refused the code: {body.get('error', 'no access_token')}.")
    return token


def fetch_account(provider, config, access_token):
    request = urllib.request.Request(
        config["userinfo_url"],
        headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
    )
    body = http_json(request)
    try:
        return ACCOUNT_READERS[provider](body)
    except (KeyError, TypeError, ValueError):
        raise ExchangeFailed("The provider's account answer has an unexpected shape.") from None


def text(value):
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def read_google(body):
    # OpenID Connect userinfo.
    return ProviderAccount(
        subject=text(body["sub"]),
        email=text(body.get("email", "")),
        email_verified=body.get("email_verified") is True,
        name=text(body.get("name") or body.get("email") or body["sub"]),
    )


def read_kakao(body):
    # GET /v2/user/me: a numeric id, the email under kakao_account with its own verification flag.
    if isinstance(body["id"], bool) or not isinstance(body["id"], int):
        raise ValueError("id is not a number")
    account = body.get("kakao_account") or {}
    email = account.get("email") or ""
    # Kakao's own advice: an email is usable only when it is both verified and still valid.
    verified = account.get("is_email_verified") is True and account.get("is_email_valid") is True
    nickname = (account.get("profile") or {}).get("nickname") or (body.get("properties") or {}).get("nickname")
    return ProviderAccount(subject=str(body["id"]), email=text(email), email_verified=verified, name=text(nickname or email or str(body["id"])))


def read_naver(body):
    # GET /v1/nid/me: resultcode "00" and the account under `response`. Naver's profile carries no
    # verification flag, so nothing vouches for its email.
    if body.get("resultcode") != "00":
        raise ValueError("resultcode is not 00")
    account = body["response"]
    email = account.get("email") or ""
    return ProviderAccount(
        subject=text(account["id"]),
        email=text(email),
        email_verified=False,
        name=text(account.get("name") or account.get("nickname") or email or account["id"]),
    )


ACCOUNT_READERS = {"google": read_google, "kakao": read_kakao, "naver": read_naver}


@transaction.atomic
def resolve_user(provider, account):
    """
    The user linked to this provider account; else a new user, verified only on the provider's
    word. `AccountExists` when its email is an existing user's, verified or not.
    """
    linked = SocialAccount.objects.select_related("user").filter(provider=provider, subject=account.subject).first()
    if linked:
        return linked.user
    owner = User.objects.filter(email__iexact=account.email).first() if account.email else None
    if owner is not None:
        raise AccountExists(owner, account)
    user = User(
        username=f"{provider}-{account.subject}"[:150],
        display_name=account.name[:150],
        email=account.email,
        email_verified=account.email_verified,
    )
    user.set_unusable_password()
    user.save()
    SocialAccount.objects.create(user=user, provider=provider, subject=account.subject)
    return user


def hash_link_token(raw):
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_link_token(owner, provider, account):
    """A new opaque link token for this provider account and `owner`; expired ones are swept."""
    now = timezone.now()
    LinkToken.objects.filter(expires_at__lte=now).delete()
    raw = secrets.token_urlsafe(32)
    LinkToken.objects.create(
        token_hash=hash_link_token(raw),
        user=owner,
        provider=provider,
        subject=account.subject,
        expires_at=now + LINK_TOKEN_TTL,
    )
    return raw


@transaction.atomic
def link_with_token(raw, user):
    """
    Spends a link token for `user`, who has just proved who they are, and links its provider
    account to them. False, with nothing spent or linked, for a token that is unknown, used or
    expired, names another user, or whose provider account is now someone else's (or the user
    already has another account at that provider).
    """
    link = LinkToken.objects.filter(token_hash=hash_link_token(raw), user=user, expires_at__gt=timezone.now()).first()
    if link is None:
        return False
    holder = SocialAccount.objects.filter(provider=link.provider, subject=link.subject).first()
    another = SocialAccount.objects.filter(user=user, provider=link.provider).exclude(subject=link.subject)
    if (holder is not None and holder.user_id != user.pk) or another.exists():
        return False
    # The delete is what spends it: of two sign-ins with one token, only one deletes the row.
    deleted, _ = LinkToken.objects.filter(pk=link.pk).delete()
    if deleted != 1:
        return False
    if holder is None:
        SocialAccount.objects.create(user=user, provider=link.provider, subject=link.subject)
    return True


def provider_account(provider, code, redirect_uri, code_verifier):
    """The provider's account that authorized this code."""
    config = configured_providers()[provider]
    access_token = exchange_code(config, code, redirect_uri, code_verifier)
    return fetch_account(provider, config, access_token)


def sign_in_with(provider, code, redirect_uri, code_verifier):
    return resolve_user(provider, provider_account(provider, code, redirect_uri, code_verifier))


class ProviderInUse(Exception):
    """The provider account is another user's, or the user has another account at that provider."""


@transaction.atomic
def link_provider(user, provider, account):
    """Links a provider account to `user`, who has just proved who they are (step-up)."""
    linked = SocialAccount.objects.filter(provider=provider, subject=account.subject).first()
    if linked is not None:
        if linked.user_id != user.pk:
            raise ProviderInUse()
        return
    if SocialAccount.objects.filter(user=user, provider=provider).exists():
        raise ProviderInUse()
    SocialAccount.objects.create(user=user, provider=provider, subject=account.subject)
