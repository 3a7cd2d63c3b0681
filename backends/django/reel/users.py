"""The public shape of a user (`User` in the contract)."""
from functools import cache

from django.db import connection

from reel.models import Passkey, SocialAccount


@cache
def sign_in_records_sql():
    """
    One row per linked provider, then one NULL per passkey (a provider is never NULL). Written
    out rather than built by the ORM: every `GET /api/me` runs it, and building and compiling
    it as a queryset cost ten times what PostgreSQL takes to answer it. Names come from the
    models, so the SQL follows them.
    """
    quote = connection.ops.quote_name
    social, passkeys = SocialAccount._meta, Passkey._meta
    return (
        f"SELECT {quote(social.get_field('provider').column)} FROM {quote(social.db_table)}"
        f" WHERE {quote(social.get_field('user').column)} = %s"
        f" UNION ALL SELECT NULL FROM {quote(passkeys.db_table)}"
        f" WHERE {quote(passkeys.get_field('user').column)} = %s"
    )


def sign_in_records(user):
    """The user's linked providers (sorted) and passkey count, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(sign_in_records_sql(), [user.pk, user.pk])
        rows = [provider for (provider,) in cursor.fetchall()]
    providers = sorted(provider for provider in rows if provider is not None)
    return providers, len(rows) - len(providers)


def user_dto(user):
    social, passkeys = sign_in_records(user)
    return {
        "id": user.public_id,
        "username": user.username,
        "displayName": user.display_name,
        "email": user.email,
        "providers": (["password"] if user.has_usable_password() else []) + social,
        "hasPassword": user.has_usable_password(),
        "passkeys": passkeys,
    }
