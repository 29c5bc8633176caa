"""Bad input, refused with a clear message naming the field, and nothing saved: the same table
at the form's door (`Roster.register`), at import (one file, every row reported) and at the
command line."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date

import pytest
from helpers import WHO, add_patient

from cartclinic.dates import parse_date
from cartclinic.errors import InputRefused
from cartclinic.model import Patient
from cartclinic.roster import NewTreatment
from cartclinic.roster_csv import COLUMNS, import_csv

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 27)
GOOD = {
    "mrn": "Q1", "name": "Ada Lovelace", "date_of_birth": "1950-01-01", "diagnosis": "LBCL",
    "product": "axicabtagene", "infusion_date": "2026-06-01", "protocol": "lbcl-cd19",
    "sex": "F", "phone": "+44 20 7946 0000", "target": "CD19", "physician": "Dr Chen",
    "notes": "", "tracked_from": "",
}

# (what, changed columns, the field named, a fragment of the message)
BAD = [
    ("impossible day", {"infusion_date": "2026-02-30"}, "infusion_date", "does not exist"),
    ("day first", {"infusion_date": "30/02/2026"}, "infusion_date", "not an ISO date"),
    ("ambiguous", {"infusion_date": "03/04/2026"}, "infusion_date", "not an ISO date"),
    ("month 13", {"infusion_date": "2026-13-01"}, "infusion_date", "does not exist"),
    ("month 0", {"infusion_date": "2026-00-10"}, "infusion_date", "does not exist"),
    ("no dashes", {"infusion_date": "20260115"}, "infusion_date", "not an ISO date"),
    ("not padded", {"infusion_date": "2026-1-5"}, "infusion_date", "not an ISO date"),
    ("with a time", {"infusion_date": "2026-01-01T10:00"}, "infusion_date", "not an ISO date"),
    ("blank date", {"infusion_date": "   "}, "infusion_date", "empty"),
    ("birth after infusion", {"date_of_birth": "2026-07-01"}, "date_of_birth", "after the infusion"),
    ("birth in future", {"date_of_birth": "2027-01-01"}, "date_of_birth", "in the future"),
    ("birth 1850", {"date_of_birth": "1850-01-01"}, "date_of_birth", "before 1900-01-01"),
    ("far-future infusion", {"infusion_date": "2099-01-01"}, "infusion_date", "days ahead"),
    ("infusion 1990", {"infusion_date": "1990-05-05"}, "infusion_date", "before 2000-01-01"),
    ("empty name", {"name": ""}, "name", "empty"),
    ("blank name", {"name": "   "}, "name", "empty"),
    ("10,000 characters", {"name": "N" * 10_000}, "name", "at most 200"),
    ("bell in name", {"name": "Ada\x07 Lovelace"}, "name", "control"),
    ("escape in name", {"name": "Ada\x1b[31m"}, "name", "control"),
    ("line separator", {"name": "Ada\u2028Lovelace"}, "name", "control"),
    ("right-to-left override", {"name": "\u202eecalevoL adA"}, "name", "direction"),
    ("emoji in name", {"name": "Ada 😀"}, "name", "emoji"),
    ("empty mrn", {"mrn": ""}, "mrn", "empty"),
    ("space in mrn", {"mrn": "A 123"}, "mrn", "may only hold"),
    ("sql in mrn", {"mrn": "1'; DROP TABLE patients;--"}, "mrn", "may only hold"),
    ("long mrn", {"mrn": "A" * 40}, "mrn", "at most 32"),
    ("emoji in mrn", {"mrn": "A1😀"}, "mrn", "may only hold"),
    ("rtl in mrn", {"mrn": "\u202eA1"}, "mrn", "may only hold"),
    ("empty diagnosis", {"diagnosis": ""}, "diagnosis", "empty"),
    ("empty product", {"product": ""}, "product", "empty"),
    ("long product", {"product": "P" * 300}, "product", "at most 200"),
    ("empty protocol", {"protocol": ""}, "protocol", "empty"),
    ("unknown protocol", {"protocol": "b-all-cd20"}, "protocol", "unknown protocol id"),
    ("protocol twice", {"protocol": "lbcl-cd19;lbcl-cd19"}, "protocol", "named twice"),
    ("bad sex", {"sex": "Q"}, "sex", "not F, M, X"),
    ("letters in phone", {"phone": "call me maybe"}, "phone", "may only hold"),
    ("long phone", {"phone": "1" * 50}, "phone", "at most 40"),
    ("NUL in diagnosis", {"diagnosis": "LB\x00CL"}, "diagnosis", "control"),
    ("long physician", {"physician": "D" * 500}, "physician", "at most 200"),
    ("escape in notes", {"notes": "ok\x1b[2J"}, "notes", "control"),
    ("tracked_from in future", {"tracked_from": "2027-05-05"}, "tracked_from", "in the future"),
    ("tracked_from impossible", {"tracked_from": "2026-02-29"}, "tracked_from", "does not exist"),
    ("no date of birth", {"date_of_birth": ""}, "date_of_birth", "empty"),
    ("impossible birth day", {"date_of_birth": "1950-02-30"}, "date_of_birth", "does not exist"),
    ("long address", {"address": "A" * 301}, "address", "at most 300"),
    ("escape in address", {"address": "1 Main St\x1b[2J"}, "address", "control"),
    ("long next of kin", {"next_of_kin": "K" * 201}, "next_of_kin", "at most 200"),
    ("long relationship", {"next_of_kin": "Li Wei", "next_of_kin_relationship": "R" * 61},
     "next_of_kin_relationship", "at most 60"),
    ("letters in next-of-kin phone", {"next_of_kin": "Li Wei", "next_of_kin_phone": "call Li"},
     "next_of_kin_phone", "may only hold"),
    ("next-of-kin phone without a name", {"next_of_kin_phone": "+44 20 7946 0001"},
     "next_of_kin", "give the name"),
    ("sql in name is just text", {"name": "Robert'); DROP TABLE patients;--"}, None, None),
]


def _row(changes: dict[str, str]) -> dict[str, str]:
    return {**GOOD, **changes}


def _register(roster, row: dict[str, str]) -> None:
    """What the patient form does: parse its date fields, then register."""
    reasons = []
    dates = {}
    for col in ("date_of_birth", "infusion_date", "tracked_from"):
        if col == "tracked_from" and not row[col].strip():
            dates[col] = None
            continue
        try:
            dates[col] = parse_date(row[col], field=col)
        except ValueError as exc:
            reasons.append(str(exc))
            dates[col] = None
    if reasons:
        raise InputRefused(reasons)
    roster.register(
        Patient(mrn=row["mrn"], name=row["name"], date_of_birth=dates["date_of_birth"],
                sex=row["sex"], phone=row["phone"], diagnosis=row["diagnosis"],
                physician=row["physician"], notes=row["notes"],
                **{k: row.get(k, "") for k in ("address", "next_of_kin",
                                               "next_of_kin_relationship", "next_of_kin_phone")}),
        [NewTreatment(product=row["product"], target=row["target"],
                      infusion_date=dates["infusion_date"],
                      protocols=tuple(row["protocol"].split(";")),
                      tracked_from=dates["tracked_from"])],
        WHO, TODAY)


def test_the_table_has_at_least_40_bad_inputs():
    assert len([b for b in BAD if b[2]]) >= 40


@pytest.mark.parametrize(("what", "changes", "field", "fragment"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_at_the_form_is_refused_naming_the_field(roster, what, changes, field, fragment):
    if field is None:
        _register(roster, _row(changes))
        assert roster.store.patients()[0].name == changes["name"]
        return
    with pytest.raises(InputRefused) as exc:
        _register(roster, _row(changes))
    assert any(r.startswith(f"{field}:") and fragment in r for r in exc.value.reasons), exc.value.reasons
    assert roster.store.patients() == []


def test_the_same_mrn_in_other_spellings_is_refused(roster):
    add_patient(roster, TODAY, mrn="A100")
    for variant in ("a100", " A100 ", "Ａ１００", "a100\t"):
        with pytest.raises(InputRefused, match="mrn: A100 is already in the roster"):
            _register(roster, _row({"mrn": variant}))
    assert len(roster.store.patients()) == 1


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def _bad_file() -> tuple[str, list[tuple[int, str, str]]]:
    rows, expected = [], []
    for i, (_what, changes, field, fragment) in enumerate(b for b in BAD if b[2]):
        row = _row(changes)
        if field != "mrn":
            row["mrn"] = f"R{i}"
        rows.append(row)
        expected.append((i + 2, field, fragment))
    return _csv(rows), expected


def test_every_bad_row_of_an_import_is_reported_and_nothing_saved(roster):
    text, expected = _bad_file()
    with pytest.raises(InputRefused) as exc:
        import_csv(roster, text, WHO, TODAY)
    reasons = exc.value.reasons
    for line, field, fragment in expected:
        assert any(r.startswith(f"line {line}: {field}") and fragment in r for r in reasons), (
            line, field, fragment)
    assert roster.store.patients() == []


def test_every_bad_row_is_reported_at_the_command_line(tmp_path):
    text, expected = _bad_file()
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(tmp_path / "r.db"),
                        "import", str(path), "--today", "2026-11-27"],
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 1
    for line, field, _ in expected:
        assert f"refused: line {line}: {field}" in r.stderr, (line, field)
    assert "Nothing was changed." in r.stderr


@pytest.mark.parametrize("args", [
    ["schedule", "--protocol", "lbcl-cd19", "--infusion", "2026-02-30"],
    ["schedule", "--protocol", "lbcl-cd19", "--infusion", "2026-01-01", "--closed", "sat-sun"],
    ["schedule", "--protocol", "lbcl-cd19", "--infusion", "2026-01-01", "--holidays", "XX"],
    ["schedule", "--protocol", "lbcl-cd19", "--infusion", "2026-01-01", "--closure", "31/12/2026"],
    ["schedule", "--protocol", "lbcl-cd19", "--infusion", "2026-01-01", "--today", "today"],
    ["due", "--from", "2026-12-10", "--to", "2026-12-01"],
])
def test_bad_command_line_values_exit_1_naming_the_option(tmp_path, args):
    r = subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(tmp_path / "r.db")] + args,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("refused: ")
