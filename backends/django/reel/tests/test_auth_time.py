"""Contract v1.2: access tokens say when and how the user last proved who they are."""
import time
from datetime import timedelta
from unittest import mock

import jwt
from django.utils import timezone

from reel.models import Session
from reel.tests.fake_providers import FakeProviderTestCase


def claims_of(response):
    return jwt.decode(response.json()["accessToken"], options={"verify_signature": False})


class AuthTimeTests(FakeProviderTestCase):
    def test_a_password_sign_in_stamps_its_time_and_pwd(self):
        before = int(time.time())
        claims = claims_of(self.login())
        self.assertEqual(claims["amr"], ["pwd"])
        self.assertGreaterEqual(claims["auth_time"], before)
        self.assertLessEqual(claims["auth_time"], int(time.time()))
        self.assertEqual(claims["auth_time"], int(Session.objects.get().auth_time.timestamp()))

    def test_a_social_sign_in_says_social(self):
        self.assertEqual(claims_of(self.exchange("google"))["amr"], ["social"])

    def test_a_refresh_copies_the_auth_time_unchanged(self):
        login = self.login()
        earlier = Session.objects.get().auth_time - timedelta(minutes=7)
        Session.objects.update(auth_time=earlier)
        refreshed = self.post("/api/auth/refresh", refresh_token=self.refresh_cookie(login)[0])
        self.assertEqual(refreshed.status_code, 200, refreshed.content)
        claims = claims_of(refreshed)
        self.assertEqual(claims["auth_time"], int(earlier.timestamp()))
        self.assertEqual(claims["amr"], ["pwd"])

    def test_a_sign_in_token_is_issued_at_its_auth_time_even_across_a_second_boundary(self):
        # The sign-in is stamped as a second ends, the token made in the next: they must agree.
        edge = timezone.now().replace(microsecond=999_999) - timedelta(seconds=1)
        with mock.patch("reel.sessions.timezone.now", return_value=edge):
            claims = claims_of(self.login())
        self.assertEqual(claims["auth_time"], claims["iat"])
        self.assertEqual(claims["exp"] - claims["iat"], 300)
