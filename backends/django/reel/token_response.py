"""The answers of login, refresh and social sign-in: a token response, or a definite failure."""
from django.http import JsonResponse

from reel.access_tokens import access_token_lifetime_sec, issue_access_token
from reel.cookies import clear_refresh_cookie, set_refresh_cookie
from reel.problems import problem
from reel.users import user_dto

REFRESH_FAILURE_TITLES = {
    "refresh_missing": "You are not signed in.",
    "refresh_invalid": "Your session is not valid. Please sign in again.",
    "refresh_expired": "Your session has expired. Please sign in again.",
    "refresh_reused": "Your session was ended for your protection. Please sign in again.",
    "session_revoked": "Your session was signed out. Please sign in again.",
}


def iso(moment):
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def token_response(session, refresh_token=None, authenticated=False):
    """
    Without `refresh_token` (a re-authentication) the cookie is left as it is. `authenticated`:
    the user proved who they are in this request, so the token is issued at its `auth_time`.
    """
    user = session.user
    response = JsonResponse(
        {
            "accessToken": issue_access_token(session, session.auth_time if authenticated else None),
            "tokenType": "Bearer",
            "expiresIn": access_token_lifetime_sec(),
            "sessionExpiresAt": iso(session.expires_at),
            "user": user_dto(user),
        }
    )
    response["Cache-Control"] = "no-store"
    if refresh_token is not None:
        set_refresh_cookie(response, refresh_token, session)
    return response


def refresh_failure(code, reason=""):
    """
    401 with the cookie cleared, so the browser stops sending a token that cannot work. A
    revocation's `reason` travels as an extension member, so the device can say what happened.
    """
    members = {"reason": reason} if reason else None
    response = problem(401, code, REFRESH_FAILURE_TITLES[code], members=members)
    clear_refresh_cookie(response)
    return response
