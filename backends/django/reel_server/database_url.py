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
        raise ValueError(f"the scheme must be one of {sorted(ENGINES)}, not {parts.scheme!r}")
    if parts.scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as dj-database-url reads them.
        # A generous busy timeout: concurrent refreshes queue for SQLite's single writer.
        if not parts.path[1:]:
            raise ValueError(f"a sqlite URL names a file (sqlite:///reel.db or sqlite:////var/lib/reel.db), not {url!r}")
        return {"ENGINE": engine, "NAME": unquote(parts.path[1:]), "OPTIONS": {"timeout": 20}}
    if not parts.path.lstrip("/"):
        raise ValueError("a postgres URL names its database: postgres://user:password@host:port/name")
    return {
        "ENGINE": engine,
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }
