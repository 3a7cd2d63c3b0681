"""The ways into an account (password, providers, passkeys): the last one is never taken away."""
from reel.problems import problem


def sign_in_method_count(user):
    return int(user.has_usable_password()) + user.social_accounts.count() + user.passkeys.count()


def is_last_sign_in_method(user):
    """Whether removing one of `user`'s ways in would leave none."""
    return sign_in_method_count(user) <= 1


def last_sign_in_method():
    return problem(409, "last_sign_in_method", "This is the only way to sign in to your account. Add another one first.")
