from django.core.management.base import BaseCommand
from django.utils import timezone

from reel.throttling import purge_old_failures


class Command(BaseCommand):
    help = (
        "Deletes failed sign-ins older than the throttling window. Each failed sign-in already "
        "does this; run it after a quiet spell or before copying the database."
    )

    def handle(self, *args, **options):
        deleted = purge_old_failures(timezone.now())
        self.stdout.write(f"{deleted} old failed sign-ins deleted.")
