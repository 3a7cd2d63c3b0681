"""The signed-in user's own account: password, and (below) linked providers."""
from rest_framework.views import APIView

from reel.models import Session
from reel.passwords import weakness_of
from reel.problems import problem
from reel.serializers import PasswordChangeSerializer, parse
from reel.sessions import revoke
from reel.step_up import RecentAuthentication
from reel.throttling import begin_attempt, client_address, forget_failures
from reel.views.auth import invalid_credentials, too_many_attempts
from reel.views.base import no_content


class PasswordView(APIView):
    permission_classes = [RecentAuthentication]

    def post(self, request):
        body = parse(PasswordChangeSerializer, request.data)
        user, new_password = request.user, body["newPassword"]
        weakness = weakness_of(new_password, user.username)
        if weakness:
            return problem(400, "weak_password", "Choose a stronger password.", detail=weakness)
        if user.has_usable_password():
            refusal = self.check_current_password(request, body.get("currentPassword"))
            if refusal:
                return refusal
        user.set_password(new_password)
        user.save(update_fields=["password"])
        # Whoever else holds a session may be the reason for the change: end them all, with their
        # access tokens, since each request checks its session.
        revoke(Session.objects.filter(user=user).exclude(pk=request.reel_session.pk), "password_changed")
        return no_content()

    @staticmethod
    def check_current_password(request, current_password):
        """Step-up proves a recent sign-in; the current password proves it is the owner at the keyboard."""
        if current_password is None:
            return problem(400, "validation_failed", detail="currentPassword: Required when the account has a password.")
        user, address = request.user, client_address(request)
        attempt, retry_after = begin_attempt(user.username, address)
        if attempt is None:
            return too_many_attempts(retry_after)
        if not user.check_password(current_password):
            return invalid_credentials()
        forget_failures(user.username, address)
        return None
