"""The changes object (issue 14 item 1): each write says what it changed (patients, visits,
settings, staff), read back from the audit rows of its transaction, so the application reads
again only the pages that show it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from helpers import WHO, add_patient

from cartclinic.changes import EVERYTHING, NOTHING, Changes
from cartclinic.users import Staff


def test_registering_a_patient_changes_that_patient_and_their_visits(roster, today):
    roster.store.take_changes()
    p = add_patient(roster, today, mrn="A1")
    what = roster.store.take_changes()
    visits = {v.id for v in roster.store.visits(patient_id=p.id)}
    assert what.patients == {p.id} and what.visits == visits and visits
    assert not what.settings and not what.users and not what.everything
    assert roster.store.take_changes() == NOTHING, "taken once"


def test_recording_a_visit_changes_only_its_patient(roster, today):
    a = add_patient(roster, today, mrn="A1")
    b = add_patient(roster, today, mrn="B2", name="Other Patient")
    roster.store.take_changes()
    visit = next(v for v in roster.store.visits(patient_id=b.id) if v.code == "D28")
    roster.record_visit(visit.id, today, WHO, today)
    what = roster.store.take_changes()
    assert b.id in what.patients and a.id not in what.patients
    assert visit.id in what.visits
    assert what.touches_patient(b.id) and not what.touches_patient(a.id)


def test_settings_and_staff_changes_are_named_as_such(roster, today):
    add_patient(roster, today)
    roster.store.take_changes()
    roster.save_settings(replace(roster.settings(), clinic_name="Ward 7"), WHO)
    what = roster.store.take_changes()
    assert what.settings and what.touches_patient(1) and what.touches_lists()
    Staff(roster.store).add("Ward Admin", "2468", "admin", WHO)
    what = roster.store.take_changes()
    assert what == Changes(users=True)
    assert not what.touches_patient(1) and not what.touches_lists()


def test_a_write_of_more_than_a_thousand_rows_is_everything(roster, today):
    roster.store.take_changes()
    with roster.store.write(WHO):
        for i in range(40):  # 40 patients with their treatments and about 30 visits each
            add_patient(roster, today, mrn=f"M{i:03d}", infusion=date(2026, 1, 1))
    assert roster.store.take_changes() == EVERYTHING


def test_changes_add_up_until_taken(roster, today):
    roster.store.take_changes()
    a = add_patient(roster, today, mrn="A1")
    b = add_patient(roster, today, mrn="B2", name="Other Patient")
    assert roster.store.take_changes().patients == {a.id, b.id}
