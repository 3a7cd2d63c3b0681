"""Social sign-in against a tiny fake of each provider, speaking the provider's real shapes."""
from datetime import timedelta

from reel.models import Session
from reel.tests.fake_providers import ACCOUNTS, FakeProvider, FakeProviderTestCase


class OAuthTests(FakeProviderTestCase):
    def test_lists_the_configured_providers(self):
        listing = self.client.get("/api/auth/providers").json()
        self.assertEqual([(p["id"], p["pkce"]) for p in listing], [("google", True), ("kakao", True), ("naver", False)])

    def test_creates_a_user_for_a_new_google_account_with_pkce_and_a_form(self):
        response = self.exchange("google")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["user"]["displayName"], "Jamie at Google")
        self.assertEqual(response.json()["user"]["providers"], ["google"])
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
        self.assertEqual(response.json()["user"]["providers"], ["naver"])
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
