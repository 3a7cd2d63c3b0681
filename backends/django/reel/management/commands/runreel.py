from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrates the database, creates the demo accounts and serves the API."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host, port, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seedusers")
        # Django's threaded development server: enough for a laptop and the test suites; in
        # production run reel_server.wsgi under gunicorn or uWSGI instead.
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
