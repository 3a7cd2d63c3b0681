"""Bearer authentication that also asks whether the token's session is still alive."""
from functools import cache

from django.db import connection
from django.db.models import DEFERRED
from django.utils.functional import cached_property
from rest_framework.authentication import get_authorization_header
from rest_framework_simplejwt.authentication import JWTAuthentication

from reel.access_tokens import AccessTokenError, ReelAccessToken, token_backend
from reel.models import Session, User
from reel.prepared_statements import fetch_one
from reel.problems import BEARER_CHALLENGE, AccessTokenRejected
from reel.sessions import is_active


class Selection:
    """
    The columns of one model a written-out query selects under `alias`, and the instance the
    ORM would make of their values with `.only(*field_names)`: the fields left out are deferred.
    Every concrete field when no field is named.
    """

    def __init__(self, model, alias, field_names=()):
        fields = model._meta.concrete_fields
        self.model, self.alias = model, alias
        self.fields = [model._meta.get_field(name) for name in field_names] if field_names else list(fields)
        self.attnames = [field.attname for field in fields]
        # Where each selected value goes among the model's fields; the others stay deferred.
        self.positions = [fields.index(field) for field in self.fields]
        self.unloaded = [DEFERRED] * len(fields)

    def columns(self):
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(field.column)}" for field in self.fields)

    @cached_property
    def conversions(self):
        """(position, expression, converters) of the values the database backend converts: none
        on PostgreSQL for these models, so its requests skip the loop altogether."""
        conversions = []
        for position, field in zip(self.positions, self.fields):
            expression = field.get_col(self.alias)
            converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
            if converters:
                conversions.append((position, expression, converters))
        return conversions

    def instance(self, values):
        """The instance of `values`, one for each selected column in order."""
        row = self.unloaded.copy()
        for position, value in zip(self.positions, values):
            row[position] = value
        for position, expression, converters in self.conversions:
            for convert in converters:
                row[position] = convert(row[position], expression, connection)
        return self.model.from_db(connection.alias, self.attnames, row)


def selected_columns(selections):
    """The SELECT list of `selections`, in order."""
    return ", ".join(selection.columns() for selection in selections)


def instances_of(row, selections):
    """The instances of a row selected by `selected_columns(selections)`, one per selection."""
    instances, start = [], 0
    for selection in selections:
        end = start + len(selection.fields)
        instances.append(selection.instance(row[start:end]))
        start = end
    return instances


# The session check, written out rather than built by the ORM (a select_related queryset):
# every authenticated request runs it, and building and compiling the queryset cost several
# times PostgreSQL's answer. Of the session it reads only what a request uses: its id and user,
# and the three columns `is_active` judges. Each further column cost PostgreSQL and psycopg2
# work on every request; the rest stay deferred, and no request reads one, which would cost a
# query of its own. The user comes whole, as the views use it.
SESSION_CHECK = (
    Selection(Session, "s", ("id", "user", "last_used_at", "expires_at", "revoked_at")),
    Selection(User, "u"),
)


@cache
def session_check_sql():
    """The session of an id, with its user when that user has the public id and is active."""
    quote = connection.ops.quote_name
    session, user = Session._meta, User._meta
    return (
        f"SELECT {selected_columns(SESSION_CHECK)} FROM {quote(session.db_table)} s"
        f" JOIN {quote(user.db_table)} u ON u.{quote(user.pk.column)} = s.{quote(session.get_field('user').column)}"
        f" WHERE s.{quote(session.pk.column)} = %s AND u.{quote(user.get_field('public_id').column)} = %s"
        f" AND u.{quote(user.get_field('is_active').column)} = %s"
    )


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
        than after it, and PostgreSQL plans that join once per connection, not per request.
        """
        row = fetch_one("reel_session_check", session_check_sql(), [claims["sid"], claims["sub"], True])
        if row is None:
            return None, None
        session, user = instances_of(row, SESSION_CHECK)
        if not is_active(session):
            return None, None
        session.user = user
        return user, session

    def authenticate_header(self, request):
        return BEARER_CHALLENGE
