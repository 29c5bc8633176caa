"""The roster store. The rest of the core talks to `RosterStore`; `open_store` picks the backend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cartclinic.store.base import RosterStore


def open_store(path: str | Path, *, create: bool = True, check_later: bool = False,
               before_upgrade: Callable[[list[str]], object] | None = None) -> RosterStore:
    if isinstance(path, str) and path.startswith(("postgresql://", "postgres://")):
        # a roster on a server (several workstations): psycopg is loaded only then
        from cartclinic.store.postgres import PostgresStore

        return PostgresStore.open(path, create=create, check_later=check_later,
                                  before_upgrade=before_upgrade)
    from cartclinic.store.sqlite import SqliteStore

    return SqliteStore.open(path, create=create, check_later=check_later,
                            before_upgrade=before_upgrade)


__all__ = ["RosterStore", "open_store"]
