import json
import re
import socket

from django.conf import settings
from django.test import SimpleTestCase
from gunicorn import util
from gunicorn.config import Config

from reel_server import gunicorn_conf


class GunicornErrorTests(SimpleTestCase):
    def test_gunicorn_answers_its_own_errors_as_problems(self):
        self.assertIs(util.write_error, gunicorn_conf.write_problem)
        server, client = socket.socketpair()
        with server, client:
            util.write_error(server, 400, "Bad Request", "Invalid request line 'GARBAGE'")
            server.shutdown(socket.SHUT_WR)
            answer = b"".join(iter(lambda: client.recv(4096), b""))
        head, body = answer.split(b"\r\n\r\n", 1)
        self.assertIn(b"Content-Type: application/problem+json", head)
        self.assertEqual(json.loads(body)["code"], "bad_request")
        self.assertNotIn(b"GARBAGE", answer)


class KeepAliveTests(SimpleTestCase):
    def test_instances_keep_an_idle_connection_longer_than_nginx_does(self):
        # Whoever closes an idle connection first must be nginx: a request it sends on a
        # connection the instance is closing would fail.
        snippet = (settings.BASE_DIR.parent.parent / "docs" / "deploy" / "nginx.conf").read_text()
        nginx_idle = re.search(r"^\s*keepalive_timeout (\d+)s;", snippet, re.MULTILINE)
        self.assertIsNotNone(nginx_idle, "the nginx snippet keeps upstream connections for a set time")
        instance_idle = getattr(gunicorn_conf, "keepalive", Config().keepalive)  # else gunicorn's default
        self.assertGreater(instance_idle, int(nginx_idle.group(1)))
