"""Killed mid-write (kill -9 at random moments) and two writers at once: nothing confirmed is
lost, the file stays sound, an import is all or nothing."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from helpers import add_patient

from cartclinic.roster import Roster

TODAY = date(2026, 11, 27)
SAVE_TRIALS = 12
IMPORT_TRIALS = 10
IMPORT_ROWS = 400
# enough past visits that saving them all takes about a second, so most kills land mid-way
BASE_PATIENTS = 24

_SAVE_CHILD = """
import sys
from datetime import date
from cartclinic.roster import Roster
r = Roster.open(sys.argv[1])
today = date(2026, 11, 27)
for v in r.store.visits():
    if v.done_on is None and not v.cancelled_reason and v.target <= today:
        r.record_visit(v.id, today, "crash test", today, notes="x" * 200)
        print("ok", v.id, flush=True)
print("finished", flush=True)
"""

_IMPORT_CHILD = """
import sys
from datetime import date
from cartclinic.roster import Roster
from cartclinic.roster_csv import import_csv
r = Roster.open(sys.argv[1])
print("start", flush=True)
n = import_csv(r, open(sys.argv[2], encoding="utf-8").read(), "crash test", date(2026, 11, 27))
print("imported", n, flush=True)
"""


@pytest.fixture(scope="module")
def base_roster(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("base") / "roster.db"
    r = Roster.open(path)
    for i in range(BASE_PATIENTS):
        add_patient(r, TODAY, mrn=f"P{i}", name=f"Patient {i}", infusion=date(2025, 6, 1 + i))
    r.close()
    return path


def _copy(base: Path, dest_dir: Path) -> Path:
    dest = dest_dir / "roster.db"
    conn = sqlite3.connect(base)
    out = sqlite3.connect(dest)
    conn.backup(out)
    out.close()
    conn.close()
    dest.chmod(0o600)
    return dest


def _kill_after(proc: subprocess.Popen, seconds: float, wait_for: str) -> list[str]:
    """Read the child's lines; once `wait_for` is seen, kill -9 it after `seconds`."""
    lines: list[str] = []
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    lines.append(first)
    deadline = time.monotonic() + seconds
    import os

    os.set_blocking(proc.stdout.fileno(), False)
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    rest = proc.stdout.read() or ""
    lines += [line.strip() for line in rest.splitlines()]
    return lines


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("trial", range(SAVE_TRIALS))
def test_killed_during_visit_saves_keeps_every_confirmed_save(base_roster, tmp_path, trial):
    db = _copy(base_roster, tmp_path)
    rng = random.Random(trial)
    proc = subprocess.Popen([sys.executable, "-c", _SAVE_CHILD, str(db)],
                            stdout=subprocess.PIPE, text=True)
    lines = _kill_after(proc, rng.uniform(0.0, 0.4), "ok")
    confirmed = {int(line.split()[1]) for line in lines if line.startswith("ok ")}
    assert _integrity(db) == "ok"
    r = Roster.open(db)
    try:
        done = {v.id for v in r.store.visits() if v.done_on is not None}
        assert confirmed <= done
        assert r.store.verify_audit() == []
    finally:
        r.close()


@pytest.mark.parametrize("trial", range(IMPORT_TRIALS))
def test_killed_during_an_import_leaves_all_or_nothing(base_roster, tmp_path, trial):
    db = _copy(base_roster, tmp_path)
    csv = tmp_path / "in.csv"
    rows = ["mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol"]
    rows += [f"I{i:05d},Imported {i},1960-01-01,LBCL,axi,2026-0{1 + i % 9}-1{i % 10},"
             "lbcl-cd19;registry-cibmtr" for i in range(IMPORT_ROWS)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rng = random.Random(100 + trial)
    proc = subprocess.Popen([sys.executable, "-c", _IMPORT_CHILD, str(db), str(csv)],
                            stdout=subprocess.PIPE, text=True)
    lines = _kill_after(proc, rng.uniform(0.0, 1.5), "start")
    assert _integrity(db) == "ok"
    r = Roster.open(db)
    try:
        imported = [p for p in r.store.patients() if p.mrn.startswith("I")]
        assert len(imported) in (0, IMPORT_ROWS)
        if any(line.startswith("imported") for line in lines):
            assert len(imported) == IMPORT_ROWS
        assert len([p for p in r.store.patients() if p.mrn.startswith("P")]) == BASE_PATIENTS
    finally:
        r.close()


_WRITER_CHILD = """
import sys
from datetime import date
from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster
r = Roster.open(sys.argv[1])
for i in range(int(sys.argv[3])):
    r.register(Patient(mrn=f"{sys.argv[2]}{i}", name=f"Writer {sys.argv[2]} {i}",
                       date_of_birth=date(1960, 1, 1), diagnosis="LBCL"),
               [NewTreatment("axi", date(2026, 10, 1), ("lbcl-cd19",))],
               f"writer {sys.argv[2]}", date(2026, 11, 27))
print("done", flush=True)
"""


def test_two_writers_at_once_lose_nothing(base_roster, tmp_path):
    db = _copy(base_roster, tmp_path)
    n = 25
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER_CHILD, str(db), tag, str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("W", "X")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    r = Roster.open(db)
    try:
        mrns = {p.mrn for p in r.store.patients()}
        assert {f"W{i}" for i in range(n)} | {f"X{i}" for i in range(n)} <= mrns
        assert r.store.verify_audit() == []
    finally:
        r.close()
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
