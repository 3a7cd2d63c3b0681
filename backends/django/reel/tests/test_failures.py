import io
import logging
import socket
from unittest import mock

from django.core.signals import request_started
from django.db import OperationalError, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings

from reel.kept_connections import drop_dead_kept_connections
from reel.tests.helpers import ApiTestCase


def database_down():
    """Every query fails as it does while PostgreSQL is stopped or unreachable."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError('connection to server at "127.0.0.1", port 55432 failed: Connection refused'),
    )


@override_settings(ROOT_URLCONF="reel.tests.plain_views_urls")
class DatabaseDownTests(ApiTestCase):
    def assertUnavailable(self, response):
        self.assertProblem(response, 503, "service_unavailable")
        self.assertEqual(response["Retry-After"], "5")
        self.assertNotIn("55432", response.content.decode())

    def test_every_endpoint_that_needs_the_database_answers_503(self):
        login = self.login()
        token = login.json()["accessToken"]
        refresh_token, _ = self.refresh_cookie(login)
        with database_down():
            self.assertUnavailable(self.post("/api/auth/login", {"username": "demo", "password": "demo-password-1"}))
            self.assertUnavailable(self.post("/api/auth/refresh", refresh_token=refresh_token))
            self.assertUnavailable(self.post("/api/auth/logout", refresh_token=refresh_token))
            self.assertUnavailable(self.get("/api/me", token))
            self.assertUnavailable(self.get("/api/auth/sessions", token))
            self.assertUnavailable(self.get("/api/movies", token))

    def test_a_view_outside_drf_answers_503_too(self):
        with database_down():
            self.assertUnavailable(self.client.get("/plain/users"))

    def test_a_refresh_the_database_fails_half_way_leaves_the_presented_token_current(self):
        # The database goes away after the rotation was written but before the answer was built:
        # the browser never got the successor, so its retry with the same token must not be reuse.
        refresh_token, _ = self.refresh_cookie(self.login())
        failure = OperationalError("server closed the connection unexpectedly")
        with mock.patch("reel.views.auth.token_response", side_effect=failure):
            self.assertUnavailable(self.post("/api/auth/refresh", refresh_token=refresh_token))
        retry = self.post("/api/auth/refresh", refresh_token=refresh_token)
        self.assertEqual(retry.status_code, 200, retry.content)

    def test_answers_again_once_the_database_is_back(self):
        with database_down():
            self.assertUnavailable(self.client.get("/plain/users"))
        self.assertEqual(self.login().status_code, 200)


@override_settings(ROOT_URLCONF="reel.tests.plain_views_urls")
class ErrorPageTests(ApiTestCase):
    def test_an_unexpected_error_is_a_500_problem_without_details(self):
        self.client.raise_request_exception = False
        response = self.client.get("/plain/explode")
        self.assertProblem(response, 500, "server_error")
        self.assertNotIn("a bug", response.content.decode())

    def test_an_unexpected_error_leaves_its_traceback_in_the_server_log(self):
        self.client.raise_request_exception = False
        log = io.StringIO()
        handlers = [h for h in logging.getLogger("django.request").handlers if isinstance(h, logging.StreamHandler)]
        streams = [handler.setStream(log) for handler in handlers]
        try:
            self.client.get("/plain/explode")
        finally:
            for handler, stream in zip(handlers, streams):
                handler.setStream(stream)
        self.assertIn("a bug", log.getvalue())

    def test_a_host_not_allowed_is_a_400_problem(self):
        self.assertProblem(self.client.get("/api/movies", HTTP_HOST="evil.example"), 400, "bad_request")

    def test_an_unknown_path_is_a_404_problem(self):
        self.assertProblem(self.client.get("/nowhere"), 404, "not_found")


class KeptConnectionTests(ApiTestCase):
    """A kept connection is a socket to PostgreSQL here: one end of a pair, the test the server."""

    def setUp(self):
        super().setUp()
        self.client_end, self.server_end = socket.socketpair()
        self.addCleanup(self.client_end.close)
        self.addCleanup(self.server_end.close)
        wrapper = type(connections["default"])
        patches = [
            mock.patch.object(connections["default"], "connection", self.client_end),
            mock.patch.object(wrapper, "is_usable", return_value=False),
            mock.patch.object(wrapper, "close"),
        ]
        _, self.is_usable, self.close = [patch.start() for patch in patches]
        for patch in patches:
            self.addCleanup(patch.stop)

    def test_a_connection_the_server_closed_is_dropped_before_a_request_uses_it(self):
        # What a restart or a terminated backend leaves: the FATAL message, then the end.
        self.server_end.sendall(b"E\x00\x00\x00\x05FATAL")
        self.server_end.close()
        drop_dead_kept_connections()
        self.close.assert_called_once()

    def test_a_quiet_connection_is_kept_without_a_round_trip(self):
        drop_dead_kept_connections()
        self.is_usable.assert_not_called()
        self.close.assert_not_called()

    def test_a_connection_that_only_had_a_notice_is_kept(self):
        self.server_end.sendall(b"N\x00\x00\x00\x05")
        self.is_usable.return_value = True
        drop_dead_kept_connections()
        self.is_usable.assert_called_once()
        self.close.assert_not_called()

    def test_runs_at_the_start_of_every_request(self):
        receivers = [receiver for receiver in request_started._live_receivers(None)]
        self.assertIn(drop_dead_kept_connections, receivers)
