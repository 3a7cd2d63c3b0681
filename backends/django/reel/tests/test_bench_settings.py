from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import SimpleTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from reel.models import Session, User
from reel.problems import AccessTokenRejected
from reel.tests.helpers import ApiTestCase
from reel.tests.test_settings import SettingsProcessTestCase
from reel_server.bench_authentication import BENCH_SETTINGS_MODULE, SessionUncheckedJWTAuthentication

BENCH = {"DJANGO_SETTINGS_MODULE": "reel_server.bench_settings"}


class BenchSettingsTests(SettingsProcessTestCase):
    """The benchmark's settings let revoked sessions' tokens through: they must never serve production."""

    def test_refuse_to_load_where_production_is_on(self):
        self.assertRefused({**self.production, **BENCH}, "REEL_PRODUCTION=1")

    def test_switch_off_only_the_session_check(self):
        development = {key: value for key, value in self.production.items() if key != "REEL_PRODUCTION"}
        classes = self.setting({**development, **BENCH}, "settings.REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES']")
        self.assertEqual(classes, "['reel_server.bench_authentication.SessionUncheckedJWTAuthentication']")


class BenchAuthenticationTests(SimpleTestCase):
    def test_refuses_to_work_under_the_real_settings(self):
        with self.assertRaises(ImproperlyConfigured):
            SessionUncheckedJWTAuthentication()


@override_settings(SETTINGS_MODULE=BENCH_SETTINGS_MODULE)
class BenchAuthenticationCostTests(ApiTestCase):
    """The benchmark's baseline: the real check's work but the session, so the two compare."""

    def setUp(self):
        super().setUp()
        token = self.login().json()["accessToken"]
        self.request = APIRequestFactory().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}")

    def test_loads_the_user_as_the_orm_would_in_one_query_and_asks_nothing_of_the_session(self):
        Session.objects.update(revoked_reason="logout", revoked_at=Session.objects.get().created_at)
        with CaptureQueriesContext(connection) as queries:
            user, _ = SessionUncheckedJWTAuthentication().authenticate(self.request)
        stored = User.objects.get(username="demo")
        fields = User._meta.concrete_fields
        self.assertEqual(
            {field.attname: getattr(user, field.attname) for field in fields},
            {field.attname: getattr(stored, field.attname) for field in fields},
        )
        self.assertEqual(len(queries), 1)
        self.assertNotIn("reel_session", queries[0]["sql"])

    def test_an_inactive_user_is_refused(self):
        User.objects.filter(username="demo").update(is_active=False)
        with self.assertRaises(AccessTokenRejected):
            SessionUncheckedJWTAuthentication().authenticate(self.request)
