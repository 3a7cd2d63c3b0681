"""Contract v1.2: POST /api/auth/reauthenticate renews auth_time for the session the caller holds."""
from datetime import timedelta

import jwt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import override_settings
from django.utils import timezone

from reel.models import LoginFailure, Session, User
from reel.tests.fake_providers import FakeProviderTestCase
from reel.tests.helpers import ApiTestCase, later


def claims_of(response):
    return jwt.decode(response.json()["accessToken"], options={"verify_signature": False})


class ReauthenticateTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.signed_in = self.login()
        self.token = self.signed_in.json()["accessToken"]
        # Signed in ten minutes ago: too long for step-up.
        Session.objects.update(auth_time=timezone.now() - timedelta(minutes=10))

    def reauthenticate(self, password="demo-password-1", token=None, **extra):
        return self.post(
            "/api/auth/reauthenticate",
            {"password": password},
            HTTP_AUTHORIZATION=f"Bearer {token or self.token}",
            **extra,
        )

    def test_answers_a_token_for_the_same_session_with_a_fresh_auth_time_and_keeps_the_cookie(self):
        response = self.reauthenticate()
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertNotIn("Set-Cookie", response)
        claims = claims_of(response)
        session = Session.objects.get(pk=claims["sid"])
        self.assertEqual(session.pk, claims_of(self.signed_in)["sid"])
        self.assertEqual(claims["auth_time"], int(session.auth_time.timestamp()))
        self.assertAlmostEqual(session.auth_time, timezone.now(), delta=timedelta(seconds=5))
        self.assertEqual(claims["amr"], ["pwd"])
        self.assertEqual(Session.objects.count(), 1)
        # The old cookie is still the current one: a refresh with it works, and carries the new time.
        refreshed = self.post("/api/auth/refresh", refresh_token=self.refresh_cookie(self.signed_in)[0])
        self.assertEqual(claims_of(refreshed)["auth_time"], claims["auth_time"])

    def test_lets_the_new_token_pass_step_up_where_the_old_one_was_refused(self):
        other = self.login()
        path = "/api/auth/logout-others"
        bearer = lambda token: self.post(path, HTTP_AUTHORIZATION=f"Bearer {token}")
        with later(301):
            self.assertProblem(bearer(self.token), 401, "reauthentication_required")
        fresh = self.reauthenticate().json()["accessToken"]
        self.assertEqual(bearer(fresh).status_code, 204)
        self.assertIsNotNone(Session.objects.get(pk=claims_of(other)["sid"]).revoked_at)

    def test_refuses_a_wrong_password_and_changes_nothing(self):
        before = Session.objects.get().auth_time
        self.assertProblem(self.reauthenticate("not-the-password"), 401, "invalid_credentials")
        self.assertEqual(Session.objects.get().auth_time, before)

    def test_is_throttled_like_a_sign_in(self):
        for _ in range(5):
            self.assertProblem(self.reauthenticate("not-the-password"), 401, "invalid_credentials")
        response = self.reauthenticate()
        self.assertProblem(response, 429, "too_many_attempts")
        self.assertGreater(int(response["Retry-After"]), 0)

    def test_a_success_forgets_the_failures(self):
        self.reauthenticate("not-the-password")
        self.assertEqual(self.reauthenticate().status_code, 200)
        self.assertFalse(LoginFailure.objects.exists())

    def test_needs_a_bearer_token_and_the_csrf_header(self):
        response = self.post("/api/auth/reauthenticate", {"password": "demo-password-1"})
        self.assertProblem(response, 401, "token_missing")
        response = self.client.post(
            "/api/auth/reauthenticate",
            '{"password": "demo-password-1"}',
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.token}",
        )
        self.assertProblem(response, 403, "csrf_check_failed")

    def test_refuses_a_body_without_a_password(self):
        response = self.post("/api/auth/reauthenticate", {}, HTTP_AUTHORIZATION=f"Bearer {self.token}")
        self.assertProblem(response, 400, "validation_failed")

    def test_upgrades_an_older_hash(self):
        older = MD5PasswordHasher()
        User.objects.filter(username="demo").update(password=older.encode("demo-password-1", older.salt()))
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"]):
            self.assertEqual(self.reauthenticate().status_code, 200)
        self.assertTrue(User.objects.get(username="demo").password.startswith("pbkdf2_sha256$"))

    def test_is_not_needed_within_300_seconds(self):
        Session.objects.update(auth_time=timezone.now())
        token = self.reauthenticate().json()["accessToken"]
        with later(299):
            self.assertEqual(self.post("/api/auth/logout-all", HTTP_AUTHORIZATION=f"Bearer {token}").status_code, 204)


class SocialReauthenticationTests(FakeProviderTestCase):
    def test_refuses_a_password_for_an_account_that_has_none(self):
        token = self.exchange("kakao").json()["accessToken"]
        response = self.post("/api/auth/reauthenticate", {"password": "any-password-at-all"}, HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertProblem(response, 401, "invalid_credentials")
