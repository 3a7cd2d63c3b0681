"""Contract v1.2: a provider's email never links an account; its owner links it with a link token."""
from datetime import timedelta
from unittest import mock

from django.utils import timezone

from reel.models import LinkToken, Session, SocialAccount, User
from reel.oauth import link_with_token
from reel.tests.fake_providers import FakeProvider, FakeProviderTestCase

DEMO_EMAIL = "demo@reel.example"
ALICE = {"username": "alice", "password": "alice-password-1"}


class LinkingTests(FakeProviderTestCase):
    def claim_email(self, provider, email):
        """The fake provider's account now says its email is `email`."""
        account = FakeProvider.accounts[provider]
        where = {"google": lambda: account, "kakao": lambda: account["kakao_account"], "naver": lambda: account["response"]}
        where[provider]()["email"] = email

    def link_token(self, provider="naver", email="alice@reel.example"):
        self.claim_email(provider, email)
        response = self.exchange(provider, verifier=None if provider == "naver" else "v" * 43)
        self.assertProblem(response, 409, "account_exists")
        return response.json()["linkToken"]

    def login_with(self, link_token, username="alice", password="alice-password-1", **extra):
        body = {"username": username, "password": password, "linkToken": link_token}
        return self.post("/api/auth/login", body, **extra)

    def test_answers_409_for_a_provider_account_with_an_existing_email_and_signs_no_one_in(self):
        for provider in ("google", "kakao", "naver"):
            with self.subTest(provider=provider):
                self.claim_email(provider, DEMO_EMAIL.upper())
                response = self.exchange(provider, verifier=None if provider == "naver" else "v" * 43)
                self.assertProblem(response, 409, "account_exists")
                body = response.json()
                self.assertEqual((body["provider"], body["email"]), (provider, DEMO_EMAIL.upper()))
                self.assertGreaterEqual(len(body["linkToken"]), 22)
                self.assertEqual(response["Cache-Control"], "no-store")
                self.assertNotIn("Set-Cookie", response)
        self.assertFalse(Session.objects.exists())
        self.assertFalse(SocialAccount.objects.exists())
        self.assertEqual(User.objects.count(), 2)

    def test_answers_409_even_when_the_provider_did_not_vouch_for_the_email(self):
        FakeProvider.accounts["google"]["email_verified"] = False
        self.link_token("google", DEMO_EMAIL)

    def test_keeps_only_a_hash_of_the_token_bound_to_the_account_and_the_provider_account(self):
        raw = self.link_token()
        stored = LinkToken.objects.get()
        self.assertNotIn(raw, stored.token_hash)
        self.assertEqual((stored.user.username, stored.provider, stored.subject), ("alice", "naver", "nv_1"))
        self.assertAlmostEqual(stored.expires_at, timezone.now() + timedelta(minutes=10), delta=timedelta(seconds=5))

    def test_links_the_provider_on_a_sign_in_to_the_account_the_token_names(self):
        response = self.login_with(self.link_token())
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["user"]["providers"], ["password", "naver"])
        self.assertEqual(Session.objects.get().provider, "password")
        again = self.exchange("naver", verifier=None)
        self.assertEqual(again.status_code, 200, again.content)
        self.assertEqual(again.json()["user"]["id"], "u_alice")

    def test_spends_the_token_so_it_links_once(self):
        token = self.link_token()
        self.assertEqual(self.login_with(token).status_code, 200)
        response = self.login_with(token)
        self.assertProblem(response, 400, "link_invalid")
        self.assertNotIn("Set-Cookie", response)
        self.assertEqual(Session.objects.count(), 1)

    def test_refuses_a_token_for_another_account_and_leaves_it_to_that_account(self):
        token = self.link_token()
        response = self.login_with(token, username="demo", password="demo-password-1")
        self.assertProblem(response, 400, "link_invalid")
        self.assertNotIn("Set-Cookie", response)
        self.assertFalse(Session.objects.exists())
        self.assertEqual(self.login_with(token).status_code, 200)

    def test_keeps_the_token_through_a_wrong_password(self):
        token = self.link_token()
        self.assertProblem(self.login_with(token, password="not-the-password"), 401, "invalid_credentials")
        self.assertEqual(self.login_with(token).json()["user"]["providers"], ["password", "naver"])

    def test_refuses_an_expired_token(self):
        token = self.link_token()
        later = timezone.now() + timedelta(minutes=10, seconds=1)
        with mock.patch("reel.oauth.timezone.now", return_value=later):
            self.assertProblem(self.login_with(token), 400, "link_invalid")
        self.assertFalse(SocialAccount.objects.exists())

    def test_sweeps_expired_tokens_when_a_new_one_is_made(self):
        self.link_token()
        LinkToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        self.link_token()
        self.assertEqual(LinkToken.objects.count(), 1)

    def test_refuses_a_token_whose_provider_account_has_become_another_users(self):
        token = self.link_token()
        SocialAccount.objects.create(user=User.objects.get(username="demo"), provider="naver", subject="nv_1")
        self.assertProblem(self.login_with(token), 400, "link_invalid")

    def test_lets_only_one_use_of_a_token_link(self):
        token = self.link_token()
        alice = User.objects.get(username="alice")
        self.assertTrue(link_with_token(token, alice))
        self.assertFalse(link_with_token(token, alice))

    def test_answers_link_invalid_for_an_unknown_token(self):
        self.assertProblem(self.login_with("A" * 43), 400, "link_invalid")

    def test_answers_validation_failed_for_a_token_that_is_not_a_nonempty_string(self):
        for token in (42, "", "x" * 129):
            with self.subTest(token=token):
                self.assertProblem(self.login_with(token), 400, "validation_failed")


class EmailVerificationTests(FakeProviderTestCase):
    """A new account's email is verified only when its provider attests it."""

    def email_verified_after_sign_in(self, provider):
        response = self.exchange(provider, verifier=None if provider == "naver" else "v" * 43)
        self.assertEqual(response.status_code, 200, response.content)
        return User.objects.get(public_id=response.json()["user"]["id"]).email_verified

    def test_google_by_email_verified(self):
        self.assertTrue(self.email_verified_after_sign_in("google"))
        FakeProvider.accounts["google"].update(sub="g-2", email="other@mail.example", email_verified=False)
        self.assertFalse(self.email_verified_after_sign_in("google"))

    def test_kakao_only_when_the_email_is_both_verified_and_valid(self):
        cases = [(True, True, True), (False, True, False), (True, False, False), (True, None, False)]
        for index, (verified, valid, expected) in enumerate(cases):
            with self.subTest(verified=verified, valid=valid):
                FakeProvider.accounts["kakao"]["id"] = 1000 + index
                account = FakeProvider.accounts["kakao"]["kakao_account"]
                account.update(email=f"k{index}@kakao.example", is_email_verified=verified)
                if valid is None:
                    account.pop("is_email_valid", None)
                else:
                    account["is_email_valid"] = valid
                self.assertIs(self.email_verified_after_sign_in("kakao"), expected)

    def test_naver_never(self):
        self.assertFalse(self.email_verified_after_sign_in("naver"))


class UserFieldsTests(FakeProviderTestCase):
    def test_a_password_account_has_a_password_and_no_passkeys(self):
        user = self.login().json()["user"]
        self.assertEqual((user["hasPassword"], user["passkeys"]), (True, 0))

    def test_an_account_made_by_a_provider_has_no_password(self):
        user = self.exchange("google").json()["user"]
        self.assertEqual((user["hasPassword"], user["passkeys"], user["providers"]), (False, 0, ["google"]))
