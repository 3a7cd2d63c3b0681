from unittest import mock

from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from reel.authentication import SessionBoundJWTAuthentication
from reel.models import Passkey, Session, SocialAccount, User
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

    def test_the_session_and_user_are_as_the_orm_reads_them(self):
        (user, _), _ = self.authenticate()
        session = self.request.reel_session
        for instance, stored in [(session, Session.objects.get()), (user, User.objects.get(username="demo"))]:
            fields = type(instance)._meta.concrete_fields
            self.assertEqual(
                {field.attname: getattr(instance, field.attname) for field in fields},
                {field.attname: getattr(stored, field.attname) for field in fields},
            )
        self.assertIsNotNone(session.expires_at.tzinfo)
        self.assertIs(session.user, user)

    def test_a_revoked_session_is_refused_by_that_one_query(self):
        Session.objects.update(revoked_reason="logout", revoked_at=Session.objects.get().created_at)
        with CaptureQueriesContext(connection) as queries, self.assertRaises(AccessTokenRejected):
            SessionBoundJWTAuthentication().authenticate(self.request)
        self.assertEqual(len(queries), 1)


class MeCostTests(ApiTestCase):
    """`GET /api/me` is what every page load asks first: the session check and one query for the rest."""

    def setUp(self):
        super().setUp()
        self.token = self.login().json()["accessToken"]

    def me(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.get("/api/me", self.token)
        self.assertEqual(response.status_code, 200, response.content)
        return response.json(), len(queries)

    def test_costs_the_session_check_and_one_query_for_providers_and_passkeys(self):
        user = User.objects.get(username="demo")
        for provider, subject in [("kakao", "k-1"), ("google", "g-1")]:
            SocialAccount.objects.create(user=user, provider=provider, subject=subject)
        for credential in ["c-1", "c-2"]:
            Passkey.objects.create(
                user=user, credential_id=credential, public_key=b"", name=credential, created_at=user.date_joined
            )
        body, queries = self.me()
        self.assertEqual(body["providers"], ["password", "google", "kakao"])
        self.assertEqual(body["passkeys"], 2)
        self.assertEqual(queries, 2)

    def test_compiles_no_queryset(self):
        # Building and compiling a queryset cost several times PostgreSQL's answer.
        with mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("a queryset was compiled")):
            self.me()

    def test_a_user_with_no_provider_nor_passkey_costs_the_same(self):
        body, queries = self.me()
        self.assertEqual((body["providers"], body["passkeys"]), (["password"], 0))
        self.assertEqual(queries, 2)
