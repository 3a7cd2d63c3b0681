from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from reel.models import LoginFailure
from reel.tests.helpers import ApiTestCase


class ThrottlingTests(ApiTestCase):
    def fail(self, address, username="demo"):
        return self.post("/api/auth/login", {"username": username, "password": "wrong"}, address=address)

    def test_refuses_a_pair_after_five_failures_even_with_the_right_password(self):
        for _ in range(5):
            self.assertEqual(self.fail("10.0.0.1").status_code, 401)
        refused = self.post("/api/auth/login", {"username": "demo", "password": "demo-password-1"}, address="10.0.0.1")
        self.assertProblem(refused, 429, "too_many_attempts")
        self.assertTrue(0 < int(refused["Retry-After"]) <= 900)

    def test_lets_the_same_username_in_from_another_address(self):
        for _ in range(5):
            self.fail("10.0.0.1")
        response = self.post("/api/auth/login", {"username": "demo", "password": "demo-password-1"}, address="10.0.0.2")
        self.assertEqual(response.status_code, 200)

    def test_refuses_a_username_from_every_address_after_fifty_failures(self):
        for attempt in range(50):
            self.assertEqual(self.fail(f"10.0.{attempt // 4}.{attempt % 4 + 1}").status_code, 401)
        self.assertProblem(self.fail("192.0.2.1"), 429, "too_many_attempts")
        # Another username is untouched.
        self.assertEqual(self.fail("192.0.2.1", username="alice").status_code, 401)


class FailurePurgeTests(ApiTestCase):
    def record_failure(self, username, age):
        LoginFailure.objects.create(username=username, address="192.0.2.1", at=timezone.now() - age)

    def test_a_failed_sign_in_forgets_every_failure_older_than_the_window(self):
        self.record_failure("sprayed-once", timedelta(minutes=16))
        self.record_failure("recent", timedelta(minutes=14))

        self.post("/api/auth/login", {"username": "demo", "password": "wrong"})
        self.assertEqual(
            sorted(LoginFailure.objects.values_list("username", flat=True)), ["demo", "recent"]
        )

    def test_purgeloginfailures_deletes_only_failures_older_than_the_window(self):
        self.record_failure("old", timedelta(minutes=16))
        self.record_failure("recent", timedelta(minutes=14))
        output = StringIO()

        call_command("purgeloginfailures", stdout=output)
        self.assertEqual(list(LoginFailure.objects.values_list("username", flat=True)), ["recent"])
        self.assertEqual(output.getvalue().strip(), "1 old failed sign-ins deleted.")
