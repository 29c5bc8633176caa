"""Rule 9 (a re-infusion supersedes the earlier treatment's visits; "Day +N" counts from the
visit's own treatment) and rule 12 (a patient who died or withdrew gets no letter and no visit
action; a relapse shows until a later response), in the core and on paper."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers import WHO, add_patient, db_arg
from pypdf import PdfReader

from cartclinic.errors import InputRefused
from cartclinic.patient_state import PatientState
from cartclinic.printing import letter_data, print_document, visit_sheet_data
from cartclinic.roster import NewTreatment
from cartclinic.roster_csv import import_csv
from cartclinic.status import VisitStatus

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends

FIRST, SECOND = date(2025, 11, 3), date(2026, 8, 3)  # both Mondays
SUPERSEDED = "superseded by re-infusion on 2026-08-03"


def second_treatment(tracked_from: date | None = SECOND) -> NewTreatment:
    return NewTreatment(product="tisagenlecleucel", target="CD19", infusion_date=SECOND,
                        protocols=("b-all-cd19",), tracked_from=tracked_from)


def by_code(roster, treatment_id, code):
    return next(v for v in roster.store.visits(treatment_id=treatment_id) if v.code == code)


@pytest.fixture
def reinfused(roster, today):
    """Infused 2025-11-03, re-infused 2026-08-03; today is 2026-11-27."""
    p = add_patient(roster, today, infusion=FIRST)
    new = roster.reinfuse(p.id, second_treatment(), WHO, today)
    old = next(t.id for t in roster.store.treatments(p.id) if t.id != new)
    return p, old, new


# -- rule 9: re-infusion --------------------------------------------------------------------
# the earlier treatment: what stays and what the re-infusion cancels, by scheduled date
@pytest.mark.parametrize("code, scheduled, status", [
    ("M5", date(2026, 4, 3), VisitStatus.OVERDUE),    # before the new day 0: still to chase
    ("M6", date(2026, 5, 4), VisitStatus.OVERDUE),    # target Sun 3 May, placed on Monday
    ("M9", date(2026, 8, 3), VisitStatus.CANCELLED),  # on the new day 0
    ("M12", date(2026, 11, 3), VisitStatus.CANCELLED),
    ("M18", date(2027, 5, 3), VisitStatus.CANCELLED),
    ("Y2", date(2027, 11, 3), VisitStatus.CANCELLED),
    ("Y15", date(2040, 11, 2), VisitStatus.CANCELLED),  # target Sat 3 Nov, placed on Friday
])
def test_rule_9_re_infusion_cancels_every_open_visit_of_the_earlier_treatment_from_day_0(
        roster, today, reinfused, code, scheduled, status):
    p, old, _new = reinfused
    (event,) = roster.store.events(p.id)
    v = by_code(roster, old, code)
    assert (v.scheduled, v.status(today)) == (scheduled, status)
    if status == VisitStatus.CANCELLED:
        assert (v.cancelled_reason, v.cancelled_by_event) == (SUPERSEDED, event.id)
    else:
        assert (v.cancelled_reason, v.cancelled_by_event) == ("", None)
    assert (event.kind, event.event_date, event.treatment_id) == ("re_infusion", SECOND, old)


# the new treatment: its own day 0; long-term follow-up counts from the last infusion
@pytest.mark.parametrize("code, target, scheduled, day", [
    ("D1", date(2026, 8, 4), date(2026, 8, 4), 1),
    ("D28", date(2026, 8, 31), date(2026, 8, 31), 28),
    ("M2", date(2026, 10, 3), date(2026, 10, 2), 60),    # Sat -> Fri
    ("M12", date(2027, 8, 3), date(2027, 8, 3), 365),
    ("Y2", date(2028, 8, 3), date(2028, 8, 3), 731),
    ("Y15", date(2041, 8, 3), date(2041, 8, 2), 5478),   # Sat -> Fri; four leap days
])
def test_rule_9_the_new_treatment_counts_its_days_from_its_own_day_0(
        roster, today, reinfused, code, target, scheduled, day):
    p, _old, new = reinfused
    v = by_code(roster, new, code)
    assert (v.target, v.scheduled) == (target, scheduled)
    sheet = visit_sheet_data(roster, v.id, WHO, today, datetime(2026, 11, 27, 9))
    assert sheet.visit.day_number() == day
    assert sheet.treatment.infusion_date == SECOND


def test_rule_9_next_visits_of_an_old_visit_sheet_count_from_their_own_day_0(
        roster, today, reinfused):
    """The old M6 is still open; the visits after it on its sheet are the new D1-D3, whose
    "Day +N" was counted from the first infusion (Day +274) instead of their own."""
    _p, old, _new = reinfused
    sheet = visit_sheet_data(roster, by_code(roster, old, "M6").id, WHO, today,
                             datetime(2026, 11, 27, 9))
    assert sheet.visit.day_number() == 182  # 2026-05-04 from 2025-11-03
    assert [(v.code, v.scheduled, v.day_number()) for v in sheet.next_visits] == [
        ("D1", date(2026, 8, 4), 1), ("D2", date(2026, 8, 5), 2), ("D3", date(2026, 8, 6), 3)]


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_rule_9_visit_sheets_print_day_counts_from_the_visits_own_treatment(
        roster, today, reinfused, tmp_path):
    _p, old, new = reinfused
    d1 = tmp_path / "d1.pdf"
    print_document(roster, "visit", str(by_code(roster, new, "D1").id), d1, WHO, today)
    text = _pdf_text(d1)
    assert "Day +1" in text and "Day +274" not in text
    m6 = tmp_path / "m6.pdf"
    print_document(roster, "visit", str(by_code(roster, old, "M6").id), m6, WHO, today)
    text = _pdf_text(m6)
    for day in ("Day +182", "Day +1", "Day +2", "Day +3"):
        assert day in text, day
    for wrong in ("Day +274", "Day +275", "Day +276"):
        assert wrong not in text, wrong


def test_rule_9_preview_of_a_re_infusion_lists_what_it_will_cancel(roster, today):
    p = add_patient(roster, today, infusion=FIRST)
    preview = roster.preview_event(p.id, "re_infusion", SECOND, today)
    assert [v.code for v in preview.visits_to_cancel][:3] == ["M9", "M12", "M18"]
    assert len(preview.visits_to_cancel) == 3 + 14 + 10  # M9, M12, M18, Y2..Y15, Y16..Y25
    assert SUPERSEDED in preview.message
    assert roster.store.events(p.id) == []  # a preview writes nothing


def test_rule_9_add_treatment_of_a_later_infusion_supersedes_like_a_re_infusion(roster, today):
    p = add_patient(roster, today, infusion=FIRST)
    roster.add_treatment(p.id, second_treatment(), WHO, today)
    (event,) = roster.store.events(p.id)
    old = roster.store.treatments(p.id)[0].id
    assert (event.kind, event.event_date) == ("re_infusion", SECOND)
    cancelled = [v.code for v in roster.store.visits(treatment_id=old)
                 if v.cancelled_by_event == event.id and v.cancelled_reason == SUPERSEDED]
    assert cancelled[:3] == ["M9", "M12", "M18"] and len(cancelled) == 27


def test_rule_9_an_earlier_treatment_entered_late_is_superseded_by_the_later(roster, today):
    p = add_patient(roster, today, infusion=SECOND, tracked_from=SECOND)
    roster.add_treatment(p.id, NewTreatment("tisagenlecleucel", FIRST, ("b-all-cd19",), "CD19"),
                         WHO, today)
    (event,) = roster.store.events(p.id)
    first = roster.store.treatments(p.id)[0]
    assert first.infusion_date == FIRST and event.event_date == SECOND
    assert by_code(roster, first.id, "M6").cancelled_reason == ""
    assert by_code(roster, first.id, "M9").cancelled_reason == SUPERSEDED


def test_rule_9_an_import_with_two_treatments_supersedes_the_first(roster, today):
    import_csv(roster, "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
               "R1,Two Infusions,1950-01-01,B-ALL,tisa,2025-11-03,b-all-cd19\n"
               "R1,Two Infusions,1950-01-01,B-ALL,tisa,2026-08-03,b-all-cd19\n", WHO, today)
    p = roster.store.patient_by_mrn("R1")
    (event,) = roster.store.events(p.id)
    old = roster.store.treatments(p.id)[0].id
    assert (event.kind, event.event_date) == ("re_infusion", SECOND)
    assert [v.code for v in roster.store.visits(treatment_id=old)
            if v.cancelled_by_event == event.id][:3] == ["M9", "M12", "M18"]
    assert by_code(roster, old, "M6").cancelled_reason == ""


def test_rule_9_undo_of_lost_to_follow_up_keeps_what_a_re_infusion_superseded(roster, today):
    p = add_patient(roster, today, infusion=FIRST)
    lost, _ = roster.record_event(p.id, "lost_to_follow_up", date(2026, 7, 1), WHO, today)
    new = roster.reinfuse(p.id, second_treatment(), WHO, today)
    roster.undo_lost_to_follow_up(lost, WHO, today)
    old = next(t.id for t in roster.store.treatments(p.id) if t.id != new)
    assert by_code(roster, old, "M9").status(today) == VisitStatus.CANCELLED
    assert by_code(roster, old, "Y2").status(today) == VisitStatus.CANCELLED
    assert by_code(roster, new, "M9").status(today) == VisitStatus.UPCOMING  # its own: kept


# -- rule 12: who died or withdrew ----------------------------------------------------------
@pytest.mark.parametrize("kind, state", [("death", "deceased"), ("withdrawal", "withdrawn")])
def test_rule_12_no_visit_action_for_a_patient_who_died_or_withdrew(roster, today, kind, state):
    p = add_patient(roster, today, infusion=date(2026, 9, 1))
    m2 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M2")
    when = date(2026, 11, 20)
    roster.record_event(p.id, kind, when, WHO, today)
    done = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D1")
    before = roster.store.visits(patient_id=p.id)
    verb = {"deceased": "died", "withdrawn": "withdrew consent"}[state]
    expected = f"patient: {verb} on 2026-11-20"
    attempts = [
        lambda: roster.record_visit(done.id, date(2026, 9, 2), WHO, today),
        lambda: roster.reschedule(m2.id, date(2026, 12, 1), "moved", WHO, today),
        lambda: roster.mark_missed(m2.id, WHO, today),
        lambda: roster.cancel_visit(m2.id, "not needed", WHO, today),
        lambda: roster.record_call(p.id, "reached", WHO, today),
    ]
    for attempt in attempts:
        with pytest.raises(InputRefused, match=expected):
            attempt()
    assert roster.store.visits(patient_id=p.id) == before
    assert roster.store.calls(p.id) == []
    assert roster.summary(p.id, today).standing == PatientState(state, when)


def test_rule_12_no_letter_for_a_deceased_patient(roster, today, tmp_path):
    p = add_patient(roster, today, infusion=date(2026, 9, 1))
    roster.record_event(p.id, "death", date(2026, 11, 20), WHO, today)
    assert str(roster.letter_refusal(p.id)) == (
        "mrn A100: Margaret Smith died on 2026-11-20; no letter is printed")
    with pytest.raises(InputRefused, match="died on 2026-11-20"):
        letter_data(roster, p, today, datetime(2026, 11, 27, 9))
    out = tmp_path / "letter.pdf"
    with pytest.raises(InputRefused, match="no letter"):
        print_document(roster, "letter", p.mrn, out, WHO, today)
    assert not out.exists()


def test_rule_12_the_command_line_refuses_a_letter_for_a_withdrawn_patient(
        roster, today, tmp_path):
    p = add_patient(roster, today, infusion=date(2026, 9, 1))
    roster.record_event(p.id, "withdrawal", date(2026, 11, 2), WHO, today)
    out = tmp_path / "letter.pdf"
    r = subprocess.run([sys.executable, "-m", "cartclinic", "--db", db_arg(roster), "--who",
                        WHO, "print", "letter", p.mrn, "--out", str(out)],
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert ("mrn A100: Margaret Smith withdrew consent on 2026-11-02; no letter is printed"
            in r.stdout + r.stderr)
    assert not out.exists()


def test_rule_12_lost_to_follow_up_is_shown_but_not_an_end(roster, today):
    p = add_patient(roster, today, infusion=date(2025, 1, 10))
    roster.record_event(p.id, "lost_to_follow_up", date(2026, 10, 1), WHO, today)
    state = roster.patient_state(p.id)
    assert (state.kind, state.since, state.ended) == ("lost to follow-up", date(2026, 10, 1),
                                                       False)
    assert roster.letter_refusal(p.id) is None


def test_rule_12_a_visit_sheet_printed_for_history_shows_the_death(roster, today, tmp_path):
    p = add_patient(roster, today, infusion=date(2026, 9, 1))
    d1 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "D1")
    roster.record_event(p.id, "death", date(2026, 11, 20), WHO, today)
    out = tmp_path / "sheet.pdf"
    print_document(roster, "visit", str(d1.id), out, WHO, today)
    text = _pdf_text(out)
    assert "DECEASED on 20 Nov 2026" in text
    assert "vaccines" not in text  # no clinical flag to act on


@pytest.mark.parametrize("later_status, still_shown", [
    ("CR", False), ("MRD-negative", False), ("VGPR", False), ("PR", False),
    ("SD", True), ("PD", True), ("", True),
])
def test_rule_12_a_relapse_shows_until_a_later_response(roster, today, later_status,
                                                        still_shown):
    p = add_patient(roster, today, infusion=date(2026, 6, 1))
    visits = {v.code: v for v in roster.store.visits(patient_id=p.id)}
    roster.record_visit(visits["M2"].id, date(2026, 8, 1), WHO, today, disease_status="CR")
    roster.record_event(p.id, "relapse", date(2026, 9, 1), WHO, today)
    assert roster.summary(p.id, today).standing == PatientState(
        "active", None, "relapse", date(2026, 9, 1))  # the CR before it does not count
    roster.record_visit(visits["M4"].id, date(2026, 10, 1), WHO, today,
                        disease_status=later_status)
    state = roster.patient_state(p.id)
    assert (state.disease, state.disease_since) == (
        ("relapse", date(2026, 9, 1)) if still_shown else ("", None))


def test_rule_12_the_roster_list_shows_the_end_with_its_date(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 9, 1))
    add_patient(roster, today, mrn="B2", name="Other")
    roster.record_event(p.id, "death", date(2026, 11, 20), WHO, today)
    states = {s.patient.mrn: (s.state, s.standing.since) for s in roster.summaries(today)}
    assert states == {"A100": ("deceased", date(2026, 11, 20)), "B2": ("active", None)}


def test_rule_12_a_visit_sheet_shows_a_relapse_not_yet_answered(roster, today, tmp_path):
    p = add_patient(roster, today, infusion=date(2026, 6, 1))
    m4 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M4")
    roster.record_event(p.id, "relapse", date(2026, 9, 1), WHO, today)
    out = tmp_path / "sheet.pdf"
    print_document(roster, "visit", str(m4.id), out, WHO, today)
    assert "RELAPSE on 1 Sep 2026: no response recorded since" in _pdf_text(out)


def test_rule_11_an_event_is_not_written_when_what_it_cancels_changed_since_shown(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 9, 1))
    shown = [v.id for v in roster.preview_event(p.id, "death", today, today).visits_to_cancel]
    m2 = next(v for v in roster.store.visits(patient_id=p.id) if v.code == "M2")
    roster.cancel_visit(m2.id, "patient abroad", WHO, today)  # meanwhile, elsewhere
    with pytest.raises(InputRefused, match="have changed since they were shown"):
        roster.record_event(p.id, "death", today, WHO, today, expected_cancellations=shown)
    assert roster.store.events(p.id) == []
    shown.remove(m2.id)
    roster.record_event(p.id, "death", today, WHO, today, expected_cancellations=shown)
    assert roster.patient_state(p.id).kind == "deceased"
