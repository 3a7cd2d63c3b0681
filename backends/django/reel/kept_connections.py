"""
Kept database connections that died (the database restarted, a proxy dropped them) are dropped
before a request uses them, so the first request after a restart is served rather than a 503.

Django 4.1's `CONN_HEALTH_CHECKS` asks with a `SELECT 1` on every request that reuses a
connection: a round trip that doubled the database work of `GET /api/me`. This check costs
none. Between requests a kept connection is idle, and PostgreSQL sends nothing unasked on it
but for the reason it dies: a server shutting down or restarting, or a backend terminated,
writes its FATAL error and closes the socket, and a dead process's socket is closed by its
kernel. So a socket with something to read at the start of a request is the sign; only then is
the `SELECT 1` asked (a harmless notice passes it and the connection stays). A connection cut
without a word (a host gone, a firewall's silent drop) fails its request's first query with a
503, and Django closes it after that request, as it closes any that had errors.
"""
import select

from django.core.signals import request_started
from django.db import connections


def has_word_from_server(raw_connection):
    """Whether the idle connection's socket has something to read, asked without waiting."""
    fileno = getattr(raw_connection, "fileno", None)
    if fileno is None:
        return False  # SQLite: a file, not a server that can go away between requests
    poller = select.poll()
    poller.register(fileno(), select.POLLIN)
    return bool(poller.poll(0))


def drop_dead_kept_connections(**kwargs):
    for connection in connections.all():
        raw = connection.connection
        if raw is not None and has_word_from_server(raw) and not connection.is_usable():
            connection.close()


def install():
    request_started.connect(drop_dead_kept_connections, dispatch_uid="reel-drop-dead-kept-connections")
