"""
Social sign-in: exchange an authorization code at the provider's token endpoint, read the
account at its userinfo endpoint, and find, link or create the Reel user. Each provider in its
real shapes (form-encoded token request; Google's OIDC userinfo, Kakao's /v2/user/me, Naver's
/v1/nid/me).
"""
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from reel.models import SocialAccount, User

TIMEOUT_SEC = 10


class ExchangeFailed(Exception):
    """Any reason the code could not be turned into an account; the API answers invalid_grant."""


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
    verified = account.get("is_email_verified") is True and account.get("is_email_valid", True) is True
    nickname = (account.get("profile") or {}).get("nickname") or (body.get("properties") or {}).get("nickname")
    return ProviderAccount(subject=str(body["id"]), email=text(email), email_verified=verified, name=text(nickname or email or str(body["id"])))


def read_naver(body):
    # GET /v1/nid/me: resultcode "00" and the account under `response`. Naver only releases an
    # email its member confirmed, and has no flag for it, so its email counts as verified.
    if body.get("resultcode") != "00":
        raise ValueError("resultcode is not 00")
    account = body["response"]
    email = account.get("email") or ""
    return ProviderAccount(
        subject=text(account["id"]),
        email=text(email),
        email_verified=bool(email),
        name=text(account.get("name") or account.get("nickname") or email or account["id"]),
    )


ACCOUNT_READERS = {"google": read_google, "kakao": read_kakao, "naver": read_naver}


@transaction.atomic
def resolve_user(provider, account):
    """The linked user; else the one whose verified email matches a verified one (linked now); else a new user."""
    linked = SocialAccount.objects.select_related("user").filter(provider=provider, subject=account.subject).first()
    if linked:
        return linked.user
    user = None
    if account.email_verified and account.email:
        user = User.objects.filter(email__iexact=account.email, email_verified=True).first()
    if user is None:
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


def sign_in_with(provider, code, redirect_uri, code_verifier):
    config = configured_providers()[provider]
    access_token = exchange_code(config, code, redirect_uri, code_verifier)
    return resolve_user(provider, fetch_account(provider, config, access_token))
