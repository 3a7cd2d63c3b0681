from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError

from reel.models import User


class Command(BaseCommand):
    help = "Creates accounts for the benchmark (bench/scenarios/stack.ts) sharing one password; never on production."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--prefix", default="bench-")
        parser.add_argument("--password", required=True)

    def handle(self, *args, count, prefix, password, **options):
        # Many accounts with one known password would be an open door on a real server.
        if settings.PRODUCTION:
            raise CommandError("seedbenchusers creates accounts with a known password: not where REEL_PRODUCTION=1.")
        # One hash for all: each one costs the production hasher's 600,000 iterations.
        hashed = make_password(password)
        User.objects.bulk_create(
            [
                User(username=f"{prefix}{n}", display_name=f"Bench {n}", email=f"{prefix}{n}@reel.example", password=hashed)
                for n in range(count)
            ],
            ignore_conflicts=True,
        )
        self.stdout.write(f"{count} accounts {prefix}0…{prefix}{count - 1} are ready.")
