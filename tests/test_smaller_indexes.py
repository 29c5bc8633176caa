"""Two indexes made smaller (migration 0020, issue 14 item 2: the file's size): a SQLite roster
keeps no index of a row's audit entries (only the audit check read it, and it now finds every
row's last entry in one pass) and its open-visit index by scheduled day holds the day alone.
The worklist shows the same lines, the audit check finds the same problems, and a visit whose
texts are missing is named, not taken for deleted."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import WHO, add_patient, verify_after_editing

from cartclinic.roster import Roster

FIXTURES = Path(__file__).parent / "fixtures"


def indexes(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                             "sql IS NOT NULL").fetchall())


@pytest.mark.sqlite_only("the migration of a SQLite roster, from its committed fixture")
def test_migration_0020_drops_the_row_index_and_narrows_the_worklist_index(tmp_path, today):
    path = tmp_path / "roster.db"
    shutil.copy(FIXTURES / "roster-0019_visit_texts.db", path)
    r = Roster.open(path)
    try:
        add_patient(r, today, mrn="A1")  # open visits on both sides of today
        end = today + timedelta(days=400)
        before = r.worklist_lines(today, today, end)
        r.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        r.close()
    conn = sqlite3.connect(path, isolation_level=None)  # back to 0019, as a clinic has it
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0020_smaller_indexes'")
    conn.execute("DROP INDEX visits_open_scheduled")
    conn.execute(
        "CREATE INDEX visits_open_scheduled ON visits(scheduled, window_end, window_start, "
        "tracked_from, treatment_id, protocol_id, code, texts, kind, done, cancelled_reason, "
        "missed_on) WHERE done = 0 AND cancelled_reason = '' AND missed_on IS NULL "
        "AND window_end >= tracked_from")
    conn.execute("CREATE INDEX audit_row ON audit_log(tbl, row_id)")
    conn.close()
    r = Roster.open(path)
    try:
        got = indexes(r.store.conn)
        assert "audit_row" not in got
        assert got["visits_open_scheduled"] == (
            "CREATE INDEX visits_open_scheduled ON visits(scheduled) WHERE done = 0 "
            "AND cancelled_reason = '' AND missed_on IS NULL AND window_end >= tracked_from")
        assert r.worklist_lines(today, today, end) == before
        assert before  # the comparison compared something
        assert r.store.verify_audit() == []
        # the upgrade gave the room back (VACUUM)
        assert r.store.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    finally:
        r.close()


@pytest.mark.sqlite_only("a new SQLite roster's own indexes")
def test_a_new_roster_has_no_index_of_a_rows_audit_entries(roster):
    got = indexes(roster.store.conn)
    assert "audit_row" not in got
    assert "visits_open_scheduled ON visits(scheduled) WHERE" in got["visits_open_scheduled"]


@pytest.mark.sqlite_only("edits the file behind the program's back")
def test_the_audit_check_finds_each_rows_last_entry_without_the_row_index(roster_path, today):
    """Three rows each changed behind the program's back, among many written through it: each is
    named with its field, read from that row's own entries (a patient's insert keeps its
    values; a visit's keeps its image hash only, so the visit is given an update first)."""
    r = Roster.open(roster_path)
    patients = [add_patient(r, today, mrn=f"M{i}", name=f"Patient {i}") for i in range(4)]
    visit = r.store.visits(patient_id=patients[2].id)[0]
    with r.store.write(WHO):  # a second entry for two rows: their last entries are these
        r.store.update_patient(replace(r.store.patient(patients[1].id), phone="+86 10 5555 0101"))
        r.store.update_visit(visit.id, moved_reason="asked by the patient")
    r.close()
    problems = verify_after_editing(
        roster_path,
        ("UPDATE patients SET phone = '+86 10 0000 0000' WHERE id IN (?, ?)",
         (patients[1].id, patients[3].id)),
        ("UPDATE visits SET moved_reason = 'by hand' WHERE id = ?", (visit.id,)))
    assert problems == [
        f"patients row {patients[1].id}: changed outside the program (phone)",
        f"patients row {patients[3].id}: changed outside the program (phone)",
        f"visits row {visit.id}: changed outside the program (moved_reason)",
    ]


@pytest.mark.sqlite_only("edits the file behind the program's back")
def test_rows_changed_wholesale_have_their_fields_named_a_batch_at_a_time(
        roster_path, today, monkeypatch):
    """The fields of rows changed behind the program's back are named a batch of rows at a
    time (bounded memory for a roster changed wholesale): batches of two give the same
    findings, in the same order, as one batch."""
    from cartclinic.store.sqlite import store

    r = Roster.open(roster_path)
    patients = [add_patient(r, today, mrn=f"B{i}", name=f"Patient {i}") for i in range(5)]
    r.close()
    problems = verify_after_editing(
        roster_path, ("UPDATE patients SET phone = '+86 10 0000 0000', sex = 'M'", ()))
    monkeypatch.setattr(store, "_NAMED_AT_ONCE", 2)
    assert verify_after_editing(roster_path) == problems == [
        f"patients row {p.id}: changed outside the program (phone, sex)" for p in patients]


@pytest.mark.sqlite_only("edits the file behind the program's back, foreign keys off")
def test_a_visit_whose_texts_are_missing_is_named_not_taken_for_deleted(roster_path, today):
    r = Roster.open(roster_path)
    p = add_patient(r, today)
    visit = r.store.visits(patient_id=p.id)[0]
    r.close()
    problems = verify_after_editing(
        roster_path, ("UPDATE visits SET texts = 9999 WHERE id = ?", (visit.id,)))
    assert problems == [f"visits row {visit.id}: its texts (visit_texts row 9999) are missing: "
                        "changed outside the program"]


def test_the_worklist_is_the_same_read_through_the_narrow_index(roster, today):
    """Every line the worklist shows, read through the open-visit index, holds what the same
    visit and its patient hold read by id (the index holds the day alone; the rest comes from
    the row)."""
    for i in range(3):
        add_patient(roster, today, mrn=f"W{i}", name=f"Patient {i}",
                    infusion=today - timedelta(days=30 + 200 * i))
    lines = roster.worklist_lines(today, today, today + timedelta(days=60))
    assert len(lines) >= 3
    for line in lines:
        brief, visit = line.visit, roster.store.visit(line.visit.id)
        patient = roster.store.patient(visit.patient_id)
        assert (brief.patient_id, brief.patient_name, brief.mrn, brief.code, brief.label,
                brief.assessments, brief.window_start, brief.window_end, brief.scheduled,
                brief.kind) == (patient.id, patient.name, patient.mrn, visit.code, visit.label,
                                visit.assessments, visit.window_start, visit.window_end,
                                visit.scheduled, visit.kind)


@pytest.mark.sqlite_only("the SQLite library Python links")
def test_an_sqlite_older_than_the_schema_needs_is_refused_before_the_file_is_touched(
        tmp_path, monkeypatch):
    from cartclinic.errors import RosterProblem
    from cartclinic.store.sqlite.store import SqliteStore

    path = tmp_path / "roster.db"
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 34, 1))
    with pytest.raises(RosterProblem, match=r"needs SQLite 3\.35\.0 or later; the Python "
                       r"running it has SQLite 3\.34\.1\. Nothing was changed"):
        SqliteStore.open(path)
    assert not path.exists()
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 35, 0))  # the oldest it runs on
    SqliteStore.open(path).close()
    assert path.exists()
