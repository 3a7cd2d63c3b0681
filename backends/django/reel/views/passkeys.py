"""Passkeys: registering, listing, renaming and deleting them, and signing in with one."""
from rest_framework.views import APIView

from reel import passkeys
from reel.problems import problem
from reel.serializers import PasskeyLoginSerializer, PasskeyRegistrationSerializer, PasskeyRenameSerializer, parse
from reel.sign_in_methods import is_last_sign_in_method, last_sign_in_method
from reel.step_up import RecentAuthentication
from reel.throttling import begin_attempt, client_address, forget_failures
from reel.token_response import iso
from reel.views.auth import start_session, too_many_attempts
from reel.views.base import PublicView, json, no_content
from rest_framework.permissions import IsAuthenticated


def passkey_dto(passkey):
    return {
        "id": passkey.pk,
        "name": passkey.name,
        "createdAt": iso(passkey.created_at),
        "lastUsedAt": iso(passkey.last_used_at) if passkey.last_used_at else None,
        "backedUp": passkey.backed_up,
    }


def not_found():
    return problem(404, "not_found", detail="No such passkey.")


class RegistrationOptionsView(APIView):
    permission_classes = [RecentAuthentication]

    def post(self, request):
        return json(passkeys.registration_options(request, request.user))


class PasskeyListView(APIView):
    def get_permissions(self):
        # Listing is an ordinary read; adding one is step-up.
        return [RecentAuthentication() if self.request.method == "POST" else IsAuthenticated()]

    def get(self, request):
        return json([passkey_dto(passkey) for passkey in request.user.passkeys.order_by("-created_at", "-pk")])

    def post(self, request):
        body = parse(PasskeyRegistrationSerializer, request.data)
        try:
            passkey = passkeys.register(request, request.user, body["credential"], body.get("name"))
        except passkeys.PasskeyInvalid:
            return problem(400, "passkey_invalid")
        return json(passkey_dto(passkey), status=201)


class PasskeyDetailView(APIView):
    def get_permissions(self):
        return [RecentAuthentication() if self.request.method == "DELETE" else IsAuthenticated()]

    def patch(self, request, passkey_id):
        body = parse(PasskeyRenameSerializer, request.data)
        passkey = request.user.passkeys.filter(pk=passkey_id).first()
        if passkey is None:
            return not_found()
        passkey.name = body["name"]
        passkey.save(update_fields=["name"])
        return json(passkey_dto(passkey))

    def delete(self, request, passkey_id):
        passkey = request.user.passkeys.filter(pk=passkey_id).first()
        if passkey is None:
            return not_found()
        if is_last_sign_in_method(request.user):
            return last_sign_in_method()
        passkey.delete()
        return no_content()


class PasskeyRequestOptionsView(PublicView):
    def post(self, request):
        return json(passkeys.request_options(request))


class PasskeyLoginView(PublicView):
    def post(self, request):
        body = parse(PasskeyLoginSerializer, request.data)
        address = client_address(request)
        key = passkeys.throttle_key(address)
        attempt, retry_after = begin_attempt(key, address)
        if attempt is None:
            return too_many_attempts(retry_after)
        try:
            passkey = passkeys.authenticate(request, body["credential"])
        except passkeys.PasskeyInvalid:
            return problem(401, "passkey_invalid")
        forget_failures(key, address)
        return start_session(request, passkey.user, "passkey", body["remember"])
