"""The roster's rules: registration checks, the worklist, visits, reschedule and events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from helpers import WHO, add_patient, demo_with_a_move

from cartclinic.errors import InputRefused
from cartclinic.model import ClinicSettings, LabResult, Patient
from cartclinic.roster import NewTreatment
from cartclinic.schedule import MOVED_BY_HAND, OUT_OF_WINDOW
from cartclinic.status import VisitStatus


def visit_by_code(roster, patient_id, code, protocol="b-all-cd19"):
    return next(v for v in roster.store.visits(patient_id=patient_id)
                if v.code == code and v.protocol_id == protocol)


# -- registration -------------------------------------------------------------------------
def test_register_plans_every_visit_of_every_protocol(roster, today):
    p = add_patient(roster, today, protocols=("b-all-cd19", "registry-cibmtr"))
    visits = roster.store.visits(patient_id=p.id)
    assert len([v for v in visits if v.protocol_id == "b-all-cd19"]) == 43  # Y16-Y25 for life
    assert len([v for v in visits if v.protocol_id == "registry-cibmtr"]) == 18  # PRE


def test_treatment_keeps_the_protocol_version_it_started_on(roster, today):
    p = add_patient(roster, today)
    (t,) = roster.store.treatments(p.id)
    version, body = roster.store.protocol_version(t.id, "b-all-cd19")
    assert version == roster.library.get("b-all-cd19").version
    assert '"id": "b-all-cd19"' in body


@pytest.mark.parametrize("mrn", ["a100", " A100", "a100 ", "Ａ100"])
def test_duplicate_mrn_is_refused_after_normalising(roster, today, mrn):
    add_patient(roster, today, mrn="A100")
    with pytest.raises(InputRefused, match="mrn: A100 is already in the roster"):
        add_patient(roster, today, mrn=mrn, name="Someone Else")
    assert len(roster.store.patients()) == 1


def test_mrn_is_stored_normalised_and_name_nfc(roster, today):
    p = add_patient(roster, today, mrn=" ab-12 ", name="Zoe\u0308  Smith")
    stored = roster.store.patient(p.id)
    assert stored.mrn == "AB-12"
    assert stored.name == "Zoë Smith"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "name: empty"),
        ({"name": "x" * 10_000}, "name: 10000 characters; at most 200"),
        ({"name": "Bad\x00Name"}, "name: contains control"),
        ({"mrn": ""}, "mrn: empty"),
        ({"mrn": "A 1"}, "mrn: 'A 1' may only hold"),
        ({"born": date(2027, 1, 1)}, "date_of_birth: 2027-01-01 is in the future"),
        ({"born": date(2026, 10, 2)}, "date_of_birth: 2026-10-02 is after the infusion"),
        ({"protocols": ("nope",)}, "protocol: unknown protocol id 'nope'"),
        ({"protocols": ()}, "protocol: empty"),
        ({"infusion": date(2030, 1, 1)}, "infusion_date: 2030-01-01 is more than 60 days ahead"),
        ({"infusion": date(1999, 1, 1)}, "infusion_date: 1999-01-01 is before 2000-01-01"),
    ],
)
def test_bad_patient_input_is_refused_and_nothing_saved(roster, today, changes, message):
    with pytest.raises(InputRefused) as exc:
        add_patient(roster, today, **changes)
    assert any(message in r for r in exc.value.reasons), exc.value.reasons
    assert roster.store.patients() == []
    assert list(roster.store.audit_rows()) == []


def test_several_protocols_at_once(roster, today):
    p = add_patient(roster, today, protocols=("b-all-cd19", "registry-cibmtr"))
    assert {v.protocol_id for v in roster.store.visits(patient_id=p.id)} == {
        "b-all-cd19", "registry-cibmtr"}


# -- tracked_from: history is not work --------------------------------------------------
def test_patient_treated_in_2016_entered_today_does_not_flood_the_worklist(roster, today):
    p = add_patient(roster, today, infusion=date(2016, 3, 15), tracked_from=today,
                    born=date(1943, 6, 1))
    entries = roster.worklist(today, today, today + timedelta(days=7))
    assert [e for e in entries if e.patient.id == p.id] == []
    statuses = {v.code: v.status(today) for v in roster.store.visits(patient_id=p.id)}
    assert statuses["D28"] == VisitStatus.PRIOR
    assert statuses["Y10"] == VisitStatus.PRIOR  # 2026-03-15 + 60 days closed before today
    assert statuses["Y11"] == VisitStatus.UPCOMING  # 2027-03-15


# -- the worklist -------------------------------------------------------------------------
def test_worklist_lists_overdue_first_then_due_in_range(roster, today):
    add_patient(roster, today, mrn="OLD", infusion=date(2026, 8, 1))  # M2 window closed
    add_patient(roster, today, mrn="NEW", infusion=date(2026, 11, 20), name="李秀英")
    entries = roster.worklist(today, today, today + timedelta(days=7))
    statuses = [e.status for e in entries]
    assert statuses[0] == VisitStatus.OVERDUE
    first_open = statuses.index(next(s for s in statuses if s != VisitStatus.OVERDUE))
    assert all(s == VisitStatus.OVERDUE for s in statuses[:first_open])
    assert all(s != VisitStatus.OVERDUE for s in statuses[first_open:])
    for e in entries[first_open:]:
        assert today <= e.visit.scheduled <= today + timedelta(days=7)


def test_worklist_status_agrees_with_the_visit_status_function(roster, today):
    add_patient(roster, today, infusion=date(2026, 9, 1))
    for e in roster.worklist(today, today, today + timedelta(days=30)):
        assert e.status == e.visit.status(today)
        assert e.days_late == e.visit.days_late(today)


@pytest.mark.parametrize("lookback", [0, 400])
def test_worklist_is_every_overdue_visit_and_every_open_one_in_range_each_once(
    tmp_path, today, lookback
):
    """DESIGN.md `due`: every visit overdue as of today, every due visit scheduled on or before
    `to` (late ones whose window is open included), every upcoming visit scheduled in
    [from, to]; in the triage order of rule 15. The store reads the two halves as disjoint
    index scans (UNION ALL): a visit that is overdue and also scheduled in the range (a list
    that looks back 400 days) must still be listed exactly once."""
    r = demo_with_a_move(tmp_path / "w.db", today, seed=5, patient=5)  # seed 5: the case is there
    try:
        start, end = today - timedelta(days=lookback), today + timedelta(days=28)
        expected = []
        for patient in r.store.patients():
            for v in r.store.visits(patient_id=patient.id):
                status = v.status(today)
                if status == VisitStatus.OVERDUE or (
                    status == VisitStatus.DUE and v.scheduled <= end) or (
                    status == VisitStatus.UPCOMING and start <= v.scheduled <= end
                ):
                    day0 = r.store.treatment(v.treatment_id).infusion_date
                    early = v.kind == "safety" and (v.scheduled - day0).days <= 28
                    expected.append((status != VisitStatus.OVERDUE, not early, -v.days_late(today),
                                     v.scheduled, patient.name, v.id, status, v.days_late(today)))
        entries = r.worklist(today, start, end)
        assert [(e.visit.id, e.status, e.days_late) for e in entries] == [
            (x[5], x[6], x[7]) for x in sorted(expected)]
        both = [e for e in entries if e.status == VisitStatus.OVERDUE and start <= e.visit.scheduled]
        assert bool(both) == bool(lookback)  # the case the rule is about is really there
        for e in entries:
            assert e.visit == r.store.visit(e.visit.id)
            assert e.patient == r.store.patient(e.visit.patient_id)
            assert e.treatment == r.store.treatment(e.visit.treatment_id)
        # the screen's lines: the same visits in the same order, each brief what its entry says
        lines = r.worklist_lines(today, start, end)
        assert [(x.visit.id, x.status, x.days_late) for x in lines] == [
            (e.visit.id, e.status, e.days_late) for e in entries]
        for line, e in zip(lines, entries, strict=True):
            v, p = e.visit, e.patient
            assert line.visit == (v.id, p.id, p.name, p.mrn, p.phone, v.protocol_id, v.code,
                                  v.label, v.assessments, v.window_start, v.window_end,
                                  v.scheduled, v.tracked_from, v.kind, e.treatment.infusion_date,
                                  v.label_zh, v.assessments_zh)
            assert line.visit.status(today) == v.status(today)
    finally:
        r.close()


def test_next_checkup_is_earliest_upcoming_or_due_and_overdue_is_shown_beside(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 8, 1))
    summary = roster.summary(p.id, today)
    open_visits = [v for v in roster.store.visits(patient_id=p.id)
                   if v.status(today) in (VisitStatus.UPCOMING, VisitStatus.DUE)]
    assert summary.next_checkup == min(open_visits, key=lambda v: (v.scheduled, v.id))
    assert summary.overdue and all(v.status(today) == VisitStatus.OVERDUE for v in summary.overdue)


# -- visits -------------------------------------------------------------------------------
def test_record_a_visit_marks_it_done_and_keeps_labs(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 30))
    d28 = visit_by_code(roster, p.id, "D28")
    result = roster.record_visit(
        d28.id, today, WHO, today, disease_status="MRD-negative",
        labs=[LabResult("IgG", "3.2", "g/L")], assessments_done=["CBC"])
    assert result.warnings == ()
    assert roster.store.visit(d28.id).status(today) == VisitStatus.DONE
    (record,) = roster.store.records(p.id)
    assert record.labs == (LabResult("IgG", "3.2", "g/L"),)


def test_recording_outside_the_window_warns(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 1))
    d28 = visit_by_code(roster, p.id, "D28")  # window 2026-10-26 .. 2026-11-05
    result = roster.record_visit(d28.id, today, WHO, today)
    assert result.warnings and "outside the window" in result.warnings[0]


def test_record_in_the_future_is_refused(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 30))
    d28 = visit_by_code(roster, p.id, "D28")
    with pytest.raises(InputRefused, match="in the future"):
        roster.record_visit(d28.id, today + timedelta(days=1), WHO, today)


def test_mark_missed(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 8, 1))
    m2 = visit_by_code(roster, p.id, "M2")
    roster.mark_missed(m2.id, WHO, today)
    assert roster.store.visit(m2.id).status(today) == VisitStatus.MISSED


# -- reschedule (rule 8) ------------------------------------------------------------------
def test_reschedule_this_visit_only_keeps_the_others_anchored(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 11, 1))
    m2 = visit_by_code(roster, p.id, "M2")
    before = {v.id: v.scheduled for v in roster.store.visits(patient_id=p.id)}
    new = m2.scheduled + timedelta(days=3)  # Friday 1 January 2027 to Monday 4 January
    roster.reschedule(m2.id, new, "patient on holiday", WHO, today)
    after = {v.id: v.scheduled for v in roster.store.visits(patient_id=p.id)}
    assert after[m2.id] == new
    assert {k: v for k, v in after.items() if k != m2.id} == {
        k: v for k, v in before.items() if k != m2.id}
    moved = roster.store.visit(m2.id)
    assert moved.moved_reason == "patient on holiday" and MOVED_BY_HAND in moved.flags


def test_reschedule_shift_later_moves_later_open_visits_by_the_same_days(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 11, 1))
    m2 = visit_by_code(roster, p.id, "M2")
    m3 = visit_by_code(roster, p.id, "M3")
    d28 = visit_by_code(roster, p.id, "D28")
    roster.reschedule(m2.id, m2.scheduled + timedelta(days=3), "late bloods", WHO, today,
                      shift_later=True)
    assert roster.store.visit(m3.id).scheduled == m3.scheduled + timedelta(days=3)
    assert roster.store.visit(d28.id).scheduled == d28.scheduled  # earlier: untouched


def test_reschedule_needs_a_reason(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 11, 1))
    m2 = visit_by_code(roster, p.id, "M2")
    with pytest.raises(InputRefused, match="reason"):
        roster.reschedule(m2.id, m2.scheduled + timedelta(days=1), " ", WHO, today)


def test_reschedule_out_of_window_needs_confirmation(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 11, 1))
    m2 = visit_by_code(roster, p.id, "M2")
    far = m2.window_end + timedelta(days=10)
    with pytest.raises(InputRefused, match="outside its window"):
        roster.reschedule(m2.id, far, "surgery", WHO, today)
    assert roster.store.visit(m2.id).scheduled == m2.scheduled
    roster.reschedule(m2.id, far, "surgery", WHO, today, confirm_out_of_window=True)
    moved = roster.store.visit(m2.id)
    assert OUT_OF_WINDOW in moved.flags
    # moved out of window by hand: not overdue before the day it was moved to
    assert moved.status(m2.window_end + timedelta(days=1)) == VisitStatus.DUE


# -- events (rule 9) ----------------------------------------------------------------------
def test_death_cancels_every_not_done_visit_after_it(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 9, 1),
                    protocols=("b-all-cd19", "registry-cibmtr"))
    preview = roster.preview_event(p.id, "death", today, today)
    assert preview.message.startswith(f"{len(preview.visits_to_cancel)} future visits will be cancelled")
    roster.record_event(p.id, "death", today, WHO, today)
    for v in roster.store.visits(patient_id=p.id):
        if v.window_end >= today and v.done_on is None:
            assert v.status(today) == VisitStatus.CANCELLED
            assert v.cancelled_reason == f"death on {today}"
    assert roster.worklist(today, today, today + timedelta(days=400)) == []
    assert roster.summary(p.id, today).state == "deceased"


def test_relapse_cancels_response_visits_only(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 1))
    roster.record_event(p.id, "relapse", today, WHO, today)
    after = [v for v in roster.store.visits(patient_id=p.id) if v.window_end >= today]
    assert {v.kind for v in after if v.status(today) == VisitStatus.CANCELLED} == {"response"}
    assert all(v.status(today) != VisitStatus.CANCELLED for v in after if v.kind != "response")


def test_lost_to_follow_up_can_be_undone_and_restores_visits(roster, today):
    p = add_patient(roster, today, infusion=date(2025, 1, 10))
    before = {v.id: v.status(today) for v in roster.store.visits(patient_id=p.id)}
    event_id, preview = roster.record_event(p.id, "lost_to_follow_up", today, WHO, today)
    assert preview.visits_to_cancel
    restored = roster.undo_lost_to_follow_up(event_id, WHO, today)
    assert restored == len(preview.visits_to_cancel)
    assert {v.id: v.status(today) for v in roster.store.visits(patient_id=p.id)} == before
    assert roster.summary(p.id, today).state == "active"


def test_re_infusion_counts_long_term_follow_up_from_the_last_infusion(roster, today):
    p = add_patient(roster, today, infusion=date(2024, 6, 1))
    second = date(2026, 6, 1)
    tid = roster.reinfuse(p.id, NewTreatment(product="tisagenlecleucel", target="CD19",
                                             infusion_date=second, protocols=("b-all-cd19",)),
                          WHO, today)
    old_ltfu = [v for v in roster.store.visits(patient_id=p.id)
                if v.kind == "ltfu" and v.treatment_id != tid]
    assert all(v.status(today) == VisitStatus.CANCELLED for v in old_ltfu if v.target >= second)
    new_y15 = visit_by_code(roster, p.id, "Y15")  # the only live Y15 is the new one
    live = [v for v in roster.store.visits(patient_id=p.id)
            if v.code == "Y15" and v.status(today) != VisitStatus.CANCELLED]
    assert [v.target for v in live] == [date(2041, 6, 1)]
    assert new_y15.target in (date(2039, 6, 1), date(2041, 6, 1))


def test_allo_hct_is_recorded_and_visits_go_on(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 6, 1))
    _, preview = roster.record_event(p.id, "allo_hct", today, WHO, today)
    assert preview.visits_to_cancel == ()
    assert [e.kind for e in roster.store.events(p.id)] == ["allo_hct"]


def test_event_in_the_future_or_before_infusion_is_refused(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 6, 1))
    with pytest.raises(InputRefused, match="in the future"):
        roster.record_event(p.id, "death", today + timedelta(days=1), WHO, today)
    with pytest.raises(InputRefused, match="before the first infusion"):
        roster.record_event(p.id, "relapse", date(2026, 5, 1), WHO, today)
    assert roster.store.events(p.id) == []


# -- settings move open visits --------------------------------------------------------------
def test_a_new_closure_moves_open_visits_not_moved_by_hand(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 11, 2))  # a Monday
    m2 = visit_by_code(roster, p.id, "M2")  # target 2027-01-02 (Saturday) -> Friday 01-01?
    closure = m2.scheduled
    moved = roster.save_settings(ClinicSettings(closures=(closure,)), WHO)
    assert moved >= 1
    assert roster.store.visit(m2.id).scheduled != closure


def test_settings_refuse_a_closure_that_is_also_an_extra_open_day(roster, today):
    with pytest.raises(InputRefused, match="both closed and an extra open day"):
        roster.save_settings(ClinicSettings(closures=(today,), extra_open=(today,)), WHO)


def test_record_call_attempts(roster, today):
    p = add_patient(roster, today)
    roster.record_call(p.id, "no_answer", WHO, today)
    roster.record_call(p.id, "reached", WHO, today, notes="comes Monday")
    assert [c.outcome for c in roster.store.calls(p.id)] == ["no_answer", "reached"]
    with pytest.raises(InputRefused, match="outcome"):
        roster.record_call(p.id, "shouted", WHO, today)


def test_update_patient_refuses_someone_elses_mrn(roster, today):
    a = add_patient(roster, today, mrn="A1")
    add_patient(roster, today, mrn="B2", name="Other")
    with pytest.raises(InputRefused, match="belongs to another patient"):
        roster.update_patient(Patient(**{**a.__dict__, "mrn": "b2"}), WHO, today)


@pytest.mark.parametrize("offset", [-400, -30, 0, 1, 45, 400])
def test_summaries_agree_with_every_visits_status(tmp_path, today, offset):
    """The roster list reads only open visits; it must say what the full history says."""
    from cartclinic.roster import _ACTIVE, _summary

    r = demo_with_a_move(tmp_path / "s.db", today, seed=5, patient=3)
    try:
        day = today + timedelta(days=offset)
        states = r._patient_states()
        for s in r.summaries(day):
            full = _summary(s.patient, r.store.visits(patient_id=s.patient.id), day,
                            states.get(s.patient.id, _ACTIVE))
            assert (s.next_checkup, s.overdue, s.state, s.standing) == (
                full.next_checkup, full.overdue, full.state, full.standing), s.patient.mrn
    finally:
        r.close()


# -- found in review ------------------------------------------------------------------------
def test_death_cancels_a_visit_moved_past_its_window(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 8, 1))
    m3 = visit_by_code(roster, p.id, "M3")  # overdue on 2026-11-27
    roster.reschedule(m3.id, date(2026, 12, 2), "patient away", WHO, today,
                      confirm_out_of_window=True)
    roster.record_event(p.id, "death", today, WHO, today)
    assert roster.store.visit(m3.id).status(today) == VisitStatus.CANCELLED
    assert [e for e in roster.worklist(today, today, today + timedelta(days=30))
            if e.patient.id == p.id] == []


def test_undo_of_lost_to_follow_up_is_refused_after_a_death(roster, today):
    p = add_patient(roster, today, infusion=date(2025, 1, 10))
    ltfu, _ = roster.record_event(p.id, "lost_to_follow_up", today - timedelta(days=30), WHO, today)
    roster.record_event(p.id, "death", today, WHO, today)
    with pytest.raises(InputRefused, match="cannot be undone"):
        roster.undo_lost_to_follow_up(ltfu, WHO, today)


def test_undo_of_lost_to_follow_up_keeps_what_a_later_relapse_ended(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 6, 1))
    ltfu, _ = roster.record_event(p.id, "lost_to_follow_up", date(2026, 10, 1), WHO, today)
    roster.record_event(p.id, "relapse", date(2026, 11, 1), WHO, today)
    roster.undo_lost_to_follow_up(ltfu, WHO, today)
    response = [v for v in roster.store.visits(patient_id=p.id)
                if v.kind == "response" and v.window_end >= date(2026, 11, 1)]
    assert response and all(v.status(today) == VisitStatus.CANCELLED for v in response)


def test_undo_of_lost_to_follow_up_places_visits_on_todays_calendar(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 11, 2))
    ltfu, _ = roster.record_event(p.id, "lost_to_follow_up", today, WHO, today)
    m2 = visit_by_code(roster, p.id, "M2")
    roster.save_settings(ClinicSettings(closures=(m2.scheduled,)), WHO)
    roster.undo_lost_to_follow_up(ltfu, WHO, today)
    assert roster.store.visit(m2.id).scheduled != m2.scheduled


def test_a_second_treatment_by_import_restarts_long_term_follow_up(roster, today):
    from cartclinic.roster_csv import import_csv

    import_csv(roster, "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
               "R1,Two Infusions,1950-01-01,B-ALL,tisa,2024-01-10,b-all-cd19\n"
               "R1,Two Infusions,1950-01-01,B-ALL,tisa,2026-06-01,b-all-cd19\n", WHO, today)
    p = roster.store.patient_by_mrn("R1")
    live_ltfu = [v for v in roster.store.visits(patient_id=p.id)
                 if v.kind == "ltfu" and v.status(today) != VisitStatus.CANCELLED
                 and v.target >= date(2026, 6, 1)]
    assert {v.treatment_id for v in live_ltfu} == {max(t.id for t in roster.store.treatments(p.id))}


def test_the_same_treatment_twice_is_refused(roster, today):
    from cartclinic.roster_csv import import_csv

    row = "R2,Twice,1950-01-01,LBCL,axi,2025-01-15,lbcl-cd19\n"
    with pytest.raises(InputRefused, match="listed twice"):
        import_csv(roster, "mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol\n"
                   + row + row, WHO, today)


def test_a_closure_never_moves_a_booking_into_the_past(roster, today):
    p = add_patient(roster, today, infusion=date(2026, 10, 28))  # D28 target = 2026-11-25
    d28 = visit_by_code(roster, p.id, "D28")
    wed = date(2026, 11, 25)
    assert d28.scheduled == wed
    roster.save_settings(ClinicSettings(closures=(wed + timedelta(days=7),)), WHO, wed)
    # a clinic closure on the day itself, entered that morning: the visit goes forward, not back
    roster.save_settings(ClinicSettings(closures=(wed,)), WHO, wed)
    assert roster.store.visit(d28.id).scheduled > wed


def test_rule_13_a_move_by_hand_onto_a_closed_day_needs_confirmation_and_is_flagged(
        roster, today):
    from cartclinic.schedule import CLOSED_DAY

    p = add_patient(roster, today, infusion=date(2026, 11, 1))
    m2 = visit_by_code(roster, p.id, "M2")
    saturday = next(m2.window_start + timedelta(days=i) for i in range(14)
                    if (m2.window_start + timedelta(days=i)).weekday() == 5)
    with pytest.raises(InputRefused, match=r"is a closed day \(closed on Sat\); confirm"):
        roster.reschedule(m2.id, saturday, "only day the family can drive", WHO, today)
    assert roster.store.visit(m2.id) == m2
    roster.reschedule(m2.id, saturday, "only day the family can drive", WHO, today,
                      confirm=True)
    assert CLOSED_DAY in roster.store.visit(m2.id).flags
