"""Contract v1.2: linking and unlinking a provider from the account page (step-up)."""
from reel.models import SocialAccount, User
from reel.tests.fake_providers import CODE, FakeProvider, FakeProviderTestCase
from reel.tests.helpers import later


class ProviderLinkingTests(FakeProviderTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.login().json()["accessToken"]

    def link(self, provider="google", code=CODE, token=None):
        body = {"code": code, "redirectUri": f"http://localhost/auth/callback/{provider}"}
        if provider != "naver":
            body["codeVerifier"] = "v" * 43
        return self.post(f"/api/me/providers/{provider}", body, HTTP_AUTHORIZATION=f"Bearer {token or self.token}")

    def unlink(self, provider="google", token=None):
        return self.client.delete(f"/api/me/providers/{provider}", HTTP_AUTHORIZATION=f"Bearer {token or self.token}")

    def test_links_a_provider_account_to_the_caller(self):
        response = self.link()
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["providers"], ["password", "google"])
        signed_in = self.exchange("google")
        self.assertEqual(signed_in.json()["user"]["id"], "u_demo")

    def test_refuses_a_provider_account_that_is_another_users(self):
        self.exchange("google")  # makes a new user with the google account
        self.assertProblem(self.link(), 409, "provider_in_use")
        self.assertEqual(SocialAccount.objects.get().user.username, "google-g-1")

    def test_refuses_a_second_account_at_the_same_provider(self):
        self.assertEqual(self.link().status_code, 200)
        FakeProvider.accounts["google"]["sub"] = "g-2"
        self.assertProblem(self.link(), 409, "provider_in_use")

    def test_answers_invalid_grant_for_a_bad_code(self):
        self.assertProblem(self.link(code="bad"), 400, "invalid_grant")
        self.assertFalse(SocialAccount.objects.exists())

    def test_unlinks_but_never_the_last_way_in(self):
        self.link()
        response = self.unlink()
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["providers"], ["password"])
        self.assertProblem(self.unlink(), 404, "not_found")
        social = self.exchange("kakao").json()["accessToken"]
        self.assertProblem(self.unlink("kakao", token=social), 409, "last_sign_in_method")
        self.assertTrue(SocialAccount.objects.filter(provider="kakao").exists())

    def test_both_are_step_up(self):
        self.link("naver")
        with later(301):
            self.assertProblem(self.link(), 401, "reauthentication_required")
            self.assertProblem(self.unlink("naver"), 401, "reauthentication_required")
        self.assertEqual(list(User.objects.get(username="demo").social_accounts.values_list("provider", flat=True)), ["naver"])
