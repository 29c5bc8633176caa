"""`print visit|day|sheets|letter` from the roster, through the command line: the PDFs hold the
names (Chinese and accented Latin), MRN, visit labels and dates, and each print is audited."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from helpers import add_patient
from pypdf import PdfReader

from cartclinic.roster import Roster

TODAY = "2026-11-27"


def run(db: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who", "Nurse Lee",
                           *args], capture_output=True, text=True, encoding="utf-8", timeout=120)


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def db(tmp_path_factory, request) -> Path | str:
    """The roster printed from: a file, and on the throwaway PostgreSQL server (issue 14)."""
    path: Path | str = (request.getfixturevalue("pg_server").new_database()
                        if request.param == "postgres"
                        else tmp_path_factory.mktemp("print") / "roster.db")
    r = Roster.open(path)
    today = date(2026, 11, 27)
    r.save_settings(replace(r.settings(), clinic_phone="+44 20 7946 0000"), "setup")  # letters
    add_patient(r, today, mrn="ZH1", name="王秀英", infusion=date(2026, 10, 30))  # D28 today
    add_patient(r, today, mrn="LA1", name="Zoë Ångström-Núñez", infusion=date(2026, 10, 30),
                protocols=("lbcl-cd19", "registry-cibmtr"))
    add_patient(r, today, mrn="OD1", name="Tomás O'Connor", infusion=date(2026, 8, 1))
    r.close()
    return path


def test_print_day_lists_the_days_worklist(db, tmp_path):
    out = tmp_path / "day.pdf"
    r = run(db, "print", "day", TODAY, "--out", str(out), "--today", TODAY)
    assert r.returncode == 0, r.stderr
    text = text_of(out)
    for needle in ("王秀英", "Zoë Ångström-Núñez", "ZH1", "LA1", "OD1", "Day 28 response assessment"):
        assert needle in text, needle


def test_print_sheets_is_one_pdf_with_a_sheet_per_visit(db, tmp_path):
    due = json.loads(run(db, "due", "--today", TODAY, "--from", TODAY, "--to", TODAY,
                         "--json").stdout)
    out = tmp_path / "sheets.pdf"
    r = run(db, "print", "sheets", TODAY, "--out", str(out), "--today", TODAY)
    assert r.returncode == 0, r.stderr
    assert len(PdfReader(out).pages) >= len(due) >= 3
    text = text_of(out)
    assert "王秀英" in text and "Confidential" in text


def test_print_visit_and_letter(db, tmp_path):
    due = json.loads(run(db, "due", "--today", TODAY, "--json").stdout)
    visit = next(v for v in due if v["mrn"] == "ZH1")
    out = tmp_path / "visit.pdf"
    assert run(db, "print", "visit", str(visit["visit_id"]), "--out", str(out)).returncode == 0
    text = text_of(out)
    assert "王秀英" in text and visit["label"] in text and "ZH1" in text
    letter = tmp_path / "letter.pdf"
    assert run(db, "print", "letter", "zh1", "--out", str(letter), "--today", TODAY).returncode == 0
    assert "王秀英" in text_of(letter)
    assert "CIBMTR" not in text_of(letter)


def test_each_print_is_audited(db, tmp_path):
    run(db, "print", "letter", "LA1", "--out", str(tmp_path / "l.pdf"), "--today", TODAY)
    r = Roster.open(db)
    try:
        notes = [row for row in r.store.audit_rows() if row["row_id"] == "print"]
    finally:
        r.close()
    assert notes and notes[-1]["who"] == "Nurse Lee" and '"mrn": "LA1"' in notes[-1]["new"]


@pytest.mark.parametrize(("args", "code"), [
    (["print", "visit", "abc"], 1),
    (["print", "visit", "999999"], 1),
    (["print", "day", "27/11/2026"], 1),
    (["print", "letter", "NOPE"], 1),
    (["print", "brochure", "x"], 2),
])
def test_bad_print_requests_are_refused(db, tmp_path, args, code):
    assert run(db, *args, "--out", str(tmp_path / "x.pdf")).returncode == code
    assert not (tmp_path / "x.pdf").exists()


def test_sheets_for_a_day_with_no_visits_is_refused(tmp_path):
    db = tmp_path / "empty.db"
    assert run(db, "init").returncode == 0
    r = run(db, "print", "sheets", TODAY, "--out", str(tmp_path / "s.pdf"))
    assert r.returncode == 1 and "nothing to print" in r.stderr
    assert not (tmp_path / "s.pdf").exists()
