from django.apps import AppConfig


class ReelConfig(AppConfig):
    name = "reel"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reel import kept_connections

        kept_connections.install()
