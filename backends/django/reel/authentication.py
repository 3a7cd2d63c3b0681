"""Bearer authentication that also asks whether the token's session is still alive."""
from functools import cache

from django.db import connection
from rest_framework.authentication import get_authorization_header
from rest_framework_simplejwt.authentication import JWTAuthentication

from reel.access_tokens import AccessTokenError, ReelAccessToken, token_backend
from reel.models import Session, User
from reel.problems import BEARER_CHALLENGE, AccessTokenRejected
from reel.sessions import is_active


# The session check, written out rather than built by the ORM (a select_related queryset):
# every authenticated request runs it, and building and compiling the queryset cost several
# times PostgreSQL's answer. Its columns, and the converters each value goes through, are the
# models' own, as the ORM would use them.
SESSION_CHECK_MODELS = ((Session, "s"), (User, "u"))


def selected_columns(models):
    """The SELECT list of `models`, each a (model, alias) pair: every concrete column, in order."""
    quote = connection.ops.quote_name
    return ", ".join(
        f"{alias}.{quote(field.column)}" for model, alias in models for field in model._meta.concrete_fields
    )


@cache
def session_check_sql():
    """The session of an id, with its user when that user has the public id and is active."""
    quote = connection.ops.quote_name
    session, user = Session._meta, User._meta
    return (
        f"SELECT {selected_columns(SESSION_CHECK_MODELS)} FROM {quote(session.db_table)} s"
        f" JOIN {quote(user.db_table)} u ON u.{quote(user.pk.column)} = s.{quote(session.get_field('user').column)}"
        f" WHERE s.{quote(session.pk.column)} = %s AND u.{quote(user.get_field('public_id').column)} = %s"
        f" AND u.{quote(user.get_field('is_active').column)} = %s"
    )


@cache
def column_readers(models):
    """Per model: its fields' attribute names, and each column's expression with its converters."""
    readers = []
    for model, alias in models:
        fields = model._meta.concrete_fields
        columns = []
        for field in fields:
            expression = field.get_col(alias)
            converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
            columns.append((expression, converters))
        readers.append((model, [field.attname for field in fields], columns))
    return readers


def instances_of(row, models=SESSION_CHECK_MODELS):
    """The instances the ORM would have made of a row selected by `selected_columns(models)`."""
    instances, start = [], 0
    for model, attnames, columns in column_readers(models):
        values = []
        for (expression, converters), value in zip(columns, row[start : start + len(columns)]):
            for convert in converters:
                value = convert(value, expression, connection)
            values.append(value)
        instances.append(model.from_db(connection.alias, attnames, values))
        start += len(columns)
    return instances


class SessionBoundJWTAuthentication(JWTAuthentication):
    """
    SimpleJWT verifies a JWT on its own: a revoked session's access tokens would live until
    `exp`. Here the `sid` claim must name an active session of the token's user, so logging
    out, revoking a device and reuse detection stop them at once.
    """

    www_authenticate_realm = "reel"

    def authenticate(self, request):
        parts = get_authorization_header(request).decode("latin-1").split(" ")
        if parts[0].lower() != "bearer":
            return None  # another scheme, or none: token_missing, by IsAuthenticated
        # Bearer credentials that are not exactly one token are a malformed token.
        if len(parts) != 2 or not parts[1]:
            raise AccessTokenRejected("token_invalid")
        try:
            claims = token_backend().verify(parts[1])
        except AccessTokenError as error:
            raise AccessTokenRejected(error.code) from None
        user, session = self.user_and_session(claims)
        if user is None:
            raise AccessTokenRejected("token_invalid")
        request.reel_session = session
        return user, ReelAccessToken(parts[1], verify=False)

    def user_and_session(self, claims):
        """
        The token's active user and its live session, or (None, None). One query: every
        authenticated request pays for it, so the session comes joined with its user rather
        than after it.
        """
        with connection.cursor() as cursor:
            cursor.execute(session_check_sql(), [claims["sid"], claims["sub"], True])
            row = cursor.fetchone()
        if row is None:
            return None, None
        session, user = instances_of(row)
        if not is_active(session):
            return None, None
        session.user = user
        return user, session

    def authenticate_header(self, request):
        return BEARER_CHALLENGE
