"""The roster on a PostgreSQL server shared by several workstations (`--db postgresql://...`).

Imported only for a server URL: psycopg is an optional dependency (`pip install
cartclinic[postgres]`), and a one-PC roster (SQLite) never loads it."""

from collections.abc import Callable

from cartclinic.store.postgres.maintenance import PostgresMaintenance, open_maintenance
from cartclinic.store.postgres.store import (
    CHANNEL,
    PostgresStore,
    StoreConflict,
    describe,
    is_server_url,
)


def open_store(url: str, *, create: bool = True, check_later: bool = False,
               before_upgrade: Callable[[list[str]], object] | None = None) -> PostgresStore:
    return PostgresStore.open(url, create=create, check_later=check_later,
                              before_upgrade=before_upgrade)


__all__ = ["CHANNEL", "PostgresMaintenance", "PostgresStore", "StoreConflict", "describe",
           "is_server_url", "open_maintenance", "open_store"]
