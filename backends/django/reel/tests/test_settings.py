"""The settings as a server process reads them: each case starts `manage.py` in its own environment."""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import SimpleTestCase

BACKEND_DIR = Path(__file__).resolve().parents[2]
# Only what a process needs to run; none of the REEL_* or DATABASE_URL of the shell running tests.
BASE_ENV = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "SYSTEMROOT") if name in os.environ}
BASE_ENV["PYTHONWARNINGS"] = "ignore::RuntimeWarning"


class SettingsProcessTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scratch = tempfile.TemporaryDirectory()
        key_file = Path(cls.scratch.name) / "signing-key.pem"
        key_file.write_bytes(
            ec.generate_private_key(ec.SECP256R1()).private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        cls.production = {
            "REEL_PRODUCTION": "1",
            "DATABASE_URL": f"sqlite:///{Path(cls.scratch.name) / 'db.sqlite3'}",
            "DJANGO_SECRET_KEY": "k7Qw-production-secret-for-tests-only-3f9a8b7c6d5e4f3a2b1c",
            "REEL_SIGNING_KEY_FILE": str(key_file),
            "REEL_PUBLIC_ORIGIN": "https://127.0.0.1:8443",
            "REEL_ALLOWED_HOSTS": "127.0.0.1",
            "REEL_TRUSTED_PROXIES": "127.0.0.1",
        }

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()
        super().tearDownClass()

    def manage(self, env, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BACKEND_DIR,
            env={**BASE_ENV, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )

    def setting(self, env, expression):
        """The value of `expression` (over django.conf.settings) in a process started with `env`."""
        result = self.manage(env, "shell", "-c", f"from django.conf import settings; print({expression})")
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def assertRefused(self, env, *names):
        result = self.manage(env, "check")
        self.assertNotEqual(result.returncode, 0, result.stdout)
        message = result.stderr.strip().splitlines()
        self.assertIn("ImproperlyConfigured: Reel refuses to start", "\n".join(message))
        for name in names:
            self.assertIn(name, result.stderr)


class ProductionSettingsTests(SettingsProcessTestCase):
    def test_starts_with_everything_production_needs(self):
        result = self.manage(self.production, "check")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_refuses_to_start_without_each_setting_production_needs(self):
        for name in ("DATABASE_URL", "DJANGO_SECRET_KEY", "REEL_SIGNING_KEY_FILE", "REEL_PUBLIC_ORIGIN", "REEL_ALLOWED_HOSTS"):
            with self.subTest(name):
                env = {key: value for key, value in self.production.items() if key != name}
                self.assertRefused(env, f"{name} must be set when REEL_PRODUCTION=1")

    def test_names_every_missing_setting_at_once(self):
        self.assertRefused({"REEL_PRODUCTION": "1"}, "DATABASE_URL", "DJANGO_SECRET_KEY", "REEL_PUBLIC_ORIGIN")

    def test_refuses_what_production_must_not_have(self):
        cases = {
            "DJANGO_SECRET_KEY": "short",
            "REEL_PUBLIC_ORIGIN": "http://127.0.0.1:8080",
            "REEL_ALLOWED_HOSTS": "*",
            "REEL_DEBUG": "1",
            "REEL_TEST_RESET": "1",
        }
        for name, value in cases.items():
            with self.subTest(name):
                self.assertRefused({**self.production, name: value}, name)

    def test_passes_the_deployment_checks_at_warning_level(self):
        result = self.manage(self.production, "check", "--deploy", "--fail-level", "WARNING")
        self.assertEqual(result.returncode, 0, result.stderr)


class MalformedSettingsTests(SettingsProcessTestCase):
    """Refused in development too: a typo must not quietly mean the default."""

    def test_refuses_malformed_values_naming_the_setting(self):
        cases = {
            "REEL_PRODUCTION": "yes",
            "REEL_DB_CONN_MAX_AGE": "a minute",
            "REEL_ACCESS_TOKEN_TTL_SEC": "0",
            "REEL_TRUSTED_PROXIES": "127.0.0.1,10.0.0.300",
            "REEL_PUBLIC_ORIGIN": "https://reel.example/",
            "REEL_APP_ORIGINS": "localhost:5173",
            "REEL_ALLOWED_HOSTS": "https://reel.example",
            "DATABASE_URL": "mysql://reel@localhost/reel",
            "REEL_GOOGLE_TOKEN_URL": "oauth2.googleapis.com/token",
            "REEL_SIGNING_KEY_FILE": "/nonexistent/reel-signing-key.pem",
            "REEL_TRUST_X_FORWARDED_FOR": "1",
        }
        for name, value in cases.items():
            with self.subTest(name):
                self.assertRefused({name: value}, name)

    def test_starts_with_nothing_configured(self):
        result = self.manage({}, "check")
        self.assertEqual(result.returncode, 0, result.stderr)


class DatabaseConnectionSettingsTests(SettingsProcessTestCase):
    def test_keeps_database_connections_for_a_minute_by_default(self):
        self.assertEqual(self.setting({}, "settings.DATABASES['default']['CONN_MAX_AGE']"), "60")

    def test_takes_the_connection_age_from_the_environment(self):
        self.assertEqual(self.setting({"REEL_DB_CONN_MAX_AGE": "0"}, "settings.DATABASES['default']['CONN_MAX_AGE']"), "0")

    def test_reads_a_postgres_database_url(self):
        database = self.setting(
            {"DATABASE_URL": "postgres://reel:s%40cret@127.0.0.1:55432/reel"},
            "[settings.DATABASES['default'][key] for key in ('ENGINE', 'NAME', 'USER', 'PASSWORD', 'HOST', 'PORT')]",
        )
        self.assertEqual(
            database, "['django.db.backends.postgresql', 'reel', 'reel', 's@cret', '127.0.0.1', '55432']"
        )

    def test_reads_trusted_proxies_as_networks(self):
        proxies = self.setting({"REEL_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"}, "[str(n) for n in settings.REEL['TRUSTED_PROXIES']]")
        self.assertEqual(proxies, "['127.0.0.1/32', '10.0.0.0/8']")
