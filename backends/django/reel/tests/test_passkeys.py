"""Contract v1.2: passkeys, verified with a software authenticator that can be made to lie."""
from datetime import timedelta
from unittest import mock

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from fido2.utils import websafe_decode

from reel.models import Passkey, PasskeyChallenge, Session, User
from reel.tests.helpers import ApiTestCase, later
from reel.tests.soft_authenticator import USER_PRESENT, USER_VERIFIED, SoftAuthenticator


class PasskeyTestCase(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.login().json()["accessToken"]

    def bearer(self, method, path, body=None, token=None):
        return getattr(self, method)(path, body, HTTP_AUTHORIZATION=f"Bearer {token or self.token}")

    def patch(self, path, body, **extra):
        return self.client.patch(path, body, content_type="application/json", HTTP_X_REQUESTED_WITH="XMLHttpRequest", **extra)

    def delete(self, path, body=None, **extra):
        return self.client.delete(path, HTTP_X_REQUESTED_WITH="XMLHttpRequest", **extra)

    def registration_options(self, token=None):
        response = self.bearer("post", "/api/auth/passkeys/registration-options", token=token)
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    def register(self, authenticator=None, token=None, name=None, **kwargs):
        authenticator = authenticator or SoftAuthenticator()
        body = {"credential": authenticator.register(self.registration_options(token), **kwargs)}
        if name is not None:
            body["name"] = name
        return authenticator, self.bearer("post", "/api/auth/passkeys", body, token=token)

    def registered(self, **kwargs):
        authenticator, response = self.register(**kwargs)
        self.assertEqual(response.status_code, 201, response.content)
        return authenticator, response.json()

    def request_options(self):
        response = self.post("/api/auth/passkey/options", {})
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    def passkey_login(self, authenticator, **kwargs):
        return self.post("/api/auth/passkey/login", {"credential": authenticator.sign(self.request_options(), **kwargs)})


class RegistrationTests(PasskeyTestCase):
    def test_offers_creation_options_for_a_discoverable_verified_credential(self):
        options = self.registration_options()
        self.assertEqual(options["rp"]["id"], "testserver")
        self.assertEqual(websafe_decode(options["user"]["id"]), websafe_decode(User.objects.get(username="demo").passkey_user_handle))
        self.assertGreaterEqual(len(websafe_decode(options["challenge"])), 16)
        self.assertEqual([param["alg"] for param in options["pubKeyCredParams"]], [-7, -257])
        self.assertEqual(options["authenticatorSelection"]["residentKey"], "required")
        self.assertEqual(options["authenticatorSelection"]["userVerification"], "required")
        self.assertEqual((options["excludeCredentials"], options["attestation"]), ([], "none"))

    def test_the_user_handle_is_random_and_says_nothing_of_the_account(self):
        handle = websafe_decode(self.registration_options()["user"]["id"])
        demo = User.objects.get(username="demo")
        self.assertEqual(len(handle), 32)
        for told in (demo.username, demo.public_id, demo.email, demo.display_name):
            self.assertNotIn(told.encode("utf-8"), handle)
        # The same account keeps its handle; another account, created alike, gets its own.
        self.assertEqual(websafe_decode(self.registration_options()["user"]["id"]), handle)
        alice = User.objects.get(username="alice")
        twin = User.objects.create_user(username="demo2", public_id="u_demo2")
        self.assertEqual(len({demo.passkey_user_handle, alice.passkey_user_handle, twin.passkey_user_handle}), 3)

    def test_registers_a_passkey_and_counts_it_on_the_user(self):
        authenticator, passkey = self.registered(name="Laptop")
        self.assertEqual(passkey["name"], "Laptop")
        self.assertTrue(passkey["backedUp"])
        self.assertIsNone(passkey["lastUsedAt"])
        self.assertEqual(self.get("/api/me", self.token).json()["passkeys"], 1)
        listed = self.get("/api/auth/passkeys", self.token).json()
        self.assertEqual([item["id"] for item in listed], [passkey["id"]])
        excluded = self.registration_options()["excludeCredentials"]
        self.assertEqual(websafe_decode(excluded[0]["id"]), authenticator.credential_id)

    def test_a_device_bound_passkey_is_not_backed_up(self):
        _, passkey = self.registered(flags=USER_PRESENT | USER_VERIFIED)
        self.assertFalse(passkey["backedUp"])

    def test_refuses_a_registration_without_user_verification(self):
        self.assertRefused(flags=USER_PRESENT)

    def test_refuses_another_origin_and_another_rp_id(self):
        self.assertRefused(origin="https://evil.example")
        self.assertRefused(rp_id="evil.example")

    def test_accepts_an_app_origin_and_the_public_origin(self):
        with override_settings(REEL={**settings.REEL, "APP_ORIGINS": ["http://localhost:5173"]}):
            self.registered(origin="http://localhost:5173")
        with override_settings(REEL={**settings.REEL, "PUBLIC_ORIGIN": "https://reel.example"}):
            self.registered(origin="https://reel.example", rp_id="reel.example")

    def test_refuses_an_unknown_a_used_and_an_expired_challenge(self):
        authenticator = SoftAuthenticator()
        forged = {"challenge": "A" * 43, "user": {"id": "dV9kZW1v"}}
        self.assertProblem(self.bearer("post", "/api/auth/passkeys", {"credential": authenticator.register(forged)}), 400, "passkey_invalid")
        options = self.registration_options()
        first = self.bearer("post", "/api/auth/passkeys", {"credential": authenticator.register(options)})
        self.assertEqual(first.status_code, 201, first.content)
        again = self.bearer("post", "/api/auth/passkeys", {"credential": SoftAuthenticator().register(options)})
        self.assertProblem(again, 400, "passkey_invalid")
        options = self.registration_options()
        PasskeyChallenge.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        expired = self.bearer("post", "/api/auth/passkeys", {"credential": SoftAuthenticator().register(options)})
        self.assertProblem(expired, 400, "passkey_invalid")
        self.assertEqual(Passkey.objects.count(), 1)

    def test_refuses_a_challenge_issued_to_another_user(self):
        alice = self.login("alice", "alice-password-1").json()["accessToken"]
        options = self.registration_options(token=alice)
        response = self.bearer("post", "/api/auth/passkeys", {"credential": SoftAuthenticator().register(options)})
        self.assertProblem(response, 400, "passkey_invalid")

    def test_refuses_a_credential_already_registered_to_another_user(self):
        authenticator, _ = self.registered()
        alice = self.login("alice", "alice-password-1").json()["accessToken"]
        _, response = self.register(authenticator, token=alice)
        self.assertProblem(response, 400, "passkey_invalid")
        self.assertEqual(Passkey.objects.get().user.username, "demo")

    def test_refuses_responses_that_do_not_parse(self):
        authenticator = SoftAuthenticator()
        good = authenticator.register(self.registration_options())
        broken = [
            {**good, "type": "other"},
            {**good, "rawId": "!!"},
            {**good, "id": "AAAA"},
            {**good, "response": {**good["response"], "attestationObject": "AAAA"}},
            {**good, "response": {**good["response"], "clientDataJSON": "e30"}},
            {**good, "response": "x"},
        ]
        for credential in broken:
            with self.subTest(credential=credential):
                self.assertProblem(self.bearer("post", "/api/auth/passkeys", {"credential": credential}), 400, "passkey_invalid")
        self.assertProblem(self.bearer("post", "/api/auth/passkeys", {"credential": "x"}), 400, "validation_failed")

    def test_is_step_up(self):
        with later(301):
            response = self.bearer("post", "/api/auth/passkeys/registration-options")
            self.assertProblem(response, 401, "reauthentication_required")
        options = self.registration_options()
        with later(301):
            response = self.bearer("post", "/api/auth/passkeys", {"credential": SoftAuthenticator().register(options)})
            self.assertProblem(response, 401, "reauthentication_required")
        self.assertFalse(Passkey.objects.exists())

    def assertRefused(self, **kwargs):
        _, response = self.register(**kwargs)
        self.assertProblem(response, 400, "passkey_invalid")
        self.assertFalse(Passkey.objects.exists())


class ManagementTests(PasskeyTestCase):
    def test_renames_and_deletes_only_the_callers_own(self):
        _, passkey = self.registered()
        path = f"/api/auth/passkeys/{passkey['id']}"
        auth = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}
        renamed = self.patch(path, {"name": "Phone"}, **auth)
        self.assertEqual(renamed.json()["name"], "Phone")
        self.assertProblem(self.patch(path, {"name": ""}, **auth), 400, "validation_failed")
        self.assertProblem(self.patch(path, {"name": "x" * 65}, **auth), 400, "validation_failed")
        alice = {"HTTP_AUTHORIZATION": f"Bearer {self.login('alice', 'alice-password-1').json()['accessToken']}"}
        self.assertProblem(self.patch(path, {"name": "Mine"}, **alice), 404, "not_found")
        self.assertProblem(self.delete(path, **alice), 404, "not_found")
        with later(301):
            self.assertProblem(self.delete(path, **auth), 401, "reauthentication_required")
        self.assertEqual(self.delete(path, **auth).status_code, 204)
        self.assertFalse(Passkey.objects.exists())

    def test_refuses_to_delete_the_last_way_in(self):
        _, passkey = self.registered()
        User.objects.filter(username="demo").update(password="!unusable")
        response = self.delete(f"/api/auth/passkeys/{passkey['id']}", HTTP_AUTHORIZATION=f"Bearer {self.token}")
        self.assertProblem(response, 409, "last_sign_in_method")
        self.assertTrue(Passkey.objects.exists())


class PasskeyLoginTests(PasskeyTestCase):
    def setUp(self):
        super().setUp()
        self.authenticator, self.passkey = self.registered()

    def test_offers_request_options_for_discoverable_credentials(self):
        options = self.request_options()
        self.assertEqual((options["rpId"], options["allowCredentials"], options["userVerification"]), ("testserver", [], "required"))
        self.assertGreaterEqual(len(websafe_decode(options["challenge"])), 16)

    def test_signs_in_with_a_new_passkey_session(self):
        response = self.passkey_login(self.authenticator)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertIn("Set-Cookie", response)
        claims = jwt.decode(response.json()["accessToken"], options={"verify_signature": False})
        self.assertEqual((claims["sub"], claims["amr"]), ("u_demo", ["passkey"]))
        self.assertEqual(Session.objects.get(pk=claims["sid"]).provider, "passkey")
        stored = Passkey.objects.get()
        self.assertEqual(stored.sign_count, self.authenticator.counter)
        self.assertIsNotNone(stored.last_used_at)

    def test_keeps_working_for_a_synced_passkey_whose_counter_stays_zero(self):
        synced, _ = self.registered(authenticator=SoftAuthenticator(counting=False))
        for _ in range(2):
            self.assertEqual(self.passkey_login(synced).status_code, 200)

    def test_refuses_a_counter_that_went_backwards(self):
        self.assertEqual(self.passkey_login(self.authenticator).status_code, 200)
        self.assertProblem(self.passkey_login(self.authenticator, counter=self.authenticator.counter), 401, "passkey_invalid")
        self.assertProblem(self.passkey_login(self.authenticator, counter=1), 401, "passkey_invalid")

    def test_refuses_a_bad_signature(self):
        other_key = ec.generate_private_key(ec.SECP256R1())
        self.assertRefused(self.passkey_login(self.authenticator, key=other_key))

    def test_refuses_an_assertion_without_user_verification(self):
        self.assertRefused(self.passkey_login(self.authenticator, flags=USER_PRESENT))

    def test_refuses_another_origin_and_another_rp_id(self):
        self.assertRefused(self.passkey_login(self.authenticator, origin="https://evil.example"))
        self.assertRefused(self.passkey_login(self.authenticator, rp_id="evil.example"))

    def test_refuses_an_unknown_credential(self):
        stranger = SoftAuthenticator()
        stranger.user_handle = self.authenticator.user_handle
        self.assertRefused(self.passkey_login(stranger))

    def test_refuses_a_user_handle_that_is_not_the_credentials_user(self):
        self.authenticator.user_handle = User.objects.get(username="alice").passkey_user_handle
        self.assertRefused(self.passkey_login(self.authenticator))

    def test_refuses_unknown_used_expired_and_registration_challenges(self):
        login = lambda options: self.post("/api/auth/passkey/login", {"credential": self.authenticator.sign(options)})
        self.assertRefused(login({"challenge": "A" * 43}))
        options = self.request_options()
        self.assertEqual(login(options).status_code, 200)
        self.assertRefused(login(options))
        options = self.request_options()
        with mock.patch("reel.passkeys.timezone.now", return_value=timezone.now() + timedelta(seconds=301)):
            self.assertRefused(login(options))
        self.assertRefused(login(self.registration_options()))

    def test_throttles_failures_per_client_address(self):
        other_key = ec.generate_private_key(ec.SECP256R1())
        for _ in range(5):
            self.assertRefused(self.passkey_login(self.authenticator, key=other_key))
        self.assertProblem(self.passkey_login(self.authenticator), 429, "too_many_attempts")
        response = self.post(
            "/api/auth/passkey/login", {"credential": self.authenticator.sign(self.request_options())}, address="10.0.0.2"
        )
        self.assertEqual(response.status_code, 200, response.content)

    def assertRefused(self, response):
        self.assertProblem(response, 401, "passkey_invalid")
        self.assertNotIn("Set-Cookie", response)


class PasskeyReauthenticationTests(PasskeyTestCase):
    def test_renews_auth_time_with_the_callers_own_passkey(self):
        authenticator, _ = self.registered()
        Session.objects.update(auth_time=timezone.now() - timedelta(minutes=10))
        credential = authenticator.sign(self.request_options())
        response = self.bearer("post", "/api/auth/reauthenticate", {"credential": credential})
        self.assertEqual(response.status_code, 200, response.content)
        claims = jwt.decode(response.json()["accessToken"], options={"verify_signature": False})
        self.assertEqual(claims["amr"], ["passkey"])
        self.assertAlmostEqual(Session.objects.get(pk=claims["sid"]).auth_time, timezone.now(), delta=timedelta(seconds=5))

    def test_refuses_a_passkey_of_another_user(self):
        alice = self.login("alice", "alice-password-1").json()["accessToken"]
        authenticator, _ = self.registered(token=alice)
        credential = authenticator.sign(self.request_options())
        response = self.bearer("post", "/api/auth/reauthenticate", {"credential": credential})
        self.assertProblem(response, 401, "passkey_invalid")

    def test_refuses_both_or_neither(self):
        self.assertProblem(self.bearer("post", "/api/auth/reauthenticate", {}), 400, "validation_failed")
        both = {"password": "demo-password-1", "credential": {}}
        self.assertProblem(self.bearer("post", "/api/auth/reauthenticate", both), 400, "validation_failed")
