"""Contract v1.2: sensitive endpoints need a sign-in at most 300 s old, and change nothing otherwise."""
from reel.models import Session
from reel.tests.helpers import ApiTestCase, later

CHALLENGE = 'Bearer realm="reel", error="insufficient_user_authentication", max_age="300"'


class StepUpTests(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.login().json()["accessToken"]
        self.other = self.login()

    def bearer_post(self, path, body=None):
        return self.post(path, body, HTTP_AUTHORIZATION=f"Bearer {self.token}")

    def assertReauthenticationRequired(self, response):
        self.assertProblem(response, 401, "reauthentication_required")
        self.assertEqual(response["WWW-Authenticate"], CHALLENGE)
        self.assertNotIn("Set-Cookie", response)

    def test_refuses_sign_outs_of_other_devices_after_300_seconds_and_ends_nothing(self):
        for path in ("/api/auth/logout-all", "/api/auth/logout-others"):
            with self.subTest(path=path), later(301):
                self.assertReauthenticationRequired(self.bearer_post(path))
        self.assertFalse(Session.objects.filter(revoked_at__isnull=False).exists())

    def test_allows_them_within_300_seconds(self):
        with later(299):
            self.assertEqual(self.bearer_post("/api/auth/logout-others").status_code, 204)
        self.assertEqual(Session.objects.filter(revoked_at__isnull=True).count(), 1)

    def test_still_answers_token_missing_without_a_token(self):
        with later(301):
            self.assertProblem(self.post("/api/auth/logout-all"), 401, "token_missing")
