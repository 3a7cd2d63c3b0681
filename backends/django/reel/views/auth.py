"""Thin views over the session service: they move the refresh token between cookie and service."""
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Q

from reel import passkeys
from reel.cookies import clear_refresh_cookie, read_refresh_token
from reel.models import Session
from reel.oauth import link_with_token
from reel.problems import problem
from reel.serializers import LoginSerializer, ReauthenticationSerializer, parse
from reel.sessions import (
    create_session,
    reauthenticated,
    revoke,
    revoke_session_a_sign_in_replaces,
    revoke_session_of_token,
    rotate,
)
from reel.step_up import RecentAuthentication
from reel.throttling import begin_attempt, client_address, forget_failures
from reel.token_response import refresh_failure, token_response
from reel.views.base import PublicView, no_content
from rest_framework.views import APIView


def user_agent(request):
    return request.headers.get("User-Agent", "")


def start_session(request, user, provider, remember):
    """A new session for a sign-in; a valid refresh cookie sent along names the one it replaces."""
    revoke_session_a_sign_in_replaces(read_refresh_token(request))
    session, refresh_token = create_session(user, provider, user_agent(request), remember)
    return token_response(session, refresh_token, authenticated=True)


def too_many_attempts(retry_after):
    return problem(
        429,
        "too_many_attempts",
        "Too many sign-in attempts. Try again later.",
        headers={"Retry-After": str(retry_after)},
    )


def invalid_credentials():
    return problem(401, "invalid_credentials", "The username or password is incorrect.")


class LoginView(PublicView):
    def post(self, request):
        credentials = parse(LoginSerializer, request.data)
        username, address = credentials["username"], client_address(request)
        attempt, retry_after = begin_attempt(username, address)
        if attempt is None:
            return too_many_attempts(retry_after)
        # Django's ModelBackend hashes the password for an unknown user too: similar timing.
        user = authenticate(request, username=username, password=credentials["password"])
        if user is None:
            return invalid_credentials()
        # Judged only once the password is right, so a wrong one leaves the token for the next try
        # (throttled like any sign-in) and the token says nothing about the password.
        link_token = credentials.get("linkToken")
        if link_token is not None and not link_with_token(link_token, user):
            return problem(
                400,
                "link_invalid",
                "This sign-in cannot link that account. Sign in again.",
                detail="The link token is unknown, used, expired or for another account.",
            )
        forget_failures(username, address)
        return start_session(request, user, "password", credentials["remember"])


class RefreshView(PublicView):
    def post(self, request):
        # One transaction, committed only once the answer is built: a database lost half-way (a
        # 503) rolls the rotation back, so the browser's retry with the same cookie is not reuse.
        with transaction.atomic():
            rotation = rotate(read_refresh_token(request))
            if rotation.failure:
                return refresh_failure(rotation.failure, rotation.reason)
            return token_response(rotation.session, rotation.refresh_token)


class LogoutView(PublicView):
    def post(self, request):
        revoke_session_of_token(read_refresh_token(request), "logout")
        response = no_content()
        clear_refresh_cookie(response)
        return response


class LogoutAllView(APIView):
    permission_classes = [RecentAuthentication]

    def post(self, request):
        revoke(Session.objects.filter(user=request.user), "logout_all")
        response = no_content()
        clear_refresh_cookie(response)
        return response


class LogoutOthersView(APIView):
    permission_classes = [RecentAuthentication]

    def post(self, request):
        revoke(Session.objects.filter(Q(user=request.user) & ~Q(pk=request.reel_session.pk)), "logout_others")
        return no_content()


class ReauthenticateView(APIView):
    """
    A fresh proof of who the user is, for the session the caller already holds: the same `sid`
    with a new `auth_time`. The refresh cookie stays as it is: nothing about the session's
    lifetime changes. Throttled like a sign-in, since it is a guess too. A passkey must be one of
    the caller's own.
    """

    def post(self, request):
        body = parse(ReauthenticationSerializer, request.data)
        user, address = request.user, client_address(request)
        # A passkey guess counts with passkey sign-ins from this address, a password guess with
        # this username's sign-ins: neither proof gets a second, separate allowance.
        key = user.username if "password" in body else passkeys.throttle_key(address)
        attempt, retry_after = begin_attempt(key, address)
        if attempt is None:
            return too_many_attempts(retry_after)
        if "password" in body:
            # check_password also upgrades a hash made with older parameters.
            if not user.check_password(body["password"]):
                return invalid_credentials()
            method = "pwd"
        else:
            try:
                passkeys.authenticate(request, body["credential"], user=user)
            except passkeys.PasskeyInvalid:
                return problem(401, "passkey_invalid")
            method = "passkey"
        forget_failures(key, address)
        return token_response(reauthenticated(request.reel_session, method), authenticated=True)
