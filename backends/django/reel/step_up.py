"""
Step-up (RFC 9470): sensitive endpoints need a recent proof of who the user is, the access
token's `auth_time`, not merely a valid token. A stolen token or an unattended browser cannot
change a password, a passkey or a linked provider, or sign everyone out.
"""
from django.utils import timezone
from rest_framework.exceptions import APIException
from rest_framework.permissions import IsAuthenticated

STEP_UP_MAX_AGE_SEC = 300


class ReauthenticationRequired(APIException):
    status_code = 401
    default_code = "reauthentication_required"
    default_detail = "Confirm it's you to continue."


def is_recent(auth_time):
    return isinstance(auth_time, int) and timezone.now().timestamp() - auth_time <= STEP_UP_MAX_AGE_SEC


class RecentAuthentication(IsAuthenticated):
    """Signed in, and proved who they are within STEP_UP_MAX_AGE_SEC."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False  # no token: token_missing, as on any Bearer endpoint
        if not is_recent(request.auth.payload.get("auth_time")):
            raise ReauthenticationRequired()
        return True
