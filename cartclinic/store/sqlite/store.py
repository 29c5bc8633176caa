"""The roster in one SQLite file. Every SQL statement of cartclinic is in this package.

Rules from DESIGN.md "The store": pragmas on every connection, writes in `BEGIN IMMEDIATE`
transactions, every clinical change audited in the same transaction with a hash chain,
`quick_check` before the first write, migrations after a copy of the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import fields
from datetime import UTC, date, datetime
from functools import cached_property, lru_cache
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartclinic.changes import NOTHING, Changes
from cartclinic.dates import from_iso, iso
from cartclinic.errors import InputRefused, NotFound, ProtocolError, RosterProblem, StoreBusy
from cartclinic.model import (
    CallAttempt,
    ClinicSettings,
    Event,
    LabResult,
    Patient,
    PatientResult,
    Task,
    Treatment,
    User,
    Visit,
    VisitBrief,
    VisitRecord,
)
from cartclinic.schedule import PlannedVisit
from cartclinic.store import anchors
from cartclinic.store.audit import (
    ACTIONS,
    AUDITED_TABLES,
    GROUP_COLUMNS,
    LEGACY_COLUMNS,
    LOG_COLUMNS,
    as_hex,
)
from cartclinic.store.audit import entries as audit_entries
from cartclinic.store.audit import entry_hash as audit_entry_hash
from cartclinic.store.audit import group_chain_problem as audit_group_chain_problem
from cartclinic.store.audit import group_rows as audit_group_rows
from cartclinic.store.audit import image_problem as audit_image_problem
from cartclinic.store.audit import legacy_chain_problem as audit_legacy_chain_problem
from cartclinic.store.base import RosterStore
from cartclinic.store.maintenance import Maintenance
from cartclinic.store.sqlite import files, seal
from cartclinic.store.sqlite.changes_sql import changes_since
from cartclinic.store.sqlite.corrections_sql import CorrectionsSql
from cartclinic.store.sqlite.errors import sqlite_errors_as_store_errors, store_error
from cartclinic.store.sqlite.schema import (
    TEXT_COLUMNS,
    add_audit_table,
    audit_table_codes,
    ensure_triggers,
    migration_set,
    open_visit,
    pending_names,
)

TEXT_KEYS = frozenset(TEXT_COLUMNS)

COMPACT_AUDIT = "0016_compact_audit"
AUDIT_GROUPS = "0018_audit_groups"
VISIT_TEXTS = "0019_visit_texts"  # gives back the room of the texts every visit held
SMALLER_INDEXES = "0020_smaller_indexes"  # and the room of the indexes made smaller
# how many rows changed behind the program's back have their fields named at once (their rows
# and entries in memory; one pass over the trail for each such batch)
_NAMED_AT_ONCE = 5000
# an audit_log action code as its name (audit.ACTIONS)
_ACTION_NAME = ("CASE action WHEN 0 THEN 'insert' WHEN 1 THEN 'update' WHEN 2 THEN 'delete' "
                "ELSE 'note' END")

if TYPE_CHECKING:
    from sqlite_utils import Database

_OPEN_V = open_visit("v")

BUSY_TIMEOUT_MS = 5000  # a read, or a write's commit, waits this long for another program
WAIT_STEP_MS = 1000  # a write waiting its turn looks up (and says it waits) once a second
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)
# Rows are read as plain tuples in the order of the object's fields (sqlite3.Row looks each
# name up column by column, which costs more than the query on a list of thousands of visits).
_PATIENT_COLUMNS = (
    "mrn, name, date_of_birth, sex, phone, diagnosis, physician, notes, id, "
    "address, next_of_kin, next_of_kin_relationship, next_of_kin_phone, language"
)
_TREATMENT_COLUMNS = (
    "patient_id, product, infusion_date, protocols, target, tracked_from, reinfusion_of, id"
)
# `done_on` is the visit record's day: a join for any visit, NULL where only open visits are read.
_VISIT_COLUMNS = (
    "v.id, v.treatment_id, t.patient_id, v.protocol_id, v.code, x.label, v.kind, v.any_day, "
    "x.assessments, v.target, v.window_start, v.window_end, v.scheduled, v.tracked_from, "
    "v.flags, v.moved_reason, v.cancelled_reason, v.cancelled_by_event, v.missed_on, {done_on}, "
    "x.label_zh, x.assessments_zh"
)
# a visit's texts are kept once for all the visits that share them (migration 0019)
VISIT_FROM = "FROM visits v JOIN visit_texts x ON x.id = v.texts "
_VISIT_SELECT = f"""
    SELECT {_VISIT_COLUMNS.format(done_on="r.done_on")}
    {VISIT_FROM}
    JOIN treatments t ON t.id = v.treatment_id
    LEFT JOIN visit_records r ON r.visit_id = v.id
"""
_OPEN_VISIT_SELECT = (
    f"SELECT {_VISIT_COLUMNS.format(done_on='NULL')} "
    f"{VISIT_FROM}JOIN treatments t ON t.id = v.treatment_id "
)

# what the worklist screen shows of an open visit, with its patient, in the order of VisitBrief
_BRIEF_SELECT = (
    "SELECT v.id, t.patient_id, p.name, p.mrn, p.phone, v.protocol_id, v.code, x.label, "
    "x.assessments, v.window_start, v.window_end, v.scheduled, v.tracked_from, v.kind, "
    "t.infusion_date, x.label_zh, x.assessments_zh "
    f"{VISIT_FROM}JOIN treatments t ON t.id = v.treatment_id "
    "JOIN patients p ON p.id = t.patient_id "
)
# where a table's rows are read whole, as their audit entries hash them: a visit with its texts
ROW_SOURCE = {"visits": "visits_with_texts"}


def _open_visit_query(
    select: str, window_end_before: date | None, scheduled_from: date | None,
    scheduled_to: date | None,
) -> tuple[str, list[str]]:
    """`select` over the open visits whose window ended before `window_end_before` or whose
    scheduled day is in [from, to] (from None: on or before `to`); ("", []) when neither is
    asked.

    Two index range scans (SQLite will not split an OR across two partial indexes); each
    repeats the indexes' condition so the planner can use them. No ORDER BY: it makes the
    planner merge the two parts by walking the whole scheduled index; sorting the few thousand
    rows in Python is cheaper."""
    head = f"{select} WHERE {_OPEN_V} AND "
    parts, args = [], []
    if window_end_before is not None:
        parts.append(head + "v.window_end < ?")
        args.append(iso(window_end_before))
    if scheduled_to is not None:
        # open visits scheduled before today are overdue or late in their window: the worklist
        # holds them all, so reading from the index's start costs only the overdue ones twice
        if scheduled_from is not None:
            part = head + "v.scheduled BETWEEN ? AND ?"
            args += [iso(scheduled_from), iso(scheduled_to)]
        else:
            part = head + "v.scheduled <= ?"
            args.append(iso(scheduled_to))
        if window_end_before is not None:
            # leave out what the first part already has: the parts are disjoint, so UNION ALL
            # gives each visit once without UNION's temporary B-tree comparing whole rows. The
            # unary + keeps the planner off the window_end index for this part: with no lower
            # bound on the date it would walk every open visit of fifteen years by window_end
            part += " AND +v.window_end >= ?"
            args.append(iso(window_end_before))
        parts.append(part)
    return " UNION ALL ".join(parts), args


# the oldest SQLite the schema's SQL runs on: RETURNING and ALTER TABLE … DROP COLUMN (3.35;
# the migrations of 0019 and every insert), UPDATE … FROM (3.33)
SQLITE_NEEDED = (3, 35, 0)


def _require_sqlite_version(have: tuple[int, int, int] | None = None) -> None:
    """Refuse, before the file is touched, a Python whose SQLite is too old: the upgrade
    would fail half-way with a syntax error (rolled back), and every insert after it."""
    have = have or sqlite3.sqlite_version_info
    if have < SQLITE_NEEDED:
        raise RosterProblem(
            f"This program needs SQLite {'.'.join(map(str, SQLITE_NEEDED))} or later; the "
            f"Python running it has SQLite {'.'.join(map(str, have))}. Nothing was changed. "
            "Run it with a newer Python (Debian 12 and later ship SQLite 3.40) or ask IT.")


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas every connection must have (autocommit: we BEGIN ourselves)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5.0, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


@sqlite_errors_as_store_errors
class SqliteStore(CorrectionsSql, RosterStore):
    _audit_row_text = False  # audit_log.row_id: an integer where it is one (PostgreSQL: text)

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._who: str | None = None
        self._last_hash: str | None = None
        self._audit_codes: dict[str, int] | None = None
        self._next_audit_id: int | None = None
        self._audit_group: tuple[Any, ...] | None = None  # written at the transaction's end
        self._texts: dict[tuple[str, ...], int] | None = None  # this write's: texts -> ids
        self._check: files.CheckOnThread | None = None  # a quick_check still running, see open
        self.changes_since_backup = 0
        self._wrote = False  # a session that wrote leaves an anchor when it closes
        self._changes = NOTHING  # what the writes since `take_changes` changed
        # what `changed_outside` compares: the file's identity, and SQLite's count of commits
        # made by other connections (our own commits leave it alone)
        self._identity = _file_identity(path)
        self._data_version = self._read_data_version()

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, check_later: bool = False,
             before_upgrade: Callable[[list[str]], object] | None = None) -> SqliteStore:
        """Open (or create) the roster. Its `quick_check` runs before this returns, or with
        `check_later` on a thread of its own from `start_check()` (the program's start: the
        check takes about a second per gigabyte, and begins once the worklist is painted);
        every write waits for that check, starting it if need be, and is refused unless it
        said 'ok', so a damaged file is never written to either way.

        A roster made by an older version is upgraded here (its check, a copy, the migrations:
        minutes for a large file); `before_upgrade(names)` is told first, so a person can be."""
        path = Path(path).expanduser().absolute()
        _require_sqlite_version()
        files.refuse_network_share(path if path.exists() else path.parent)
        new = not path.exists() or path.stat().st_size == 0
        if not path.exists():
            if not create:
                raise RosterProblem(f"No roster at {path}. Create one with the init command.")
            try:
                files.create_owner_only(path)
            except OSError as exc:
                raise RosterProblem(f"Cannot create the roster at {path}: {exc.strerror}") from None
            seal.remove(path)  # a seal left by a roster deleted by hand says nothing of this one
            anchors.retire(path)  # nor do the anchors of that roster
        elif not new:
            if not check_later:
                verdict = files.check_file(path)
                if verdict != "ok":
                    raise _unopenable(path, verdict)
            lost = seal.missing_changes(path)
            if lost:
                raise RosterProblem(_damaged_message(path, lost))
        try:
            conn = connect(path)
        except sqlite3.DatabaseError as exc:
            raise _unopenable(path, str(exc)) from None
        store = cls(path, conn)
        with suppress(OSError):
            files.remove_stale_parts(files.backup_dir(path))  # left by a killed backup
        if check_later and not new:
            store._check = files.CheckOnThread(path)  # begins on start_check or the first write
        try:
            store._migrate(new, before_upgrade)
        except sqlite3.OperationalError as exc:
            store.close()
            raise RosterProblem(f"The roster {path} cannot be opened for writing: {exc}") from None
        except sqlite3.DatabaseError as exc:  # damage met before its check has answered
            store.close()
            raise RosterProblem(_damaged_message(path, str(exc))) from None
        except BaseException:
            store.close()
            raise
        return store

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on the same connection, made when first needed (migrations)."""
        from sqlite_utils import Database

        return Database(self.conn)

    def _migrate(self, new: bool,
                 before_upgrade: Callable[[list[str]], object] | None = None) -> None:
        pending = pending_names(self.conn)
        if not pending:
            return
        if not new:
            if before_upgrade is not None:
                before_upgrade(pending)
            self._require_sound()  # an upgrade is a write: never onto an unchecked file
            # the copy comes first: an upgrade that goes wrong can always be undone by hand
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            first = files.backup_dir(self.path) / f"before-{pending[0]}-{stamp}.db"
            copy = files.backup_to(self.conn, files.free_names(first))
            seal.record_backup(self.path, copy)
        self._begin()
        try:
            migration_set().apply(self.db)  # nested atomic() blocks become savepoints
            ensure_triggers(self.db)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        if not new and {COMPACT_AUDIT, AUDIT_GROUPS, VISIT_TEXTS, SMALLER_INDEXES} & set(pending):
            self._after_audit_conversion()  # 0018, 0019 and 0020 only for the VACUUM

    def _after_audit_conversion(self) -> None:
        """Migration 0016 chained the trail anew: the seal and the anchors file learn the new
        head (old anchors hold through each row's `legacy` digits), and the pages the whole
        images took are given back to the disk (VACUUM; backups copy free pages too). After
        0018, 0019 and 0020 the head is the same (written again, no harm) and the VACUUM gives
        back the room of the entries' fixed fields, of the texts every visit held and of the
        indexes made smaller."""
        top = seal.head(self.conn)
        if top is not None:
            seal.write(self.path, *top)
            anchors.record(self.path, *top, "session")
        with suppress(sqlite3.OperationalError):  # a full disk keeps the file as it is
            self.conn.execute("VACUUM")

    def _read_data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def changed_outside(self) -> str | None:
        if _file_identity(self.path) != self._identity:
            return "replaced"
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            return "written"
        return None

    def take_changes(self) -> Changes:
        taken, self._changes = self._changes, NOTHING
        return taken

    def maintenance(self) -> Maintenance:
        from cartclinic.store.sqlite.maintenance import SqliteMaintenance

        return SqliteMaintenance(self.path)

    def start_check(self) -> None:
        """Begin the check deferred by `check_later` (nothing if there is none)."""
        if self._check is not None:
            self._check.start()

    def wait_for_check(self) -> str | None:
        """'ok' once the roster has passed its check (at once if it was checked on opening),
        why it must not be written to, or None if it was closed before its check ended.
        Blocks while a check on a thread is running."""
        check = self._check
        if check is None:
            return "ok"
        verdict = check.verdict()
        if verdict is None:
            return None
        return "ok" if verdict == "ok" else _damaged_message(self.path, verdict)

    def _require_sound(self) -> None:
        answer = self.wait_for_check()
        if answer == "ok":
            self._check = None
            return
        raise RosterProblem(answer or _damaged_message(self.path, "its check was stopped before it ended"))

    def schema_version(self) -> list[str]:
        return [m.name for m in migration_set().applied(self.db)]

    def close(self) -> None:
        if self._check is not None:
            self._check.stop()  # a check still running is interrupted, not waited for
        try:
            if self._wrote:  # the head of a session that wrote, kept outside the file
                self._wrote = False
                top = seal.head(self.conn)
                if top is not None:
                    anchors.record(self.path, *top, "session")
        finally:
            self.conn.close()

    # -- transactions and audit -----------------------------------------------------------
    @contextmanager
    def write(self, who: str) -> Iterator[None]:
        if not who or not who.strip():
            raise InputRefused("who: the name of the person making the change is required")
        if self._who is not None:  # nested: part of the outer transaction
            yield
            return
        self._require_sound()
        try:
            self._begin()
        except sqlite3.OperationalError as exc:
            raise _write_problem(self.path, exc) from None
        self._who = who.strip()
        self._last_hash = None
        sealed: tuple[int, str] | None = None
        changes = NOTHING
        try:
            mark = self._last_audit_id()
            yield
            self._close_audit_group()
            if self._last_hash is not None:
                # our own last audit row, read before COMMIT: after it, another process's
                # commit could make max(id) a row whose hash we do not hold
                sealed = (self._last_audit_id(), self._last_hash)
                changes = changes_since(self.conn, mark)
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _write_problem(self.path, exc) from None
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.changes_since_backup += 1
            self._changes = self._changes | changes
            if sealed is not None:
                seal.write(self.path, *sealed)
                self._wrote = True
        finally:
            self._who = None
            self._last_hash = None
            self._texts = None
            self._audit_codes = None
            self._next_audit_id = None
            self._audit_group = None

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting its turn while another program writes (DESIGN.md "The
        store": a second writer waits, up to minutes for an import). SQLite's busy handler waits
        a second at a time; after each second `on_wait(seconds waited)` is told (the command
        line says so once on stderr, the application in its status bar), and after
        `longest_wait` seconds the write gives up with StoreBusy, nothing of it saved."""
        started = time.monotonic()
        self.conn.execute(f"PRAGMA busy_timeout={WAIT_STEP_MS}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    text = str(exc).lower()
                    if "locked" not in text and "busy" not in text:
                        raise
                waited = time.monotonic() - started
                if waited >= self.longest_wait:
                    raise StoreBusy(
                        f"The roster could not be saved: another program has been writing to "
                        f"the roster {self.path} for {waited:.0f} seconds, longer than a change "
                        "waits. Nothing of this change was saved. Find the program that is "
                        "writing (an import, a restore) and let it end, then try again.")
                if self.on_wait is not None:
                    self.on_wait(waited)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    def _last_audit_id(self) -> int:
        row = self.conn.execute("SELECT max(id) FROM audit").fetchone()
        return int(row[0] or 0)

    def _require_tx(self) -> str:
        if self._who is None:
            raise RuntimeError("writes must happen inside store.write(who)")
        return self._who

    def _audit(self, table: str, row_id: Any, action: str, old: Any, new: Any) -> None:
        self._audit_many(table, [(row_id, action, old, new)])

    def _audit_many(self, table: str, changes: Sequence[tuple[Any, str, Any, Any]]) -> None:
        """Audit rows for (row id, action, old image, new image), chained in order."""
        who = self._require_tx()
        if self._last_hash is None:
            row = self.conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
            self._last_hash = row[0] if row else ""
        at = datetime.now(UTC).isoformat(timespec="seconds")
        # the entries (compact: what changed, and a hash of the row after) are made by
        # store.audit, the same for every backend; this store only writes them
        rows = audit_entries(self._last_hash, at, who, table, changes)
        if not rows:
            return
        self._write_audit_group(self._last_hash, at, who, rows)
        self._last_hash = rows[-1][-1]

    def _write_audit_group(self, prev: str, at: str, who: str, rows: list) -> None:
        """Entries written together: one audit_log row each, one audit_group row for all the
        entries of the transaction written in the same second (migration 0018;
        store.audit.group_rows)."""
        codes = self._audit_codes
        if codes is None:
            codes = self._audit_codes = audit_table_codes(self.conn)
        for r in rows:
            if r[2] not in codes:
                codes[r[2]] = add_audit_table(self.conn, r[2])
        if self._next_audit_id is None:
            self._next_audit_id = 1 + int(self.conn.execute(
                "SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])
        log, group = audit_group_rows(self._next_audit_id, prev, at, who, rows, codes)
        self._next_audit_id += len(log)
        self.conn.executemany(f"INSERT INTO audit_log ({LOG_COLUMNS}) VALUES "
                              f"({', '.join('?' * 8)})", log)
        held = self._audit_group
        if held is not None and held[1:3] == group[1:3]:
            # the same transaction in the same second: one group, from the first one's link
            self._audit_group = (group[0], *held[1:4], group[4])
        else:
            self._close_audit_group()
            self._audit_group = group

    def _close_audit_group(self) -> None:
        """The group row of the entries written since the last one (before COMMIT: a group is
        all the entries of one transaction written in the same second)."""
        if self._audit_group is not None:
            self.conn.execute(f"INSERT INTO audit_group ({GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                              self._audit_group)
            self._audit_group = None

    def _tuples(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        """A cursor yielding plain tuples, for the readers that build objects by position."""
        cur = self.conn.cursor()
        cur.row_factory = None
        return cur.execute(sql, args)

    def _row(self, table: str, row_id: int) -> dict[str, Any] | None:
        source = ROW_SOURCE.get(table, table)
        row = self.conn.execute(f"SELECT * FROM {source} WHERE id = ?", (row_id,)).fetchone()
        return dict(row) if row else None

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        self._require_tx()
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        try:
            cur = self.conn.execute(
                f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(values.values())
            )
        except sqlite3.IntegrityError as exc:
            raise InputRefused(f"{table}: refused by the roster's rules ({exc})") from None
        row_id = int(cur.lastrowid or 0)
        # the stored row, defaults included, so verify can compare it with the table later
        self._audit(table, row_id, "insert", None, self._row(table, row_id))
        return row_id

    def _update(self, table: str, row_id: int, changes: dict[str, Any]) -> None:
        self._require_tx()
        old = self._row(table, row_id)
        if old is None:
            raise NotFound(f"{table}: no row {row_id}")
        stored = changes
        if table == "visits" and not TEXT_KEYS.isdisjoint(changes):
            # texts are kept once (0019): a visit given another text names another row of them
            stored = {k: v for k, v in changes.items() if k not in TEXT_KEYS}
            stored["texts"] = self._texts_id(*(changes.get(k, old[k]) for k in TEXT_COLUMNS))
        sets = ", ".join(f"{col} = ?" for col in stored)
        try:
            self.conn.execute(
                f"UPDATE {table} SET {sets} WHERE id = ?", (*stored.values(), row_id)
            )
        except sqlite3.IntegrityError as exc:
            raise InputRefused(f"{table}: refused by the roster's rules ({exc})") from None
        # the row as stored (a bool given is 1, a REAL column's 2 is 2.0): its image is hashed
        new = self._row(table, row_id)
        if new != old:
            self._audit(table, row_id, "update", old, new)
            if table == "visits":
                self._log_visit_update(row_id, old, changes)

    def note(self, what: str, detail: dict[str, Any]) -> None:
        self._audit("note", what, "note", None, detail)

    # -- patients -------------------------------------------------------------------------
    def add_patient(self, patient: Patient) -> int:
        return self._insert("patients", _patient_row(patient))

    def update_patient(self, patient: Patient) -> None:
        assert patient.id is not None
        self._update("patients", patient.id, _patient_row(patient))

    def patient(self, patient_id: int) -> Patient:
        row = self._tuples(
            f"SELECT {_PATIENT_COLUMNS} FROM patients WHERE id = ?", (patient_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"patient: no patient with id {patient_id}")
        return _patient(row)

    def patient_by_mrn(self, mrn: str) -> Patient | None:
        row = self._tuples(f"SELECT {_PATIENT_COLUMNS} FROM patients WHERE mrn = ?", (mrn,)).fetchone()
        return _patient(row) if row else None

    def patients(self) -> list[Patient]:
        return [_patient(r) for r in self._tuples(f"SELECT {_PATIENT_COLUMNS} FROM patients ORDER BY id")]

    def patients_by_id(self, ids: Iterable[int]) -> dict[int, Patient]:
        patients = (_patient(r) for r in self._by_ids("patients", _PATIENT_COLUMNS, ids))
        return {p.id: p for p in patients if p.id is not None}

    def _by_ids(self, table: str, columns: str, ids: Iterable[int]) -> Iterator[tuple[Any, ...]]:
        """Rows of `table` with these ids, in chunks under SQLite's variable limit."""
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), 900):
            chunk = wanted[i:i + 900]
            marks = ",".join("?" for _ in chunk)
            yield from self._tuples(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", chunk)

    # -- treatments -----------------------------------------------------------------------
    def add_treatment(self, treatment: Treatment, protocol_versions: dict[str, tuple[str, str]]) -> int:
        for protocol_id, (version, body) in protocol_versions.items():
            stored = self.conn.execute(
                "SELECT body FROM protocol_versions WHERE protocol_id = ? AND version = ?",
                (protocol_id, version),
            ).fetchone()
            if stored is None:
                self.conn.execute(
                    "INSERT INTO protocol_versions (protocol_id, version, body) VALUES (?, ?, ?)",
                    (protocol_id, version, body),
                )
            elif stored[0] != body:
                # the snapshot kept with a treatment must be the protocol its visits came from
                raise ProtocolError(
                    f"protocol: {protocol_id} version {version} is not the {protocol_id} "
                    f"version {version} this roster already holds (its treatments were "
                    "scheduled from that one, and it is kept with them). A changed protocol "
                    "needs a new version: give the changed file another version = \"...\" "
                    "and use it again."
                )
        treatment_id = self._insert(
            "treatments",
            {
                "patient_id": treatment.patient_id,
                "product": treatment.product,
                "target": treatment.target,
                "infusion_date": iso(treatment.infusion_date),
                "protocols": ";".join(treatment.protocols),
                "tracked_from": iso(treatment.tracked_from),
                "reinfusion_of": treatment.reinfusion_of,
            },
        )
        for protocol_id, (version, _body) in protocol_versions.items():
            self.conn.execute(
                "INSERT INTO treatment_protocols (treatment_id, protocol_id, version) VALUES (?, ?, ?)",
                (treatment_id, protocol_id, version),
            )
        return treatment_id

    def treatments(self, patient_id: int | None = None) -> list[Treatment]:
        if patient_id is None:
            rows = self._tuples(
                f"SELECT {_TREATMENT_COLUMNS} FROM treatments ORDER BY patient_id, infusion_date, id"
            )
        else:
            rows = self._tuples(
                f"SELECT {_TREATMENT_COLUMNS} FROM treatments WHERE patient_id = ? "
                "ORDER BY infusion_date, id",
                (patient_id,),
            )
        return [_treatment(r) for r in rows]

    def treatment(self, treatment_id: int) -> Treatment:
        row = self._tuples(
            f"SELECT {_TREATMENT_COLUMNS} FROM treatments WHERE id = ?", (treatment_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"treatment: no treatment with id {treatment_id}")
        return _treatment(row)

    def treatments_by_id(self, ids: Iterable[int]) -> dict[int, Treatment]:
        treatments = (_treatment(r) for r in self._by_ids("treatments", _TREATMENT_COLUMNS, ids))
        return {t.id: t for t in treatments if t.id is not None}

    def protocol_version(self, treatment_id: int, protocol_id: str) -> tuple[str, str]:
        row = self.conn.execute(
            "SELECT p.version, p.body FROM treatment_protocols tp JOIN protocol_versions p "
            "ON p.protocol_id = tp.protocol_id AND p.version = tp.version "
            "WHERE tp.treatment_id = ? AND tp.protocol_id = ?",
            (treatment_id, protocol_id),
        ).fetchone()
        if row is None:
            raise NotFound(f"treatment {treatment_id} does not follow protocol {protocol_id}")
        return row[0], row[1]

    def set_protocol_version(self, treatment_id: int, protocol_id: str, version: str,
                             body: str) -> None:
        self._require_tx()
        old, _body = self.protocol_version(treatment_id, protocol_id)
        stored = self.conn.execute(
            "SELECT body FROM protocol_versions WHERE protocol_id = ? AND version = ?",
            (protocol_id, version)).fetchone()
        if stored is None:
            self.conn.execute(
                "INSERT INTO protocol_versions (protocol_id, version, body) VALUES (?, ?, ?)",
                (protocol_id, version, body))
        elif stored[0] != body:
            raise ProtocolError(
                f"protocol: {protocol_id} version {version} is not the {protocol_id} version "
                f"{version} this roster already holds; a changed protocol needs a new version")
        self.conn.execute(
            "UPDATE treatment_protocols SET version = ? WHERE treatment_id = ? AND protocol_id = ?",
            (version, treatment_id, protocol_id))
        self._audit("treatment_protocols", f"{treatment_id}/{protocol_id}", "update",
                    {"version": old}, {"version": version})

    # -- visits ---------------------------------------------------------------------------
    def add_visits(self, treatment_id: int, planned: Sequence[PlannedVisit]) -> None:
        """A whole schedule in one statement: an import stores hundreds of thousands of visits.
        Ids are given here (we hold the write lock) so the audit images are the stored rows."""
        self._require_tx()
        if not planned:
            return
        first, tracked_from = self._visit_numbering(treatment_id, len(planned))
        rows = [
            {
                "id": first + i,
                "treatment_id": treatment_id,
                "protocol_id": p.protocol_id,
                "code": p.code,
                "label": p.label,
                "kind": p.kind,
                "any_day": int(p.any_day),
                "assessments": _json_list(p.assessments),
                "target": iso(p.target),
                "window_start": iso(p.window_start),
                "window_end": iso(p.window_end),
                "scheduled": iso(p.scheduled),
                "tracked_from": tracked_from,
                "flags": _json_list(p.flags),
                "moved_reason": "",
                "cancelled_reason": "",
                "cancelled_by_event": None,
                "missed_on": None,
                "done": 0,
                "label_zh": p.label_zh,
                "assessments_zh": _json_list(p.assessments_zh),
            }
            for i, p in enumerate(planned)
        ]
        stored = self._visits_as_stored(rows)
        cols = list(stored[0])
        try:
            self.conn.executemany(
                f"INSERT INTO visits ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [tuple(s.values()) for s in stored],
            )
        except sqlite3.IntegrityError as exc:
            raise InputRefused(f"visits: refused by the roster's rules ({exc})") from None
        self._audit_many("visits", [(r["id"], "insert", None, r) for r in rows])

    def _visits_as_stored(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Visit rows as the table keeps them: without their texts, which are kept once (0019)
        and named by id. The audit image stays of the visit with them (`visits_with_texts`)."""
        stored = [{k: v for k, v in r.items() if k not in TEXT_KEYS} for r in rows]
        for r, s in zip(rows, stored, strict=True):
            s["texts"] = self._texts_id(*(r[k] for k in TEXT_COLUMNS))
        return stored

    def _texts_id(self, label: str, assessments: str, label_zh: str, assessments_zh: str) -> int:
        """The id of a visit's texts (JSON lists as stored), added the first time they are
        used. The texts are read once per write and kept for that write only: the writers'
        lock holds them true until it ends, but not after (a restore by another program brings
        other ids)."""
        texts = self._texts
        if texts is None:
            # every text at once, the first time a write needs one: a few hundred short rows
            # in one statement, not a question per text (a round trip each on a server)
            texts = self._texts = {
                tuple(text): int(text_id) for text_id, *text in self._tuples(
                    "SELECT id, label, assessments, label_zh, assessments_zh FROM visit_texts "
                    "ORDER BY id DESC")}  # the lowest id of equal texts is the one kept
        key = (label, assessments, label_zh, assessments_zh)
        known = texts.get(key)
        if known is not None:
            return known
        try:
            row = self.conn.execute(
                "INSERT INTO visit_texts (label, assessments, label_zh, assessments_zh) "
                "VALUES (?, ?, ?, ?) RETURNING id", key).fetchone()
        except sqlite3.IntegrityError as exc:  # a Chinese label over 200 characters
            raise InputRefused(f"visits: refused by the roster's rules ({exc})") from None
        texts[key] = found = int(row[0])
        return found


    def _visit_numbering(self, treatment_id: int, count: int) -> tuple[int, str]:
        """The first id of `count` new visits of the treatment, and its tracked_from."""
        first, tracked_from = self.conn.execute(
            "SELECT (SELECT coalesce(max(id), 0) + 1 FROM visits), "
            "(SELECT tracked_from FROM treatments WHERE id = ?)", (treatment_id,)
        ).fetchone()
        return first, tracked_from

    def visit(self, visit_id: int) -> Visit:
        row = self._tuples(_VISIT_SELECT + " WHERE v.id = ?", (visit_id,)).fetchone()
        if row is None:
            raise NotFound(f"visit: no visit with id {visit_id}")
        return _visit(row)

    def visits(self, *, patient_id: int | None = None, treatment_id: int | None = None) -> list[Visit]:
        where, args = [], []
        if patient_id is not None:
            where.append("t.patient_id = ?")
            args.append(patient_id)
        if treatment_id is not None:
            where.append("v.treatment_id = ?")
            args.append(treatment_id)
        sql = _VISIT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY v.scheduled, v.id"
        return [_visit(r) for r in self._tuples(sql, args)]

    def open_visits(
        self,
        *,
        window_end_before: date | None = None,
        scheduled_from: date | None = None,
        scheduled_to: date | None = None,
    ) -> list[Visit]:
        sql, args = _open_visit_query(_OPEN_VISIT_SELECT, window_end_before, scheduled_from,
                                      scheduled_to)
        visits = [_visit(values) for values in self._tuples(sql, args)] if sql else []
        visits.sort(key=attrgetter("scheduled", "id"))
        return visits

    def open_visit_briefs(
        self,
        *,
        window_end_before: date | None = None,
        scheduled_from: date | None = None,
        scheduled_to: date | None = None,
    ) -> list[VisitBrief]:
        sql, args = _open_visit_query(_BRIEF_SELECT, window_end_before, scheduled_from,
                                      scheduled_to)
        if not sql:
            return []
        day, listed, new = _day, _tuple_of, tuple.__new__
        # built with tuple.__new__: the class's own __new__ takes keywords and costs twice this
        briefs = [
            new(VisitBrief, (visit_id, patient_id, name, mrn, phone, protocol_id, code, label,
                             listed(assessments), day(window_start), day(window_end),
                             day(scheduled), day(tracked_from), kind, day(day0), label_zh,
                             listed(assessments_zh)))
            for (visit_id, patient_id, name, mrn, phone, protocol_id, code, label, assessments,
                 window_start, window_end, scheduled, tracked_from, kind, day0, label_zh,
                 assessments_zh)
            in self._tuples(sql, args)
        ]
        return briefs  # in no set order: the worklist sorts them by its own rule

    def open_visit_lines(
        self,
        *,
        window_end_before: date | None = None,
        scheduled_from: date | None = None,
        scheduled_to: date | None = None,
    ) -> list[tuple[Visit, Patient, Treatment]]:
        visits = self.open_visits(
            window_end_before=window_end_before, scheduled_from=scheduled_from,
            scheduled_to=scheduled_to,
        )
        # then every patient and treatment of the list in two queries, not one per line
        patients = self.patients_by_id({v.patient_id for v in visits})
        treatments = self.treatments_by_id({v.treatment_id for v in visits})
        return [(v, patients[v.patient_id], treatments[v.treatment_id]) for v in visits]

    def next_open_visits(self, today: date) -> list[Visit]:
        """Per patient, the open visit with the earliest scheduled date among those not yet
        past their window as of `today` (the candidates for "next checkup"). One grouped
        query over the open-visit index instead of reading every visit of the roster."""
        # SQLite takes the bare columns from the row that gives min(): the earliest scheduled
        # date, the lower id on a tie
        sql = (
            f"SELECT {_VISIT_COLUMNS.format(done_on='NULL')}, "
            "min(v.scheduled || '#' || printf('%012d', v.id)) AS first_key "
            f"{VISIT_FROM}JOIN treatments t ON t.id = v.treatment_id "
            f"WHERE {_OPEN_V} AND max(v.window_end, v.scheduled) >= ? "
            # per treatment (walks the UNIQUE index, treatment first; no temporary B-tree); per
            # patient below
            "GROUP BY v.treatment_id"
        )
        first: dict[int, Visit] = {}
        for values in self._tuples(sql, (iso(today),)):
            v = _visit(values[:-1])  # without first_key
            best = first.get(v.patient_id)
            if best is None or (v.scheduled, v.id) < (best.scheduled, best.id):
                first[v.patient_id] = v
        return list(first.values())

    def update_visit(self, visit_id: int, **changes: Any) -> None:
        row: dict[str, Any] = {}
        for key, value in changes.items():
            if key in ("flags", "assessments", "assessments_zh"):
                row[key] = _json_list(tuple(value))
            elif isinstance(value, date):
                row[key] = iso(value)
            else:
                row[key] = value
        self._update("visits", visit_id, row)

    # -- records --------------------------------------------------------------------------
    def add_record(self, record: VisitRecord) -> int:
        record_id = self._insert(
            "visit_records",
            {
                "visit_id": record.visit_id,
                "done_on": iso(record.done_on),
                "assessments_done": json.dumps(list(record.assessments_done), ensure_ascii=False),
                "disease_status": record.disease_status,
                "notes": record.notes,
                "who": record.who,
            },
        )
        patient_id = self.conn.execute(
            "SELECT t.patient_id FROM visits v JOIN treatments t ON t.id = v.treatment_id "
            "WHERE v.id = ?", (record.visit_id,)).fetchone()[0]
        # a roster opened before its upgrade (tests of older versions) lacks the 0007 columns
        have = {r[1] for r in self.conn.execute("PRAGMA table_info(lab_results)")}
        for lab in record.labs:
            row = {"record_id": record_id, "name": lab.name, "value": lab.value, "unit": lab.unit,
                   "patient_id": patient_id, "taken_on": iso(record.done_on),
                   "canonical_value": lab.canonical, "canonical_unit": lab.canonical_unit}
            self._insert("lab_results", {k: v for k, v in row.items() if k in have})
        self._update("visits", record.visit_id, {"done": 1})
        return record_id

    def records(self, patient_id: int) -> list[VisitRecord]:
        rows = self.conn.execute(
            "SELECT r.* FROM visit_records r JOIN visits v ON v.id = r.visit_id "
            "JOIN treatments t ON t.id = v.treatment_id WHERE t.patient_id = ? "
            "ORDER BY r.done_on, r.id",
            (patient_id,),
        ).fetchall()
        labs: dict[int, list[LabResult]] = {}
        if rows:
            marks = ",".join("?" for _ in rows)
            for lab in self.conn.execute(
                f"SELECT * FROM lab_results WHERE record_id IN ({marks}) "
                "AND corrected_by IS NULL ORDER BY id",
                [r["id"] for r in rows],
            ):
                labs.setdefault(lab["record_id"], []).append(
                    LabResult(lab["name"], lab["value"], lab["unit"], id=lab["id"])
                )
        return [
            VisitRecord(
                id=r["id"],
                visit_id=r["visit_id"],
                done_on=date.fromisoformat(r["done_on"]),
                who=r["who"],
                assessments_done=tuple(json.loads(r["assessments_done"])),
                disease_status=r["disease_status"],
                labs=tuple(labs.get(r["id"], ())),
                notes=r["notes"],
            )
            for r in rows
        ]

    def add_results(self, results: Sequence[PatientResult]) -> list[int]:
        """Store results that belong to no visit record (a lab import)."""
        return [self._insert("lab_results", {
            "record_id": None, "patient_id": r.patient_id, "taken_on": iso(r.taken_on),
            "name": r.name, "value": r.value, "unit": r.unit,
            "canonical_value": r.canonical, "canonical_unit": r.canonical_unit,
        }) for r in results]

    def results(self, patient_id: int) -> list[PatientResult]:
        """The patient's results, typed at a visit or imported, in the order they were taken
        (two on one day: in the order entered); those entered in error left out. A result
        written before results had their own patient and date (0007) has its record's, and
        its canonical value is worked out here."""
        from cartclinic.analytes import analyte, canonical

        rows = self.conn.execute(
            "SELECT l.*, COALESCE(l.taken_on, r.done_on) AS taken, r.visit_id "
            "FROM lab_results l LEFT JOIN visit_records r ON r.id = l.record_id "
            "WHERE l.patient_id = ? AND l.corrected_by IS NULL "
            "UNION ALL "
            # from the patient's treatments down, each step by its index (CROSS JOIN keeps the
            # order): starting from lab_results scanned every older result of the roster, a
            # quarter of a second per patient at 10,000 patients
            "SELECT l.*, r.done_on AS taken, r.visit_id FROM treatments t "
            "CROSS JOIN visits v ON v.treatment_id = t.id "
            "CROSS JOIN visit_records r ON r.visit_id = v.id "
            "CROSS JOIN lab_results l ON l.record_id = r.id "
            "WHERE t.patient_id = ? AND l.patient_id IS NULL AND l.corrected_by IS NULL "
            "ORDER BY taken, id", (patient_id, patient_id)).fetchall()
        out = []
        for row in rows:
            value, unit = row["canonical_value"], row["canonical_unit"]
            if unit is None:  # written before 0007
                a = analyte(row["name"])
                unit = a.canonical if a else ""
                try:
                    value = canonical(a, row["value"], row["unit"]) if a else None
                except ValueError:  # a unit the table did not list then
                    value, unit = None, ""
            out.append(PatientResult(
                patient_id=patient_id, taken_on=date.fromisoformat(row["taken"]),
                name=row["name"], value=row["value"], unit=row["unit"], canonical=value,
                canonical_unit=unit, record_id=row["record_id"], visit_id=row["visit_id"],
                id=row["id"]))
        return out

    # -- events and calls -----------------------------------------------------------------
    def add_event(self, event: Event) -> int:
        return self._insert(
            "events",
            {
                "patient_id": event.patient_id,
                "treatment_id": event.treatment_id,
                "kind": event.kind,
                "event_date": iso(event.event_date),
                "notes": event.notes,
                "who": event.who,
            },
        )

    def update_event(self, event_id: int, **changes: Any) -> None:
        self._update(
            "events", event_id, {k: iso(v) if isinstance(v, date) else v for k, v in changes.items()}
        )

    def event(self, event_id: int) -> Event:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFound(f"event: no event with id {event_id}")
        return _event(row)

    def events(self, patient_id: int | None = None, *, with_corrected: bool = False) -> list[Event]:
        sql = "SELECT * FROM events WHERE " + ("1" if with_corrected else "corrected_by IS NULL")
        args: tuple[Any, ...] = ()
        if patient_id is not None:
            sql += " AND patient_id = ?"
            args = (patient_id,)
        return [_event(r) for r in self.conn.execute(sql + " ORDER BY event_date, id", args)]

    def add_task(self, task: Task) -> int:
        return self._insert("tasks", {
            "patient_id": task.patient_id, "event_id": task.event_id, "kind": task.kind,
            "created_on": iso(task.created_on), "done_on": iso(task.done_on) if task.done_on else None,
            "done_by": task.done_by,
        })

    def update_task(self, task_id: int, **changes: Any) -> None:
        self._update(
            "tasks", task_id, {k: iso(v) if isinstance(v, date) else v for k, v in changes.items()}
        )

    def tasks(self, patient_id: int) -> list[Task]:
        return [Task(id=r["id"], patient_id=r["patient_id"], event_id=r["event_id"], kind=r["kind"],
                     created_on=date.fromisoformat(r["created_on"]), done_on=from_iso(r["done_on"]),
                     done_by=r["done_by"])
                for r in self.conn.execute("SELECT * FROM tasks WHERE patient_id = ? ORDER BY id",
                                           (patient_id,))]

    def add_call(self, call: CallAttempt) -> int:
        return self._insert(
            "call_attempts",
            {
                "patient_id": call.patient_id,
                "visit_id": call.visit_id,
                "called_on": iso(call.called_on),
                "outcome": call.outcome,
                "who": call.who,
                "notes": call.notes,
            },
        )

    def calls(self, patient_id: int | None = None, *, with_corrected: bool = False) -> list[CallAttempt]:
        sql = "SELECT * FROM call_attempts WHERE " + ("1" if with_corrected else "corrected_by IS NULL")
        args: tuple[Any, ...] = ()
        if patient_id is not None:
            sql += " AND patient_id = ?"
            args = (patient_id,)
        return [
            CallAttempt(
                id=r["id"], patient_id=r["patient_id"], visit_id=r["visit_id"],
                called_on=date.fromisoformat(r["called_on"]), outcome=r["outcome"],
                who=r["who"], notes=r["notes"], corrected_by=r["corrected_by"],
            )
            for r in self.conn.execute(sql + " ORDER BY called_on, id", args)
        ]

    # -- a whole roster copied ----------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        self.conn.execute("BEGIN")  # a read transaction: one moment of the file
        try:
            yield
        finally:
            self.conn.execute("ROLLBACK")

    def table_rows(self, table: str, order: str, batch: int) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        cur = self.conn.cursor()
        cur.row_factory = None
        cur.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [d[0] for d in cur.description]
        while rows := cur.fetchmany(batch):
            yield names, [tuple(r) for r in rows]

    def load_rows(self, table: str, names: list[str], rows: list[tuple[Any, ...]]) -> None:
        self._require_tx()
        self.conn.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT
        marks = ", ".join("?" for _ in names)
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)

    def audit_table_codes(self) -> dict[str, int]:
        """The audit trail's table codes (migration 0018), name -> code."""
        return audit_table_codes(self.conn)

    def loaded(self, table: str) -> None:
        pass  # INTEGER PRIMARY KEY numbers new rows after the largest id already

    # -- users ----------------------------------------------------------------------------
    def has_patients(self) -> bool:
        return self.conn.execute("SELECT 1 FROM patients LIMIT 1").fetchone() is not None

    def add_user(self, user: User) -> int:
        return self._insert("users", {
            "name": user.name, "role": user.role, "pin_salt": user.pin_salt,
            "pin_hash": user.pin_hash, "failed_attempts": user.failed_attempts,
            "locked_until": user.locked_until, "active": int(user.active),
            "language": user.language,
        })

    def update_user(self, user_id: int, **changes: Any) -> None:
        self._update("users", user_id, {k: int(v) if isinstance(v, bool) else v
                                         for k, v in changes.items()})

    def user_by_name(self, name: str) -> User | None:
        row = self.conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return _user(row) if row else None

    def users(self) -> list[User]:
        return [_user(r) for r in self.conn.execute("SELECT * FROM users ORDER BY name")]

    # -- settings -------------------------------------------------------------------------
    def settings(self) -> ClinicSettings:
        stored = {r[0]: json.loads(r[1]) for r in self.conn.execute("SELECT key, value FROM settings")}
        values: dict[str, Any] = {}
        for f in fields(ClinicSettings):
            if f.name not in stored:
                continue
            value = stored[f.name]
            if f.name in ("closures", "extra_open"):
                value = tuple(date.fromisoformat(d) for d in value)
            elif f.name == "closed_weekdays":
                value = tuple(value)
            values[f.name] = value
        return ClinicSettings(**values)

    def save_settings(self, settings: ClinicSettings) -> None:
        self._require_tx()
        current = {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM settings")}
        for f in fields(ClinicSettings):
            value = getattr(settings, f.name)
            if f.name in ("closures", "extra_open"):
                value = sorted(iso(d) for d in value)
            elif f.name == "closed_weekdays":
                value = sorted(value)
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
            if current.get(f.name) == text:
                continue
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f.name, text),
            )
            old = None if f.name not in current else {"key": f.name, "value": current[f.name]}
            self._audit("settings", f.name, "update" if old else "insert", old,
                        {"key": f.name, "value": text})

    # -- audit and safety -----------------------------------------------------------------
    def audit_rows(self) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute("SELECT * FROM audit ORDER BY id"):
            entry = dict(row)
            for key in ("image", "legacy"):  # digests kept as bytes, given as hex
                if key in entry:
                    entry[key] = as_hex(entry[key])
            entry["row_id"] = str(entry["row_id"])  # kept as an integer where it is one
            yield entry

    def newest_entry_time(self) -> datetime | None:
        # the last thousand rows, read backwards by id (the whole trail is too long to scan at
        # each start): a few rows written since with a clock set back do not hide the others
        row = self.conn.execute(
            "SELECT max(at) FROM (SELECT at FROM audit ORDER BY id DESC LIMIT 1000)").fetchone()
        if row is None or not row[0]:
            return None
        try:
            at = datetime.fromisoformat(row[0])
        except ValueError:
            return None
        return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)

    def verify_audit(self, hand_anchors: Sequence[anchors.Anchor] = ()) -> list[str]:
        """The chain, then the anchors kept outside the file (and any given by hand), then every
        clinical row against the image hash of its last audit entry; all read in batches, in
        bounded memory (the checks themselves are store.audit's, shared by every backend)."""
        broken = self._audit_chain_problem()
        problems = [broken] if broken else []
        problems += anchors.check(seal.hash_of(self.conn), seal.head(self.conn),
                                  chain(anchors.known(self.path), hand_anchors))
        if not seal.seal_path(self.path).exists():
            sealed = anchors.has_session_anchor(self.path)
            if sealed is not None:
                problems.append(
                    f"the seal beside the roster ({seal.seal_path(self.path).name}) is missing, "
                    f"though it was written after the session of {sealed.at.replace('T', ' ')[:16]} "
                    "UTC: it was deleted outside the program"
                )
        if broken:
            return problems
        for table in AUDITED_TABLES:
            problems += self._row_problems(table)
        return problems

    def _row_problems(self, table: str) -> list[str]:
        """Each row of `table` against the image of its last audit entry, and each row whose
        last entry says it exists but which is gone; then, only for rows that differ, the
        fields that differ from what the trail knows of them."""
        code = audit_table_codes(self.conn).get(table, -1)
        key = "key" if table == "settings" else "id"
        problems: list[str] = []
        # every row's last entry, found by one grouped read of the trail for the table (and one
        # more for the rows gone, below): since 0020 a SQLite roster has no index of a row's
        # entries, and a lookup per row would read the trail each time. row_id has INTEGER
        # affinity, so a settings key finds its text there too
        mine = f"CAST(t.{key} AS TEXT)" if self._audit_row_text else f"t.{key}"
        last = (f"(SELECT row_id, max(id) AS last FROM audit_log WHERE tbl = {code} "
                "GROUP BY row_id)")
        cur = self.conn.cursor()
        cur.row_factory = None
        # a visit is read with its texts (ROW_SOURCE), as its audit entries hash it
        source, order = (ROW_SOURCE[table], "t.id") if table in ROW_SOURCE else (
            table, "t.rowid")
        cur.execute(f"SELECT t.*, l.last AS _last, a.image AS _image FROM {source} t "
                    f"LEFT JOIN {last} l ON l.row_id = {mine} "
                    f"LEFT JOIN audit_log a ON a.id = l.last ORDER BY {order}")
        names = [d[0] for d in cur.description][:-2]
        at_key = names.index(key)
        changed: list[tuple[str, tuple[int, Any]]] = []  # row id, (place in problems, image)
        while batch := cur.fetchmany(500):
            for row in batch:
                values = dict(zip(names, row[:-2], strict=True))
                row_id, audited, image = str(row[at_key]), row[-2] is not None, row[-1]
                found = audit_image_problem(table, row_id, values, image, audited)
                if found:
                    if audited and image is not None and table != "settings":
                        changed.append((row_id, (len(problems), image)))
                    problems.append(found)
        # the fields that differ, from the entries of those rows: a few thousand rows at a
        # time (read again by key, then their entries in one pass over the trail), so a roster
        # changed wholesale behind the program's back is checked in bounded memory too
        for start in range(0, len(changed), _NAMED_AT_ONCE):
            self._name_changed_fields(table, code, key, source,
                                      dict(changed[start:start + _NAMED_AT_ONCE]), problems)
        # rows whose last audit image says they exist, but which are gone (looked up in the
        # table itself: a visit whose texts are missing is named below, not as deleted)
        match = "l.row_id"
        if self._audit_row_text and table != "settings":
            match = "CAST(l.row_id AS INTEGER)"
        gone = (f"SELECT l.row_id, a.image FROM {last} l JOIN audit_log a ON a.id = l.last "
                f"WHERE a.image IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.{key} = {match})")
        for row_id, image in self._batches(gone):
            found = audit_image_problem(table, str(row_id), None, image, True)
            if found:
                problems.append(found)
        if table == "visits":
            # a visit whose texts row is missing is in no list and in none of the reads above
            problems += [
                f"visits row {visit_id}: its texts (visit_texts row {texts}) are missing: "
                "changed outside the program"
                for visit_id, texts in self._batches(
                    "SELECT v.id, v.texts FROM visits v WHERE NOT EXISTS "
                    "(SELECT 1 FROM visit_texts x WHERE x.id = v.texts) ORDER BY v.id")]
        return problems

    def _name_changed_fields(self, table: str, code: int, key: str, source: str,
                             places: dict[str, tuple[int, Any]], problems: list[str]) -> None:
        """Put in `problems`, at each row's place, the message naming the fields in which the
        rows `places` names (row id: its place, its last entry's image) differ from what their
        audit entries say."""
        marks = ", ".join("?" * len(places))
        ids = list(places) if table == "settings" else [int(row_id) for row_id in places]
        entries: dict[str, list[tuple[Any, ...]]] = {row_id: [] for row_id in places}
        # row_id has INTEGER affinity on a file (a text '12' finds 12), text on a server
        for row_id, *entry in self._batches(
                f"SELECT row_id, {_ACTION_NAME}, old, new FROM audit_log WHERE tbl = {code} "
                f"AND row_id IN ({marks}) ORDER BY id", list(places)):
            entries[str(row_id)].append(tuple(entry))
        cur = self.conn.cursor()
        cur.row_factory = None
        cur.execute(f"SELECT * FROM {source} t WHERE t.{key} IN ({marks})", ids)
        names = [d[0] for d in cur.description]
        at_key = names.index(key)
        for row in cur.fetchall():
            row_id = str(row[at_key])
            (place, image), history = places[row_id], entries[row_id]
            found = audit_image_problem(table, row_id, dict(zip(names, row, strict=True)),
                                        image, True, lambda got=history: got)
            if found:
                problems[place] = found

    def _audit_chain_problem(self) -> str | None:
        """The chain of the grouped trail (migration 0018), read from its tables, not the view:
        an entry the view would not show (no group after it) is named too."""
        names = dict(self._tuples("SELECT code, name FROM audit_table").fetchall())
        log = ((i, names.get(t, f"table {t}"), r, ACTIONS[a] if a in (0, 1, 2, 3) else str(a),
                old, new, image, legacy)
               for i, t, r, a, old, new, image, legacy in self._batches(
                   f"SELECT {LOG_COLUMNS} FROM audit_log ORDER BY id"))
        return audit_group_chain_problem(
            log, self._batches(f"SELECT {GROUP_COLUMNS} FROM audit_group ORDER BY id"))

    def _batches(self, sql: str, args: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows as plain tuples, fetched 500 at a time: never the whole result in memory."""
        cur = self._tuples(sql, args)
        while batch := cur.fetchmany(500):
            yield from batch

    def _anchor_holds(self, anchor: anchors.Anchor,
                      conn: sqlite3.Connection | None = None) -> bool:
        conn = conn or self.conn
        row = conn.execute("SELECT hash FROM audit WHERE id = ?", (anchor.audit_id,)).fetchone()
        if row is not None and row[0] is None:  # an entry inside a group (migration 0018)
            row = (audit_entry_hash(conn, anchor.audit_id),)
        if anchor.holds(row[0] if row else None):
            return True
        with suppress(sqlite3.OperationalError):  # a trail before 0016 has no legacy digits
            row = conn.execute("SELECT legacy FROM audit WHERE id = ?",
                               (anchor.audit_id,)).fetchone()
            return row is not None and anchors.holds_legacy(anchor.hash, row[0])
        return False

    def audit_head(self) -> tuple[int, str] | None:
        """The last audit row's (id, hash): the chain's head, an anchor to write down."""
        return seal.head(self.conn)

    def backup(self, dest: Path) -> Path:
        written = files.backup_to(self.conn, dest)
        seal.record_backup(self.path, written)
        return written

    def restore_from(self, source: Path, who: str) -> None:
        source = Path(source)
        verdict = files.check_file(source, full=True)
        if verdict != "ok":
            raise InputRefused(f"restore: {source} is damaged ({verdict}); choose another backup")
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            if not {"patients", "treatments", "visits", "audit"} <= tables:
                raise InputRefused(f"restore: {source} is not a cartclinic roster")
            refuse_broken_legacy_trail(src, source)
            refuse_patients_without_admin(src, source)
            # the seal names the current file's last audit row: gone before the restored pages
            # come in, so a kill before the restore's own audit note leaves a file that opens
            seal.remove(self.path)
            # so are the anchors past the backup's head (the restore is in the audit trail):
            # set aside, not deleted, before the pages come in, for the same reason
            anchors.retire(self.path, lambda a: self._anchor_holds(a, src))
            try:
                src.backup(self.conn)  # one transaction: all the restored pages or none
            except sqlite3.Error as exc:
                if files.is_disk_full(exc):
                    raise RosterProblem(files.disk_full_message(
                        self.path.parent, "the backup could not be restored")) from None
                raise
        finally:
            src.close()
        for pragma in PRAGMAS:
            self.conn.execute(pragma)
        self._migrate(new=False)
        with self.write(who):
            self.note("restore", {"from": str(source)})
        self._data_version = self._read_data_version()  # our own restore is no outside change


@lru_cache(maxsize=4096)
def _json_list(items: tuple[str, ...]) -> str:
    """JSON of an assessments or flags tuple; the same few lists recur for every patient."""
    return json.dumps(list(items), ensure_ascii=False)


def refuse_broken_legacy_trail(src: sqlite3.Connection, source: Path) -> None:
    """A backup made before migration 0016 is converted once restored, and the conversion
    refuses a broken trail: refused here, before its pages replace the roster's."""
    columns = {r[1] for r in src.execute("PRAGMA table_info(audit)")}
    if "image" in columns:
        return
    cur = src.cursor()
    cur.row_factory = None
    broken = audit_legacy_chain_problem(cur.execute(f"SELECT {LEGACY_COLUMNS} FROM audit ORDER BY id"))
    if broken:
        raise InputRefused(f"restore: the audit trail of {source} is broken ({broken}); "
                           "choose another backup")


def refuse_patients_without_admin(src: sqlite3.Connection, source: Path) -> None:
    """A backup with patients but no admin who can sign in would open as a new roster whose
    first visitor becomes its admin: it is refused, and the restore keeps the backup's users."""
    patients = src.execute("SELECT count(*) FROM patients").fetchone()[0]
    if not patients:
        return
    has_users = src.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").fetchone()
    users = src.execute("SELECT count(*) FROM users").fetchone()[0] if has_users else 0
    admins = src.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"
                         ).fetchone()[0] if has_users else 0
    if not admins:
        who = "no sign-ins at all" if not users else "no active admin among its sign-ins"
        raise InputRefused(
            f"restore: {source} holds {patients} patients but {who}: restored, whoever is at "
            "the PC could make themselves its admin. Nothing was changed; choose a backup made "
            "after the staff were set up.")


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`: another file put in its place differs."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _write_problem(path: Path, exc: sqlite3.OperationalError) -> RosterProblem:
    """A plain message for the ways a write fails on a ward PC; nothing of the change is kept."""
    return store_error(exc, path)


def _unopenable(path: Path, verdict: str) -> RosterProblem:
    """A roster that fails to open: in a folder this user cannot write (SQLite cannot make its
    `-shm` beside it, and reading then fails too) it is not damaged, and is not called so."""
    if not files.folder_writable(path.parent):
        return RosterProblem(files.unwritable_folder_message(
            path.parent, "the roster cannot be opened (SQLite keeps files beside it)"))
    return RosterProblem(_damaged_message(path, verdict))


def _damaged_message(path: Path, verdict: str) -> str:
    good = files.newest_good_backup(path)
    way_out = (
        f"The newest backup that passes the check is {good}; restore it with: "
        f"cartclinic-admin --db {path} restore {good}"
        if good
        else "No good backup was found beside it; call ward IT before anyone enters data."
    )
    return f"The roster {path} is damaged ({verdict}). Nothing was written to it. {way_out}"


def _patient_row(p: Patient) -> dict[str, Any]:
    return {
        "mrn": p.mrn,
        "name": p.name,
        "date_of_birth": iso(p.date_of_birth),
        "sex": p.sex,
        "phone": p.phone,
        "diagnosis": p.diagnosis,
        "physician": p.physician,
        "notes": p.notes,
        "address": p.address,
        "next_of_kin": p.next_of_kin,
        "next_of_kin_relationship": p.next_of_kin_relationship,
        "next_of_kin_phone": p.next_of_kin_phone,
        "language": p.language,
    }


def _patient(row: Sequence[Any]) -> Patient:
    """A patient from a row of `_PATIENT_COLUMNS`."""
    mrn, name, born, sex, phone, diagnosis, physician, notes, patient_id, *contact = row
    # birth and infusion dates are parsed uncached: ten thousand distinct ones would push the
    # visits' few recurring dates out of `_day`'s cache
    return Patient(mrn, name, from_iso(born), sex, phone, diagnosis, physician, notes, patient_id,
                   *contact)


def _treatment(row: Sequence[Any]) -> Treatment:
    """A treatment from a row of `_TREATMENT_COLUMNS`."""
    patient_id, product, infusion, protocols, target, tracked_from, reinfusion_of, treatment_id = row
    return Treatment(patient_id, product, date.fromisoformat(infusion), _protocols(protocols),
                     target, date.fromisoformat(tracked_from), reinfusion_of, treatment_id)


# Reading visits is the hot path of every list: the same few assessment lists and dates recur
# across thousands of rows, so their parsed forms are cached.
_day = lru_cache(maxsize=16384)(date.fromisoformat)


@lru_cache(maxsize=4096)
def _tuple_of(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


@lru_cache(maxsize=256)
def _protocols(text: str) -> tuple[str, ...]:
    return tuple(text.split(";"))


_new = object.__new__


def _visit(row: Sequence[Any]) -> Visit:
    """A visit from a row of `_VISIT_COLUMNS`.

    A week's worklist builds 2,400 of these. `Visit` is frozen, so its generated `__init__` sets
    each of its twenty fields through `object.__setattr__` (about 2 µs a row, more than the
    query costs per row); the instance's dict is filled directly instead, which makes the same
    object: `Visit` has no `__post_init__`, no slots and no default factories, and
    tests/test_store.py checks the result equals `Visit(...)` field by field.
    """
    (visit_id, treatment_id, patient_id, protocol_id, code, label, kind, any_day, assessments,
     target, window_start, window_end, scheduled, tracked_from, flags, moved_reason,
     cancelled_reason, cancelled_by_event, missed, done, label_zh, assessments_zh) = row
    visit = _new(Visit)
    visit.__dict__.update({
        "id": visit_id, "treatment_id": treatment_id, "patient_id": patient_id,
        "protocol_id": protocol_id, "code": code, "label": label, "kind": kind,
        "any_day": bool(any_day), "assessments": _tuple_of(assessments),
        "target": _day(target), "window_start": _day(window_start),
        "window_end": _day(window_end), "scheduled": _day(scheduled),
        "tracked_from": _day(tracked_from), "flags": _tuple_of(flags),
        "moved_reason": moved_reason, "cancelled_reason": cancelled_reason,
        "cancelled_by_event": cancelled_by_event,
        "missed_on": _day(missed) if missed else None, "done_on": _day(done) if done else None,
        "label_zh": label_zh, "assessments_zh": _tuple_of(assessments_zh),
    })
    return visit


def _user(r: sqlite3.Row) -> User:
    return User(
        id=r["id"], name=r["name"], role=r["role"], pin_salt=r["pin_salt"],
        pin_hash=r["pin_hash"], failed_attempts=r["failed_attempts"],
        locked_until=r["locked_until"], active=bool(r["active"]), language=r["language"],
    )


def _event(r: sqlite3.Row) -> Event:
    return Event(
        id=r["id"], patient_id=r["patient_id"], treatment_id=r["treatment_id"], kind=r["kind"],
        event_date=date.fromisoformat(r["event_date"]), notes=r["notes"], who=r["who"],
        undone_on=from_iso(r["undone_on"]), corrected_by=r["corrected_by"],
    )
