"""The public shape of a user (`User` in the contract)."""


def user_dto(user):
    social = sorted(user.social_accounts.values_list("provider", flat=True))
    return {
        "id": user.public_id,
        "username": user.username,
        "displayName": user.display_name,
        "email": user.email,
        "providers": (["password"] if user.has_usable_password() else []) + social,
        "hasPassword": user.has_usable_password(),
        "passkeys": user.passkeys.count(),
    }
