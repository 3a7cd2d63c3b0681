import re
from unittest import mock

from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from reel.authentication import SessionBoundJWTAuthentication, session_check_sql
from reel.models import Passkey, Session, SocialAccount, User
from reel.problems import AccessTokenRejected
from reel.tests.helpers import ApiTestCase

# The session's columns a request reads: its id and user, and those `is_active` judges.
SESSION_COLUMNS_READ = {"id", "user_id", "last_used_at", "expires_at", "revoked_at"}


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

    def test_selects_of_the_session_only_its_id_user_and_liveness(self):
        select_list = session_check_sql().split(" FROM ")[0]
        self.assertEqual(set(re.findall(r'\bs\."(\w+)"', select_list)), SESSION_COLUMNS_READ)

    def test_the_session_and_user_are_as_the_orm_reads_them_with_the_rest_of_the_session_deferred(self):
        (user, _), _ = self.authenticate()
        session = self.request.reel_session
        stored_session = Session.objects.only(*SESSION_COLUMNS_READ).get()
        self.assertEqual(session.get_deferred_fields(), stored_session.get_deferred_fields())
        self.assertEqual(user.get_deferred_fields(), set())
        for instance, stored in [(session, stored_session), (user, User.objects.get(username="demo"))]:
            loaded = [field.attname for field in type(instance)._meta.concrete_fields if field.attname in vars(stored)]
            self.assertEqual(
                {attname: getattr(instance, attname) for attname in loaded},
                {attname: getattr(stored, attname) for attname in loaded},
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


class SessionReadersCostTests(ApiTestCase):
    """
    The session check leaves most of the session's columns deferred: a view that read one would
    fetch it with a query of its own on every request. None of the session's readers does.
    """

    def setUp(self):
        super().setUp()
        self.token = self.login().json()["accessToken"]
        self.login()  # another session, for the views that list or end the others
        self.bearer = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}

    def queries_of(self, send):
        """The queries of a successful request that fetched no deferred column of its session."""
        fetched = AssertionError("a deferred column of the session was fetched")
        with mock.patch.object(Session, "refresh_from_db", side_effect=fetched):
            with CaptureQueriesContext(connection) as queries:
                response = send()
        self.assertLess(response.status_code, 300, response.content)
        return len(queries)

    def test_listing_sessions_costs_the_session_check_and_one_query(self):
        self.assertEqual(self.queries_of(lambda: self.get("/api/auth/sessions", self.token)), 2)

    def test_ending_the_other_sessions_costs_the_session_check_and_one_update(self):
        self.assertEqual(self.queries_of(lambda: self.post("/api/auth/logout-others", **self.bearer)), 2)

    def test_reauthenticating_fetches_no_deferred_column(self):
        self.queries_of(lambda: self.post("/api/auth/reauthenticate", {"password": "demo-password-1"}, **self.bearer))

    def test_changing_the_password_fetches_no_deferred_column(self):
        body = {"currentPassword": "demo-password-1", "newPassword": "a-much-longer-secret"}
        self.queries_of(lambda: self.post("/api/me/password", body, **self.bearer))
