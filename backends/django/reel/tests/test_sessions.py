from datetime import timedelta

from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from reel.models import Session
from reel.tests.helpers import ApiTestCase


class RefreshTests(ApiTestCase):
    def test_stores_only_the_hash_of_a_refresh_token(self):
        raw, _ = self.refresh_cookie(self.login())
        stored = OutstandingToken.objects.get()
        self.assertNotIn(raw, (stored.jti, stored.token))

    def test_rotates_and_revokes_the_family_when_a_rotated_token_comes_back(self):
        first, _ = self.refresh_cookie(self.login())
        second, _ = self.refresh_cookie(self.post("/api/auth/refresh", refresh_token=first))
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=first), 401, "refresh_reused")
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=second), 401, "session_revoked")
        self.assertEqual(Session.objects.get().revoked_reason, "reuse")

    def test_counts_max_age_down_and_keeps_session_expires_at(self):
        login = self.login()
        raw, cookie = self.refresh_cookie(login)
        self.assertEqual(cookie["max-age"], str(14 * 24 * 3600))
        Session.objects.update(expires_at=timezone.now() + timedelta(hours=1))
        refreshed = self.post("/api/auth/refresh", refresh_token=raw)
        self.assertLessEqual(int(self.refresh_cookie(refreshed)[1]["max-age"]), 3600)
        self.assertEqual(
            refreshed.json()["sessionExpiresAt"],
            Session.objects.get().expires_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        )

    def test_answers_refresh_expired_after_the_absolute_lifetime(self):
        raw, _ = self.refresh_cookie(self.login())
        Session.objects.update(expires_at=timezone.now())
        response = self.post("/api/auth/refresh", refresh_token=raw)
        self.assertProblem(response, 401, "refresh_expired")
        self.assertIn("Max-Age=0", response["Set-Cookie"])

    def test_answers_refresh_expired_after_three_idle_days(self):
        raw, _ = self.refresh_cookie(self.login())
        Session.objects.update(last_used_at=timezone.now() - timedelta(days=3))
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=raw), 401, "refresh_expired")

    def test_gives_a_browser_session_cookie_and_twelve_hours_without_remember(self):
        response = self.login(remember=False)
        _, cookie = self.refresh_cookie(response)
        self.assertEqual(cookie["max-age"], "")
        self.assertNotIn("expires", response["Set-Cookie"].lower())
        session = Session.objects.get()
        self.assertEqual(session.expires_at - session.created_at, timedelta(hours=12))

    def test_revokes_the_session_a_new_sign_in_replaces(self):
        raw, _ = self.refresh_cookie(self.login())
        self.post("/api/auth/login", {"username": "demo", "password": "demo-password-1"}, refresh_token=raw)
        self.assertEqual(Session.objects.filter(revoked_reason="replaced").count(), 1)

    def test_a_sign_in_with_an_already_rotated_cookie_replaces_no_session(self):
        first, _ = self.refresh_cookie(self.login())
        second, _ = self.refresh_cookie(self.post("/api/auth/refresh", refresh_token=first))
        self.post("/api/auth/login", {"username": "demo", "password": "demo-password-1"}, refresh_token=first)
        self.assertEqual(self.post("/api/auth/refresh", refresh_token=second).status_code, 200)


@override_settings(REEL={**settings.REEL, "REFRESH_REUSE_GRACE_SEC": 30})
class ReuseGraceTests(ApiTestCase):
    def rotate_once(self):
        first, _ = self.refresh_cookie(self.login())
        second, _ = self.refresh_cookie(self.post("/api/auth/refresh", refresh_token=first))
        return first, second

    def test_hands_a_retry_within_the_window_the_same_successor(self):
        first, second = self.rotate_once()
        retried = self.post("/api/auth/refresh", refresh_token=first)
        self.assertEqual(retried.status_code, 200)
        self.assertEqual(self.refresh_cookie(retried)[0], second)
        self.assertEqual(OutstandingToken.objects.count(), 2)
        self.assertEqual(self.post("/api/auth/refresh", refresh_token=second).status_code, 200)

    def test_revokes_once_the_successor_has_been_rotated_itself(self):
        first, second = self.rotate_once()
        self.post("/api/auth/refresh", refresh_token=second)
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=first), 401, "refresh_reused")
        self.assertEqual(Session.objects.get().revoked_reason, "reuse")

    def test_revokes_after_the_window(self):
        first, _ = self.rotate_once()
        BlacklistedToken.objects.update(blacklisted_at=timezone.now() - timedelta(seconds=31))
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=first), 401, "refresh_reused")


class SessionEndpointTests(ApiTestCase):
    def test_logout_others_keeps_only_the_callers_session(self):
        other = self.login().json()["accessToken"]
        mine = self.login().json()["accessToken"]
        response = self.post("/api/auth/logout-others", HTTP_AUTHORIZATION=f"Bearer {mine}")
        self.assertEqual(response.status_code, 204)
        self.assertProblem(self.get("/api/me", other), 401, "token_invalid")
        sessions = self.get("/api/auth/sessions", mine).json()
        self.assertEqual([session["current"] for session in sessions], [True])
        self.assertIn("expiresAt", sessions[0])

    def test_revoking_a_device_stops_its_access_token(self):
        other = self.login()
        mine = self.login().json()["accessToken"]
        response = self.client.delete(
            f"/api/auth/sessions/{Session.objects.order_by('created_at').first().pk}",
            HTTP_AUTHORIZATION=f"Bearer {mine}",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        self.assertEqual(response.status_code, 204)
        self.assertProblem(self.get("/api/me", other.json()["accessToken"]), 401, "token_invalid")


class RoutingTests(ApiTestCase):
    def test_answers_404_for_the_lab_and_the_test_reset_when_it_is_off(self):
        for path in ("/api/__lab/config", "/api/__lab/reset", "/api/__test__/reset"):
            with self.subTest(path=path):
                self.assertProblem(self.post(path, {}), 404, "not_found")

    def test_answers_405_with_allow_for_a_known_path(self):
        response = self.client.get("/api/auth/login")
        self.assertProblem(response, 405, "method_not_allowed")
        self.assertIn("POST", response["Allow"])
