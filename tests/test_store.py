"""The store's rules (DESIGN.md "The store"), each on a fresh file."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.model import ClinicSettings
from cartclinic.roster import Roster
from cartclinic.store.sqlite import files, schema
from cartclinic.store.sqlite.restore import restore
from cartclinic.store.sqlite.schema import STEPS, TRIGGERS, migration_set, pending_names
from cartclinic.store.sqlite.store import SqliteStore, connect
from cartclinic.users import Staff


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_every_connection_has_the_required_pragmas(roster_path):
    SqliteStore.open(roster_path).close()
    conn = connect(roster_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_roster_file_and_backups_are_owner_only(roster, today, tmp_path):
    add_patient(roster, today)
    assert mode(roster.store.path) == 0o600
    backup = roster.store.backup(tmp_path / "b" / "copy.db")
    assert mode(backup) == 0o600


def test_writes_start_with_begin_immediate(roster, today):
    statements: list[str] = []
    roster.store.conn.set_trace_callback(statements.append)
    add_patient(roster, today)
    roster.store.conn.set_trace_callback(None)
    assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN IMMEDIATE"]
    assert "COMMIT" in statements


def test_second_writer_waits_then_is_refused_cleanly(roster_path, today):
    first = Roster.open(roster_path)
    other = sqlite3.connect(roster_path, isolation_level=None, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        first.store.longest_wait = 0.0  # gives up after its first second of waiting
        with pytest.raises(RosterProblem, match="another program has been writing"):
            add_patient(first, today)
    finally:
        other.execute("ROLLBACK")
        other.close()
    add_patient(first, today)
    assert len(first.store.patients()) == 1
    first.close()


@pytest.mark.both_backends
def test_a_multi_row_write_is_all_or_nothing(roster, today):
    with pytest.raises(RuntimeError), roster.store.write(WHO):
        add_patient(roster, today, mrn="A1")
        raise RuntimeError("power cut")
    assert roster.store.patients() == []
    assert list(roster.store.audit_rows()) == []


def test_dates_are_checked_by_the_schema(roster, today):
    add_patient(roster, today)
    with pytest.raises(sqlite3.IntegrityError):
        roster.store.conn.execute("UPDATE visits SET scheduled = '2026-02-30' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        roster.store.conn.execute("UPDATE treatments SET infusion_date = '30/02/2026'")


def test_audit_trail_refuses_update_and_delete(roster, today):
    add_patient(roster, today)
    for table in ("audit_log", "audit_group", "audit_table"):
        column = "code" if table == "audit_table" else "id"
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            roster.store.conn.execute(f"UPDATE {table} SET {column} = 99")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            roster.store.conn.execute(f"DELETE FROM {table}")


@pytest.mark.both_backends
def test_every_clinical_insert_is_audited_with_who_and_values(roster, today):
    p = add_patient(roster, today, name="王秀英")
    rows = list(roster.store.audit_rows())
    first = rows[0]
    assert (first["table_name"], first["action"], first["who"]) == ("patients", "insert", WHO)
    assert "王秀英" in first["new"] and first["old"] is None
    assert {r["table_name"] for r in rows} >= {"patients", "treatments", "visits"}
    assert p.id is not None


@pytest.mark.both_backends
def test_audit_update_keeps_old_and_new_values(roster, today):
    p = add_patient(roster, today)
    roster.update_patient(p.__class__(**{**p.__dict__, "phone": "+44 1"}), WHO, today)
    last = list(roster.store.audit_rows())[-1]
    assert last["action"] == "update"
    assert '"phone": "+44 7700 900123"' in last["old"] and '"phone": "+44 1"' in last["new"]


@pytest.mark.both_backends
def test_audit_verify_is_clean_after_normal_work(roster, today):
    add_patient(roster, today)
    roster.save_settings(ClinicSettings(clinic_name="Ward 7"), WHO)
    assert roster.store.verify_audit() == []


@pytest.mark.both_backends
def test_audit_verify_names_a_row_edited_behind_the_programs_back(roster, today):
    p = add_patient(roster, today)
    roster.store.conn.execute("UPDATE patients SET name = 'Someone' WHERE id = ?", (p.id,))
    assert roster.store.verify_audit() == [f"patients row {p.id}: changed outside the program (name)"]


def test_audit_verify_names_an_audit_row_edited_behind_the_programs_back(roster, today):
    add_patient(roster, today)
    conn = roster.store.conn
    conn.execute("DROP TRIGGER audit_group_no_update")
    # row 3 is a visit of the schedule: its author is its group's (the patient's write)
    conn.execute("UPDATE audit_group SET who = 'mallory' "
                 "WHERE id = (SELECT min(id) FROM audit_group WHERE id >= 3)")
    problems = roster.store.verify_audit()
    # the patient's write: one group, or two if it crossed a second
    assert problems and re.match(r"audit rows [1-3]–\d+ ", problems[0])
    assert "by mallory): one of them was edited, removed or reordered" in problems[0]


def test_damaged_roster_is_refused_and_never_written(tmp_path, today):
    path = tmp_path / "roster.db"
    r = Roster.open(path)
    add_patient(r, today)
    r.store.backup(files.backup_name(path, __import__("datetime").datetime(2026, 11, 26)))
    r.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 2 + 512] = b"\xff" * 512  # overwrite part of a page
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(RosterProblem, match="damaged") as exc:
        Roster.open(path)
    assert "restore" in str(exc.value)
    assert path.read_bytes() == before


def _damage_a_page(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    start = 4096 * (page - 1)
    data[start: start + 512] = b"\xff" * 512  # overwrite part of the page
    path.write_bytes(bytes(data))


def test_a_roster_checked_on_a_thread_is_read_at_once_and_written_once_it_passed(tmp_path, today):
    path = tmp_path / "roster.db"
    r = Roster.open(path)
    add_patient(r, today, mrn="A1")
    r.close()
    r = Roster.open(path, check_later=True)
    try:
        assert [p.mrn for p in r.store.patients()] == ["A1"]
        add_patient(r, today, mrn="B2", name="Second")  # waits for the check, which passes
        assert r.store.wait_for_check() == "ok"
        assert [p.mrn for p in r.store.patients()] == ["A1", "B2"]
    finally:
        r.close()


def test_a_deferred_check_begins_on_start_check_or_the_first_write(tmp_path, today, monkeypatch):
    path = tmp_path / "roster.db"
    Roster.open(path).close()
    began = []
    real = files._check
    monkeypatch.setattr(files, "_check", lambda *a, **k: (began.append(1), real(*a, **k))[1])
    r = Roster.open(path, check_later=True)
    try:
        r.store.patients()
        assert began == [], "reading does not start it: the program starts it after the first paint"
        add_patient(r, today)  # a write starts it and waits for it
        assert began == [1]
        r.store.start_check()
        assert began == [1], "one check per opening"
    finally:
        r.close()


def test_a_damaged_roster_checked_on_a_thread_refuses_every_write(tmp_path, today):
    path = tmp_path / "roster.db"
    r = Roster.open(path)
    add_patient(r, today)
    r.close()
    events_page = sqlite3.connect(path).execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    _damage_a_page(path, events_page)  # a page that opening and reading patients never touch
    before = path.read_bytes()
    r = Roster.open(path, check_later=True)  # opens: the damage is not known yet
    try:
        with pytest.raises(RosterProblem, match="damaged"):
            add_patient(r, today, mrn="B2", name="Refused")
        assert "damaged" in r.store.wait_for_check()
    finally:
        r.close()
    assert path.read_bytes() == before


def test_a_check_on_a_thread_is_interrupted_by_stop_and_lets_nothing_be_written(tmp_path, monkeypatch):
    path = tmp_path / "roster.db"
    Roster.open(path).close()
    started = __import__("threading").Event()

    def endless(path, *, full, opened):  # a check that would never end on its own
        conn = sqlite3.connect(path, check_same_thread=False)
        opened(conn)
        started.set()
        try:
            conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                         "SELECT count(*) FROM c").fetchall()
        except sqlite3.OperationalError as exc:
            return str(exc)
        finally:
            conn.close()
        return "ok"

    monkeypatch.setattr(files, "_check", endless)
    check = files.CheckOnThread(path)
    check.start()
    assert started.wait(10)
    check.stop()
    assert check.ended() and check.verdict() is None


def test_zeroed_header_is_refused(tmp_path, today):
    path = tmp_path / "roster.db"
    r = Roster.open(path)
    add_patient(r, today)
    r.close()
    data = bytearray(path.read_bytes())
    data[:100] = b"\0" * 100
    path.write_bytes(bytes(data))
    with pytest.raises(RosterProblem):
        Roster.open(path)


def test_backup_then_restore_round_trips_exactly(roster, today, tmp_path):
    add_patient(roster, today, mrn="A1")
    Staff(roster.store).add("Li Na", "2468", "admin", WHO)  # restored with its admin
    backup = roster.store.backup(tmp_path / "backup.db")
    add_patient(roster, today, mrn="B2", name="Later")
    path = roster.store.path
    roster.close()
    restore(path, backup, WHO)
    again = Roster.open(path)
    assert [p.mrn for p in again.store.patients()] == ["A1"]
    assert again.store.verify_audit() == []
    again.close()


def test_restore_over_a_damaged_roster_moves_it_aside(tmp_path, today):
    path = tmp_path / "roster.db"
    r = Roster.open(path)
    add_patient(r, today)
    Staff(r.store).add("Li Na", "2468", "admin", WHO)  # restored with its admin
    backup = r.store.backup(tmp_path / "good.db")
    r.close()
    path.write_bytes(b"garbage" * 1000)
    kept = restore(path, backup, WHO)
    assert kept is not None and kept.read_bytes().startswith(b"garbage")
    r = Roster.open(path)
    assert len(r.store.patients()) == 1
    r.close()


def test_restore_refuses_a_file_that_is_not_a_roster(roster, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(InputRefused, match="not a cartclinic roster"):
        roster.store.restore_from(other, WHO)


def test_network_share_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_filesystem_of", lambda path: "cifs")
    with pytest.raises(RosterProblem, match="network file system"):
        Roster.open(tmp_path / "roster.db")
    assert not (tmp_path / "roster.db").exists()


def test_unc_path_is_refused():
    with pytest.raises(RosterProblem, match="network share"):
        files.refuse_network_share(__import__("pathlib").Path("//server/share/roster.db"))


def test_migrations_record_their_names_and_triggers_exist(roster):
    assert roster.store.schema_version() == [name for name, _ in STEPS]
    names = {r[0] for r in roster.store.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert names == set(TRIGGERS)


def test_pending_migrations_are_read_as_sqlite_utils_reads_them(roster_path, monkeypatch):
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    assert Migrations.migrations_table == schema.MIGRATIONS_TABLE
    fresh = sqlite3.connect(roster_path)
    assert pending_names(fresh) == [m.name for m in migration_set().pending(Database(fresh))]
    migration_set().apply(Database(fresh), stop_before="0002_users")
    later = [name for name, _ in STEPS][1:]
    assert pending_names(fresh) == later and later[0] == "0002_users"
    assert [m.name for m in migration_set().pending(Database(fresh))] == later
    fresh.close()


def test_a_pending_migration_copies_the_file_first_and_a_failing_one_changes_nothing(
    roster_path, today, monkeypatch
):
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()

    def broken(db):
        db.execute("CREATE TABLE half_done (a)")
        raise RuntimeError("migration failed")

    monkeypatch.setattr(schema, "STEPS", (*STEPS, ("9999_broken", broken)))
    migration_set.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="migration failed"):
            SqliteStore.open(roster_path)
    finally:
        monkeypatch.undo()
        migration_set.cache_clear()
    copies = list(files.backup_dir(roster_path).glob("before-9999_broken-*.db"))
    assert len(copies) == 1 and files.check_file(copies[0]) == "ok"
    conn = sqlite3.connect(roster_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    conn.close()
    again = Roster.open(roster_path)
    assert len(again.store.patients()) == 1
    again.close()


@pytest.mark.both_backends
def test_writes_outside_a_transaction_are_a_programming_error(roster):
    from cartclinic.model import Patient

    with pytest.raises(RuntimeError, match="inside store.write"):
        roster.store.add_patient(Patient(mrn="A1", name="x"))


@pytest.mark.both_backends
def test_settings_round_trip(roster):
    s = ClinicSettings(clinic_name="血液科 CAR-T 随访", closed_weekdays=(6,), holiday_region="CN",
                       closures=(date(2026, 12, 24),), language="zh")
    roster.save_settings(s, WHO)
    assert roster.settings() == s


def test_a_lost_wal_file_is_detected_at_open(roster_path, today, tmp_path):
    import shutil

    r = Roster.open(roster_path)
    add_patient(r, today, mrn="A1")
    # a copy of the file as it stands before the next change (the WAL checkpointed into it)
    r.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(roster_path, tmp_path / "stale.db")
    add_patient(r, today, mrn="B2", name="Second")
    # simulate the -wal being lost: put the stale main file back without the new WAL
    r.close()
    shutil.copy(tmp_path / "stale.db", roster_path)
    Path = type(roster_path)
    Path(str(roster_path) + "-wal").unlink(missing_ok=True)
    with pytest.raises(RosterProblem, match="latest changes are missing"):
        Roster.open(roster_path)


def test_disk_full_gives_a_clear_message_and_saves_nothing(roster, today):
    add_patient(roster, today, mrn="A1")
    conn = roster.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(RosterProblem, match="disk holding the roster is full"):
        for i in range(20):
            add_patient(roster, today, mrn=f"F{i}", name="Fill " + "x" * 150)
    conn.execute("PRAGMA max_page_count = 1073741823")
    mrns = [p.mrn for p in roster.store.patients()]
    # every patient saved is whole: a patient row always comes with its visits
    for p in roster.store.patients():
        assert roster.store.visits(patient_id=p.id), p.mrn
    assert "A1" in mrns


def test_read_only_roster_gives_a_clear_message(roster, today):
    roster.store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(RosterProblem, match="read-only"):
        add_patient(roster, today)
    roster.store.conn.execute("PRAGMA query_only = OFF")
    assert roster.store.patients() == []


@pytest.mark.parametrize("fixture", sorted(
    (Path(__file__).parent / "fixtures").glob("roster-*.db")), ids=lambda p: p.stem)
def test_every_shipped_schema_version_migrates_to_the_current_one(fixture, tmp_path):
    import shutil

    path = tmp_path / "roster.db"
    shutil.copy(fixture, path)
    r = Roster.open(path)
    try:
        assert r.store.schema_version() == [name for name, _ in STEPS]
        names = {row[0] for row in r.store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert names == set(TRIGGERS)
        # the same tables and indexes, to the letter, as a roster made new by this code
        fresh = Roster.open(tmp_path / "fresh.db")
        schema_sql = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'view') ORDER BY name"
        try:
            assert r.store.conn.execute(schema_sql).fetchall() == fresh.store.conn.execute(
                schema_sql).fetchall()
        finally:
            fresh.close()
        (p,) = r.store.patients()
        assert p.name == "王秀英" and p.mrn == "FX1"
        assert [v.code for v in r.store.visits(patient_id=p.id)] == ["Y11"]
        assert r.store.verify_audit() == []
    finally:
        r.close()


def test_a_seal_left_by_a_deleted_roster_raises_no_alarm(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()
    roster_path.unlink()
    Path(str(roster_path) + "-wal").unlink(missing_ok=True)
    fresh = Roster.open(roster_path)  # a new, empty roster where the old one was
    fresh.close()
    again = Roster.open(roster_path)
    assert again.store.patients() == []
    again.close()


def test_the_seal_names_this_writers_own_last_row_when_another_writes_too(roster_path, today):
    from cartclinic.store.sqlite import seal

    a = Roster.open(roster_path)
    b = Roster.open(roster_path)
    add_patient(a, today, mrn="A1")
    add_patient(b, today, mrn="B1", name="Other writer")
    add_patient(a, today, mrn="A2", name="Third")
    a.close()
    b.close()
    assert seal.missing_changes(roster_path) is None
    Roster.open(roster_path).close()


@pytest.mark.both_backends
def test_visits_read_by_position_are_the_visits_their_constructor_makes(roster, today):
    """The store fills a Visit's dict directly instead of calling its frozen __init__ (the
    worklist builds thousands): the result must be the same object the constructor makes."""
    from dataclasses import fields

    from cartclinic.model import Visit

    assert not hasattr(Visit, "__post_init__") and not hasattr(Visit, "__slots__")
    p = add_patient(roster, today, infusion=date(2026, 8, 1))
    visits = roster.store.visits(patient_id=p.id)
    roster.record_visit(visits[0].id, visits[0].window_start, WHO, today)
    roster.mark_missed(visits[1].id, WHO, today)
    roster.cancel_visit(visits[2].id, "patient in hospital", WHO, today)
    read = (roster.store.visits(patient_id=p.id)
            + roster.store.open_visits(window_end_before=today, scheduled_from=today,
                                       scheduled_to=date(2027, 12, 31))
            + roster.store.next_open_visits(today))
    assert any(v.done_on for v in read) and any(v.missed_on for v in read)
    names = [f.name for f in fields(Visit)]
    for v in read:
        assert list(vars(v)) == names
        built = Visit(**{name: getattr(v, name) for name in names})
        assert v == built and hash(v) == hash(built)
        assert isinstance(v.any_day, bool) and isinstance(v.scheduled, date)


def test_the_worklist_reads_its_lines_by_date_from_the_open_visit_index(roster):
    """0003_worklist_index, 0006_triage_index, 0020_smaller_indexes: the worklist screen's open
    visits by scheduled date come from the open-visit index, in a range of dates (since 0020
    the index holds the date alone, a table read per listed visit: it held the worklist's
    columns, 19 MB of a 10,000-patient roster); the overdue ones, a few hundred, from their
    own index; never a scan of the visits. The worklist reads every open visit scheduled on or
    before its end (late ones still in their window are due now)."""
    from cartclinic.store.sqlite.store import _BRIEF_SELECT, _OPEN_VISIT_SELECT, _open_visit_query

    for start in (date(2025, 10, 23), None):
        sql, args = _open_visit_query(_BRIEF_SELECT, date(2026, 11, 27), start,
                                      date(2026, 12, 25))
        plan = [row[3] for row in roster.store.conn.execute("EXPLAIN QUERY PLAN " + sql, args)]
        bounds = "scheduled>? AND scheduled<?" if start else "scheduled<?"
        assert any(f"INDEX visits_open_scheduled ({bounds})" in step for step in plan), plan
        assert any("INDEX visits_open_window_end (window_end<?)" in step for step in plan), plan
        assert not any(step.startswith("SCAN") for step in plan), plan
    # the full visits of `due` and the day list: by date too, never by every
    # open visit's window end (at 10,000 patients that walk cost 300 ms instead of 35)
    sql, args = _open_visit_query(_OPEN_VISIT_SELECT, date(2026, 11, 27), None, date(2026, 12, 25))
    plan = [row[3] for row in roster.store.conn.execute("EXPLAIN QUERY PLAN " + sql, args)]
    assert any("INDEX visits_open_scheduled (scheduled<?)" in step for step in plan), plan
    assert not any("window_end>" in step for step in plan), plan


def test_a_person_is_told_before_an_older_roster_is_upgraded_and_not_otherwise(tmp_path):
    import shutil

    told: list[list[str]] = []
    fresh = Roster.open(tmp_path / "new.db", before_upgrade=told.append)  # made new: no upgrade
    fresh.close()
    again = Roster.open(tmp_path / "new.db", before_upgrade=told.append)  # up to date
    again.close()
    assert told == []
    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "roster-0001_roster.db", old)
    r = Roster.open(old, before_upgrade=told.append)
    try:
        assert told == [[name for name, _ in STEPS][1:]]
        assert r.store.schema_version() == [name for name, _ in STEPS]
    finally:
        r.close()
