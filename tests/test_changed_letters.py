"""Rule 13: the patients whose dates a settings change moved are printed "your date has
changed" letters in one go (`print changed-letters DATE`), one page each, in one PDF."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from helpers import WHO, add_patient
from pypdf import PdfReader

from cartclinic.model import ClinicSettings
from cartclinic.printing import changed_letters_data, settings_moves_since
from cartclinic.roster import Roster

TODAY = date(2026, 11, 27)


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who", "Nurse Lee",
                           *args], capture_output=True, text=True, encoding="utf-8", timeout=120)


def _roster_with_a_closure(path: Path) -> Roster:
    r = Roster.open(path)
    add_patient(r, TODAY, mrn="ZH1", name="王秀英", infusion=date(2026, 11, 2))
    add_patient(r, TODAY, mrn="EN1", name="Margaret Smith", infusion=date(2026, 11, 2))
    dead = add_patient(r, TODAY, mrn="XX1", name="Late Patient", infusion=date(2026, 11, 2))
    add_patient(r, TODAY, mrn="UN1", name="Not Moved", infusion=date(2026, 11, 3))
    r.record_event(dead.id, "death", TODAY, WHO, TODAY)
    # Monday 30 November closed: every D28 booked that day moves to Tuesday 1 December
    assert r.save_settings(ClinicSettings(closures=(date(2026, 11, 30),)), WHO, TODAY) == 2
    return r


def test_rule13_changed_letters_one_per_moved_patient(tmp_path):
    r = _roster_with_a_closure(tmp_path / "r.db")
    try:
        moves = settings_moves_since(r, date(2000, 1, 1))
        letters = changed_letters_data(r, moves, TODAY, datetime(2026, 11, 27, 9))
    finally:
        r.close()
    assert [(x.patient.mrn, [(c.code, c.old, c.new) for c in x.changes]) for x in letters] == [
        ("EN1", [("D28", date(2026, 11, 30), date(2026, 12, 1))]),
        ("ZH1", [("D28", date(2026, 11, 30), date(2026, 12, 1))]),
    ]  # none for the deceased patient (visits cancelled) nor for the one not moved


def test_rule13_cli_print_changed_letters(tmp_path):
    db = tmp_path / "r.db"
    _roster_with_a_closure(db).close()
    out = tmp_path / "changed.pdf"
    r = run(db, "print", "changed-letters", "2000-01-01", "--out", str(out), "--today", "2026-11-27")
    assert r.returncode == 0, r.stderr
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert len(pages) == 2
    assert "Margaret Smith" in pages[0] and "王秀英" in pages[1]
    assert "Your visit date has changed" in pages[1]
    assert ("Day 28 response assessment (D28): please come on Tuesday 1 December 2026 "
            "(instead of Monday 30 November 2026).") in " ".join(pages[0].split())


def test_rule13_cli_changed_letters_refuses_when_nothing_moved(tmp_path):
    db = tmp_path / "r.db"
    _roster_with_a_closure(db).close()
    out = tmp_path / "none.pdf"
    r = run(db, "print", "changed-letters", "2999-01-01", "--out", str(out), "--today", "2026-11-27")
    assert r.returncode == 1
    assert "nothing to print" in r.stderr and not out.exists()
    r = run(db, "print", "changed-letters", "yesterday", "--out", str(out))
    assert r.returncode == 1 and "date" in r.stderr
