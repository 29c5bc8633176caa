"""The maintenance interface (`cartclinic.store.maintenance`) for a roster on a PostgreSQL server.

The server keeps its own pages sound and its own backups (pg_dump, ward IT's job); what this
workstation does is what a nurse or the command line asks of any roster:
- its check: the server is reached, holds a cartclinic roster, at this program's version;
- a backup: the whole roster, audit trail included, written as a SQLite roster file in this
  workstation's folder for the server (`local_home`), which opens on any PC and goes back on a
  server with `migrate-store` — so listing, checking and rotating backups are those of files;
- restore: refused in place (other workstations are using the roster; docs/several-workstations.md);
- who has it open: one program per workstation (its lock and note in `local_home`); the other
  workstations are expected, not refused.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from pathlib import Path

import psycopg

from cartclinic.errors import InputRefused
from cartclinic.store.maintenance import AUTOMATIC, BY_HAND
from cartclinic.store.postgres.schema import SCHEMA_TABLE
from cartclinic.store.postgres.store import _server_problem, describe, local_home
from cartclinic.store.sqlite import seal
from cartclinic.store.sqlite.maintenance import SqliteMaintenance
from cartclinic.store.sqlite.schema import STEPS

RESTORE_REFUSED = (
    "restore: a roster on a server is not restored in place (other workstations are using it). "
    "Put the backup on a server with: cartclinic-admin migrate-store BACKUP.db "
    "postgresql://host/new-database, then point the workstations at it "
    "(docs/several-workstations.md).")


class PostgresMaintenance(SqliteMaintenance):
    """Backups, their list and rotation, and the one-program-per-workstation lock are those of
    the SQLite files this workstation keeps for the server (in `local_home(url)`); the check,
    the backup itself and restore are the server's."""

    def __init__(self, url: str) -> None:
        super().__init__(local_home(url))
        self.url = url
        self.location = describe(url)

    def _reach(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True, application_name="cartclinic",
                                   connect_timeout=10)
        except psycopg.Error as exc:
            raise _server_problem(self.url, exc, "cannot be reached") from None

    def _applied(self) -> set[str] | None:
        """The migrations the server's roster has, or None when it holds no roster."""
        conn = self._reach()
        try:
            if conn.execute("SELECT to_regclass(%s)", (SCHEMA_TABLE,)).fetchone()[0] is None:
                return None
            return {r[0] for r in conn.execute(f"SELECT name FROM {SCHEMA_TABLE}")}
        except psycopg.Error as exc:
            raise _server_problem(self.url, exc, "could not be read") from None
        finally:
            with suppress(psycopg.Error):
                conn.close()

    # -- soundness ------------------------------------------------------------------------
    def exists(self) -> bool:
        return self._applied() is not None

    def check(self, *, full: bool = False) -> str:
        applied = self._applied()
        if applied is None:
            return f"there is no roster on {self.location}"
        unknown = sorted(applied - {name for name, _ in STEPS})
        if unknown:
            return (f"the roster on {self.location} is newer than this program ({', '.join(unknown)}"
                    "): use the newer version of cartclinic")
        return "ok"  # older: the program upgrades it when it opens it, as a file's

    def is_damaged(self) -> bool:
        return False  # the server keeps its own pages; unreachable is not damaged

    def local_file(self) -> Path | None:
        return None  # the roster is on the server's disk, not this PC's

    def clinic_folder(self) -> Path | None:
        return self.path.parent  # this workstation's folder for the server

    # -- backups --------------------------------------------------------------------------
    def backup(self, when: datetime, *, out: Path | None = None, kind: str = BY_HAND) -> Path:
        from cartclinic.store.move import move_roster

        dest = Path(out) if out is not None else self._names(when, kind)
        who = "cartclinic automatic backup" if kind == AUTOMATIC else "cartclinic backup"
        written = Path(move_roster(self.url, dest, who).dest)
        seal.record_backup(self.path, written)  # the backup is a roster file: its head
        return written

    def restore(self, backup: Path, who: str) -> Path | None:
        raise InputRefused(RESTORE_REFUSED)


def open_maintenance(url: str) -> PostgresMaintenance:
    return PostgresMaintenance(url)
