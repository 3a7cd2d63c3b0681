from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.test import override_settings

from reel.models import User
from reel.tests.helpers import ApiTestCase

# The settings' hashers, which the test runner swaps for a fast one everywhere else.
PRODUCTION_HASHERS = ["reel.hashers.ReelPBKDF2PasswordHasher"]


def iterations_of(encoded):
    algorithm, iterations, _salt, _hash = encoded.split("$")
    return algorithm, int(iterations)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
class PasswordHashingTests(ApiTestCase):
    def test_hashes_new_passwords_with_pbkdf2_sha256_at_600000_iterations(self):
        self.assertEqual(iterations_of(make_password("a-new-password-1")), ("pbkdf2_sha256", 600_000))

    def test_rehashes_an_older_hash_at_the_next_sign_in(self):
        # Django 3.2's own default: what accounts created before this hasher carry.
        older = PBKDF2PasswordHasher()
        older.iterations = 260_000
        User.objects.filter(username="demo").update(password=older.encode("demo-password-1", older.salt()))

        self.login()
        self.assertEqual(iterations_of(User.objects.get(username="demo").password), ("pbkdf2_sha256", 600_000))

    def test_keeps_the_older_hash_after_a_wrong_password(self):
        older = PBKDF2PasswordHasher()
        older.iterations = 260_000
        encoded = older.encode("demo-password-1", older.salt())
        User.objects.filter(username="demo").update(password=encoded)

        response = self.post("/api/auth/login", {"username": "demo", "password": "wrong"})
        self.assertProblem(response, 401, "invalid_credentials")
        self.assertEqual(User.objects.get(username="demo").password, encoded)
