"""
Passkeys (WebAuthn) through python-fido2's Fido2Server. fido2 0.9 predates the WebAuthn Level 3
JSON forms, so the options are written here and the responses' base64url members decoded here
before its verifiers see them. It also predates the backup flags (BE, BS), and leaves the
signature counter and the user handle to its caller: those are read from the authenticator data
below. Challenges live in the database (PasskeyChallenge), so any server instance can finish a
ceremony another began.
"""
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from fido2 import cbor
from fido2.client import ClientData
from fido2.cose import CoseKey
from fido2.ctap2 import AttestationObject, AttestedCredentialData, AuthenticatorData
from fido2.server import Fido2Server
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import UserVerificationRequirement

from reel.csrf import own_origin
from reel.models import Passkey, PasskeyChallenge


def throttle_key(address):
    """
    Failed passkey sign-ins are counted per client address: there is no username to count them
    by, and one key for all addresses would let anyone lock everyone out. A username cannot
    contain a space, so this key never meets a real one.
    """
    return f"passkey sign-in from {address}"


CHALLENGE_TTL = timedelta(seconds=300)
CHALLENGE_BYTES = 32
RP_NAME = "Reel"
# ES256 and RS256: what the contract offers, and what every platform authenticator uses.
PUBLIC_KEY_ALGORITHMS = (-7, -257)
# The backup state flag (WebAuthn Level 3 §6.1), which fido2 0.9 does not name.
FLAG_BACKED_UP = 0x10
BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$")


class PasskeyInvalid(Exception):
    """Any reason a passkey response is refused; the API answers passkey_invalid, saying no more."""


@dataclass(frozen=True)
class RelyingParty:
    id: str
    origins: tuple

    @classmethod
    def of(cls, request):
        """The app's origin (REEL_PUBLIC_ORIGIN, else the request's own) and REEL_APP_ORIGINS."""
        origin = own_origin(request)
        return cls(id=urlsplit(origin).hostname, origins=(origin, *settings.REEL["APP_ORIGINS"]))

    def server(self):
        # Exact origins rather than fido2's default rule, which wants https and would refuse the
        # http://localhost of development.
        return Fido2Server({"id": self.id, "name": RP_NAME}, verify_origin=lambda origin: origin in self.origins)


def b64decode(value):
    """Strict base64url (no padding, no stray characters), as WebAuthn's JSON forms write it."""
    if not isinstance(value, str) or not BASE64URL.match(value):
        raise PasskeyInvalid("not base64url")
    try:
        return websafe_decode(value)
    except ValueError:
        raise PasskeyInvalid("not base64url") from None


def user_handle(user):
    """The WebAuthn user id: the account's own random handle, never its username or public id."""
    return websafe_decode(user.passkey_user_handle)


def issue_challenge(purpose, user=None):
    now = timezone.now()
    PasskeyChallenge.objects.filter(expires_at__lte=now).delete()
    challenge = websafe_encode(secrets.token_bytes(CHALLENGE_BYTES))
    PasskeyChallenge.objects.create(challenge=challenge, purpose=purpose, user=user, expires_at=now + CHALLENGE_TTL)
    return challenge


def spend_challenge(client_data, purpose, user=None):
    """
    The fido2 state for the challenge the client signed, spent whatever the verdict on the
    rest: a challenge is good for one try. Unknown, used, expired, issued for the other ceremony
    or (registration) to another user are all refused.
    """
    try:
        challenge = client_data.get("challenge")
    except KeyError:
        raise PasskeyInvalid("no challenge") from None
    if not isinstance(challenge, str):
        raise PasskeyInvalid("no challenge")
    spent = PasskeyChallenge.objects.filter(challenge=challenge, purpose=purpose, user=user)
    live = spent.filter(expires_at__gt=timezone.now()).exists()
    # The delete is the spending: of two responses to one challenge only one deletes the row.
    deleted, _ = spent.delete()
    if not (live and deleted == 1):
        raise PasskeyInvalid("challenge unknown, used or expired")
    return {"challenge": challenge, "user_verification": UserVerificationRequirement.REQUIRED}


def response_member(credential, name):
    response = credential.get("response") if isinstance(credential, dict) else None
    if not isinstance(response, dict):
        raise PasskeyInvalid("no response")
    return b64decode(response.get(name))


def credential_id_of(credential):
    """The raw credential id; `id` and `rawId` must agree, and `type` be public-key."""
    if not isinstance(credential, dict) or credential.get("type") != "public-key":
        raise PasskeyInvalid("not a public-key credential")
    raw_id = b64decode(credential.get("rawId"))
    if not raw_id or credential.get("id") != credential.get("rawId"):
        raise PasskeyInvalid("id and rawId differ")
    return raw_id


def parse(parser, data):
    try:
        return parser(data)
    except Exception:
        # fido2's parsers raise whatever their input makes them (ValueError, KeyError, CBOR errors).
        raise PasskeyInvalid("does not parse") from None


def registration_options(request, user):
    rp = RelyingParty.of(request)
    return {
        "rp": {"id": rp.id, "name": RP_NAME},
        "user": {"id": websafe_encode(user_handle(user)), "name": user.username, "displayName": user.display_name},
        "challenge": issue_challenge(PasskeyChallenge.REGISTRATION, user),
        "pubKeyCredParams": [{"type": "public-key", "alg": alg} for alg in PUBLIC_KEY_ALGORITHMS],
        "timeout": int(CHALLENGE_TTL.total_seconds() * 1000),
        "authenticatorSelection": {"residentKey": "required", "requireResidentKey": True, "userVerification": "required"},
        "excludeCredentials": [
            {"type": "public-key", "id": credential_id} for credential_id in user.passkeys.values_list("credential_id", flat=True)
        ],
        "attestation": "none",
    }


def request_options(request):
    return {
        "challenge": issue_challenge(PasskeyChallenge.AUTHENTICATION),
        "rpId": RelyingParty.of(request).id,
        "allowCredentials": [],
        "userVerification": "required",
        "timeout": int(CHALLENGE_TTL.total_seconds() * 1000),
    }


def register(request, user, credential, name):
    """Verifies a registration response to one of `user`'s challenges and stores the passkey."""
    raw_id = credential_id_of(credential)
    client_data = parse(ClientData, response_member(credential, "clientDataJSON"))
    attestation = parse(AttestationObject, response_member(credential, "attestationObject"))
    with transaction.atomic():
        state = spend_challenge(client_data, PasskeyChallenge.REGISTRATION, user)
    try:
        auth_data = RelyingParty.of(request).server().register_complete(state, client_data, attestation)
    except (ValueError, KeyError) as error:
        raise PasskeyInvalid(str(error)) from None
    attested = auth_data.credential_data
    if attested is None or attested.credential_id != raw_id:
        raise PasskeyInvalid("the attested credential is not the one sent")
    if attested.public_key.ALGORITHM not in PUBLIC_KEY_ALGORITHMS:
        raise PasskeyInvalid("unsupported algorithm")
    try:
        with transaction.atomic():
            return Passkey.objects.create(
                user=user,
                credential_id=websafe_encode(raw_id),
                public_key=cbor.encode(dict(attested.public_key)),
                sign_count=auth_data.counter,
                backed_up=bool(auth_data.flags & FLAG_BACKED_UP),
                name=name or "Passkey",
                created_at=timezone.now(),
            )
    except IntegrityError:
        raise PasskeyInvalid("this credential is already registered") from None


def authenticate(request, credential, user=None):
    """
    The passkey that signed this assertion to a sign-in challenge; when `user` is given (a
    re-authentication) it must be one of theirs. Its counter, backup state and last use are
    updated.
    """
    raw_id = credential_id_of(credential)
    client_data = parse(ClientData, response_member(credential, "clientDataJSON"))
    auth_data = parse(AuthenticatorData, response_member(credential, "authenticatorData"))
    signature = response_member(credential, "signature")
    with transaction.atomic():
        state = spend_challenge(client_data, PasskeyChallenge.AUTHENTICATION)
    passkey = Passkey.objects.select_related("user").filter(credential_id=websafe_encode(raw_id)).first()
    if passkey is None or not passkey.user.is_active or (user is not None and passkey.user_id != user.pk):
        raise PasskeyInvalid("unknown credential")
    stored = AttestedCredentialData.create(b"\0" * 16, raw_id, parse(CoseKey.parse, cbor.decode(bytes(passkey.public_key))))
    try:
        RelyingParty.of(request).server().authenticate_complete(state, [stored], raw_id, client_data, auth_data, signature)
    except (ValueError, KeyError) as error:
        raise PasskeyInvalid(str(error)) from None
    handle = credential["response"].get("userHandle")
    if handle is not None and b64decode(handle) != user_handle(passkey.user):
        raise PasskeyInvalid("the user handle is not the credential's user")
    # A counter that did not grow means a cloned authenticator; synced passkeys report 0 always.
    if auth_data.counter and passkey.sign_count and auth_data.counter <= passkey.sign_count:
        raise PasskeyInvalid("the signature counter went backwards")
    # Only a counter that grew is written: of two assertions racing, the lower cannot win.
    updated = Passkey.objects.filter(pk=passkey.pk, sign_count=passkey.sign_count).update(
        sign_count=auth_data.counter,
        backed_up=bool(auth_data.flags & FLAG_BACKED_UP),
        last_used_at=timezone.now(),
    )
    if auth_data.counter and not updated:
        raise PasskeyInvalid("the signature counter went backwards")
    passkey.refresh_from_db()
    return passkey
