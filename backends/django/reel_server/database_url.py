"""`DATABASE_URL` to a Django DATABASES entry: sqlite:///path or postgres://user:pass@host:port/name."""
from urllib.parse import parse_qsl, unquote, urlsplit

ENGINES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
}


def database_from_url(url):
    parts = urlsplit(url)
    engine = ENGINES.get(parts.scheme)
    if engine is None:
        raise ValueError(f"DATABASE_URL scheme must be one of {sorted(ENGINES)}, not {parts.scheme!r}")
    if parts.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as dj-database-url reads them.
        # A generous busy timeout: concurrent refreshes queue for SQLite's single writer.
        return {"ENGINE": engine, "NAME": unquote(parts.path[1:]), "OPTIONS": {"timeout": 20}}
    return {
        "ENGINE": engine,
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }
