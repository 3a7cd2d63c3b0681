from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from reel.tests.test_settings import SettingsProcessTestCase
from reel_server.bench_authentication import SessionUncheckedJWTAuthentication

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
