"""The audit trail in groups (issue 14 item 2, migration 0018; docs/reliability.md, "The compact
audit trail"): the entries written together share one `audit_group` row (when, who, the link to
the hash before them, the chain hash after them); each entry keeps its table and action as
codes, its row id as an integer, what changed and its image hash. Every rule of the trail still
holds: one entry per changed clinical row, append-only, an entry edited, removed, reordered or
added, a group removed and a clinical row changed behind the program's back are named; a trail
of 0016 is converted without a new hash, so anchors written before still hold."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic.errors import RosterProblem
from cartclinic.model import Patient
from cartclinic.roster import Roster
from cartclinic.store import anchors
from cartclinic.store.audit import at_code, at_text, row_code
from cartclinic.store.sqlite import seal
from cartclinic.store.sqlite.schema import STEPS, TRIGGERS

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_0016 = FIXTURES / "roster-0016_compact_audit.db"


def tamper(roster: Roster, backend: str, *sql: str) -> None:
    """Statements run behind the program's back, the append-only triggers out of the way."""
    conn = roster.store.conn
    for table in ("audit_log", "audit_group"):
        for what in ("update", "delete"):
            if backend == "postgres":
                conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_{what}")
            else:
                conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_{what}")
    for statement in sql:
        conn.execute(statement)


def group_of(roster: Roster, entry_id: int) -> tuple[int, int]:
    """(first, last) entry id of the group holding `entry_id`."""
    conn = roster.store.conn
    last = conn.execute("SELECT min(id) FROM audit_group WHERE id >= ?", (entry_id,)).fetchone()[0]
    before = conn.execute("SELECT max(id) FROM audit_group WHERE id < ?", (entry_id,)).fetchone()[0]
    return (before or 0) + 1, int(last)


# -- what is kept ---------------------------------------------------------------------------


@pytest.mark.both_backends
def test_entries_written_together_share_one_group_with_when_who_and_the_chain_hash(roster, today):
    p = add_patient(roster, today)
    visits = roster.store.visits(patient_id=p.id)
    trail = list(roster.store.audit_rows())
    ids = [e["id"] for e in trail if e["table_name"] == "visits"]
    assert len(ids) == len(visits) > 1
    first, last = group_of(roster, ids[0])
    assert first <= ids[0] and last >= ids[-1]  # the schedule: in one group (with its patient's)
    groups = roster.store.conn.execute(
        "SELECT count(*) FROM audit_group WHERE id >= ? AND id <= ?", (first, last)).fetchone()[0]
    assert groups == 1
    last = ids[-1] if group_of(roster, ids[-1])[1] == ids[-1] else last
    # the view still gives each entry its time and author; the hash on the group's last only
    by_id = {e["id"]: e for e in trail}
    assert {(by_id[i]["who"], by_id[i]["at"]) for i in ids} == {(by_id[last]["who"],
                                                                 by_id[last]["at"])}
    assert by_id[last]["who"] == "nurse Test" and by_id[last]["at"].endswith("+00:00")
    assert [by_id[i]["hash"] for i in ids if i != last] == [None] * (len(ids) - (last in ids))
    assert len(by_id[last]["hash"]) == 32
    assert roster.store.audit_head() == (trail[-1]["id"], trail[-1]["hash"])
    assert roster.store.verify_audit() == []


def test_an_entry_keeps_its_table_and_action_as_codes_and_an_integer_row_id(roster, today):
    p = add_patient(roster, today)
    conn = roster.store.conn
    row = conn.execute("SELECT l.tbl, l.row_id, l.action, typeof(l.row_id), t.name FROM audit_log l "
                       "JOIN audit_table t ON t.code = l.tbl WHERE t.name = 'patients'").fetchone()
    assert tuple(row) == (4, p.id, 0, "integer", "patients")
    at = conn.execute("SELECT at, typeof(at) FROM audit_group ORDER BY id LIMIT 1").fetchone()
    assert at[1] == "integer"  # epoch seconds, shown as the same ISO text
    # a row id given as text finds the integer kept
    assert conn.execute("SELECT count(*) FROM audit WHERE table_name = 'patients' AND row_id = ?",
                        (str(p.id),)).fetchone()[0] == 1


def test_a_time_or_row_id_written_otherwise_is_kept_as_it_was():
    assert at_code("2026-12-04T16:48:42+00:00") == 1796402922
    assert at_text(1796402922) == at_text("1796402922") == "2026-12-04T16:48:42+00:00"
    for odd in ("2026-12-04T16:48:42Z", "2026-12-04T16:48:42.5+00:00", "2026-12-04 16:48",
                "2026-12-04T16:48:42+01:00"):
        assert at_code(odd) == odd and at_text(at_code(odd)) == odd
    assert (row_code("12"), row_code("012"), row_code("clinic_name"), row_code("-1")) == (
        12, "012", "clinic_name", "-1")


# -- audit --verify on the groups: each attack by its rule --------------------------------


@pytest.mark.both_backends
def test_verify_names_an_entry_edited_inside_a_group(roster, backend, today):
    add_patient(roster, today)
    first, last = group_of(roster, 3)
    tamper(roster, backend, "UPDATE audit_log SET old = '{\"done\": 0}' WHERE id = 4")
    assert roster.store.verify_audit()[0].startswith(f"audit rows {first}–{last} (written together")


@pytest.mark.both_backends
def test_verify_names_an_entry_removed_from_a_group(roster, backend, today):
    add_patient(roster, today)
    first, last = group_of(roster, 3)
    tamper(roster, backend, "DELETE FROM audit_log WHERE id = 4")
    assert roster.store.verify_audit()[0].startswith(f"audit rows {first}–{last} ")
    assert "rows are missing (removed outside the program)" in roster.store.verify_audit()[0]


@pytest.mark.both_backends
def test_verify_names_two_entries_of_a_group_swapped(roster, backend, today):
    add_patient(roster, today)
    first, last = group_of(roster, 3)
    tamper(roster, backend,
           "UPDATE audit_log SET id = -1 WHERE id = 3", "UPDATE audit_log SET id = 3 WHERE id = 4",
           "UPDATE audit_log SET id = 4 WHERE id = -1")
    assert roster.store.verify_audit()[0] == (
        f"audit rows {first}–{last} (written together at {_at(roster, last)} by nurse Test): one "
        "of them was edited, removed or reordered outside the program")


@pytest.mark.both_backends
def test_verify_names_a_whole_group_removed(roster, backend, today):
    add_patient(roster, today)
    for what in ("day", "week"):
        with roster.store.write(WHO):  # a write of its own: a group of its own
            roster.store.note("print", {"what": what})
    head = roster.store.audit_head()[0]
    tamper(roster, backend, f"DELETE FROM audit_log WHERE id = {head - 1}",
           f"DELETE FROM audit_group WHERE id = {head - 1}")
    problem = roster.store.verify_audit()[0]
    assert problem.startswith(f"audit rows {head - 1}–{head} (written at ")
    assert "do not follow the rows before them" in problem


@pytest.mark.both_backends
def test_verify_names_an_entry_added_after_the_last_group(roster, backend, today):
    add_patient(roster, today)
    head = roster.store.audit_head()[0]
    tamper(roster, backend, "INSERT INTO audit_log (id, tbl, row_id, action) "
           f"VALUES ({head + 1}, 4, '1', 1)")
    assert roster.store.verify_audit()[0] == (
        f"audit row {head + 1} (patients row 1): not covered by the chain (added outside the program)")


@pytest.mark.both_backends
def test_verify_names_the_author_of_a_group_changed(roster, backend, today):
    p = add_patient(roster, today)
    roster.update_patient(Patient(**{**p.__dict__, "phone": "+44 1"}), WHO, today)
    head = roster.store.audit_head()[0]
    tamper(roster, backend, f"UPDATE audit_group SET who = 'mallory' WHERE id = {head}")
    assert roster.store.verify_audit()[0] == (
        f"audit row {head} (patients row {p.id}, {_at(roster, head)}, mallory): edited outside "
        "the program")


@pytest.mark.both_backends
def test_verify_names_a_visit_changed_behind_the_programs_back_after_0018(roster, today):
    p = add_patient(roster, today)
    visit = roster.store.visits(patient_id=p.id)[1]
    roster.store.conn.execute("UPDATE visits SET scheduled = '2027-01-04' WHERE id = ?", (visit.id,))
    assert roster.store.verify_audit() == [
        f"visits row {visit.id}: changed outside the program (it no longer matches its last audit entry)"]


def _at(roster: Roster, entry_id: int) -> str:
    return roster.store.conn.execute("SELECT at FROM audit WHERE id = ?", (entry_id,)).fetchone()[0]


# -- migration 0018 -------------------------------------------------------------------------


def _trail_0016(path: Path) -> list[dict]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY id")]
    conn.close()
    return rows


def test_migration_0018_keeps_every_entry_and_every_hash_so_anchors_of_before_hold(tmp_path):
    path = tmp_path / "r.db"
    shutil.copy(FIXTURE_0016, path)
    before = _trail_0016(path)
    assert len(before) == 3 and len({(e["at"], e["who"]) for e in before}) == 1  # one group
    head = before[-1]
    anchors.record(path, head["id"], head["hash"], "session")  # the anchors file
    seal.write(path, head["id"], head["hash"])
    inside = anchors.parse_hand_anchor(anchors.short_form(before[0]["id"], before[0]["hash"]))
    r = Roster.open(path)
    try:
        assert r.store.schema_version() == [name for name, _ in STEPS]
        after = list(r.store.audit_rows())
        for old, new in zip(before, after, strict=True):
            for key in ("id", "at", "who", "table_name", "row_id", "action", "old", "new"):
                assert new[key] == old[key], key
            assert new["image"] == (old["image"].hex() if old["image"] else None)
        assert after[-1]["hash"] == head["hash"]  # nothing hashed anew
        # the paper anchor of an entry now inside a group holds (folded up to it)
        assert r.store.verify_audit((inside,)) == []
        forged = anchors.Anchor(before[0]["id"], "f" * 32, "", "paper", "given by hand")
        assert "rewritten or cut back at or before row 1" in r.store.verify_audit((forged,))[0]
        names = {row[0] for row in r.store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert names == set(TRIGGERS)
    finally:
        r.close()
    assert seal.missing_changes(path) is None


def test_migration_0018_refuses_a_roster_whose_0016_chain_is_broken(tmp_path):
    path = tmp_path / "r.db"
    shutil.copy(FIXTURE_0016, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET who = 'mallory' WHERE id = 2")
    conn.close()
    before = _trail_0016(path)
    with pytest.raises(RosterProblem, match=r"not converted to the grouped form .*migration 0018"):
        Roster.open(path)
    assert _trail_0016(path) == before  # nothing changed
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").fetchone() is None
    conn.close()


def test_migration_0018_still_names_a_clinical_row_changed_before_it(tmp_path):
    path = tmp_path / "r.db"
    shutil.copy(FIXTURE_0016, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE patients SET name = 'Someone Else' WHERE id = 1")
    conn.close()
    r = Roster.open(path)
    try:
        assert r.store.verify_audit() == ["patients row 1: changed outside the program (name)"]
    finally:
        r.close()


def test_an_access_request_and_the_export_read_the_grouped_trail_as_before(roster, today):
    from cartclinic.access_request import patient_record

    p = add_patient(roster, today)
    record = patient_record(roster, p.mrn, today)
    tables = {a["table_name"] for a in record["audit"]}
    assert {"patients", "treatments", "visits"} <= tables
    assert all(isinstance(a["row_id"], str) and a["at"].endswith("+00:00") for a in record["audit"])
    assert json.loads(next(a for a in record["audit"] if a["table_name"] == "patients")["new"])[
        "mrn"] == p.mrn


def test_the_benchmark_reports_the_file_and_the_audit_trails_share_with_their_budgets(
        roster_path, today, tmp_path, monkeypatch):
    from cartclinic.demo import make_demo

    # the bench package points the XDG folders elsewhere when imported, unless this is set
    monkeypatch.setenv("CARTCLINIC_BENCH_FOLDERS", str(tmp_path / "bench-folders"))
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent))
    from bench.size_figures import sizes

    r = Roster.open(roster_path)
    try:
        make_demo(r, 30, 7, today)
    finally:
        r.close()
    file, trail, free = sizes(roster_path, 30)
    assert file.budget == "≤ 1 MB" and file.unit == "MB" and file.value > 0  # 250 MB × 30/10,000
    assert trail.ok is True and 0 < trail.value < file.value / 2
    assert free.ok is None
