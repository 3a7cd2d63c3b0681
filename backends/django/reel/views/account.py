"""The signed-in user's own account: its password and its linked providers (all step-up)."""
from rest_framework.views import APIView

from reel.models import Session
from reel.oauth import ExchangeFailed, ProviderInUse, configured_providers, link_provider, provider_account
from reel.passwords import weakness_of
from reel.problems import problem
from reel.serializers import PasswordChangeSerializer, ProviderLinkSerializer, parse
from reel.sign_in_methods import is_last_sign_in_method, last_sign_in_method
from reel.sessions import revoke
from reel.step_up import RecentAuthentication
from reel.throttling import begin_attempt, client_address, forget_failures
from reel.views.auth import invalid_credentials, too_many_attempts
from reel.users import user_dto
from reel.views.base import json, no_content
from reel.views.oauth import invalid_grant, parse_code_exchange, unknown_provider


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


class ProviderView(APIView):
    permission_classes = [RecentAuthentication]

    def post(self, request, provider):
        if provider not in configured_providers():
            return unknown_provider()
        body = parse_code_exchange(ProviderLinkSerializer, provider, request.data)
        try:
            account = provider_account(provider, body["code"], body["redirectUri"], body.get("codeVerifier"))
            link_provider(request.user, provider, account)
        except ExchangeFailed as failure:
            return invalid_grant(failure)
        except ProviderInUse:
            return problem(
                409,
                "provider_in_use",
                "That account is already linked to another Reel account.",
                detail="The provider account belongs to another user, or this user has another account there.",
            )
        return json(user_dto(request.user))

    def delete(self, request, provider):
        linked = request.user.social_accounts.filter(provider=provider)
        if not linked.exists():
            return problem(404, "not_found", detail="This provider is not linked.")
        if is_last_sign_in_method(request.user):
            return last_sign_in_method()
        linked.delete()
        return json(user_dto(request.user))
