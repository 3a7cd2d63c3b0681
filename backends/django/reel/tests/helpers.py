import json
from datetime import timedelta
from http.cookies import SimpleCookie
from unittest import mock

from django.utils import timezone

from django.test import TestCase

from reel.cookies import REFRESH_COOKIE
from reel.seed import seed_users

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


class ApiTestCase(TestCase):
    """Requests as the SPA sends them, with the refresh cookie handled by hand like a browser."""

    def setUp(self):
        seed_users()

    def post(self, path, body=None, refresh_token=None, address="127.0.0.1", **extra):
        kwargs = {**XHR, "REMOTE_ADDR": address, **extra}
        if refresh_token is not None:
            kwargs["HTTP_COOKIE"] = f"{REFRESH_COOKIE}={refresh_token}"
        data = "" if body is None else json.dumps(body)
        return self.client.post(path, data, content_type="application/json", **kwargs)

    def get(self, path, token):
        return self.client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")

    def login(self, username="demo", password="demo-password-1", **body):
        response = self.post("/api/auth/login", {"username": username, "password": password, **body})
        self.assertEqual(response.status_code, 200, response.content)
        return response

    @staticmethod
    def refresh_cookie(response):
        cookie = SimpleCookie(response["Set-Cookie"])[REFRESH_COOKIE]
        return cookie.value, cookie

    def assertProblem(self, response, status, code):
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertEqual(response.json()["code"], code)


def later(seconds):
    """
    Django's clock moved `seconds` ahead (the patch reaches every module's `timezone.now`): a
    sign-in that old, whose access tokens, judged by PyJWT's own clock, are still valid.
    """
    return mock.patch("reel.step_up.timezone.now", return_value=timezone.now() + timedelta(seconds=seconds))
