"""Contract v1.2: POST /api/me/password (step-up)."""
from reel.models import Session, User
from reel.tests.fake_providers import FakeProviderTestCase
from reel.tests.helpers import later

NEW_PASSWORD = "a-much-longer-secret"


class PasswordChangeTests(FakeProviderTestCase):
    def setUp(self):
        super().setUp()
        self.signed_in = self.login()
        self.token = self.signed_in.json()["accessToken"]

    def change(self, body, token=None):
        return self.post("/api/me/password", body, HTTP_AUTHORIZATION=f"Bearer {token or self.token}")

    def test_changes_the_password_and_ends_every_other_session_with_its_access_tokens(self):
        other = self.login().json()["accessToken"]
        response = self.change({"currentPassword": "demo-password-1", "newPassword": NEW_PASSWORD})
        self.assertEqual(response.status_code, 204, response.content)
        self.assertProblem(self.get("/api/me", other), 401, "token_invalid")
        self.assertEqual(self.get("/api/me", self.token).status_code, 200)
        self.assertProblem(self.post("/api/auth/login", {"username": "demo", "password": "demo-password-1"}), 401, "invalid_credentials")
        self.login(password=NEW_PASSWORD)

    def test_refuses_a_wrong_current_password_and_keeps_the_old_one(self):
        response = self.change({"currentPassword": "not-the-password", "newPassword": NEW_PASSWORD})
        self.assertProblem(response, 401, "invalid_credentials")
        self.assertTrue(User.objects.get(username="demo").check_password("demo-password-1"))
        self.assertEqual(Session.objects.filter(revoked_at__isnull=True).count(), 1)

    def test_requires_the_current_password_when_the_account_has_one(self):
        self.assertProblem(self.change({"newPassword": NEW_PASSWORD}), 400, "validation_failed")
        self.assertTrue(User.objects.get(username="demo").check_password("demo-password-1"))

    def test_refuses_weak_passwords(self):
        for weak in ("short-pass1", "x" * 129, "my-DEMO-password-2"):
            with self.subTest(weak=weak):
                response = self.change({"currentPassword": "demo-password-1", "newPassword": weak})
                self.assertProblem(response, 400, "weak_password")
        self.assertTrue(User.objects.get(username="demo").check_password("demo-password-1"))

    def test_accepts_the_bounds(self):
        for password in ("a" * 12, "b" * 128):
            with self.subTest(length=len(password)):
                current = User.objects.get(username="demo")
                current.set_password("demo-password-1")
                current.save()
                self.assertEqual(self.change({"currentPassword": "demo-password-1", "newPassword": password}).status_code, 204)

    def test_is_step_up(self):
        with later(301):
            response = self.change({"currentPassword": "demo-password-1", "newPassword": NEW_PASSWORD})
        self.assertProblem(response, 401, "reauthentication_required")
        self.assertTrue(User.objects.get(username="demo").check_password("demo-password-1"))

    def test_lets_a_social_only_account_set_a_password_and_sign_in_with_it(self):
        social = self.exchange("google").json()
        self.assertFalse(social["user"]["hasPassword"])
        response = self.change({"newPassword": NEW_PASSWORD}, token=social["accessToken"])
        self.assertEqual(response.status_code, 204, response.content)
        me = self.get("/api/me", social["accessToken"]).json()
        self.assertEqual((me["hasPassword"], me["providers"]), (True, ["password", "google"]))
        self.login(username=me["username"], password=NEW_PASSWORD)
