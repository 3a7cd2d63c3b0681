from io import StringIO

from django.core.management import call_command
from django.test import TestCase


class MigrationsTests(TestCase):
    def test_every_model_change_has_its_migration(self):
        # A model change without a migration passes every test on a fresh test database and
        # fails only where a real one is migrated: the production stack.
        out = StringIO()
        try:
            call_command("makemigrations", "reel", check=True, dry_run=True, stdout=out)
        except SystemExit:
            self.fail(f"models and migrations differ:\n{out.getvalue()}")
