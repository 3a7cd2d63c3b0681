from rest_framework.exceptions import ValidationError

from reel.oauth import (
    AccountExists,
    ExchangeFailed,
    configured_providers,
    issue_link_token,
    provider_listing,
    sign_in_with,
)
from reel.problems import problem
from reel.serializers import CodeExchangeSerializer, parse
from reel.views.auth import start_session
from reel.views.base import PublicView, json


def parse_code_exchange(serializer_class, provider, data):
    body = parse(serializer_class, data)
    if configured_providers()[provider]["pkce"] and "codeVerifier" not in body:
        raise ValidationError({"codeVerifier": "This provider needs the PKCE code verifier."})
    return body


def invalid_grant(failure):
    # Every cause gets the same title: the user is told nothing an attacker could use.
    return problem(400, "invalid_grant", "The sign-in could not be completed. Please try again.", detail=str(failure))


def unknown_provider():
    return problem(404, "not_found", detail="There is no such sign-in provider.")


class ProviderListView(PublicView):
    def get(self, request):
        return json(provider_listing())


class CodeExchangeView(PublicView):
    def post(self, request, provider):
        if provider not in configured_providers():
            return unknown_provider()
        body = parse_code_exchange(CodeExchangeSerializer, provider, request.data)
        try:
            user = sign_in_with(provider, body["code"], body["redirectUri"], body.get("codeVerifier"))
        except ExchangeFailed as failure:
            return invalid_grant(failure)
        except AccountExists as exists:
            # No session: the account's owner links this provider by signing in with the token.
            return problem(
                409,
                "account_exists",
                "An account with this email already exists. Sign in to it to link this provider.",
                members={
                    "linkToken": issue_link_token(exists.owner, provider, exists.account),
                    "provider": provider,
                    "email": exists.account.email,
                },
            )
        return start_session(request, user, provider, body["remember"])
