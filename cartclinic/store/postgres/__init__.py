"""The roster on a PostgreSQL server shared by several workstations (`--db postgresql://...`).

Imported only for a server URL: psycopg is an optional dependency (`pip install
cartclinic[postgres]`), and a one-PC roster (SQLite) never loads it."""

from cartclinic.store.postgres.store import (
    CHANNEL,
    PostgresStore,
    StoreConflict,
    describe,
    is_server_url,
)

__all__ = ["CHANNEL", "PostgresStore", "StoreConflict", "describe", "is_server_url"]
