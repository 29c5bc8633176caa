"""The roster on a PostgreSQL server that several workstations share (DESIGN.md, "Several
workstations").

The same schema, rules and audit chain as the SQLite roster, and the same SQL: `PostgresStore`
inherits every read and write of `SqliteStore` and runs them through `connection.Connection`;
what differs is here: how a roster is opened and created (no file: a URL), how writers take
turns, how changes made elsewhere are heard of, and backups.

- Writers take turns: every write transaction first takes one transaction-level advisory lock
  (`pg_advisory_xact_lock`), so writes are serial as on SQLite (`BEGIN IMMEDIATE`): the audit chain
  never forks, and a second writer waits its turn instead of failing.
- Changes made elsewhere: each write NOTIFYs `cartclinic_changes` (delivered at its commit) with
  the tables it changed; `changed_outside()` reads them from a listening connection.
- Two people saving the same visit: `update_visit` compares the visit with what this store read
  of it last; changed since by someone else, the save is refused with who and when
  (`StoreConflict`) instead of overwriting.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import psycopg

from cartclinic.changes import NOTHING
from cartclinic.dates import iso
from cartclinic.errors import (
    InputRefused,
    RosterProblem,
    StoreBusy,
    StoreConflict,
    StoreUnavailable,
)
from cartclinic.model import Visit
from cartclinic.store import anchors
from cartclinic.store.maintenance import Maintenance
from cartclinic.store.postgres.connection import Connection
from cartclinic.store.postgres.schema import (
    SCHEMA_TABLE,
    create_baseline,
    server_steps,
    upgrade,
)
from cartclinic.store.sqlite import seal
from cartclinic.store.sqlite.changes_sql import EVERYTHING, changes_of
from cartclinic.store.sqlite.schema import STEPS
from cartclinic.store.sqlite.store import _VISIT_COLUMNS, VISIT_FROM, SqliteStore, _visit

CHANNEL = "cartclinic_changes"
# the one advisory lock every writer takes ("CART" in ASCII): writes are serial, as on SQLite
WRITE_LOCK = 0x43415254


def is_server_url(text: str | Path) -> bool:
    return isinstance(text, str) and text.startswith(("postgresql://", "postgres://"))


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
    return parts._replace(netloc=netloc).geturl()


def local_home(url: str) -> Path:
    """This workstation's folder for a server roster: the clinic's own protocols and tables,
    backups made here. In the user data folder, one per server and database."""
    from cartclinic.local_files import data_dir

    parts = urlsplit(url)
    host = parts.hostname or dict(
        p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("host", "local")
    dbname = unquote(parts.path.lstrip("/")) or "cartclinic"
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{host}-{parts.port or 5432}-{dbname}").strip("_")
    return data_dir() / "servers" / slug / dbname


def _payload(pid: int, who: str, tables: dict[str, set[str]]) -> str:
    """What a write NOTIFYs: who, and each changed table with its row ids (only the tables of
    a large write: a NOTIFY holds under 8000 bytes)."""
    rows = {t: sorted(ids) for t, ids in tables.items()}
    text = json.dumps({"pid": pid, "who": who, "tables": sorted(tables), "rows": rows})
    if len(text) > 7000:
        text = json.dumps({"pid": pid, "who": who, "tables": sorted(tables), "rows": None})
    return text


def _server_problem(url: str, exc: BaseException, doing: str) -> StoreUnavailable:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreUnavailable(
        f"The roster server {describe(url)} {doing}: {text}. Nothing was changed. Check that "
        "the server is running and this PC can reach it (ask ward IT), then try again.")


class PostgresStore(SqliteStore):
    _audit_row_text = True  # audit_log.row_id is text: a settings key and a number share it

    def __init__(self, url: str, conn: Connection, listener: psycopg.Connection | None) -> None:
        # no SqliteStore.__init__: there is no file to watch
        self.url = url
        self.path = local_home(url)
        self.conn = conn  # type: ignore[assignment]
        self._listener = listener
        self._backend_pid = conn.raw.info.backend_pid
        self._who: str | None = None
        self._last_hash: str | None = None
        self._audit_codes: dict[str, int] | None = None
        self._next_audit_id: int | None = None
        self._audit_group: tuple[Any, ...] | None = None
        self._texts: dict[tuple[str, ...], int] | None = None
        self._check = None
        self.changes_since_backup = 0
        self._wrote = False
        self._tables: dict[str, set[str]] = {}  # what this write changed: table -> row ids
        # visit id -> the audit trail's head when this store first read the visit (outside a
        # write: what a person was shown), until this store saves a change to it
        self._seen: dict[int, int] = {}
        self.outside_changes: list[dict[str, Any]] = []  # what changed_outside last heard
        # during a write (we hold the writers' lock): the next visit id, and each new
        # treatment's tracked_from, so a schedule's visits are numbered without asking the
        # server and are sent with the others in one COPY at the end (connection.HELD_TABLES)
        self._next_visit_id: int | None = None
        self._tracked_from: dict[int, str] = {}
        self._changes = NOTHING  # what writes here and elsewhere changed since take_changes

    @property
    def location(self) -> str:
        return self.url

    def maintenance(self) -> Maintenance:
        from cartclinic.store.postgres.maintenance import PostgresMaintenance

        return PostgresMaintenance(self.url)

    def __repr__(self) -> str:
        return f"PostgresStore({describe(self.url)!r})"

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | Path, *, create: bool = True, check_later: bool = False,
             before_upgrade: Callable[[list[str]], object] | None = None) -> PostgresStore:
        """Connect to the roster on the server at `url` (creating it at the newest version in
        an empty database unless `create` is false). The server keeps its own pages sound, so
        there is no file check to defer: `check_later` changes nothing."""
        url = str(url)
        try:
            raw = psycopg.connect(url, autocommit=True, application_name="cartclinic",
                                  connect_timeout=10)
        except psycopg.Error as exc:
            raise _server_problem(url, exc, "cannot be reached") from None
        conn = Connection(raw)
        try:
            cls._prepare(url, conn, create, before_upgrade)
            listener = psycopg.connect(url, autocommit=True, application_name="cartclinic",
                                       connect_timeout=10)
            listener.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()
            raise
        return cls(url, conn, listener)

    @staticmethod
    def _prepare(url: str, conn: Connection, create: bool,
                 before_upgrade: Callable[[list[str]], object] | None) -> None:
        def has_table(name: str) -> bool:
            return conn.execute("SELECT to_regclass(?)", (name,)).fetchone()[0] is not None

        def pending() -> list[str]:
            applied = {r[0] for r in conn.execute(f"SELECT name FROM {SCHEMA_TABLE}")}
            return [name for name, _ in STEPS if name not in applied]

        if has_table(SCHEMA_TABLE):
            waiting = pending()
            if not waiting:
                return
            missing = [name for name in waiting if name not in server_steps()]
            if missing:  # a step with no server form yet: said, nothing changed
                raise RosterProblem(
                    f"The roster on {describe(url)} is older than this program "
                    f"({', '.join(missing)} not applied) and this version has no server form "
                    "of that upgrade. Nothing was changed; ask ward IT.")
            if before_upgrade is not None:
                before_upgrade(waiting)
        elif not create:
            raise RosterProblem(f"No roster at {describe(url)}. Create one with the init command.")
        try:
            conn.execute("BEGIN")
            # one upgrade or creation at a time, and no write meanwhile (the writers' lock)
            conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            if not has_table(SCHEMA_TABLE):  # another workstation may have made it meanwhile
                if has_table("patients") or has_table("audit"):
                    raise RosterProblem(
                        f"The database {describe(url)} holds tables of another program (or a "
                        "roster made by hand): it is not used. Give cartclinic an empty database.")
                create_baseline(conn)
            upgrade(conn, pending())  # all steps in this one transaction: all or none
            conn.execute("COMMIT")
        except psycopg.Error as exc:
            with suppress(psycopg.Error):
                conn.execute("ROLLBACK")
            raise _server_problem(url, exc, "refused to create or upgrade the roster") from None
        except BaseException:
            with suppress(psycopg.Error):
                conn.execute("ROLLBACK")
            raise

    def schema_version(self) -> list[str]:
        return [r[0] for r in self.conn.execute(f"SELECT name FROM {SCHEMA_TABLE} ORDER BY name")]

    def start_check(self) -> None:
        pass

    def wait_for_check(self) -> str | None:
        return "ok"

    def _require_sound(self) -> None:
        pass

    def close(self) -> None:
        try:
            if self._wrote:  # the head this workstation left, kept on this workstation
                self._wrote = False
                with suppress(psycopg.Error):
                    top = self.audit_head()
                    if top is not None:
                        anchors.record(self.path, *top, "server-session")
        finally:
            if self._listener is not None:
                self._listener.close()
            self.conn.close()

    # -- changes made elsewhere -----------------------------------------------------------
    def changed_outside(self) -> str | None:
        """'written' when another workstation (or command) committed a change since this
        store last looked, else None; what each one changed is in `outside_changes`."""
        if self._listener is None or self._listener.closed:
            return None
        heard: list[dict[str, Any]] = []
        try:
            for note in self._listener.notifies(timeout=0):
                with suppress(ValueError):
                    payload = json.loads(note.payload)
                    if payload.get("pid") != self._backend_pid:
                        heard.append(payload)
        except psycopg.Error:
            return None
        self.outside_changes = heard
        if heard:  # what they changed, told to the screens as a write here is
            if any(not isinstance(p.get("rows"), dict) for p in heard):
                self._changes = self._changes | EVERYTHING
            else:
                pairs = [(table, row_id) for p in heard for table, ids in p["rows"].items()
                         for row_id in ids]
                try:
                    self._changes = self._changes | changes_of(self.conn, pairs)
                except psycopg.Error:
                    self._changes = self._changes | EVERYTHING
        return "written" if heard else None

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def write(self, who: str) -> Iterator[None]:
        if not who or not who.strip():
            raise InputRefused("who: the name of the person making the change is required")
        if self._who is not None:  # nested: part of the outer transaction
            yield
            return
        try:
            self.conn.execute("BEGIN")
            self._take_turn()
        except psycopg.Error as exc:
            self._rollback()
            raise _server_problem(self.url, exc, "could not start the change") from None
        self._who = who.strip()
        self._last_hash = None
        self._tables = {}
        self._next_visit_id, self._tracked_from = None, {}
        self.conn.deferring = True
        changes = NOTHING
        try:
            yield
            self._close_audit_group()
            self.conn.flush()
            if self._tables:
                changes = changes_of(self.conn, [(table, row_id) for table, ids in
                                                 self._tables.items() for row_id in ids])
                self.conn.execute("SELECT pg_notify(?, ?)", (CHANNEL, _payload(
                    self._backend_pid, self._who, self._tables)))
            self.conn.execute("COMMIT")
        except psycopg.Error as exc:
            self._rollback()
            raise _server_problem(self.url, exc, "could not save the change") from None
        except BaseException:
            self._rollback()
            raise
        else:
            self.changes_since_backup += 1
            self._changes = self._changes | changes
            if self._tables:
                self._wrote = True
            for row_id in self._tables.get("visits", ()):  # saved: the next read is the new one
                self._seen.pop(int(row_id), None)
        finally:
            self.conn.deferring = False
            self.conn.drop_held()
            self._texts = None
            self._who = None
            self._last_hash = None
            self._next_visit_id, self._tracked_from = None, {}
            self._audit_codes = None
            self._next_audit_id = None
            self._audit_group = None

    def _take_turn(self) -> None:
        """The writers' lock, waiting its turn while another workstation or command writes (as
        SQLite's `_begin`): `on_wait(seconds)` told each second, StoreBusy after `longest_wait`
        with nothing saved. Asked for without blocking, so the wait can be told and bounded."""
        started = time.monotonic()
        told = 0
        while not self.conn.execute("SELECT pg_try_advisory_xact_lock(?)",
                                    (WRITE_LOCK,)).fetchone()[0]:
            waited = time.monotonic() - started
            if waited >= self.longest_wait:
                self._rollback()
                raise StoreBusy(
                    f"The roster could not be saved: another program has been writing to the "
                    f"roster on {describe(self.url)} for {waited:.0f} seconds, longer than a "
                    "change waits. Nothing of this change was saved. Let the other write (an "
                    "import, a move) end, then try again.")
            if waited >= told + 1 and self.on_wait is not None:
                told = int(waited)
                self.on_wait(waited)
            time.sleep(0.05)

    def _rollback(self) -> None:
        if not self.conn.raw.closed and self.conn.in_transaction:
            with suppress(psycopg.Error):
                self.conn.execute("ROLLBACK")

    def _audit_many(self, table: str, changes: Sequence[tuple[Any, str, Any, Any]]) -> None:
        super()._audit_many(table, changes)
        self._tables.setdefault(table, set()).update(str(c[0]) for c in changes)

    # -- two people saving the same visit -------------------------------------------------
    def visit(self, visit_id: int) -> Visit:
        if self._who is not None or visit_id in self._seen:
            return super().visit(visit_id)
        head = self._audit_head_id()  # before the visit: a change after it counts as newer
        visit = super().visit(visit_id)
        self._seen[visit_id] = head
        return visit

    def _audit_head_id(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])

    def _update(self, table: str, row_id: int, changes: dict[str, Any]) -> None:
        if table == "visits" and row_id in self._seen:
            self._refuse_if_changed_since_seen(row_id)
        super()._update(table, row_id, changes)

    def _refuse_if_changed_since_seen(self, visit_id: int) -> None:
        """A visit this store showed, changed since by another workstation (we hold the write
        lock: nobody can change it between this check and our UPDATE): refused, saying who
        and when, instead of overwriting what they saved."""
        # checked once per write: its own later changes to the visit are no conflict
        seen = self._seen.pop(visit_id)
        row = self.conn.execute(
            "SELECT who, at FROM audit WHERE table_name = 'visits' AND row_id = ? AND id > ? "
            "ORDER BY id DESC LIMIT 1", (str(visit_id), seen)).fetchone()
        if row is None:
            return
        # refused: the next look shows their change, and saving again is then allowed
        what = self.conn.execute("SELECT code, label FROM visits_with_texts WHERE id = ?",
                                 (visit_id,)).fetchone()
        name = f"{what[1]} ({what[0]})" if what else f"visit {visit_id}"
        at = str(row[1]).replace("T", " ")[:16]
        raise StoreConflict(
            f"{name}: {row[0]} changed this visit at another workstation at {at} UTC, after it "
            "was opened here. Nothing of this change was saved: look at the visit again and "
            "save again if the change is still needed.")

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        """As SqliteStore's, the new id and the stored row read back in the INSERT itself."""
        self._require_tx()
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        row = self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks}) RETURNING *",
                                tuple(values.values())).fetchone()
        row_id = int(row["id"])
        if table == "treatments":
            self._tracked_from[row_id] = row["tracked_from"]
        self._audit(table, row_id, "insert", None, dict(row))
        return row_id

    def _visit_numbering(self, treatment_id: int, count: int) -> tuple[int, str]:
        """As SqliteStore's, asking the server only for what this write has not seen: only
        `add_visits` stores visits, and no other writer runs meanwhile (the writers' lock)."""
        tracked_from = self._tracked_from.get(treatment_id)
        if self._next_visit_id is None or tracked_from is None:
            first, tracked_from = super()._visit_numbering(treatment_id, count)
        else:
            first = self._next_visit_id
        self._next_visit_id = first + count
        return first, tracked_from

    # -- the statements SQLite spells its own way -----------------------------------------
    def next_open_visits(self, today: date) -> list[Visit]:
        """Per patient, the earliest-scheduled open visit whose window has not passed (see
        SqliteStore's: there a bare column of a grouped min(), here DISTINCT ON)."""
        sql = (
            f"SELECT DISTINCT ON (t.patient_id) {_VISIT_COLUMNS.format(done_on='NULL')} "
            f"{VISIT_FROM}JOIN treatments t ON t.id = v.treatment_id "
            "WHERE v.done = 0 AND v.cancelled_reason = '' AND v.missed_on IS NULL "
            "AND v.window_end >= v.tracked_from AND greatest(v.window_end, v.scheduled) >= ? "
            "ORDER BY t.patient_id, v.scheduled, v.id"
        )
        return [_visit(values) for values in self._tuples(sql, (iso(today),))]

    def newest_entry_time(self) -> datetime | None:
        row = self.conn.execute(
            "SELECT max(at) FROM (SELECT at FROM audit ORDER BY id DESC LIMIT 1000) newest"
        ).fetchone()
        if row is None or not row[0]:
            return None
        try:
            at = datetime.fromisoformat(row[0])
        except ValueError:
            return None
        return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)

    # -- a whole roster copied ----------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield
        finally:
            self.conn.execute("ROLLBACK")

    def load_rows(self, table: str, names: list[str], rows: list[tuple[Any, ...]]) -> None:
        self._require_tx()
        self.conn.flush()
        # COPY: a 10,000-patient roster's million rows in minutes, not hours
        with self.conn.raw.cursor().copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def loaded(self, table: str) -> None:
        if table in ("protocol_versions", "treatment_protocols", "settings", "audit_table",
                     "audit_log", "audit_group"):
            return  # keyed by their columns, or numbered by the trail: no sequence of their own
        self.conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")

    # -- backups --------------------------------------------------------------------------
    def backup(self, dest: Path | Iterable[Path]) -> Path:
        """A copy of the server roster as a SQLite roster file (every table, the audit chain
        as it is): it opens on any PC, and `move` puts it back on a server."""
        from cartclinic.store.move import move_roster

        written = Path(move_roster(self.url, dest, "cartclinic backup").dest)
        seal.record_backup(self.path, written)  # the backup is a roster file: its head
        return written

    def restore_from(self, source: Path, who: str) -> None:
        from cartclinic.store.postgres.maintenance import RESTORE_REFUSED

        raise InputRefused(RESTORE_REFUSED)
