"""
gunicorn settings for Reel: `gunicorn -c python:reel_server.gunicorn_conf reel_server.wsgi`.
Flags on the command line (--bind, --workers) override these.
"""
import json

from gunicorn import util

workers = 2
# Threads keep clients' connections alive, where sync closes each after its answer, and overlap
# one request's wait on the database with another's Python. `npm run bench -- stack` measured
# several times sync's rate on kept-alive connections, and about the same on a new connection per
# request. A sync worker needs `--threads 1` beside `--worker-class sync`, or gunicorn quietly
# makes it gthread again.
worker_class = "gthread"
threads = 4
# Seconds an idle kept-alive connection stays open. nginx keeps its connections to the instances
# (docs/deploy/nginx.conf) and closes them after 60 s idle; gunicorn must wait longer, since a
# request nginx sends on a connection gunicorn is closing fails (gunicorn's default is 2 s).
keepalive = 75
# Forwarded headers are Django's to judge (REEL_TRUSTED_PROXIES); gunicorn would otherwise
# believe X-Forwarded-Proto from 127.0.0.1 by itself.
forwarded_allow_ips = ""
# Settings are checked at import: load the app in the arbiter, so a bad environment stops
# gunicorn at once with Django's message rather than after each worker fails to boot.
preload_app = True
accesslog = "-"


def write_problem(sock, status_int, reason, mesg):
    """gunicorn's own error answers (a malformed request, an app that crashed) as problems, not HTML."""
    code = "bad_request" if status_int < 500 else "server_error"
    body = json.dumps(
        {"type": f"https://reel.example/problems/{code}", "title": reason, "status": status_int, "code": code}
    ).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/problem+json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode("latin-1")
    util.write_nonblock(sock, head + body)


util.write_error = write_problem
