"""The rules a new password must meet (contract v1.2: `400 weak_password`)."""
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 128


def weakness_of(password, username):
    """Why `password` is refused for `username`, or None when it is acceptable."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"A password needs at least {PASSWORD_MIN_LENGTH} characters."
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"A password can have at most {PASSWORD_MAX_LENGTH} characters."
    if username.casefold() in password.casefold():
        return "A password must not contain the username."
    return None
