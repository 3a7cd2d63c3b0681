import json
import socket

from django.test import SimpleTestCase
from gunicorn import util

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
