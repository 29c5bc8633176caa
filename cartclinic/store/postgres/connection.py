"""A psycopg 3 connection that speaks to the store's shared SQL as sqlite3 does.

The store's SQL is written once (cartclinic/store/sqlite.py, corrections_sql.py) and is nearly all
portable. This wrapper gives it what it expects of a DB-API connection: `?` placeholders, rows read
by name or by position (`dict(row)` works, a repeated name answers its first column, as
sqlite3.Row does), a cursor whose `row_factory = None` gives plain tuples, and the few SQLite
spellings the shared SQL uses translated once per statement (`translate`). A check or key the
server refuses becomes `InputRefused`, as on SQLite, naming the table and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format
from psycopg.rows import tuple_row

from cartclinic.errors import InputRefused, StoreUnavailable

# any open visit's earliest day: true of every open visit, so it changes no answer (see
# translate); read from the start of the open visits' own index (schema 0019 dropped the index
# of every visit by day)
_FROM_EARLIEST = (" AND v.scheduled >= (SELECT min(scheduled) FROM visits WHERE done = 0 AND "
                  "cancelled_reason = '' AND missed_on IS NULL AND window_end >= tracked_from)")


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """SQLite's spelling of the shared statements in PostgreSQL's (cached per statement)."""
    if sql.startswith("PRAGMA table_info("):  # the columns of a table, name second
        return ("SELECT ordinal_position, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = '"
                + sql[len("PRAGMA table_info("):-1].strip() + "' ORDER BY ordinal_position")
    out = sql.replace("%", "%%").replace("?", "%s")
    # the worklist's due part (sqlite/store.py `_open_visit_query`): the unary + keeps SQLite's
    # planner off the window_end index. PostgreSQL has no + for text, and its planner, judging
    # `scheduled <= day` by every visit ever made (most long done), walks the open visits by
    # window_end instead of the few open ones by scheduled day. A lower bound it cannot see at
    # planning (the earliest day of any open visit, one step of the open visits' index; true
    # of every open visit: the same rows) makes it take the open visits' scheduled-day index up to the
    # week's end, as SQLite does: a few entries instead of every future open visit.
    out = out.replace(" AND +v.window_end >= %s", " AND v.window_end >= %s" + _FROM_EARLIEST)
    out = out.replace("+v.", "v.")
    # "WHERE 1" (SQLite's true) and a CROSS JOIN with ON (SQLite's join in the order written)
    out = re.sub(r"\bWHERE 1\b", "WHERE TRUE", out)
    out = out.replace("CROSS JOIN", "JOIN")
    out = out.replace("t.rowid", "t.ctid")  # the order rows were stored in
    return out


# a plain insert of one row: `INSERT INTO table (columns) VALUES (?, ..., ?)`, nothing after
_ONE_ROW_INSERT = re.compile(r"INSERT INTO (\w+ \([\w, ]+\)) VALUES \((?:\?, )*\?\)")


@lru_cache(maxsize=256)
def copy_of(sql: str) -> str | None:
    """The COPY that stores the rows a plain one-row insert is repeated for, or None for any
    other statement (run once per row). COPY takes the rows in the order given, each through
    the same defaults, checks, keys and triggers as its INSERT; a refused row refuses them all,
    as it refuses the transaction they are part of."""
    match = _ONE_ROW_INSERT.fullmatch(sql)
    return None if match is None else f"COPY {match.group(1)} FROM STDIN"


class _DayAsText(Dumper):
    """A day passed as a parameter is stored as the ISO text the columns hold."""

    oid = psycopg.adapters.types["text"].oid
    format = Format.TEXT

    def dump(self, obj: date) -> bytes:
        return obj.isoformat().encode()


class _BoolAsInt(Dumper):
    """Yes/no columns hold 0/1 (as on SQLite)."""

    oid = psycopg.adapters.types["int4"].oid
    format = Format.TEXT

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


def _named_rows(cursor: psycopg.Cursor) -> Any:
    result = cursor.pgresult
    if result is None or not result.nfields:
        return tuple_row(cursor)
    # the names read from the result itself: `description` builds a column object per column
    row_class = _row_class(tuple(result.fname(i) or b"" for i in range(result.nfields)))
    return lambda values: tuple.__new__(row_class, values)


@lru_cache(maxsize=512)
def _row_class(raw_names: tuple[bytes, ...]) -> type[Row]:
    """One row class per list of column names (made once, not at every statement)."""
    names = tuple(name.decode() for name in raw_names)
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # a repeated name answers its first column (sqlite3.Row)
    return type("Row", (Row,), {"_names": names, "_index": index})


class Row(tuple):
    """A row read by position or by column name, like sqlite3.Row."""

    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


# a check, key or trigger of the schema said no (SQLite's IntegrityError)
REFUSALS = (psycopg.errors.IntegrityError, psycopg.errors.DataError,
            psycopg.errors.RaiseException)


def lost(exc: psycopg.Error) -> StoreUnavailable:
    """The connection to the server is closed or broken: the store's error, not the driver's."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreUnavailable(f"The roster server cannot be used ({text}). Nothing more was saved; "
                      "check the network or ask ward IT, then start the program again.")


def refused(exc: psycopg.Error) -> InputRefused:
    diag = exc.diag
    table = diag.table_name or "roster"
    rule = diag.constraint_name or diag.message_primary or str(exc)
    return InputRefused(f"{table}: refused by the roster's rules ({rule})")


class Cursor:
    """A psycopg cursor as the shared SQL uses a sqlite3 cursor."""

    def __init__(self, cur: psycopg.Cursor, owner: Connection | None = None) -> None:
        self._cur = cur
        self._owner = owner  # whose held inserts go first when a statement names their table

    @property
    def row_factory(self) -> Any:
        return self._cur.row_factory

    @row_factory.setter
    def row_factory(self, factory: Any) -> None:
        self._cur.row_factory = tuple_row if factory is None else factory

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        if self._owner is not None:
            self._owner.send_held_for(sql)
        try:
            self._cur.execute(translate(sql), tuple(args) or None)
        except REFUSALS as exc:
            raise refused(exc) from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise lost(exc) from None
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Cursor:
        if self._owner is not None:
            self._owner.send_held_for(sql)
        try:
            copy = copy_of(sql) if len(rows) > 1 else None
            if copy is None:
                self._cur.executemany(translate(sql), rows)
            else:  # the rows streamed in one COPY, not one statement per row
                with self._cur.copy(copy) as stream:
                    for row in rows:
                        stream.write_row(row)
        except REFUSALS as exc:
            raise refused(exc) from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise lost(exc) from None
        return self

    def fetchone(self) -> Any:
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall() if self._cur.description is not None else []

    def fetchmany(self, size: int) -> list[Any]:
        return self._cur.fetchmany(size) if self._cur.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cur) if self._cur.description is not None else iter(())

    @property
    def description(self) -> Any:
        return self._cur.description

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount


class _Held:
    """What an insert held for later returns: nothing to read."""

    rowcount = -1
    description = None

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []


_HELD: Any = _Held()


class _Answered(_Held):
    """The one row a kept statement answered (or None)."""

    def __init__(self, row: Any) -> None:
        self._answer = row

    def fetchone(self) -> Any:
        return self._answer

    def fetchall(self) -> list[Any]:
        return [] if self._answer is None else [self._answer]


# the inserts a write holds and sends together (nothing reads them back until the table is read:
# a statement naming a held table, by the name given here, sends that table's held rows first,
# in order). "audit" is the view of audit_log and audit_group; "visits" is in visits_with_texts.
# Only the named tables: a cancelled visit's update needs the visits sent, not the trail (one
# round trip a visit less in an import's re-infusions); none of them refers to another.
HELD_TABLES = {"audit_log": "audit", "audit_group": "audit",
               "treatment_protocols": "treatment_protocols", "visits": "visits"}
HELD_INSERTS = ("INSERT INTO audit_log ", "INSERT INTO audit_group ",
                "INSERT INTO treatment_protocols ", "INSERT INTO visits ")
# reads whose row, once stored, never changes: a protocol version's body is kept as it was
# first stored (a changed protocol is a new version). Read once per connection; a ROLLBACK
# forgets them (the row read may have been stored by the transaction undone).
KEPT = frozenset({"SELECT body FROM protocol_versions WHERE protocol_id = ? AND version = ?"})


class Connection:
    """The store's connection to the server (autocommit: the store says BEGIN and COMMIT).

    While `deferring` (a write transaction), the audit rows the shared SQL inserts are held and
    sent together, in order, before anything else reads the audit table and before COMMIT
    (`flush`): one round trip for a transaction's trail instead of one per change (a round trip
    to a server costs what a whole statement costs on a file)."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.raw = conn
        conn.adapters.register_dumper(date, _DayAsText)
        conn.adapters.register_dumper(bool, _BoolAsInt)
        # every statement prepared on the server at its first run, not its sixth: the same
        # statement again (the worklist at each refresh) is not parsed and planned again
        conn.prepare_threshold = 0
        self.deferring = False
        self._held: dict[str, list[tuple[str, list[Sequence[Any]]]]] = {}
        self._kept: dict[tuple[str, tuple[Any, ...]], Any] = {}

    def cursor(self) -> Cursor:
        try:
            return Cursor(self.raw.cursor(row_factory=_named_rows), self)
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise lost(exc) from None

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor | _Answered:
        if self.deferring and self._hold(sql, [args]):
            return _HELD
        if sql in KEPT:
            key = (sql, tuple(args))
            if key in self._kept:
                return _Answered(self._kept[key])
            cur = self.cursor().execute(sql, args)
            row = cur.fetchone()
            if row is not None:  # an answer that never changes, read once per connection
                self._kept[key] = row
            return _Answered(row)
        if sql == "ROLLBACK":  # what this transaction read may be undone: read it again
            self._kept.clear()
        return self.cursor().execute(sql, args)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Cursor:
        if self.deferring and self._hold(sql, rows):
            return _HELD
        return self.cursor().executemany(sql, rows)

    def _hold(self, sql: str, rows: Sequence[Sequence[Any]]) -> bool:
        """Keep an audit insert for later (True); send what is held before anything else
        that reads or changes the audit table (False: run it now)."""
        if sql.startswith(HELD_INSERTS):
            # each table's inserts in the order made, each table apart, so a write that
            # alternates them still sends one statement per table: the trail's entries and its
            # groups too (a write that runs into the next second starts a new group between
            # two entries; neither table refers to the other, and both are sent before
            # anything reads the trail or the write commits)
            table = sql.split(" ", 3)[2]
            runs = self._held.setdefault(table, [])
            if runs and runs[-1][0] == sql:
                runs[-1][1].extend(rows)
            else:
                runs.append((sql, list(rows)))
            return True
        self.send_held_for(sql)
        return False

    def send_held_for(self, sql: str) -> None:
        """Send the held rows of each table a statement names, before it (any cursor's: the
        store's readers use their own)."""
        if self._held:
            named = [table for table in self._held if HELD_TABLES[table] in sql]
            if named:
                self.flush(named)

    def flush(self, tables: Sequence[str] | None = None) -> None:
        """Send the held rows of `tables` (None: all, as before COMMIT), each table's in order."""
        if tables is None:
            held, self._held = self._held, {}
        else:
            held = {table: self._held.pop(table) for table in tables}
        for runs in held.values():
            for sql, rows in runs:
                self.cursor().executemany(sql, rows)

    def drop_held(self) -> None:
        self._held = {}

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()
