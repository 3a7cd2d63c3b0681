import ipaddress

from django.conf import settings
from django.test import override_settings

from reel.tests.helpers import ApiTestCase

PROXY = "127.0.0.2"


def reel_settings(**changes):
    return override_settings(REEL={**settings.REEL, **changes})


def behind(*proxies):
    return reel_settings(TRUSTED_PROXIES=tuple(ipaddress.ip_network(proxy) for proxy in proxies))


class ClientAddressTests(ApiTestCase):
    def fail(self, peer, forwarded_for=None):
        extra = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
        return self.post("/api/auth/login", {"username": "demo", "password": "wrong"}, address=peer, **extra)

    def sign_in(self, peer, forwarded_for):
        body = {"username": "demo", "password": "demo-password-1"}
        return self.post("/api/auth/login", body, address=peer, HTTP_X_FORWARDED_FOR=forwarded_for)

    @behind(PROXY)
    def test_failures_of_one_client_never_lock_out_another_behind_the_same_trusted_proxy(self):
        for _ in range(5):
            self.assertEqual(self.fail(PROXY, "127.0.0.2").status_code, 401)
        self.assertEqual(self.sign_in(PROXY, "127.0.0.3").status_code, 200)

    @behind(PROXY)
    def test_counts_the_client_a_trusted_proxy_names(self):
        for _ in range(5):
            self.fail(PROXY, "198.51.100.7")
        self.assertProblem(self.sign_in(PROXY, "198.51.100.7"), 429, "too_many_attempts")

    @behind(PROXY)
    def test_ignores_the_x_forwarded_for_of_a_peer_it_does_not_trust(self):
        untrusted = "192.0.2.10"
        for attempt in range(5):
            self.fail(untrusted, f"198.51.100.{attempt}")
        self.assertProblem(self.sign_in(untrusted, "198.51.100.99"), 429, "too_many_attempts")

    @behind(PROXY)
    def test_ignores_a_forged_leftmost_entry(self):
        # The client wrote the first entry; the trusted proxy appended the address it saw.
        for attempt in range(5):
            self.fail(PROXY, f"10.9.9.{attempt}, 198.51.100.7")
        self.assertProblem(self.sign_in(PROXY, "10.9.9.99, 198.51.100.7"), 429, "too_many_attempts")

    @behind(PROXY, "10.0.0.0/8")
    def test_walks_past_every_trusted_hop_to_the_first_untrusted_one(self):
        for _ in range(5):
            self.fail(PROXY, "203.0.113.5, 198.51.100.7, 10.1.2.3")
        self.assertProblem(self.sign_in(PROXY, "198.51.100.7, 10.1.2.3"), 429, "too_many_attempts")
        self.assertEqual(self.sign_in(PROXY, "203.0.113.5, 10.1.2.3").status_code, 200)

    @behind(PROXY)
    def test_stops_at_an_entry_that_is_not_an_address(self):
        for _ in range(5):
            self.fail(PROXY, "198.51.100.7, unknown")
        # Counted against the proxy that passed the nonsense on, not against 198.51.100.7.
        self.assertEqual(self.sign_in(PROXY, "198.51.100.7").status_code, 200)
        self.assertProblem(self.sign_in(PROXY, "garbage"), 429, "too_many_attempts")


class PublicOriginTests(ApiTestCase):
    """The contract's Origin rule behind a proxy that ends TLS and forwards plain http."""

    def sign_in(self, peer, **headers):
        body = {"username": "demo", "password": "demo-password-1"}
        return self.post("/api/auth/login", body, address=peer, HTTP_HOST="localhost", **headers)

    @behind(PROXY)
    def test_accepts_the_https_origin_a_trusted_proxy_vouches_for(self):
        response = self.sign_in(PROXY, HTTP_ORIGIN="https://localhost", HTTP_X_FORWARDED_PROTO="https")
        self.assertEqual(response.status_code, 200, response.content)

    @behind(PROXY)
    def test_refuses_the_same_headers_from_a_peer_it_does_not_trust(self):
        response = self.sign_in("192.0.2.10", HTTP_ORIGIN="https://localhost", HTTP_X_FORWARDED_PROTO="https")
        self.assertProblem(response, 403, "csrf_check_failed")

    @behind(PROXY)
    def test_takes_the_host_a_trusted_proxy_forwards(self):
        response = self.sign_in(
            PROXY, HTTP_ORIGIN="https://127.0.0.1", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_HOST="127.0.0.1"
        )
        self.assertEqual(response.status_code, 200, response.content)

    @reel_settings(PUBLIC_ORIGIN="https://localhost:8443")
    def test_accepts_the_public_origin_whatever_the_request_says(self):
        # nginx's $host drops the port, and nothing here says the request came over TLS.
        response = self.sign_in("192.0.2.10", HTTP_ORIGIN="https://localhost:8443")
        self.assertEqual(response.status_code, 200, response.content)

    @reel_settings(PUBLIC_ORIGIN="https://localhost:8443")
    def test_with_a_public_origin_refuses_the_origin_made_of_the_host_header(self):
        response = self.sign_in("192.0.2.10", HTTP_ORIGIN="http://localhost")
        self.assertProblem(response, 403, "csrf_check_failed")

    @reel_settings(PUBLIC_ORIGIN="https://localhost:8443")
    def test_with_an_https_public_origin_the_request_is_secure(self):
        response = self.client.get("/api/nowhere", HTTP_HOST="localhost")
        self.assertTrue(response.wsgi_request.is_secure())
