"""Bearer authentication that also asks whether the token's session is still alive."""
from rest_framework.authentication import get_authorization_header
from rest_framework_simplejwt.authentication import JWTAuthentication

from reel.access_tokens import AccessTokenError, ReelAccessToken, token_backend
from reel.models import Session
from reel.problems import BEARER_CHALLENGE, AccessTokenRejected
from reel.sessions import is_active


class SessionBoundJWTAuthentication(JWTAuthentication):
    """
    SimpleJWT verifies a JWT on its own: a revoked session's access tokens would live until
    `exp`. Here the `sid` claim must name an active session of the token's user, so logging
    out, revoking a device and reuse detection stop them at once.
    """

    www_authenticate_realm = "reel"

    def authenticate(self, request):
        parts = get_authorization_header(request).decode("latin-1").split(" ")
        if parts[0].lower() != "bearer":
            return None  # another scheme, or none: token_missing, by IsAuthenticated
        # Bearer credentials that are not exactly one token are a malformed token.
        if len(parts) != 2 or not parts[1]:
            raise AccessTokenRejected("token_invalid")
        try:
            claims = token_backend().verify(parts[1])
        except AccessTokenError as error:
            raise AccessTokenRejected(error.code) from None
        user, session = self.user_and_session(claims)
        if user is None:
            raise AccessTokenRejected("token_invalid")
        request.reel_session = session
        return user, ReelAccessToken(parts[1], verify=False)

    def user_and_session(self, claims):
        """
        The token's active user and its live session, or (None, None). One query: every
        authenticated request pays for it, so the session comes joined with its user rather
        than after it.
        """
        session = (
            Session.objects.select_related("user")
            .filter(pk=claims["sid"], user__public_id=claims["sub"], user__is_active=True)
            .first()
        )
        if session is None or not is_active(session):
            return None, None
        return session.user, session

    def authenticate_header(self, request):
        return BEARER_CHALLENGE
