"""The store's errors (issue 14 item 1): on the common faults of a ward PC (another program
writing, a damaged file, a read-only roster, a roster already closed) every store method raises
the StoreError family, never a sqlite3 error, so the core, the command line and the
application handle one kind of error whichever backend keeps the roster."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from helpers import WHO, add_patient

from cartclinic.errors import (
    InputRefused,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
)
from cartclinic.roster import Roster
from cartclinic.store import open_maintenance

TODAY = date(2026, 11, 27)

# read methods with arguments that are valid on a roster holding one patient
READS = [
    ("patients", ()), ("has_patients", ()), ("users", ()), ("settings", ()),
    ("treatments", ()), ("visits", ()), ("events", ()), ("calls", ()),
    ("next_open_visits", (TODAY,)), ("newest_entry_time", ()), ("audit_head", ()),
    ("verify_audit", ()), ("patient_by_mrn", ("A100",)), ("changed_outside", ()),
]


def _calls(store):
    for name, args in READS:
        yield name, lambda name=name, args=args: getattr(store, name)(*args)
    yield "open_visit_briefs", lambda: store.open_visit_briefs(
        window_end_before=TODAY, scheduled_from=TODAY, scheduled_to=date(2027, 1, 1))
    yield "audit_rows", lambda: list(store.audit_rows())
    yield "write", lambda: store.write(WHO).__enter__()


def _only_store_errors(store, expected: type[StoreError],
                       driver: type[Exception] = sqlite3.Error) -> list[str]:
    """Every call either works or raises `expected`; what else was raised (a `driver` error,
    or another StoreError), named."""
    wrong = []
    for name, call in _calls(store):
        try:
            call()
        except expected:
            continue
        except driver as exc:
            wrong.append(f"{name}: {type(exc).__module__}.{type(exc).__name__}: {exc}")
        except StoreError as exc:
            wrong.append(f"{name}: {type(exc).__name__} where {expected.__name__} was due: {exc}")
    return wrong


def test_store_errors_not_sqlite3_when_another_program_is_writing(roster, today):
    add_patient(roster, today)
    roster.store.longest_wait = 0.0
    other = sqlite3.connect(roster.store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # not even a reader gets in
    try:
        roster.store.conn.execute("PRAGMA busy_timeout=50")
        with pytest.raises(StoreBusy), roster.store.write(WHO):
            pass
        assert _only_store_errors(roster.store, StoreBusy) == []
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_store_errors_not_sqlite3_on_a_read_only_roster(roster, today):
    add_patient(roster, today)
    roster.store.conn.execute("PRAGMA query_only=ON")  # as a file this user cannot write
    with pytest.raises(StoreUnavailable, match="read-only"):
        add_patient(roster, today, mrn="B200")
    assert _only_store_errors(roster.store, StoreUnavailable) == []


def test_store_errors_not_sqlite3_once_the_roster_is_closed(roster, today):
    add_patient(roster, today)
    roster.store.conn.close()  # quitting, or a restore under way
    wrong = _only_store_errors(roster.store, StoreUnavailable)
    assert wrong == []
    with pytest.raises(StoreUnavailable, match="closed"):
        roster.store.patients()


def test_store_errors_not_sqlite3_on_a_roster_damaged_while_open(roster_path, today):
    roster = Roster.open(roster_path)
    for i in range(60):  # enough pages that damage in the middle hits the tables
        add_patient(roster, today, mrn=f"D{i:03d}", name=f"Patient {i} " + "x" * 150)
    roster.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # the pages read again from the file, as a real roster's would be (its file is larger
    # than SQLite's page cache; this one, since 0019 kept visit texts once, fits in it whole)
    roster.store.conn.execute("PRAGMA cache_size = 1")
    data = bytearray(roster_path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, page):
        data[start + 8:start + page] = b"\x5a" * (page - 8)  # every page after the second
    roster_path.write_bytes(bytes(data))
    try:
        wrong = []
        for name, call in _calls(roster.store):
            try:
                call()
            except (StoreError, InputRefused):
                continue
            except sqlite3.Error as exc:
                wrong.append(f"{name}: sqlite3.{type(exc).__name__}: {exc}")
        assert wrong == []
        with pytest.raises(StoreDamaged):
            roster.store.patients()
    finally:
        roster.store.conn.close()


def test_maintenance_says_damage_as_text_and_raises_store_errors(tmp_path):
    db = tmp_path / "ward.db"
    db.write_bytes(b"not a roster at all" * 500)
    upkeep = open_maintenance(db)
    assert upkeep.exists() and upkeep.check() != "ok" and upkeep.is_damaged()
    assert upkeep.check_backup(db) != "ok"
    assert upkeep.newest_good_backup() is None
    with pytest.raises(StoreError):
        upkeep.backup(datetime(2026, 11, 27, 8, 0))
    with pytest.raises(StoreError):
        Roster.open(db)


# -- the same faults on a roster on a PostgreSQL server (issue 14) ----------------------------
def _only_store_errors_on_a_server(store, expected: type[StoreError]) -> list[str]:
    import psycopg

    return _only_store_errors(store, expected, driver=psycopg.Error)


def test_store_errors_not_psycopg_once_a_server_roster_is_closed(pg_server, today):
    roster = Roster.open(pg_server.new_database())
    add_patient(roster, today)
    roster.store.conn.close()  # quitting
    assert _only_store_errors_on_a_server(roster.store, StoreUnavailable) == []


def test_store_errors_not_psycopg_when_the_server_goes_away_while_open(today):
    from pg_server import PgServer, ServerUnavailable

    try:
        server = PgServer()
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        roster = Roster.open(server.new_database())
        add_patient(roster, today)
    finally:
        server.stop()  # the server shut down (or the network cut) under an open roster
    wrong = _only_store_errors_on_a_server(roster.store, StoreUnavailable)
    assert wrong == []
    with pytest.raises(StoreUnavailable, match="server"):
        add_patient(roster, today, mrn="A200")
