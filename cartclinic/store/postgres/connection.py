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

from cartclinic.errors import InputRefused, StoreError


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """SQLite's spelling of the shared statements in PostgreSQL's (cached per statement)."""
    if sql.startswith("PRAGMA table_info("):  # the columns of a table, name second
        return ("SELECT ordinal_position, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = '"
                + sql[len("PRAGMA table_info("):-1].strip() + "' ORDER BY ordinal_position")
    out = sql.replace("%", "%%").replace("?", "%s")
    # a unary + keeps SQLite's planner off an index; PostgreSQL has no + for text
    out = out.replace("+v.", "v.")
    # "WHERE 1" (SQLite's true) and a CROSS JOIN with ON (SQLite's join in the order written)
    out = re.sub(r"\bWHERE 1\b", "WHERE TRUE", out)
    out = out.replace("CROSS JOIN", "JOIN")
    out = out.replace("t.rowid", "t.ctid")  # the order rows were stored in
    return out


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
    desc = cursor.description
    if desc is None:
        return tuple_row(cursor)
    names = tuple(d.name for d in desc)
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # a repeated name answers its first column (sqlite3.Row)
    row_class = type("Row", (Row,), {"_names": names, "_index": index})
    return lambda values: tuple.__new__(row_class, values)


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


def lost(exc: psycopg.Error) -> StoreError:
    """The connection to the server is closed or broken: the store's error, not the driver's."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreError(f"The roster server cannot be used ({text}). Nothing more was saved; "
                      "check the network or ask ward IT, then start the program again.")


def refused(exc: psycopg.Error) -> InputRefused:
    diag = exc.diag
    table = diag.table_name or "roster"
    rule = diag.constraint_name or diag.message_primary or str(exc)
    return InputRefused(f"{table}: refused by the roster's rules ({rule})")


class Cursor:
    """A psycopg cursor as the shared SQL uses a sqlite3 cursor."""

    def __init__(self, cur: psycopg.Cursor) -> None:
        self._cur = cur

    @property
    def row_factory(self) -> Any:
        return self._cur.row_factory

    @row_factory.setter
    def row_factory(self, factory: Any) -> None:
        self._cur.row_factory = tuple_row if factory is None else factory

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        try:
            self._cur.execute(translate(sql), tuple(args) or None)
        except REFUSALS as exc:
            raise refused(exc) from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise lost(exc) from None
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Cursor:
        try:
            self._cur.executemany(translate(sql), rows)
        except REFUSALS as exc:
            raise refused(exc) from None
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
        self.deferring = False
        self._held: list[tuple[str, list[Sequence[Any]]]] = []

    def cursor(self) -> Cursor:
        try:
            return Cursor(self.raw.cursor(row_factory=_named_rows))
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise lost(exc) from None

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        if self.deferring and self._hold(sql, [args]):
            return _HELD
        return self.cursor().execute(sql, args)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Cursor:
        if self.deferring and self._hold(sql, rows):
            return _HELD
        return self.cursor().executemany(sql, rows)

    def _hold(self, sql: str, rows: Sequence[Sequence[Any]]) -> bool:
        """Keep an audit insert for later (True); send what is held before anything else
        that reads or changes the audit table (False: run it now)."""
        if sql.startswith(("INSERT INTO audit_log ", "INSERT INTO audit_group ")):
            if self._held and self._held[-1][0] == sql:
                self._held[-1][1].extend(rows)
            else:
                self._held.append((sql, list(rows)))
            return True
        if self._held and "audit" in sql:
            self.flush()
        return False

    def flush(self) -> None:
        held, self._held = self._held, []
        for sql, rows in held:
            self.cursor().executemany(sql, rows)

    def drop_held(self) -> None:
        self._held = []

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()
