from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase, TransactionTestCase


class MigrationsTests(TestCase):
    def test_every_model_change_has_its_migration(self):
        # A model change without a migration passes every test on a fresh test database and
        # fails only where a real one is migrated: the production stack.
        out = StringIO()
        try:
            call_command("makemigrations", "reel", check=True, dry_run=True, stdout=out)
        except SystemExit:
            self.fail(f"models and migrations differ:\n{out.getvalue()}")


class PasskeyUserHandleMigrationTests(TransactionTestCase):
    BEFORE = [("reel", "0006_passkeys")]
    AFTER = [("reel", "0007_passkey_user_handle")]

    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def test_gives_each_existing_user_a_random_handle_of_their_own(self):
        old = self.migrate(self.BEFORE)
        for name in ("first", "second"):
            old.get_model("reel", "User").objects.create(username=name, public_id=f"u_{name}")
        new = self.migrate(self.AFTER)
        handles = list(new.get_model("reel", "User").objects.values_list("passkey_user_handle", flat=True))
        self.assertEqual(len(set(handles)), 2)
        self.assertTrue(all(len(handle) == 43 and "first" not in handle and "second" not in handle for handle in handles))
