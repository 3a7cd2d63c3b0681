"""The ES256 key that signs access tokens: from a PEM file, or an ephemeral one for development."""
import base64
import hashlib
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec



def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class SigningKey:
    private_pem: str
    public_pem: str
    public_jwk: dict
    kid: str


def load_signing_key(path):
    if path:
        private_key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
        if not isinstance(private_key, ec.EllipticCurvePrivateKey) or private_key.curve.name != "secp256r1":
            raise ValueError("REEL_SIGNING_KEY_FILE must hold a P-256 (ES256) private key")
    else:
        # Every restart then signs everyone's access token out; clients survive that by
        # refreshing, but several processes behind one balancer would reject each other's tokens.
        warnings.warn(
            "REEL_SIGNING_KEY_FILE is not set: signing access tokens with an ephemeral key",
            RuntimeWarning,
            stacklevel=2,
        )
        private_key = ec.generate_private_key(ec.SECP256R1())
    numbers = private_key.public_key().public_numbers()
    jwk = {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }
    # RFC 7638 thumbprint: the required members, sorted, no whitespace.
    thumbprint = hashlib.sha256(json.dumps(jwk, sort_keys=True, separators=(",", ":")).encode()).digest()
    return SigningKey(
        private_pem=private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        public_pem=private_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode(),
        public_jwk=jwk,
        kid=b64url(thumbprint),
    )
