"""The password hasher: Django's PBKDF2-SHA256 at no fewer iterations than OWASP recommends."""
from django.contrib.auth.hashers import PBKDF2PasswordHasher

OWASP_PBKDF2_SHA256_ITERATIONS = 600_000


class ReelPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """
    Same algorithm name as Django's, so existing hashes still verify; Django's `must_update`
    sees their lower iteration count and `check_password` rehashes them at the next sign-in.
    Newer Django releases default to more iterations than OWASP's figure, and keep them.
    """

    iterations = max(OWASP_PBKDF2_SHA256_ITERATIONS, PBKDF2PasswordHasher.iterations)
