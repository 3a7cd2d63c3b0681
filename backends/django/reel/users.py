"""The public shape of a user (`User` in the contract)."""
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from reel.models import Passkey, User


def sign_in_records(user):
    """
    The user's linked providers and passkey count in one query, since every `GET /api/me` pays
    for them: one row per linked provider (or one row with None for none, the outer join), each
    carrying the passkey count, which a subquery counts so the join does not multiply it.
    """
    passkey_count = (
        Passkey.objects.filter(user=OuterRef("pk")).order_by().values("user").annotate(n=Count("pk")).values("n")
    )
    rows = list(
        User.objects.filter(pk=user.pk)
        .annotate(passkey_count=Coalesce(Subquery(passkey_count), 0))
        .values_list("social_accounts__provider", "passkey_count")
    )
    providers = sorted(provider for provider, _ in rows if provider is not None)
    return providers, rows[0][1] if rows else 0


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
