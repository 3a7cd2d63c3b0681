"""A tiny fake of each provider, speaking the provider's real shapes, and tests that use it."""
import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from django.test import override_settings

from reel.tests.helpers import ApiTestCase

CODE = "good-code"
# Each provider's account by default: people new to Reel. A test changes FakeProvider.accounts.
ACCOUNTS = {
    "google": {"sub": "g-1", "email": "jamie@mail.example", "email_verified": True, "name": "Jamie at Google"},
    "kakao": {
        "id": 3141592653,
        "kakao_account": {
            "email": "new@kakao.example",
            "is_email_verified": True,
            "is_email_valid": True,
            "profile": {"nickname": "새 사용자"},
        },
    },
    "naver": {"resultcode": "00", "message": "success", "response": {"id": "nv_1", "email": "seoyeon@naver.example", "name": "이서연"}},
}


class FakeProvider(BaseHTTPRequestHandler):
    token_requests = []
    accounts = copy.deepcopy(ACCOUNTS)

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
            self.answer(200, FakeProvider.accounts[provider])

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class FakeProviderTestCase(ApiTestCase):
    """Reel configured with a fake of each provider, whose accounts start as ACCOUNTS in every test."""

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
        FakeProvider.accounts = copy.deepcopy(ACCOUNTS)

    def exchange(self, provider, code=CODE, verifier="v" * 43, refresh_token=None, **extra):
        body = {"code": code, "redirectUri": f"http://localhost/auth/callback/{provider}", **extra}
        if verifier:
            body["codeVerifier"] = verifier
        return self.post(f"/api/auth/oauth/{provider}", body, refresh_token=refresh_token)

