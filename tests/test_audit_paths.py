"""Every write path leaves who, when and what in the audit trail, with old and new values."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from helpers import WHO, add_patient

from cartclinic.errors import InputRefused
from cartclinic.model import ClinicSettings, Patient
from cartclinic.printing import print_document
from cartclinic.roster_csv import import_csv
from cartclinic.store.sqlite.restore import restore

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends


def new_rows(roster, since: int) -> list[dict]:
    return [r for r in roster.store.audit_rows() if r["id"] > since]


def last_id(roster) -> int:
    rows = list(roster.store.audit_rows())
    return rows[-1]["id"] if rows else 0


def assert_audited(rows, who, table, action, *, old=None, new=None):
    hit = [r for r in rows if r["table_name"] == table and r["action"] == action]
    assert hit, f"no {action} of {table} in {[(r['table_name'], r['action']) for r in rows]}"
    r = hit[0]
    assert r["who"] == who
    assert datetime.fromisoformat(r["at"]).tzinfo is not None  # UTC, with its offset
    if old:
        assert old in (r["old"] or "")
    if new:
        assert new in (r["new"] or "")


def test_form_add_and_edit(roster, today):
    p = add_patient(roster, today, name="王秀英")
    start = last_id(roster)
    roster.update_patient(Patient(**{**p.__dict__, "phone": "+86 1"}), "Nurse Edit", today)
    assert_audited(new_rows(roster, start), "Nurse Edit", "patients", "update",
                   old='"phone": "+44 7700 900123"', new='"phone": "+86 1"')


def test_import(roster, today):
    import_csv(roster, "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
               "I1,Imported,1950-01-01,LBCL,axi,2026-10-01,lbcl-cd19\n", "Importer", today)
    rows = new_rows(roster, 0)
    assert_audited(rows, "Importer", "patients", "insert", new='"mrn": "I1"')
    assert_audited(rows, "Importer", "visits", "insert")


def test_event_and_its_cancellations(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 1))
    start = last_id(roster)
    roster.record_event(p.id, "relapse", today, "Dr Event", today)
    rows = new_rows(roster, start)
    assert_audited(rows, "Dr Event", "events", "insert", new='"kind": "relapse"')
    assert_audited(rows, "Dr Event", "visits", "update", old='"cancelled_reason": ""',
                   new=f'"cancelled_reason": "relapse on {today}"')


def test_reschedule(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 11, 1))
    m2 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M2")
    start = last_id(roster)
    roster.reschedule(m2.id, m2.scheduled + timedelta(days=1), "patient asked", "Nurse Move", today,
                      confirm=True)  # a Saturday: confirmed (rule 13)
    assert_audited(new_rows(roster, start), "Nurse Move", "visits", "update",
                   old=f'"scheduled": "{m2.scheduled}"', new='"moved_reason": "patient asked"')


def test_record_visit(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 30))
    d28 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D28")
    start = last_id(roster)
    roster.record_visit(d28.id, today, "Nurse Rec", today)
    rows = new_rows(roster, start)
    assert_audited(rows, "Nurse Rec", "visit_records", "insert")
    assert_audited(rows, "Nurse Rec", "visits", "update", old='"done": 0', new='"done": 1')


def test_settings(roster):
    roster.save_settings(ClinicSettings(clinic_name="Ward 7"), "Admin Set")
    start = last_id(roster)
    roster.save_settings(ClinicSettings(clinic_name="Ward 8"), "Admin Set")
    assert_audited(new_rows(roster, start), "Admin Set", "settings", "update",
                   old="Ward 7", new="Ward 8")


@pytest.mark.sqlite_only("a server roster is not restored in place: see test_move.py")
def test_restore(roster, today, tmp_path):
    add_patient(roster, today)
    from cartclinic.users import Staff

    Staff(roster.store).add("Li Na", "2468", "admin", "setup")  # restored with its admin
    backup = roster.store.backup(tmp_path / "b.db")
    path = roster.store.path
    roster.close()
    restore(path, backup, "Admin Restore")
    from cartclinic.roster import Roster

    again = Roster.open(path)
    try:
        notes = [r for r in again.store.audit_rows() if r["row_id"] == "restore"]
        assert notes and notes[-1]["who"] == "Admin Restore"
        assert json.loads(notes[-1]["new"])["from"] == str(backup)
    finally:
        again.close()


@pytest.mark.parametrize("what", ["letter", "day"])
def test_print(roster, today, tmp_path, what):
    add_patient(roster, today, mrn="PR1", infusion=date(2026, 10, 30))
    roster.save_settings(replace(roster.settings(), clinic_phone="+44 20 7946 0000"), "setup")
    start = last_id(roster)
    key = "PR1" if what == "letter" else today.isoformat()
    print_document(roster, what, key, tmp_path / "x.pdf", "Nurse Print", today)
    rows = [r for r in new_rows(roster, start) if r["row_id"] == "print"]
    assert rows and rows[0]["who"] == "Nurse Print"
    assert json.loads(rows[0]["new"])["document"] == what


def test_the_audit_trail_refuses_update_and_delete_after_every_path(roster, today):
    import sqlite3

    add_patient(roster, today)
    for sql in ("UPDATE audit_group SET who = 'x'", "DELETE FROM audit_log WHERE id = 1",
                "UPDATE audit_log SET old = 'x'", "DELETE FROM audit_group WHERE id >= 1"):
        with pytest.raises((sqlite3.IntegrityError, InputRefused), match="append-only"):
            roster.store.conn.execute(sql)
    assert roster.store.verify_audit() == []
    assert WHO
