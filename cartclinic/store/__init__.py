"""The roster store. The rest of the core talks to `RosterStore`; `open_store` picks the backend:
a plain path or `sqlite:///path` opens the embedded SQLite roster (`cartclinic.store.sqlite`),
`postgresql://…` a shared roster on a PostgreSQL server (`cartclinic.store.postgres`, imported only
then, so a ward PC without the driver never loads it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cartclinic.errors import StoreError
from cartclinic.store.base import RosterStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"


def is_server_url(location: str | Path) -> bool:
    """True for the address of a roster on a database server (not a file)."""
    return isinstance(location, str) and location.lower().startswith(POSTGRES_SCHEMES)


def sqlite_path(location: str | Path) -> Path:
    """The file a plain path or a `sqlite:///relative` / `sqlite:////absolute` URL names."""
    text = str(location)
    if text.lower().startswith(SQLITE_SCHEME):
        text = text[len(SQLITE_SCHEME):]
    return Path(text).expanduser()


def open_store(location: str | Path, *, create: bool = True, check_later: bool = False,
               before_upgrade: Callable[[list[str]], object] | None = None) -> RosterStore:
    """The store at `location`: a path or `sqlite:///…` (SQLite), or `postgresql://…`."""
    if is_server_url(location):
        try:
            from cartclinic.store import postgres
        except ImportError as exc:
            raise StoreError(
                f"PostgreSQL support is not installed, so the roster at {location} cannot be "
                f"opened ({exc}). Install cartclinic with its PostgreSQL driver (psycopg 3), "
                "or give the path of a roster file.") from exc
        return postgres.open_store(str(location), create=create, check_later=check_later,
                                   before_upgrade=before_upgrade)
    from cartclinic.store.sqlite.store import SqliteStore

    return SqliteStore.open(sqlite_path(location), create=create, check_later=check_later,
                            before_upgrade=before_upgrade)


__all__ = ["RosterStore", "StoreError", "is_server_url", "open_store", "sqlite_path"]
