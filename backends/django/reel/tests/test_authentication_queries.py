from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from reel.authentication import SessionBoundJWTAuthentication
from reel.models import Session
from reel.problems import AccessTokenRejected
from reel.tests.helpers import ApiTestCase


class SessionCheckCostTests(ApiTestCase):
    """Every authenticated request pays for the session check, so it must stay one round trip."""

    def setUp(self):
        super().setUp()
        token = self.login().json()["accessToken"]
        self.request = APIRequestFactory().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}")

    def authenticate(self):
        with CaptureQueriesContext(connection) as queries:
            result = SessionBoundJWTAuthentication().authenticate(self.request)
        return result, len(queries)

    def test_checks_the_session_and_loads_its_user_in_one_query(self):
        (user, _), queries = self.authenticate()
        self.assertEqual(user.username, "demo")
        self.assertEqual(self.request.reel_session.user_id, user.pk)
        self.assertEqual(queries, 1)

    def test_a_revoked_session_is_refused_by_that_one_query(self):
        Session.objects.update(revoked_reason="logout", revoked_at=Session.objects.get().created_at)
        with CaptureQueriesContext(connection) as queries, self.assertRaises(AccessTokenRejected):
            SessionBoundJWTAuthentication().authenticate(self.request)
        self.assertEqual(len(queries), 1)
