"""
A software WebAuthn authenticator and client: a P-256 key, authenticator data built byte by
byte, and the WebAuthn Level 3 JSON a browser would send. Every flag and field can be set
wrong on purpose.
"""
import hashlib
import json
import os
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2 import cbor
from fido2.cose import ES256
from fido2.utils import websafe_encode

USER_PRESENT = 0x01
USER_VERIFIED = 0x04
BACKUP_ELIGIBLE = 0x08
BACKED_UP = 0x10
ATTESTED = 0x40
# What a synced platform passkey reports.
SYNCED = USER_PRESENT | USER_VERIFIED | BACKUP_ELIGIBLE | BACKED_UP

ORIGIN = "http://testserver"
RP_ID = "testserver"


class SoftAuthenticator:
    def __init__(self, counting=True):
        """`counting`: a device-bound key that counts its signatures; else a synced one, always 0."""
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.counting = counting
        self.counter = 1 if counting else 0
        self.user_handle = None

    def authenticator_data(self, rp_id, flags, attested=b""):
        return hashlib.sha256(rp_id.encode()).digest() + struct.pack(">BI", flags, self.counter) + attested

    @staticmethod
    def client_data(kind, challenge, origin):
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}).encode()

    def envelope(self, response):
        raw_id = websafe_encode(self.credential_id)
        return {
            "id": raw_id,
            "rawId": raw_id,
            "type": "public-key",
            "response": response,
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def register(self, options, flags=SYNCED, origin=ORIGIN, rp_id=RP_ID):
        """A RegistrationResponseJSON for `options` (PublicKeyCredentialCreationOptionsJSON)."""
        self.user_handle = options["user"]["id"]
        public_key = ES256.from_cryptography_key(self.key.public_key())
        attested = b"\0" * 16 + struct.pack(">H", len(self.credential_id)) + self.credential_id + cbor.encode(public_key)
        auth_data = self.authenticator_data(rp_id, flags | ATTESTED, attested)
        attestation = cbor.encode({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self.client_data("webauthn.create", options["challenge"], origin)
        return self.envelope(
            {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
                "transports": ["internal"],
            }
        )

    def sign(self, options, flags=SYNCED, origin=ORIGIN, rp_id=RP_ID, key=None, counter=None):
        """An AuthenticationResponseJSON for `options` (PublicKeyCredentialRequestOptionsJSON)."""
        if counter is not None:
            self.counter = counter
        elif self.counting:
            self.counter += 1
        auth_data = self.authenticator_data(rp_id, flags)
        client_data = self.client_data("webauthn.get", options["challenge"], origin)
        signature = (key or self.key).sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return self.envelope(
            {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": self.user_handle,
            }
        )
