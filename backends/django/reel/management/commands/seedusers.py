from django.core.management.base import BaseCommand

from reel.seed import SEED_USERS, seed_users


class Command(BaseCommand):
    help = "Creates the demo accounts (demo, alice) with their documented passwords."

    def handle(self, *args, **options):
        seed_users()
        self.stdout.write(", ".join(seed["username"] for seed in SEED_USERS) + " are ready.")
