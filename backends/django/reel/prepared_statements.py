"""
Queries that every authenticated request runs, planned by PostgreSQL once per connection rather
than once per request. PostgreSQL plans every statement it is sent, and for the session check's
join the planning took longer than the answer. Psycopg2 prepares nothing itself, so a statement
is prepared by name in the same round trip as its first execution, and executed by name after
that: still one round trip a query.

A prepared statement lives as long as its database session (a rollback does not undo it), so
which statements are prepared is kept for the connection Django holds and starts afresh with a
new one. A first execution that failed may or may not have prepared its statement: that
connection runs the plain SQL from then on rather than guess. Other databases (SQLite, in the
tests) cache their statements' compilation themselves and are sent the plain SQL.
"""
import itertools
import re
from functools import cache

from django.db import connection


@cache
def executions(name, sql):
    """The first execution of `sql` (with %s placeholders) as statement `name`, and the later ones."""
    numbers = itertools.count(1)
    numbered = re.sub("%s", lambda _: f"${next(numbers)}", sql)
    execute = f"EXECUTE {name}({', '.join(['%s'] * sql.count('%s'))})"
    return f"PREPARE {name} AS {numbered}; {execute}", execute


def prepared_statements():
    """Whether each statement is prepared on the database connection Django now holds, by name."""
    held = getattr(connection, "reel_prepared_statements", None)
    if held is None or held[0] is not connection.connection:
        held = connection.reel_prepared_statements = (connection.connection, {})
    return held[1]


def fetch_one(name, sql, params):
    """The first row `sql` answers for `params`, run on PostgreSQL as the prepared statement `name`."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchone()
        prepared = prepared_statements()
        first, later = executions(name, sql)
        if name not in prepared:
            prepared[name] = False  # unless this first execution is seen to succeed
            cursor.execute(first, params)
            prepared[name] = True
        else:
            cursor.execute(later if prepared[name] else sql, params)
        return cursor.fetchone()
