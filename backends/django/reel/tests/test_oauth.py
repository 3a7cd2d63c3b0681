"""Social sign-in against a tiny fake of each provider, speaking the provider's real shapes."""
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from django.test import override_settings

from reel.models import Session, User
from reel.tests.helpers import ApiTestCase

CODE = "good-code"
ACCOUNTS = {
    "google": {"sub": "g-1", "email": "demo@reel.example", "email_verified": True, "name": "Demo at Google"},
    "kakao": {
        "id": 3141592653,
        "kakao_account": {
            "email": "new@kakao.example",
            "is_email_verified": True,
            "is_email_valid": True,
            "profile": {"nickname": "새 사용자"},
        },
    },
    "naver": {"resultcode": "00", "message": "success", "response": {"id": "nv_1", "email": "alice@reel.example", "name": "앨리스"}},
}


class FakeProvider(BaseHTTPRequestHandler):
    token_requests = []

    def do_POST(self):
        provider = self.path.split("/")[1]
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        FakeProvider.token_requests.append((provider, self.headers["Content-Type"], form))
        if form.get("code") != [CODE] or form.get("client_secret") != ["secret"]:
            # Naver answers a refused code with 200 and an error member; the others with 400.
            self.answer(200 if provider == "naver" else 400, {"error": "invalid_grant"})
        else:
            self.answer(200, {"access_token": f"at-{provider}", "token_type": "bearer"})

    def do_GET(self):
        provider = self.path.split("/")[1]
        if self.headers["Authorization"] != f"Bearer at-{provider}":
            self.answer(401, {"error": "invalid_token"})
        else:
            self.answer(200, ACCOUNTS[provider])

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class OAuthTests(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeProvider)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        providers = {
            pid: {
                "name": pid.title(),
                "authorize_url": f"{base}/{pid}/authorize",
                "token_url": f"{base}/{pid}/token",
                "userinfo_url": f"{base}/{pid}/userinfo",
                "client_id": "reel",
                "client_secret": "secret",
                "scope": "",
                "pkce": pid != "naver",
                "token_state": pid == "naver",
            }
            for pid in ACCOUNTS
        }
        cls.settings_override = override_settings(REEL_OAUTH_PROVIDERS=providers)
        cls.settings_override.enable()

    @classmethod
    def tearDownClass(cls):
        cls.settings_override.disable()
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        FakeProvider.token_requests.clear()

    def exchange(self, provider, code=CODE, verifier="v" * 43, refresh_token=None, **extra):
        body = {"code": code, "redirectUri": f"http://localhost/auth/callback/{provider}", **extra}
        if verifier:
            body["codeVerifier"] = verifier
        return self.post(f"/api/auth/oauth/{provider}", body, refresh_token=refresh_token)

    def test_lists_the_configured_providers(self):
        listing = self.client.get("/api/auth/providers").json()
        self.assertEqual([(p["id"], p["pkce"]) for p in listing], [("google", True), ("kakao", True), ("naver", False)])

    def test_links_a_google_account_to_demo_by_its_verified_email(self):
        response = self.exchange("google")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["user"]["id"], "u_demo")
        self.assertEqual(response.json()["user"]["providers"], ["password", "google"])
        _, content_type, form = FakeProvider.token_requests[0]
        self.assertEqual(content_type, "application/x-www-form-urlencoded")
        self.assertEqual(form["grant_type"], ["authorization_code"])
        self.assertEqual(form["code_verifier"], ["v" * 43])

    def test_creates_a_user_for_a_new_kakao_account_and_finds_it_again(self):
        first = self.exchange("kakao").json()["user"]
        self.assertEqual(first["providers"], ["kakao"])
        self.assertEqual(first["displayName"], "새 사용자")
        self.assertEqual(self.exchange("kakao").json()["user"]["id"], first["id"])

    def test_signs_in_with_naver_without_pkce_and_with_the_client_secret_and_a_state(self):
        response = self.exchange("naver", verifier=None)
        self.assertEqual(response.json()["user"]["id"], "u_alice")
        _, _, form = FakeProvider.token_requests[0]
        self.assertNotIn("code_verifier", form)
        self.assertEqual(form["client_secret"], ["secret"])
        self.assertGreaterEqual(len(form["state"][0]), 16)

    def test_sends_no_state_in_the_token_request_of_google_or_kakao(self):
        for provider in ("google", "kakao"):
            with self.subTest(provider=provider):
                FakeProvider.token_requests.clear()
                self.exchange(provider)
                _, _, form = FakeProvider.token_requests[0]
                self.assertNotIn("state", form)

    def test_answers_invalid_grant_when_the_provider_refuses_the_code(self):
        for provider in ACCOUNTS:
            with self.subTest(provider=provider):
                response = self.exchange(provider, code="stolen")
                self.assertProblem(response, 400, "invalid_grant")
                self.assertNotIn("Set-Cookie", response)

    def test_never_links_by_an_unverified_email(self):
        ACCOUNTS["google"]["email_verified"] = False
        try:
            user = self.exchange("google").json()["user"]
        finally:
            ACCOUNTS["google"]["email_verified"] = True
        self.assertNotEqual(user["id"], "u_demo")
        self.assertEqual(User.objects.filter(email="demo@reel.example").count(), 2)

    def test_needs_the_verifier_where_the_provider_uses_pkce(self):
        self.assertProblem(self.exchange("google", verifier=None), 400, "validation_failed")

    def test_gives_remember_false_a_browser_session_cookie_and_twelve_hours(self):
        response = self.exchange("kakao", remember=False)
        _, cookie = self.refresh_cookie(response)
        self.assertEqual(cookie["max-age"], "")
        session = Session.objects.get()
        self.assertEqual(session.expires_at - session.created_at, timedelta(hours=12))

    def test_answers_validation_failed_when_remember_is_not_a_boolean(self):
        self.assertProblem(self.exchange("kakao", remember="yes"), 400, "validation_failed")
        self.assertEqual(FakeProvider.token_requests, [])

    def test_revokes_the_session_of_the_valid_refresh_cookie_it_arrives_with(self):
        raw, _ = self.refresh_cookie(self.login())
        self.assertEqual(self.exchange("google", refresh_token=raw).status_code, 200)
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=raw), 401, "session_revoked")

    def test_keeps_the_cookies_session_when_the_exchange_fails(self):
        raw, _ = self.refresh_cookie(self.login())
        self.assertProblem(self.exchange("google", code="stolen", refresh_token=raw), 400, "invalid_grant")
        self.assertEqual(self.post("/api/auth/refresh", refresh_token=raw).status_code, 200)
