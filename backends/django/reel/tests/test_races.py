"""
Requests that race for one session on two instances. SQLite runs them one by one, so here the
other instance's request is made to land in the gap every refresh has: after it has read the
token and its session, before it writes. The stack's tests (e2e/stack-races.spec.ts) fire the
same races for real at two instances on PostgreSQL.
"""
from unittest import mock

from django.conf import settings
from django.test import override_settings

from reel import sessions
from reel.models import Session
from reel.tests.helpers import ApiTestCase


class InterleavedRefreshTests(ApiTestCase):
    def signed_in(self):
        response = self.login()
        return response.json()["accessToken"], self.refresh_cookie(response)[0]

    def refresh_with_another_request_in_the_gap(self, raw, other_request):
        """Refreshes `raw`; `other_request` runs once this refresh has read the token."""
        read = sessions.find_refresh_token
        pending = [other_request]

        def read_then_let_the_other_in(token):
            record = read(token)
            if pending:
                pending.pop()()
            return record

        with mock.patch("reel.sessions.find_refresh_token", side_effect=read_then_let_the_other_in):
            return self.post("/api/auth/refresh", refresh_token=raw)

    def test_a_refresh_that_loses_the_rotation_to_another_is_reuse_and_ends_the_family(self):
        _, raw = self.signed_in()
        other = []

        response = self.refresh_with_another_request_in_the_gap(raw, lambda: other.append(sessions.rotate(raw)))

        self.assertEqual(other[0].failure, "")
        self.assertProblem(response, 401, "refresh_reused")
        # The other's successor was the only one, and the reuse ended it: none lives.
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=other[0].refresh_token), 401, "session_revoked")

    @override_settings(REEL={**settings.REEL, "REFRESH_REUSE_GRACE_SEC": 30})
    def test_within_the_grace_window_both_get_the_one_successor_and_it_lives(self):
        _, raw = self.signed_in()
        other = []

        response = self.refresh_with_another_request_in_the_gap(raw, lambda: other.append(sessions.rotate(raw)))

        self.assertEqual(response.status_code, 200, response.content)
        successor = self.refresh_cookie(response)[0]
        self.assertEqual(successor, other[0].refresh_token)
        session = Session.objects.get()
        self.assertEqual(session.refresh_tokens.count(), 2)
        self.assertEqual(self.post("/api/auth/refresh", refresh_token=successor).status_code, 200)

    def test_a_sign_out_in_the_gap_of_a_refresh_leaves_nothing_of_the_session_alive(self):
        _, raw = self.signed_in()

        response = self.refresh_with_another_request_in_the_gap(
            raw, lambda: sessions.revoke_session_of_token(raw, "logout")
        )

        # The refresh read the session before the sign-out: it may still answer, but what it
        # hands out is dead, and the sign-out is not undone by the refresh's own write.
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(Session.objects.get().revoked_reason, "logout")
        successor = self.refresh_cookie(response)[0]
        self.assertProblem(self.post("/api/auth/refresh", refresh_token=successor), 401, "session_revoked")
        self.assertEqual(self.get("/api/me", response.json()["accessToken"]).status_code, 401)
