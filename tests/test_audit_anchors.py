"""The audit chain anchored outside the roster: what a person with the file alone cannot hide.

Each attack below is what was tried on the chain with no anchor (and passed as "intact"): the
test first shows the attack really does fool the chain and the seal alone, then that the
anchor catches it."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic.model import Patient
from cartclinic.roster import Roster
from cartclinic.store import anchors
from cartclinic.store.audit import at_text, fold, image_hash, link_bytes
from cartclinic.store.sqlite import files, seal
from cartclinic.store.sqlite.restore import restore
from cartclinic.store.sqlite.schema import TRIGGERS


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who", "cli test",
                           *args], capture_output=True, text=True, timeout=120, encoding="utf-8")


def rewrite_patient_and_chain(db: Path, patient_id: int, name: str) -> None:
    """What an attacker with write access to the file does: change a patient, change its audit
    entries to match (the values its insert kept, the image hashes), recompute every group's
    link and hash after it (migration 0018), and write a fresh seal."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("UPDATE patients SET name = ? WHERE id = ?", (name, patient_id))
    row = dict(conn.execute("SELECT * FROM patients WHERE id = ?", (patient_id,)).fetchone())
    for entry_id, new in conn.execute(
        "SELECT id, new FROM audit WHERE table_name = 'patients' AND row_id = ?", (str(patient_id),)
    ).fetchall():
        values = json.loads(new) if new else {}
        if "name" in values:
            values["name"] = name
        conn.execute("UPDATE audit_log SET new = ?, image = ? WHERE id = ?",
                     (json.dumps(values, ensure_ascii=False, sort_keys=True) if new else None,
                      bytes.fromhex(image_hash("patients", row)), entry_id))
    prev, start = "", 0
    for group_id, at, who in conn.execute("SELECT id, at, who FROM audit_group ORDER BY id").fetchall():
        entries = conn.execute(
            "SELECT table_name, row_id, action, old, new, image, legacy FROM audit "
            "WHERE id > ? AND id <= ? ORDER BY id", (start, group_id)).fetchall()
        digest = fold(prev, at_text(at), who, entries)
        conn.execute("UPDATE audit_group SET link = ?, hash = ? WHERE id = ?",
                     (link_bytes(prev), bytes.fromhex(digest), group_id))
        prev, start = digest, group_id
    conn.close()
    seal.write(db, start, prev)


def cut_audit_rows_after(db: Path, keep: int) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DROP TRIGGER audit_group_no_delete")
    conn.execute("DELETE FROM audit_log WHERE id > ?", (keep,))
    conn.execute("DELETE FROM audit_group WHERE id > ?", (keep,))
    conn.close()


def verify(db: Path, hand: tuple[anchors.Anchor, ...] = ()) -> list[str]:
    r = Roster.open(db)
    try:
        return r.store.verify_audit(hand)
    finally:
        r.close()


def test_a_rewritten_chain_with_its_seal_recomputed_is_caught_by_the_anchor(roster_path, today):
    r = Roster.open(roster_path)
    p = add_patient(r, today)
    add_patient(r, today, mrn="B200", name="Li Na")
    r.close()
    rewrite_patient_and_chain(roster_path, p.id, "Someone Else")
    problems = verify(roster_path)
    assert len(problems) == 1
    assert problems[0].startswith("the audit trail was rewritten or cut back at or before row ")
    assert "anchors file" in problems[0]
    # the same attack with the anchors file gone passes: the anchor is what catches it
    anchors.anchors_file(roster_path).unlink()
    assert verify(roster_path) == []


def test_a_deleted_seal_and_rows_cut_from_the_end_are_caught(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    keep = r.store.audit_head()[0]
    with r.store.write(WHO):
        r.store.note("print", {"what": "day"})
        r.store.note("export", {"file": "roster.csv"})
    r.close()
    cut_audit_rows_after(roster_path, keep)
    seal.remove(roster_path)  # else the roster is refused at open: its seal names a row not there
    problems = verify(roster_path)
    # the anchor of the session that wrote the two notes names the last of them
    assert problems[0].startswith(f"the audit trail was rewritten or cut back at or before row {keep + 2}")
    assert f"(the trail ends at row {keep})" in problems[0]
    assert any("seal beside the roster (roster.db.seal) is missing" in p for p in problems)


def test_an_older_copy_of_the_roster_put_in_its_place_is_caught(roster_path, tmp_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()
    older = tmp_path / "older.db"
    shutil.copy2(roster_path, older)
    r = Roster.open(roster_path)
    add_patient(r, today, mrn="B200", name="Li Na")
    r.close()
    os.replace(older, roster_path)
    seal.remove(roster_path)
    problems = verify(roster_path)
    assert problems and "is not in the file" in problems[0]
    assert problems[0].startswith("the audit trail was rewritten or cut back")


def test_an_anchor_written_down_by_hand_is_checked(roster_path, today):
    r = Roster.open(roster_path)
    p = add_patient(r, today)
    r.close()
    printed = run("audit", "--anchor", db=roster_path)
    assert printed.returncode == 0, printed.stderr
    paper = printed.stdout.split("audit anchor: ")[1].split()[0]  # e.g. 7:3f9a-2c71-d0e4-88b1
    assert run("audit", "--verify", "--anchor", paper, db=roster_path).returncode == 0
    # the attacker rewrites the chain and the anchors file too: only the paper is out of reach
    rewrite_patient_and_chain(roster_path, p.id, "Someone Else")
    anchors.anchors_file(roster_path).unlink()
    assert run("audit", "--verify", db=roster_path).returncode == 0
    caught = run("audit", "--verify", "--anchor", paper, db=roster_path)
    assert caught.returncode == 3
    assert "rewritten or cut back" in caught.stderr and "given by hand" in caught.stderr


def test_a_badly_written_hand_anchor_is_refused_with_its_form(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()
    bad = run("audit", "--verify", "--anchor", "12:abc", db=roster_path)
    assert bad.returncode == 1
    assert "ROW:HASH" in bad.stderr


def test_the_anchors_file_and_backup_sidecars_are_owner_only(roster, today, tmp_path, monkeypatch):
    add_patient(roster, today)
    backup = roster.store.backup(tmp_path / "b" / "copy.db")
    roster.close()
    path = anchors.anchors_file(roster.store.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(anchors.sidecar(backup).stat().st_mode) == 0o600
    # by default the anchors are in the user's config area, apart from the roster's folder
    monkeypatch.delenv(anchors.ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert anchors.anchors_dir() == tmp_path / "config" / "cartclinic" / "anchors"
    assert files.data_dir() not in anchors.anchors_dir().parents


def test_a_backup_is_checked_against_the_anchor_beside_it(roster, today, tmp_path):
    p = add_patient(roster, today)
    backup = roster.store.backup(tmp_path / "b" / "copy.db")
    assert json.loads(anchors.sidecar(backup).read_text())["audit_id"] == roster.store.audit_head()[0]
    assert verify(backup) == []
    rewrite_patient_and_chain(backup, p.id, "Someone Else")
    problems = verify(backup)
    assert problems and "sidecar" in problems[0]


def test_a_restore_sets_aside_anchors_past_the_backup_and_verifies_clean(roster_path, today):
    from cartclinic.users import Staff

    r = Roster.open(roster_path)
    Staff(r.store).add("Ward Admin", "2468", "admin", WHO)  # a restore needs a roster's admin
    add_patient(r, today)
    backup = r.store.backup(files.backup_name(roster_path, __import__("datetime").datetime(2026, 11, 26)))
    add_patient(r, today, mrn="B200", name="Li Na")
    r.close()
    restore(roster_path, backup, WHO)
    assert verify(roster_path) == []
    assert anchors.anchors_file(roster_path).with_suffix(".jsonl.retired").exists()


def test_a_new_roster_in_the_place_of_a_deleted_one_does_not_inherit_its_anchors(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    add_patient(r, today, mrn="B200", name="Li Na")
    r.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(roster_path) + suffix).unlink(missing_ok=True)
    r = Roster.open(roster_path)
    add_patient(r, today)
    r.close()
    assert verify(roster_path) == []


def test_audit_verify_still_names_a_removed_and_a_reordered_audit_row(roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today)
    for what in ("day", "week"):
        with r.store.write(WHO):  # a write of its own: a group of its own
            r.store.note("print", {"what": what})
    head = r.store.audit_head()[0]
    r.close()
    conn = sqlite3.connect(roster_path, isolation_level=None)
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER {trigger}")
    swap = ("UPDATE audit_log SET id = -1 WHERE id = 3", "UPDATE audit_log SET id = 3 WHERE id = 4",
            "UPDATE audit_log SET id = 4 WHERE id = -1")
    conn.execute("BEGIN")
    for sql in swap:
        conn.execute(sql)
    conn.execute("COMMIT")
    problems = verify(roster_path)
    # rows 3 and 4 are two visits of the patient's write, one group: its hash no longer holds
    assert re.match(r"audit rows [1-3]–\d+ ", problems[0])  # one group, two if it crossed a second
    assert problems[0].endswith("one of them was edited, removed or reordered outside the program")
    conn.execute("BEGIN")
    for sql in swap:  # put back
        conn.execute(sql)
    conn.execute("COMMIT")
    assert verify(roster_path) == []
    # a whole group removed (the first note): the group after it does not follow
    conn.execute("DELETE FROM audit_log WHERE id = ?", (head - 1,))
    conn.execute("DELETE FROM audit_group WHERE id = ?", (head - 1,))
    conn.close()
    assert verify(roster_path)[0].startswith(f"audit rows {head - 1}–{head} (written at ")
    assert "do not follow the rows before them" in verify(roster_path)[0]


def _peak_of_verify(path: Path, rows: int) -> int:
    r = Roster.open(path)
    with r.store.write(WHO):
        for i in range(rows // 2):
            r.store.add_patient(Patient(mrn=f"M{i}", name=f"Patient {i} " + "x" * 150))
            r.store.note("print", {"what": "letter", "mrn": f"M{i}", "pad": "y" * 300})
    assert r.store.audit_head()[0] >= rows
    tracemalloc.start()
    try:
        assert r.store.verify_audit() == []
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        r.close()


def test_audit_verify_memory_does_not_grow_with_the_number_of_audit_rows(tmp_path):
    small = _peak_of_verify(tmp_path / "small.db", 2_000)
    large = _peak_of_verify(tmp_path / "large.db", 8_000)
    # holding every row (or every row's image) would make the large peak about 4x the small one
    assert large < 1.5 * small + 64 * 1024, (small, large)


@pytest.mark.parametrize("text", ["4512:3f9a-2c71-d0e4-88b1", "4512:3F9A2C71D0E488B1", " 4512 : 3f9a 2c71 d0e4 88b1 "])
def test_a_hand_anchor_is_read_with_or_without_dashes_and_case(text):
    a = anchors.parse_hand_anchor(text)
    assert (a.audit_id, a.hash) == (4512, "3f9a2c71d0e488b1")
    assert anchors.short_form(4512, "3f9a2c71d0e488b1" + "0" * 48) == "4512:3f9a-2c71-d0e4-88b1"


def test_the_day_list_footer_carries_the_chain_head_to_check_against_later(roster_path, tmp_path, today):
    from pypdf import PdfReader

    r = Roster.open(roster_path)
    p = add_patient(r, today, infusion=date(2026, 10, 30))  # Day 28 on the 27th
    r.close()
    paper = run("audit", "--anchor", db=roster_path).stdout.split("audit anchor: ")[1].split()[0]
    out = tmp_path / "day.pdf"
    printed = run("print", "day", "2026-11-27", "--out", str(out), "--today", "2026-11-27", db=roster_path)
    assert printed.returncode == 0, printed.stderr
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert all(f"audit anchor {paper}" in text for text in pages)
    assert run("audit", "--verify", "--anchor", paper, db=roster_path).returncode == 0
    rewrite_patient_and_chain(roster_path, p.id, "Someone Else")
    anchors.anchors_file(roster_path).unlink()
    assert run("audit", "--verify", "--anchor", paper, db=roster_path).returncode == 3
