"""Waiting writers (issue 14 item 5; DESIGN.md "The store"): a write that finds the roster busy
waits its turn, saying so after a second, instead of failing; two imports started together
both land. A write gives up, nothing saved, only after `LONGEST_WAIT` (five minutes)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic.cli import WAITING
from cartclinic.errors import StoreBusy
from cartclinic.roster import Roster
from cartclinic.store import LONGEST_WAIT

HEADER = "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"


def _csv(path: Path, prefix: str, n: int) -> Path:
    rows = "".join(f"{prefix}{i:03d},Patient {prefix}{i},1970-01-0{1 + i % 9},Relapsed B-ALL,tisagenlecleucel,"
                   f"2026-0{1 + i % 9}-15,b-all-cd19\n" for i in range(n))
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _hold_the_write_lock(db: Path) -> sqlite3.Connection:
    """Another program in the middle of a long write (an import of thousands of patients)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _first_line(stream, found: list[str]) -> None:
    found.append(stream.readline())


def test_two_imports_started_together_both_land_after_waiting_their_turn(tmp_path):
    db = tmp_path / "ward.db"
    subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "init"], check=True,
                   capture_output=True)
    files = [_csv(tmp_path / "a.csv", "A", 40), _csv(tmp_path / "b.csv", "B", 40)]
    holder = _hold_the_write_lock(db)
    procs = [subprocess.Popen([sys.executable, "-m", "cartclinic", "--db", str(db), "--who",
                               "import test", "import", str(f)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8") for f in files]
    try:
        # both are held back by the write in progress, and each says it waits (a guard of two
        # minutes against a hang, not a timing assertion)
        for proc in procs:
            said: list[str] = []
            reader = threading.Thread(target=_first_line, args=(proc.stderr, said), daemon=True)
            reader.start()
            reader.join(120)
            assert said and said[0].strip() == WAITING, said
            assert proc.poll() is None, "the import gave up instead of waiting its turn"
    finally:
        holder.execute("COMMIT")  # the other program's write ends
        holder.close()
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "imported 40 patients"
    roster = Roster.open(db)
    try:
        mrns = {p.mrn for p in roster.store.patients()}
    finally:
        roster.close()
    assert mrns == {f"A{i:03d}" for i in range(40)} | {f"B{i:03d}" for i in range(40)}


def test_two_imports_of_one_roster_race_and_both_land(tmp_path):
    """Started at once with nothing held: whichever writes second waits for the first."""
    db = tmp_path / "ward.db"
    subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "init"], check=True,
                   capture_output=True)
    files = [_csv(tmp_path / "a.csv", "A", 150), _csv(tmp_path / "b.csv", "B", 150)]
    procs = [subprocess.Popen([sys.executable, "-m", "cartclinic", "--db", str(db), "--who",
                               "import test", "import", str(f)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f in files]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    roster = Roster.open(db)
    try:
        assert len(roster.store.patients()) == 300
    finally:
        roster.close()


def test_a_waiting_write_is_told_each_second_and_lands_once_the_other_ends(roster, today):
    db = roster.store.path
    holder = _hold_the_write_lock(db)
    told: list[float] = []

    def waiting(seconds: float) -> None:
        told.append(seconds)
        if len(told) == 2:  # the other program's write ends while this one waits
            holder.execute("COMMIT")

    roster.store.on_wait = waiting
    try:
        add_patient(roster, today, mrn="W1")
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    assert len(told) == 2 and told[0] < told[1]
    assert roster.store.patient_by_mrn("W1") is not None


def test_a_write_gives_up_clearly_after_the_longest_wait_and_saves_nothing(roster, today):
    assert LONGEST_WAIT == 300.0  # documented in docs/architecture.md
    roster.store.longest_wait = 0.0  # the first second of waiting is already too long
    holder = _hold_the_write_lock(roster.store.path)
    try:
        with pytest.raises(StoreBusy, match="another program has been writing to the roster"):
            add_patient(roster, today, mrn="W2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert roster.store.patient_by_mrn("W2") is None
    with roster.store.write(WHO):  # and the roster is usable again at once
        pass
