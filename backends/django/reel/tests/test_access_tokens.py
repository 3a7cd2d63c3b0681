import base64
import hashlib
import hmac
import json
import time
from unittest import mock

import jwt
from django.conf import settings

from reel.tests.helpers import ApiTestCase

INVALID_CHALLENGE = 'Bearer realm="reel", error="invalid_token"'


def b64(value):
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


class AccessTokenTests(ApiTestCase):
    """Forgeries signed with the server's own key, each breaking exactly one rule."""

    def setUp(self):
        super().setUp()
        self.token = self.login().json()["accessToken"]
        self.header = jwt.get_unverified_header(self.token)
        self.claims = jwt.decode(self.token, options={"verify_signature": False})

    def forge(self, claims=None, header=None, key=None, algorithm="ES256"):
        return jwt.encode(
            {**self.claims, **(claims or {})},
            key or settings.ACCESS_TOKEN_KEY.private_pem,
            algorithm=algorithm,
            headers={"kid": self.header["kid"], "typ": "at+jwt", **(header or {})},
        )

    def assertRejected(self, token, code="token_invalid"):
        response = self.get("/api/me", token)
        self.assertProblem(response, 401, code)
        self.assertEqual(response["WWW-Authenticate"], INVALID_CHALLENGE)

    def test_issues_an_es256_at_jwt_with_the_contract_claims(self):
        self.assertEqual(self.header, {"alg": "ES256", "kid": settings.ACCESS_TOKEN_KEY.kid, "typ": "at+jwt"})
        self.assertEqual(self.claims["sub"], "u_demo")
        self.assertEqual(self.claims["name"], "Demo Viewer")
        self.assertEqual(self.claims["exp"] - self.claims["iat"], 300)
        for claim in ("iss", "aud", "sid", "jti"):
            self.assertIn(claim, self.claims)

    def test_accepts_a_token_re_signed_with_the_server_key(self):
        self.assertEqual(self.get("/api/me", self.forge()).status_code, 200)

    def test_rejects_a_wrong_issuer_audience_or_subject(self):
        for change in ({"iss": "https://evil.example"}, {"aud": "someone-else"}, {"sub": "u_nobody"}):
            with self.subTest(change=change):
                self.assertRejected(self.forge(change))

    def test_rejects_a_token_without_a_sid(self):
        del self.claims["sid"]
        self.assertRejected(self.forge())

    def test_rejects_another_typ_or_none(self):
        for typ in ("JWT", "id+jwt", None):
            with self.subTest(typ=typ):
                self.assertRejected(self.forge(header={"typ": typ}))

    def test_rejects_keys_named_by_the_token(self):
        for header in ({"jwk": settings.ACCESS_TOKEN_KEY.public_jwk}, {"jku": "https://evil.example/jwks.json"}, {"x5c": ["MIIB"]}):
            with self.subTest(header=list(header)):
                self.assertRejected(self.forge(header=header))

    def test_rejects_hs256_signed_with_the_public_key(self):
        # PyJWT itself refuses a PEM as an HMAC secret, so the confusion attack is signed by hand.
        signing_input = f"{b64({**self.header, 'alg': 'HS256'})}.{b64(self.claims)}"
        mac = hmac.new(settings.ACCESS_TOKEN_KEY.public_pem.encode(), signing_input.encode(), hashlib.sha256).digest()
        self.assertRejected(f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}")

    def test_rejects_alg_none(self):
        for alg in ("none", "None", "NONE"):
            with self.subTest(alg=alg):
                self.assertRejected(f"{b64({**self.header, 'alg': alg})}.{b64(self.claims)}.")

    def test_answers_token_expired_beyond_the_five_second_leeway(self):
        now = int(time.time())
        self.assertRejected(self.forge({"iat": now - 400, "exp": now - 7}), "token_expired")

    def test_accepts_exp_within_the_leeway(self):
        now = int(time.time())
        self.assertEqual(self.get("/api/me", self.forge({"iat": now - 300, "exp": now - 3})).status_code, 200)

    def test_answers_token_missing_with_a_bare_challenge(self):
        response = self.client.get("/api/me")
        self.assertProblem(response, 401, "token_missing")
        self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="reel"')

    def test_refuses_the_access_token_of_a_logged_out_session_at_once(self):
        response = self.login()
        token = response.json()["accessToken"]
        refresh_token, _ = self.refresh_cookie(response)
        self.assertEqual(self.post("/api/auth/logout", refresh_token=refresh_token).status_code, 204)
        self.assertRejected(token)


class KeyParsingTests(ApiTestCase):
    """The key's PEM is parsed when the backend is made, not again for every token it checks."""

    def test_checking_a_token_parses_no_key(self):
        token = self.login().json()["accessToken"]
        public, private = jwt.algorithms.load_pem_public_key, jwt.algorithms.load_pem_private_key
        with mock.patch("jwt.algorithms.load_pem_public_key", wraps=public) as parse_public, mock.patch(
            "jwt.algorithms.load_pem_private_key", wraps=private
        ) as parse_private:
            self.assertEqual(self.get("/api/me", token).status_code, 200)
        parse_public.assert_not_called()
        parse_private.assert_not_called()
