"""The demo accounts and the state a test run starts each test from."""
from django.db import transaction
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from reel.models import LinkToken, LoginFailure, PasskeyChallenge, Session, User, WatchlistEntry

SEED_USERS = [
    {"public_id": "u_demo", "username": "demo", "password": "demo-password-1", "display_name": "Demo Viewer", "email": "demo@reel.example"},
    {"public_id": "u_alice", "username": "alice", "password": "alice-password-1", "display_name": "Alice Kim", "email": "alice@reel.example"},
]
# Oldest first: the watchlist lists the latest addition first.
SEED_WATCHLIST = {"demo": ["spirited-away-2001", "parasite-2019"]}


@transaction.atomic
def seed_users():
    """Creates the demo accounts, or puts back all but their passwords; other users are left alone."""
    for seed in SEED_USERS:
        user, created = User.objects.update_or_create(
            username=seed["username"],
            defaults={
                "public_id": seed["public_id"],
                "display_name": seed["display_name"],
                "email": seed["email"],
                "email_verified": True,
                "is_active": True,
            },
        )
        if created:
            user.set_password(seed["password"])
            user.save(update_fields=["password"])
        user.social_accounts.all().delete()
        user.passkeys.all().delete()
        user.watchlist.all().delete()
        for movie_id in SEED_WATCHLIST.get(user.username, []):
            WatchlistEntry.objects.create(user=user, movie_id=movie_id)


# Each seed's password hash, made once per process: a password change in one test must not leak
# into the next, and hashing at every reset would cost the production hasher's time each test.
_seed_password_hashes = {}


def restore_seed_passwords():
    for seed in SEED_USERS:
        user = User.objects.get(username=seed["username"])
        if seed["username"] not in _seed_password_hashes:
            user.set_password(seed["password"])
            _seed_password_hashes[seed["username"]] = user.password
        user.password = _seed_password_hashes[seed["username"]]
        user.save(update_fields=["password"])


@transaction.atomic
def reset_for_tests():
    """Every session, token, failure, challenge and non-seed user gone; the seeds as new."""
    Session.objects.all().delete()
    LinkToken.objects.all().delete()
    PasskeyChallenge.objects.all().delete()
    OutstandingToken.objects.all().delete()
    LoginFailure.objects.all().delete()
    User.objects.exclude(username__in=[seed["username"] for seed in SEED_USERS]).delete()
    seed_users()
    restore_seed_passwords()
