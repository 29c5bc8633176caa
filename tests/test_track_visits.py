"""Track visits in the roster (rules T1-T4): made, moved, stopped and put back as the patient's
results come and go, and ordinary visits of the treatment everywhere else (worklist, due,
patient --json, events, missed marks, corrections).

The default tracks are in the 2026-12 version of b-all-cd19, which the patient follows from
2026-06-01 (a Monday); a clinic's own protocol gets them from docs/tracks-cart.toml (the last test)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from helpers import WHO, add_patient
from pypdf import PdfReader

from cartclinic.cli_patient import patient_json
from cartclinic.model import LabResult
from cartclinic.roster import Roster
from cartclinic.track_sync import track_results

D = date.fromisoformat
DAY0 = D("2026-06-01")
DAY35, DAY63, DAY91 = D("2026-07-06"), D("2026-08-03"), D("2026-08-31")
DOCS = Path(__file__).resolve().parent.parent / "docs"


# the rules are the roster's: on a file and on a PostgreSQL server (issue 14)
pytestmark = pytest.mark.both_backends


@pytest.fixture
def tracked(roster_url: str, today: date):
    roster = Roster.open(roster_url)
    patient = add_patient(roster, today, infusion=DAY0, protocols=("b-all-cd19",))
    yield roster, patient
    roster.close()


def visit(roster: Roster, patient_id: int, code: str):
    return next(v for v in roster.store.visits(patient_id=patient_id) if v.code == code)


def track_rows(roster: Roster, patient_id: int, prefix: str = "IGG"):
    return [(v.code, v.target.isoformat(), v.scheduled.isoformat(), v.done_on,
             v.cancelled_reason)
            for v in sorted(roster.store.visits(patient_id=patient_id), key=lambda v: v.id)
            if v.protocol_id == "b-all-cd19" and v.code.startswith(prefix)]


def record(roster, patient, code, day, today, *labs):
    return roster.record_visit(visit(roster, patient.id, code).id, day, WHO, today,
                               labs=[LabResult(*lab) for lab in labs]).record_id


def test_t1_t2_t3_t4_issue_patient_igg_35_63_91(tracked, today):
    """IgG 3.2 g/L at day 35, 350 mg/dL at day 63 (at IGG1), 6.1 g/L at day 91 (at M3)."""
    roster, patient = tracked
    assert track_rows(roster, patient.id) == []
    record(roster, patient, "D28", DAY35, today, ("IgG", "3.2", "g/L"))
    assert track_rows(roster, patient.id) == [("IGG1", "2026-08-06", "2026-08-06", None, "")]
    record(roster, patient, "IGG1", DAY63, today, ("IgG", "350", "mg/dL"))
    assert track_rows(roster, patient.id) == [
        ("IGG1", "2026-08-06", "2026-08-06", DAY63, ""),
        ("IGG2", "2026-09-03", "2026-09-03", None, "")]
    record(roster, patient, "M3", DAY91, today, ("IgG", "6.1", "g/L"))
    assert track_rows(roster, patient.id) == [
        ("IGG1", "2026-08-06", "2026-08-06", DAY63, ""),
        ("IGG2", "2026-09-03", "2026-09-03", None, "stopped: IgG 6.1 g/L on 2026-08-31")]
    shown = {v["code"]: v for v in patient_json(roster, patient, today)["visits"]}
    assert (shown["IGG1"]["status"], shown["IGG2"]["status"]) == ("done", "cancelled")
    assert shown["IGG2"]["cancelled_reason"] == "stopped: IgG 6.1 g/L on 2026-08-31"
    assert shown["IGG2"]["day"] == 94


def test_track_results_reads_the_canonical_value_and_the_record_date(tracked, today):
    roster, patient = tracked
    record(roster, patient, "D28", DAY35, today, ("IgG", "350", "mg/dL"),
           ("CD4", "0.15", "x10^9/L"), ("Ferritin", "many", "µg/L"))
    got = track_results(roster.store, patient.id)
    assert {k: [(r.taken, round(r.value, 6)) for r in v] for k, v in got.items()} == {
        "IgG": [(DAY35, 3.5)], "CD4": [(DAY35, 150.0)]}
    # CD4 150/µL starts the CD4 track too
    assert track_rows(roster, patient.id, "CD4R") == [
        ("CD4R1", "2026-08-06", "2026-08-06", None, "")]


def test_t3_stop_result_entered_in_error_reopens_the_visit(tracked, today):
    roster, patient = tracked
    record(roster, patient, "D28", DAY35, today, ("IgG", "3.2", "g/L"))
    before = track_rows(roster, patient.id)
    stop_record = record(roster, patient, "M2", D("2026-07-20"), today, ("IgG", "6.1", "g/L"))
    assert track_rows(roster, patient.id)[0][4] == "stopped: IgG 6.1 g/L on 2026-07-20"
    result_id = roster.store.record(stop_record).labs[0].id
    roster.correct("result", result_id, "another patient's result", WHO, today)
    assert track_rows(roster, patient.id) == before


def test_t4_record_entered_in_error_puts_the_track_back(tracked, today):
    roster, patient = tracked
    record(roster, patient, "D28", DAY35, today, ("IgG", "3.2", "g/L"))
    before = track_rows(roster, patient.id)
    igg1 = record(roster, patient, "IGG1", DAY63, today, ("IgG", "3.5", "g/L"))
    assert len(track_rows(roster, patient.id)) == 2
    roster.correct("record", igg1, "wrong patient", WHO, today)
    assert track_rows(roster, patient.id) == before
    assert [v.code for v in roster.store.visits(patient_id=patient.id)
            if v.code.startswith("IGG")] == ["IGG1"]  # IGG2 is gone, not cancelled
    assert roster.store.verify_audit() == []  # the removal is in the audit trail


def test_t2_missed_track_visit_gets_a_next_one_and_its_correction_removes_it(tracked, today):
    roster, patient = tracked
    record(roster, patient, "D28", DAY35, today, ("IgG", "3.2", "g/L"))
    before = track_rows(roster, patient.id)
    igg1 = visit(roster, patient.id, "IGG1")
    roster.mark_missed(igg1.id, WHO, today)
    assert track_rows(roster, patient.id)[1] == ("IGG2", "2026-12-27", "2026-12-28", None, "")
    roster.correct("missed", igg1.id, "the patient came", WHO, today)
    assert track_rows(roster, patient.id) == before


def test_t3_event_death_cancels_the_track_visit_and_holds_the_track(tracked, today):
    roster, patient = tracked
    record(roster, patient, "D28", DAY35, today, ("IgG", "3.2", "g/L"))
    roster.record_event(patient.id, "death", D("2026-11-20"), WHO, today)
    igg1 = visit(roster, patient.id, "IGG1")
    assert igg1.cancelled_reason and igg1.cancelled_by_event is not None
    assert roster.sync_tracks(patient.id) == 0


def test_t3_event_relapse_keeps_a_monitoring_track_visit(tracked, today):
    roster, patient = tracked
    record(roster, patient, "D28", DAY35, today, ("IgG", "3.2", "g/L"))
    roster.record_event(patient.id, "relapse", D("2026-07-10"), WHO, today)
    assert track_rows(roster, patient.id) == [("IGG1", "2026-08-06", "2026-08-06", None, "")]


def test_track_visit_is_on_the_worklist_and_due_like_any_visit(tracked, roster_url, today):
    roster, patient = tracked
    # a result on 2026-10-30 puts IGG1 on 2026-11-27 (today), inside its window
    record(roster, patient, "M3", D("2026-10-30"), today, ("IgG", "2.9", "g/L"))
    assert track_rows(roster, patient.id) == [("IGG1", "2026-11-30", "2026-11-30", None, "")]
    lines = roster.worklist(today, today, date(2026, 12, 4))
    assert "IGG1" in [e.visit.code for e in lines]
    roster.close()
    out = subprocess.run(
        [sys.executable, "-m", "cartclinic", "--db", roster_url, "due", "--today",
         today.isoformat(), "--to", "2026-12-04", "--json"],
        capture_output=True, text=True, check=True).stdout
    assert "IGG1" in [row["code"] for row in json.loads(out)]


def test_track_visit_can_be_rescheduled_and_the_move_is_kept(tracked, today):
    roster, patient = tracked
    record(roster, patient, "M3", D("2026-10-30"), today, ("IgG", "2.9", "g/L"))
    igg1 = visit(roster, patient.id, "IGG1")
    roster.reschedule(igg1.id, D("2026-12-01"), "patient away", WHO, today)
    assert visit(roster, patient.id, "IGG1").scheduled == D("2026-12-01")
    assert roster.sync_tracks(patient.id) == 0


def test_track_visit_on_the_visit_sheet_day_list_and_letter(tracked, roster_url, today, tmp_path):
    roster, patient = tracked
    record(roster, patient, "M3", D("2026-10-30"), today, ("IgG", "2.9", "g/L"))
    igg1 = visit(roster, patient.id, "IGG1")
    roster.save_settings(replace(roster.settings(), clinic_phone="+44 20 7946 0000"), WHO, today)
    roster.close()

    def printed(*args: str) -> str:
        out = tmp_path / f"{args[0]}.pdf"
        subprocess.run([sys.executable, "-m", "cartclinic", "--db", roster_url, "--who",
                        "Nurse Lee", "print", *args, "--out", str(out), "--today",
                        today.isoformat()], check=True, capture_output=True, timeout=120)
        return "\n".join(page.extract_text() for page in PdfReader(out).pages)

    sheet = printed("visit", str(igg1.id))
    assert "IGG1" in sheet and "IgG recheck" in sheet and "IgG (trough)" in sheet
    assert "IGG1" in printed("day", "2026-11-30")
    letter = printed("letter", patient.mrn)
    assert "IgG recheck" in letter, letter


def test_t2_a_track_visit_cancelled_by_hand_gets_the_next_one(tracked, today):
    roster, patient = tracked
    record(roster, patient, "D28", DAY35, today, ("IgG", "3.2", "g/L"))
    roster.cancel_visit(visit(roster, patient.id, "IGG1").id, "patient in hospital", WHO, today)
    assert track_rows(roster, patient.id) == [
        ("IGG1", "2026-08-06", "2026-08-06", None, "patient in hospital"),
        ("IGG2", "2026-09-06", "2026-09-07", None, "")]
    roster.correct("cancellation", visit(roster, patient.id, "IGG1").id, "not so", WHO, today)
    assert track_rows(roster, patient.id) == [("IGG1", "2026-08-06", "2026-08-06", None, "")]
