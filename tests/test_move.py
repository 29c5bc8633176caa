"""`move`: a roster copied from a SQLite file to a PostgreSQL server and back, nothing lost
(issue 14, DESIGN.md "Several workstations"). Runs on the throwaway server of tests/pg_server.py."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import WHO, add_admin

from cartclinic.demo import make_demo
from cartclinic.errors import InputRefused
from cartclinic.roster import Roster
from cartclinic.store.move import TABLES, move_roster

TODAY = date(2026, 11, 27)


def every_table(store) -> dict[str, list[tuple]]:
    out = {}
    for table in TABLES:
        cur = store.conn.cursor()
        cur.row_factory = None
        cur.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        out[table] = sorted((tuple(sorted(zip(names, row, strict=True))) for row in cur.fetchall()),
                            key=repr)
    return out


@pytest.fixture(scope="module")
def full_roster(tmp_path_factory) -> Path:
    """A demo roster with a row in every table: sign-ins, a call, a correction, a task."""
    path = tmp_path_factory.mktemp("move") / "ward.db"
    r = Roster.open(path)
    try:
        make_demo(r, 25, 7, TODAY)
        add_admin(r)
        p = r.store.patients()[0]
        r.record_call(p.id, "no_answer", WHO, TODAY)
        event_id, _ = r.record_event(r.store.patients()[1].id, "secondary_malignancy",
                                     date(2026, 11, 20), WHO, TODAY)
        call_id = r.record_call(p.id, "reached", WHO, TODAY)
        r.correct("call", call_id, "wrong patient", WHO, TODAY)
        empty = [t for t, rows in every_table(r.store).items() if not rows]
        assert empty == [], f"the fixture should fill every table: {empty}"
        assert event_id
    finally:
        r.close()
    return path


def test_move_a_sqlite_roster_to_a_server_and_back_keeps_every_row_of_every_table(
        full_roster, pg_server, tmp_path):
    url = pg_server.new_database()
    to_server = move_roster(full_roster, url, WHO)
    back = tmp_path / "back.db"
    move_roster(url, back, WHO)
    stores = [Roster.open(p) for p in (full_roster, url, back)]
    try:
        original, on_server, returned = (every_table(r.store) for r in stores)
        for table in TABLES:
            if table.startswith("audit"):  # the trail's tables: compared below as entries
                continue
            assert on_server[table] == original[table], table
            assert returned[table] == original[table], table
        # the audit trail: every row as it was, then one row per move
        audit = [list(r.store.audit_rows()) for r in stores]
        n = len(audit[0])
        assert audit[1][:n] == audit[0] and audit[2][:n] == audit[0]
        assert [a["row_id"] for a in audit[1][n:]] == ["move"]
        assert [a["row_id"] for a in audit[2][n:]] == ["move", "move"]
        for r in stores:
            assert r.store.verify_audit() == []
        assert to_server.rows["patients"] == 25
        assert sum(to_server.rows.values()) == sum(len(rows) for rows in original.values())
        # the same worklist from each
        worklist = [r.worklist(TODAY, TODAY, TODAY + timedelta(days=28)) for r in stores]
        assert worklist[0]
        assert worklist[1] == worklist[0] == worklist[2]
    finally:
        for r in stores:
            r.close()


def test_a_moved_roster_takes_new_rows_after_the_copied_ids(full_roster, pg_server):
    from helpers import add_patient

    url = pg_server.new_database()
    move_roster(full_roster, url, WHO)
    r = Roster.open(url)
    try:
        before = max(p.id for p in r.store.patients())
        p = add_patient(r, TODAY, mrn="NEW1")
        assert p.id == before + 1
        assert r.store.verify_audit() == []
    finally:
        r.close()


def test_move_refuses_a_destination_that_holds_anything(full_roster, pg_server, tmp_path):
    url = pg_server.new_database()
    move_roster(full_roster, url, WHO)
    with pytest.raises(InputRefused, match="already holds a roster"):
        move_roster(full_roster, url, WHO)
    existing = tmp_path / "there.db"
    existing.write_bytes(b"")
    with pytest.raises(InputRefused, match="already exists"):
        move_roster(url, existing, WHO)
    assert existing.read_bytes() == b""


def test_move_on_the_command_line_needs_the_admin_and_says_what_it_moved(full_roster, pg_server):
    url = pg_server.new_database()
    cmd = [sys.executable, "-m", "cartclinic", "--who", "Ward Admin", "move",
           "--from", str(full_roster), "--to", url]
    wrong = subprocess.run(cmd, capture_output=True, text=True, input="0000\n", timeout=120)
    assert wrong.returncode == 1, wrong.stderr
    r = subprocess.run(cmd, capture_output=True, text=True, input="2468\n", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "25 patients" in r.stdout and "its audit trail verifies" in r.stdout
    assert "cartclinic@" in r.stdout
    audit = subprocess.run([sys.executable, "-m", "cartclinic", "--db", url, "--who",
                            "Ward Admin", "audit", "--verify"], capture_output=True, text=True,
                           input="2468\n", timeout=120)
    assert audit.returncode == 0, audit.stdout + audit.stderr
