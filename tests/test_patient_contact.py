"""A patient's postal address and next of kin (migration 0005), and the date of birth every
patient must have: validated like every text field, stored, audited, exported and imported."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic import validate
from cartclinic.errors import InputRefused
from cartclinic.model import Patient
from cartclinic.roster import NewTreatment, Roster
from cartclinic.roster_csv import export_csv, import_csv
from cartclinic.store.sqlite.schema import STEPS

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends

FIXTURES = Path(__file__).parent / "fixtures"
ADDRESS = "北京市海淀区中关村大街27号\n中关村大厦1501室\n100080"


@pytest.mark.parametrize(("typed", "stored"), [
    ("", ""),
    ("  1 Riverside Rd  ", "1 Riverside Rd"),
    ("1 Riverside Rd\r\nLondon\r\nSE1 7PB", "1 Riverside Rd\nLondon\nSE1 7PB"),
    ("1  Riverside   Rd\n\n   \nLondon", "1 Riverside Rd\nLondon"),
    ("北京市海淀区\n100080\n", "北京市海淀区\n100080"),
    ("a\nb\nc\nd\ne", "a\nb\nc\nd\ne"),
])
def test_address_lines_are_trimmed_and_blank_lines_dropped(typed, stored):
    assert validate.clean_address(typed) == stored


@pytest.mark.parametrize(("typed", "fragment"), [
    ("a\nb\nc\nd\ne\nf", "address: 6 lines; at most 5"),
    ("x" * 301, "address: 301 characters; at most 300"),
    ("1 Main St\x07", "address: contains control characters"),
    ("1 Main St\u202e", "address: contains control characters"),
    ("1 Main St\tLondon", "address: contains a tab"),
])
def test_a_bad_address_is_refused_naming_the_field(typed, fragment):
    with pytest.raises(ValueError, match=fragment):
        validate.clean_address(typed)


def _patient(**kw) -> Patient:
    base = Patient(mrn="C1", name="王秀英", date_of_birth=date(1946, 2, 11), sex="F",
                   phone="+86 138 0000 0000", diagnosis="Relapsed B-ALL", address=ADDRESS,
                   next_of_kin="李伟", next_of_kin_relationship="儿子",
                   next_of_kin_phone="+86 139 0000 1111")
    return replace(base, **kw)


def _treatment() -> NewTreatment:
    return NewTreatment("tisagenlecleucel", date(2026, 10, 1), ("b-all-cd19",), "CD19",
                        date(2026, 10, 1))


def test_a_patient_without_a_date_of_birth_is_refused_naming_the_field(roster, today):
    with pytest.raises(InputRefused) as exc:
        roster.register(_patient(date_of_birth=None), [_treatment()], WHO, today)
    assert "date_of_birth: empty; the date of birth is required (YYYY-MM-DD)" in exc.value.reasons
    assert roster.store.patients() == []


def test_a_next_of_kin_phone_or_relationship_needs_a_name(roster, today):
    for kw in ({"next_of_kin_phone": "+86 1"}, {"next_of_kin_relationship": "son"}):
        with pytest.raises(InputRefused, match="next_of_kin: empty; give the name"):
            roster.register(_patient(next_of_kin="", **kw), [_treatment()], WHO, today)


def test_address_and_next_of_kin_are_stored_and_every_change_audited(roster, today):
    saved = roster.register(_patient(next_of_kin_phone="＋86 139 0000 1111"), [_treatment()],
                            WHO, today)
    p = roster.store.patient(saved.id)
    assert (p.address, p.next_of_kin, p.next_of_kin_relationship, p.next_of_kin_phone) == (
        ADDRESS, "李伟", "儿子", "+86 139 0000 1111")  # the phone NFKC-folded like the patient's
    roster.update_patient(replace(p, address="1 Riverside Rd\nLondon", next_of_kin_phone=""),
                          "Nurse Edit", today)
    row = [r for r in roster.store.audit_rows() if r["table_name"] == "patients"][-1]
    old, new = json.loads(row["old"]), json.loads(row["new"])
    assert row["who"] == "Nurse Edit" and row["action"] == "update"
    assert (old["address"], new["address"]) == (ADDRESS, "1 Riverside Rd\nLondon")
    assert (old["next_of_kin_phone"], new["next_of_kin_phone"]) == ("+86 139 0000 1111", "")
    assert roster.store.verify_audit() == []


def test_a_change_to_the_address_outside_the_program_is_named(roster, today):
    add_patient(roster, today)
    roster.store.conn.execute("UPDATE patients SET address = 'elsewhere'")
    assert roster.store.verify_audit() == ["patients row 1: changed outside the program (address)"]


def test_csv_round_trip_keeps_address_and_next_of_kin(roster, today, tmp_path):
    roster.register(_patient(), [_treatment()], WHO, today)
    add_patient(roster, today, mrn="B2", name="Zoë Núñez")  # none given: empty columns
    exported = export_csv(roster)
    assert exported.splitlines()[0].endswith(
        ",address,next_of_kin,next_of_kin_relationship,next_of_kin_phone,language")
    other = Roster.open(tmp_path / "other.db")
    try:
        assert import_csv(other, exported, WHO, today) == 2
        assert export_csv(other) == exported
        p = other.store.patient_by_mrn("C1")
        assert (p.address, p.next_of_kin, p.next_of_kin_relationship, p.next_of_kin_phone) == (
            ADDRESS, "李伟", "儿子", "+86 139 0000 1111")
        assert other.store.patient_by_mrn("B2").address == ""
    finally:
        other.close()


def test_a_csv_without_the_contact_columns_still_imports(roster, today):
    header = "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
    import_csv(roster, header + "A1,Ada,1950-01-01,LBCL,axi,2026-10-01,lbcl-cd19\n", WHO, today)
    (p,) = roster.store.patients()
    assert (p.address, p.next_of_kin, p.next_of_kin_phone) == ("", "", "")


def test_a_csv_row_with_no_date_of_birth_is_named_once(roster, today):
    header = "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol,address\n"
    with pytest.raises(InputRefused) as exc:
        import_csv(roster, header + 'A1,Ada,,LBCL,axi,2026-10-01,lbcl-cd19,"a\nb\nc\nd\ne\nf"\n',
                   WHO, today)
    assert [r for r in exc.value.reasons if "date_of_birth" in r] == [
        "line 2: date_of_birth: empty; a date is required"]
    assert "line 2: address: 6 lines; at most 5 fit the envelope window with the name; " \
           "join some of them" in exc.value.reasons


def test_migration_0005_is_a_step_and_has_its_fixture(tmp_path):
    names = [name for name, _ in STEPS]
    assert "0005_patient_contact" in names
    assert (FIXTURES / "roster-0005_patient_contact.db").exists()
    r = Roster.open(tmp_path / "new.db")
    try:
        columns = {row[1]: row for row in r.store.conn.execute("PRAGMA table_info(patients)")}
        for col in ("address", "next_of_kin", "next_of_kin_relationship", "next_of_kin_phone"):
            assert columns[col][2] == "TEXT" and columns[col][3] == 1 and columns[col][4] == "''"
    finally:
        r.close()


@pytest.mark.parametrize(("column", "limit"), [
    ("address", 300), ("next_of_kin", 200), ("next_of_kin_relationship", 60),
    ("next_of_kin_phone", 40)])
def test_the_roster_file_itself_refuses_contact_text_over_its_limit(roster, today, column, limit):
    p = add_patient(roster, today)
    # SQLite's IntegrityError; the server's check violation, as the store raises it
    with pytest.raises((sqlite3.IntegrityError, InputRefused),
                       match=rf"CHECK constraint failed|patients_{column}_check"):
        roster.store.conn.execute(f"UPDATE patients SET {column} = ? WHERE id = ?",
                                  ("x" * (limit + 1), p.id))


def test_the_0005_fixture_keeps_its_address_and_next_of_kin(tmp_path):
    path = tmp_path / "roster.db"
    shutil.copy(FIXTURES / "roster-0005_patient_contact.db", path)
    r = Roster.open(path)
    try:
        (p,) = r.store.patients()
        assert (p.address, p.next_of_kin, p.next_of_kin_relationship, p.next_of_kin_phone) == (
            "北京市海淀区中关村大街27号\n100080", "李伟", "儿子", "+86 139 0000 1111")
        assert r.store.verify_audit() == []
    finally:
        r.close()


def test_a_roster_from_before_0005_gets_empty_contact_fields_and_its_audit_still_verifies(
        tmp_path, today):
    path = tmp_path / "roster.db"
    shutil.copy(FIXTURES / "roster-0003_worklist_index.db", path)
    r = Roster.open(path)
    try:
        (p,) = r.store.patients()
        assert (p.address, p.next_of_kin, p.next_of_kin_relationship, p.next_of_kin_phone) == (
            "", "", "", "")
        assert r.store.verify_audit() == []
        r.update_patient(replace(p, address="北京市\n100080"), WHO, today)
        assert r.store.patient(p.id).address == "北京市\n100080"
        assert r.store.verify_audit() == []
    finally:
        r.close()


def _cli(db: Path, *args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), "--who", "Nurse Lee",
                           *args], capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_print_letter_without_a_clinic_phone_exits_1_and_says_how_to_set_it(roster_path, today,
                                                                            tmp_path):
    r = Roster.open(roster_path)
    r.register(_patient(), [_treatment()], WHO, today)
    r.close()
    out = tmp_path / "letter.pdf"
    done = _cli(roster_path, "print", "letter", "C1", "--out", str(out), "--today", str(today))
    assert done.returncode == 1
    assert "refused: clinic phone: not set" in done.stderr
    assert "Settings › Clinic phone" in done.stderr
    assert not out.exists()
    r = Roster.open(roster_path)
    r.save_settings(replace(r.settings(), clinic_phone="+86 10 6000 0000"), WHO)
    r.close()
    done = _cli(roster_path, "print", "letter", "C1", "--out", str(out), "--today", str(today))
    assert done.returncode == 0, done.stderr
    from pypdf import PdfReader

    text = "".join("".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "北京市海淀区中关村大街27号中关村大厦1501室100080" in text
    assert "+861060000000" in text


def test_a_clinic_phone_with_letters_is_refused_naming_the_setting(roster):
    with pytest.raises(InputRefused, match="clinic phone: 'ring the ward' may only hold digits"):
        roster.save_settings(replace(roster.settings(), clinic_phone="ring the ward"), WHO)
