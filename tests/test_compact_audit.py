"""The compact audit trail (issue 14 item 2): an entry keeps what changed and a hash of the whole
row after the change; the chain and `audit --verify` still catch an edited, removed or reordered
entry and a clinical row changed behind the program's back; migration 0016 converts a trail of
whole images, and refuses one whose chain is broken."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic.errors import RosterProblem
from cartclinic.model import Patient
from cartclinic.roster import Roster
from cartclinic.store import anchors
from cartclinic.store.audit import (
    CONVERTED_NOTE,
    LEGACY_COLUMNS,
    canonical_image,
    image_hash,
    legacy_chain_hash,
    legacy_chain_problem,
)
from cartclinic.store.sqlite import seal
from cartclinic.store.sqlite.schema import LEGACY_TRIGGERS, STEPS, TRIGGERS

FIXTURES = Path(__file__).parent / "fixtures"


def entries(roster: Roster, table: str | None = None) -> list[dict]:
    return [r for r in roster.store.audit_rows() if table is None or r["table_name"] == table]


def raw(path: Path) -> sqlite3.Connection:
    """The file opened behind the program's back, its append-only triggers dropped."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for name in (*TRIGGERS, *LEGACY_TRIGGERS):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    return conn


def verify(path: Path, hand: tuple[anchors.Anchor, ...] = ()) -> list[str]:
    r = Roster.open(path)
    try:
        return r.store.verify_audit(hand)
    finally:
        r.close()


# -- what an entry keeps ------------------------------------------------------------------


def test_an_update_entry_keeps_only_the_fields_that_changed_and_the_row_image_hash(roster, today):
    p = add_patient(roster, today)
    roster.update_patient(Patient(**{**p.__dict__, "phone": "+44 1"}), WHO, today)
    last = entries(roster)[-1]
    assert last["action"] == "update"
    assert json.loads(last["old"]) == {"phone": "+44 7700 900123"}
    assert json.loads(last["new"]) == {"phone": "+44 1"}
    row = dict(roster.store.conn.execute("SELECT * FROM patients WHERE id = ?", (p.id,)).fetchone())
    assert last["image"] == image_hash("patients", row)


def test_a_visit_insert_entry_keeps_the_image_hash_not_the_values(roster, today):
    p = add_patient(roster, today)
    inserts = [e for e in entries(roster, "visits") if e["action"] == "insert"]
    assert inserts and all(e["old"] is None and e["new"] is None for e in inserts)
    visit = dict(roster.store.conn.execute(
        "SELECT * FROM visits_with_texts WHERE id = ?", (int(inserts[0]["row_id"]),)).fetchone())
    assert inserts[0]["image"] == image_hash("visits", visit)
    # a patient's insert, typed by a person, keeps its values
    (patient,) = entries(roster, "patients")
    assert json.loads(patient["new"])["name"] == p.name


def test_the_row_as_inserted_is_the_row_with_the_later_entries_old_values_laid_back(roster, today):
    p = add_patient(roster, today)
    visit = roster.store.visits(patient_id=p.id)[0]
    with roster.store.write(WHO):
        roster.store._update("visits", visit.id, {"scheduled": visit.window_end.isoformat()})
        roster.store._update("visits", visit.id, {"moved_reason": "family wedding"})
        roster.store._update("visits", visit.id, {"moved_reason": "ward closed"})
    row = dict(roster.store.conn.execute("SELECT * FROM visits_with_texts WHERE id = ?", (visit.id,)).fetchone())
    mine = [e for e in entries(roster, "visits") if e["row_id"] == str(visit.id)]
    for e in reversed(mine[1:]):
        row.update(json.loads(e["old"]))
    assert mine[0]["action"] == "insert" and image_hash("visits", row) == mine[0]["image"]


def test_a_delete_entry_keeps_the_whole_removed_row(roster, today):
    p = add_patient(roster, today)
    visit = roster.store.visits(patient_id=p.id)[-1]
    row = dict(roster.store.conn.execute("SELECT * FROM visits_with_texts WHERE id = ?", (visit.id,)).fetchone())
    with roster.store.write(WHO):
        roster.store.delete_visit(visit.id)
    last = entries(roster)[-1]
    assert (last["action"], last["new"], last["image"]) == ("delete", None, None)
    assert json.loads(last["old"]) == row
    assert roster.store.verify_audit() == []


def test_the_image_hash_reads_a_column_added_later_at_its_default_as_absent():
    before = {"id": 1, "name": "A", "phone": "", "record": None}
    after_0012 = {**before, "language": ""}
    assert canonical_image("patients", before) == canonical_image("patients", after_0012)
    assert image_hash("patients", before) != image_hash("patients", {**before, "language": "zh"})
    # True and 1, 2.0 and 2: one spelling, whichever driver read the row
    assert image_hash("visits", {"done": True, "v": 2.0}) == image_hash("visits", {"done": 1, "v": 2})


def test_the_audit_trail_is_under_half_of_a_demo_roster(roster_path, today):
    from cartclinic.demo import make_demo

    r = Roster.open(roster_path)
    try:
        make_demo(r, 60, 7, today)
        r.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes = dict(r.store.conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    finally:
        r.close()
    # (a SQLite roster has no index of a row's entries since 0020; the server keeps one)
    trail = sum(sizes.get(name, 0) for name in ("audit_log", "audit_group", "audit_table",
                                                "audit_row"))
    assert trail < sum(sizes.values()) / 2, (trail, sum(sizes.values()))


# -- audit --verify on the compact form: each attack by its rule ---------------------------


def test_verify_names_an_edited_compact_entry(roster_path, today):
    r = Roster.open(roster_path)
    p = add_patient(r, today)
    r.update_patient(Patient(**{**p.__dict__, "phone": "+44 1"}), WHO, today)
    last = r.store.audit_head()[0]
    r.close()
    conn = raw(roster_path)
    conn.execute("UPDATE audit_log SET new = ? WHERE id = ?", ('{"phone": "+44 2"}', last))
    conn.close()
    assert verify(roster_path)[0].startswith(f"audit row {last} (patients row {p.id}, ")
    assert verify(roster_path)[0].endswith("edited outside the program")


def test_verify_names_an_entry_whose_image_hash_was_edited(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()
    conn = raw(roster_path)
    conn.execute("UPDATE audit_log SET image = ? WHERE id = 3", (bytes(16),))
    conn.close()
    problems = verify(roster_path)
    # row 3 is a visit of the schedule, written with the patient: their group's hash is named
    assert re.fullmatch(r"audit rows [1-3]–\d+ \(written together at \S+ by nurse Test\): one of "
                        r"them was edited, removed or reordered outside the program", problems[0])


def test_verify_names_a_removed_compact_entry(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()
    conn = raw(roster_path)
    conn.execute("DELETE FROM audit_log WHERE id = 4")
    conn.close()
    assert re.fullmatch(r"audit rows [1-3]–\d+ \(written at \S+ by nurse Test\): rows are missing "
                        r"\(removed outside the program\)", verify(roster_path)[0])


def test_verify_names_reordered_compact_entries(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()
    conn = raw(roster_path)
    conn.execute("BEGIN")
    conn.execute("UPDATE audit_log SET id = -1 WHERE id = 3")
    conn.execute("UPDATE audit_log SET id = 3 WHERE id = 4")
    conn.execute("UPDATE audit_log SET id = 4 WHERE id = -1")
    conn.execute("COMMIT")
    conn.close()
    assert re.fullmatch(r"audit rows [1-3]–\d+ \(written together at \S+ by nurse Test\): one of "
                        r"them was edited, removed or reordered outside the program",
                        verify(roster_path)[0])


def test_verify_names_a_visit_changed_behind_the_programs_back(roster, today):
    p = add_patient(roster, today)
    first, second = roster.store.visits(patient_id=p.id)[:2]
    with roster.store.write(WHO):
        roster.store._update("visits", second.id, {"moved_reason": "family wedding"})
    conn = roster.store.conn
    conn.execute("UPDATE visits SET scheduled = '2027-01-04' WHERE id = ?", (first.id,))
    conn.execute("UPDATE visits SET moved_reason = 'none' WHERE id = ?", (second.id,))
    assert roster.store.verify_audit() == [
        # its insert kept the image hash only: the row no longer matches it
        f"visits row {first.id}: changed outside the program (it no longer matches its last audit entry)",
        # a field an update entry holds is named
        f"visits row {second.id}: changed outside the program (moved_reason)",
    ]


def test_verify_names_a_row_deleted_and_a_row_added_behind_the_programs_back(roster, today):
    p = add_patient(roster, today)
    last = roster.store.visits(patient_id=p.id)[-1]
    conn = roster.store.conn
    conn.execute("DELETE FROM visits WHERE id = ?", (last.id,))
    conn.execute("INSERT INTO settings (key, value) VALUES ('mallory', '1')")
    problems = roster.store.verify_audit()
    assert f"visits row {last.id}: deleted outside the program" in problems
    assert "settings row mallory: has no audit record (added outside the program)" in problems


# -- migration 0016 ------------------------------------------------------------------------


def legacy_roster(tmp_path: Path) -> Path:
    """The 0012 fixture (a trail of whole images), with an update, a note and a delete written
    as the program wrote them before 0016."""
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "roster-0012_patient_language.db", path)
    conn = raw(path)
    patient = dict(conn.execute("SELECT * FROM patients WHERE id = 1").fetchone())
    visit = dict(conn.execute("SELECT * FROM visits WHERE id = 1").fetchone())
    conn.execute("UPDATE patients SET phone = '+86 10 1234' WHERE id = 1")
    conn.execute("DELETE FROM visits WHERE id = 1")
    prev = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0]
    at = datetime(2026, 11, 20, 9, 30, tzinfo=UTC).isoformat(timespec="seconds")
    for table, row_id, action, old, new in (
        ("patients", "1", "update", patient, {**patient, "phone": "+86 10 1234"}),
        ("note", "print", "note", None, {"what": "day list"}),
        ("visits", "1", "delete", visit, None),
    ):
        old_text = None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True)
        new_text = None if new is None else json.dumps(new, ensure_ascii=False, sort_keys=True)
        digest = legacy_chain_hash(prev, at, "nurse Old", table, row_id, action, old_text, new_text)
        conn.execute("INSERT INTO audit (at, who, table_name, row_id, action, old, new, prev_hash, "
                     "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (at, "nurse Old", table, row_id, action, old_text, new_text, prev, digest))
        prev = digest
    assert legacy_chain_problem(conn.execute(f"SELECT {LEGACY_COLUMNS} FROM audit ORDER BY id")) is None
    conn.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
                 "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END")
    conn.close()
    return path


def test_migration_0016_converts_a_trail_of_whole_images_and_it_verifies(tmp_path):
    path = legacy_roster(tmp_path)
    old_rows = sqlite3.connect(path).execute("SELECT id, hash FROM audit ORDER BY id").fetchall()
    head_id, head_hash = old_rows[-1]
    anchors.record(path, head_id, head_hash, "session")  # the anchors file, before the upgrade
    seal.write(path, head_id, head_hash)
    paper = anchors.parse_hand_anchor(anchors.short_form(*old_rows[1]))  # written down then
    r = Roster.open(path)
    try:
        assert r.store.schema_version() == [name for name, _ in STEPS]
        trail = list(r.store.audit_rows())
        by_id = {e["id"]: e for e in trail}
        update = by_id[4]
        assert (json.loads(update["old"]), json.loads(update["new"])) == (
            {"phone": ""}, {"phone": "+86 10 1234"})
        assert by_id[3]["new"] is None and by_id[3]["image"]  # a visit's insert: its hash only
        assert json.loads(by_id[5]["new"]) == {"what": "day list"}  # a note as it was
        assert json.loads(by_id[6]["old"])["code"] == "Y11"  # a delete keeps the whole row
        assert [e["legacy"] for e in trail[:-1]] == [h[:16] for _, h in old_rows]
        note = trail[-1]
        assert (note["row_id"], note["action"]) == (CONVERTED_NOTE, "note")
        assert json.loads(note["new"])["legacy_head"] == {"id": head_id, "hash": head_hash}
        # the old anchors (file and paper) hold through the legacy digits; the new head is anchored
        assert r.store.verify_audit((paper,)) == []
        assert r.store.audit_head() == (note["id"], note["hash"])
    finally:
        r.close()
    assert json.loads(seal.seal_path(path).read_text())["hash"] == note["hash"]
    # a seal still naming the old head (the upgrade stopped before writing the new one) holds
    seal.write(path, head_id, head_hash)
    assert seal.missing_changes(path) is None
    # an anchor whose hash was never in the trail does not
    forged = anchors.Anchor(2, "f" * 64, "", "paper", "given by hand")
    assert "rewritten or cut back at or before row 2" in verify(path, (forged,))[0]


def test_migration_0016_refuses_a_roster_whose_old_chain_is_broken(tmp_path):
    path = legacy_roster(tmp_path)
    conn = raw(path)
    conn.execute("UPDATE audit SET who = 'mallory' WHERE id = 2")
    conn.close()
    before = sqlite3.connect(path).execute("SELECT * FROM audit ORDER BY id").fetchall()
    with pytest.raises(RosterProblem, match=r"audit trail of this roster is broken \(audit row 2 "):
        Roster.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT * FROM audit ORDER BY id").fetchall() == before  # nothing changed
    assert "image" not in {c[1] for c in conn.execute("PRAGMA table_info(audit)")}
    conn.close()


def test_migration_0016_still_names_a_clinical_row_changed_before_it(tmp_path):
    path = legacy_roster(tmp_path)
    conn = raw(path)
    conn.execute("UPDATE patients SET name = 'Someone Else' WHERE id = 1")
    conn.close()
    assert verify(path) == ["patients row 1: changed outside the program (name)"]


def test_a_backup_whose_old_trail_is_broken_is_refused_before_a_restore(tmp_path, today):
    from helpers import add_admin

    from cartclinic.errors import InputRefused

    backup = legacy_roster(tmp_path)
    conn = raw(backup)
    conn.execute("DELETE FROM audit WHERE id = 2")
    conn.close()
    r = Roster.open(tmp_path / "current.db")
    add_admin(r)
    add_patient(r, today)
    try:
        with pytest.raises(InputRefused, match="audit trail of .* is broken"):
            r.store.restore_from(backup, WHO)
        assert len(r.store.patients()) == 1 and r.store.verify_audit() == []
    finally:
        r.close()


def test_an_access_request_carries_the_patients_lab_result_entries(roster, today):
    """A result's insert entry keeps no values: its patient is found from the patient's rows."""
    from datetime import timedelta

    from cartclinic.access_request import patient_record
    from cartclinic.model import LabResult, PatientResult

    p = add_patient(roster, today)
    other = add_patient(roster, today, mrn="B200", name="Li Na")
    visit = next(v for v in roster.store.visits(patient_id=p.id) if v.window_start <= today - timedelta(days=30))
    roster.record_visit(visit.id, visit.target, WHO, today, labs=[LabResult("CRP", "4", "mg/L")])
    roster.add_results([PatientResult(p.id, today, "IgG", "6.1", "g/L", None, ""),
                        PatientResult(other.id, today, "IgG", "7.0", "g/L", None, "")], WHO)
    mine = {int(r.id) for r in roster.store.results(p.id)}
    assert len(mine) == 2
    audit = patient_record(roster, p.mrn, today)["audit"]
    assert {int(a["row_id"]) for a in audit if a["table_name"] == "lab_results"} == mine


def test_an_update_filling_columns_a_migration_added_keeps_the_old_values_and_the_hash(roster, today):
    """0013's Chinese labels, filled into visits from their defaults: the new values are the
    row's own (as for an insert); a later change of them keeps old and new as any update."""
    p = add_patient(roster, today)
    visit = roster.store.visits(patient_id=p.id)[0]
    with roster.store.write(WHO):  # a visit planned before 0013: no Chinese yet
        roster.store._update("visits", visit.id, {"label_zh": "", "assessments_zh": "[]"})
    assert entries(roster, "visits")[-1]["new"] == '{"assessments_zh": "[]", "label_zh": ""}'
    with roster.store.write(WHO):
        roster.store._update("visits", visit.id, {"label_zh": "第1天", "assessments_zh": '["血常规"]'})
        roster.store._update("visits", visit.id, {"label_zh": "第一天"})
    fill, change = entries(roster, "visits")[-2:]
    assert json.loads(fill["old"]) == {"label_zh": "", "assessments_zh": "[]"} and fill["new"] is None
    assert (json.loads(change["old"]), json.loads(change["new"])) == (
        {"label_zh": "第1天"}, {"label_zh": "第一天"})
    row = dict(roster.store.conn.execute("SELECT * FROM visits_with_texts WHERE id = ?", (visit.id,)).fetchone())
    assert change["image"] == image_hash("visits", row)
    assert roster.store.verify_audit() == []
