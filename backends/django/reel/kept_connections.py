"""
Kept database connections that died (the database restarted, a proxy dropped them) are dropped
before a request uses them, so the first request after a restart does not fail with a 503.
Django 4.1 does this itself with `CONN_HEALTH_CHECKS`, which the settings turn on; on the
Django 3.2 of Debian bookworm this module does the same, at the same price: one `SELECT 1` per
request that reuses a connection.
"""
import django
from django.core.signals import request_started
from django.db import connections


def drop_dead_kept_connections(**kwargs):
    for connection in connections.all():
        if connection.connection is not None and not connection.is_usable():
            connection.close()


def install():
    if django.VERSION < (4, 1):
        request_started.connect(drop_dead_kept_connections, dispatch_uid="reel-drop-dead-kept-connections")
