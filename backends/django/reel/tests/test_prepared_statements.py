from types import SimpleNamespace
from unittest import mock

from django.test import SimpleTestCase

from reel.prepared_statements import fetch_one

SQL = "SELECT a FROM t WHERE b = %s AND c = %s"
FIRST = "PREPARE reel_test AS SELECT a FROM t WHERE b = $1 AND c = $2; EXECUTE reel_test(%s, %s)"
LATER = "EXECUTE reel_test(%s, %s)"


class RecordingCursor:
    """Stands for a database cursor: keeps what it is sent and answers one row, or fails."""

    def __init__(self):
        self.sent = []
        self.failure = None

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        return False

    def execute(self, sql, params):
        self.sent.append((sql, params))
        if self.failure:
            raise self.failure

    def fetchone(self):
        return ("answer",)


class PreparedStatementTests(SimpleTestCase):
    def setUp(self):
        self.cursor = RecordingCursor()
        # Django's connection to PostgreSQL, as far as statements go: the psycopg2 connection it
        # holds, and cursors.
        self.connection = SimpleNamespace(vendor="postgresql", connection=object(), cursor=lambda: self.cursor)
        patcher = mock.patch("reel.prepared_statements.connection", self.connection)
        patcher.start()
        self.addCleanup(patcher.stop)

    def new_connection(self):
        self.connection.connection = object()

    def run_query(self, params=("x", "y")):
        return fetch_one("reel_test", SQL, list(params))

    def sent(self):
        return [sql for sql, _ in self.cursor.sent]

    def test_prepares_it_in_the_round_trip_of_its_first_execution_then_executes_it_by_name(self):
        self.assertEqual(self.run_query(("x", "y")), ("answer",))
        self.assertEqual(self.run_query(("z", "w")), ("answer",))
        self.assertEqual(self.cursor.sent, [(FIRST, ["x", "y"]), (LATER, ["z", "w"])])

    def test_prepares_it_again_on_a_new_database_connection(self):
        self.run_query()
        self.new_connection()
        self.run_query()
        self.run_query()
        self.assertEqual(self.sent(), [FIRST, FIRST, LATER])

    def test_after_a_failed_first_execution_that_connection_runs_the_plain_sql(self):
        # The statement may or may not be prepared now: neither preparing it again nor
        # executing it by name is sure to work.
        self.cursor.failure = RuntimeError("the query was cancelled")
        with self.assertRaises(RuntimeError):
            self.run_query()
        self.cursor.failure = None
        self.run_query()
        self.assertEqual(self.sent(), [FIRST, SQL])

    def test_other_databases_are_sent_the_plain_sql(self):
        self.connection.vendor = "sqlite"
        self.run_query()
        self.run_query()
        self.assertEqual(self.sent(), [SQL, SQL])
