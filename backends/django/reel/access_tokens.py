"""
ES256 access tokens through SimpleJWT, plus the checks SimpleJWT leaves out: the `kid` and
`typ: at+jwt` header, refusing keys a token names itself, the required claims, and telling an
expired token from an invalid one.
"""
import secrets

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
from django.conf import settings
from rest_framework_simplejwt.backends import TokenBackend
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken

ACCESS_TOKEN_TYPE = "at+jwt"
EMBEDDED_KEY_HEADERS = ("jwk", "jku", "x5c", "x5u")
REQUIRED_CLAIMS = ["iss", "aud", "sub", "sid", "jti", "iat", "exp"]


class AccessTokenError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class ReelTokenBackend(TokenBackend):
    """SimpleJWT's backend with the header the contract needs and a strict verifier."""

    def __init__(self):
        super().__init__(
            api_settings.ALGORITHM,
            api_settings.SIGNING_KEY,
            api_settings.VERIFYING_KEY,
            api_settings.AUDIENCE,
            api_settings.ISSUER,
            leeway=api_settings.LEEWAY,
        )
        self.kid = settings.ACCESS_TOKEN_KEY.kid
        # Parsed once: given PEM text, PyJWT parses it again for every token, which cost more
        # than the signature check itself on each authenticated request.
        self.signing_key = load_pem_private_key(self.signing_key.encode("ascii"), password=None)
        self.verifying_key = load_pem_public_key(self.verifying_key.encode("ascii"))

    def encode(self, payload):
        claims = {**payload, "aud": self.audience, "iss": self.issuer}
        return jwt.encode(
            claims,
            self.signing_key,
            algorithm=self.algorithm,
            headers={"kid": self.kid, "typ": ACCESS_TOKEN_TYPE},
        )

    def decode(self, token, verify=True):
        # SimpleJWT calls this when it wraps a token; the verdict was already given by verify().
        checks = ("verify_signature", "verify_exp", "verify_aud", "verify_iss")
        return self.decode_with({name: verify for name in checks}, token)

    def decode_with(self, options, token):
        """PyJWT's decode with this backend's key, only algorithm, audience, issuer and leeway."""
        return jwt.decode(
            token,
            self.verifying_key,
            algorithms=[self.algorithm],
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.get_leeway(),
            options=options,
        )

    def verify(self, token):
        """The claims of an acceptable token; else AccessTokenError('token_invalid' | 'token_expired')."""
        try:
            header = jwt.get_unverified_header(token)
            # A token must never choose its own key: refuse before any signature check.
            if any(name in header for name in EMBEDDED_KEY_HEADERS):
                raise AccessTokenError("token_invalid")
            if header.get("typ") != ACCESS_TOKEN_TYPE or header.get("kid") != self.kid:
                raise AccessTokenError("token_invalid")
            # Only the configured algorithm: `none` and HS256-with-the-public-key fail here.
            claims = self.decode_with({"require": REQUIRED_CLAIMS}, token)
        except jwt.ExpiredSignatureError:
            raise AccessTokenError("token_expired") from None
        except jwt.InvalidTokenError:
            raise AccessTokenError("token_invalid") from None
        if not all(isinstance(claims[name], str) for name in ("sub", "sid", "jti")):
            raise AccessTokenError("token_invalid")
        return claims


_backend = None


def token_backend():
    global _backend
    if _backend is None:
        _backend = ReelTokenBackend()
    return _backend


class ReelAccessToken(AccessToken):
    """SimpleJWT's access token (lifetime, `exp`, `iat`) signed by ReelTokenBackend."""

    @property
    def token_backend(self):
        return token_backend()

    # SimpleJWT before 5.3 asks for the backend through this method rather than the property.
    def get_token_backend(self):
        return token_backend()

    def set_jti(self):
        self.payload[api_settings.JTI_CLAIM] = secrets.token_urlsafe(16)


def issue_access_token(session, issued_at=None):
    """
    An access token of `session`, saying when and how its user last proved who they are.
    `issued_at`: the moment of a sign-in or re-authentication this token answers, so that its
    `iat` and `auth_time` are one reading of the clock, not two that a second boundary can split.
    """
    user = session.user
    token = ReelAccessToken.for_user(user)
    if issued_at is not None:
        token.current_time = issued_at
        token.set_exp(from_time=issued_at, lifetime=token.lifetime)
        token.set_iat(at_time=issued_at)
    token["sid"] = session.pk
    token["name"] = user.display_name
    token["auth_time"] = int(session.auth_time.timestamp())
    token["amr"] = [session.auth_method]
    return str(token)


def access_token_lifetime_sec():
    return int(api_settings.ACCESS_TOKEN_LIFETIME.total_seconds())
