"""Rule 11: every entry can be marked "entered in error"; the schedule is then exactly what it
would be had the entry never been made, and the entry and its correction stay in the trail."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import WHO, add_patient, program_before_visit_translations

from cartclinic.errors import InputRefused
from cartclinic.model import LabResult
from cartclinic.roster import NewTreatment

INFUSION = date(2026, 10, 1)  # b-all-cd19: D1..D21 safety, D28 response, M2 monitoring, M3 response...
TODAY = date(2026, 11, 27)


def schedule(roster, patient_id):
    """Everything a nurse sees of each visit: the snapshot a correction must give back."""
    return [(v.treatment_id, v.code, v.target, v.window_start, v.window_end, v.scheduled,
             v.flags, v.moved_reason, v.cancelled_reason, v.cancelled_by_event, v.missed_on,
             v.done_on, str(v.status(TODAY)))
            for v in roster.store.visits(patient_id=patient_id)]


def by_code(roster, patient_id, treatment_id=None):
    return {v.code: v for v in roster.store.visits(patient_id=patient_id)
            if treatment_id is None or v.treatment_id == treatment_id}


def audit_count(roster):
    return sum(1 for _ in roster.store.audit_rows())


@pytest.fixture
def patient(roster):
    return add_patient(roster, TODAY, infusion=INFUSION)


# -- events -------------------------------------------------------------------------------
@pytest.mark.parametrize("kind, cancelled", [
    ("death", {"D28", "M2", "M3", "M6", "Y2"}),
    ("withdrawal", {"D28", "M2", "M3", "M6", "Y2"}),
    ("lost_to_follow_up", {"D28", "M2", "M3", "M6", "Y2"}),
    ("relapse", {"M3", "M6"}),
    ("progression", {"M3", "M6"}),
    ("allo_hct", set()),
])
def test_rule_11_an_event_entered_in_error_gives_back_the_schedule_exactly(
        roster, patient, kind, cancelled):
    before = schedule(roster, patient.id)
    event_id, _ = roster.record_event(patient.id, kind, date(2026, 11, 20), WHO, TODAY)
    after = by_code(roster, patient.id)
    for code in ("D28", "M2", "M3", "M6", "Y2"):
        assert (after[code].status(TODAY) == "cancelled") == (code in cancelled), code
    roster.correct("event", event_id, "wrong patient's chart", WHO, TODAY)
    assert schedule(roster, patient.id) == before
    # the event stays, marked; the rules no longer see it
    assert roster.store.events(patient.id) == []
    (kept,) = roster.store.events(patient.id, with_corrected=True)
    assert kept.kind == kind and kept.corrected_by is not None
    assert roster.summary(patient.id, TODAY).state == "active"
    assert roster.store.verify_audit() == []


def test_rule_11_exact_dates_and_statuses_before_after_a_death_and_after_its_correction(
        roster, patient):
    def table():
        v = by_code(roster, patient.id)
        return [(c, v[c].scheduled, str(v[c].status(TODAY)), v[c].cancelled_reason)
                for c in ("D28", "M2", "M3", "Y2")]

    assert table() == [
        ("D28", date(2026, 10, 29), "overdue", ""),
        ("M2", date(2026, 12, 1), "due", ""),
        ("M3", date(2027, 1, 1), "upcoming", ""),
        ("Y2", date(2028, 10, 2), "upcoming", ""),
    ]
    event_id, _ = roster.record_event(patient.id, "death", date(2026, 11, 25), WHO, TODAY)
    assert table() == [
        ("D28", date(2026, 10, 29), "cancelled", "death on 2026-11-25"),
        ("M2", date(2026, 12, 1), "cancelled", "death on 2026-11-25"),
        ("M3", date(2027, 1, 1), "cancelled", "death on 2026-11-25"),
        ("Y2", date(2028, 10, 2), "cancelled", "death on 2026-11-25"),
    ]
    roster.correct("event", event_id, "another patient died", WHO, TODAY)
    assert table() == [
        ("D28", date(2026, 10, 29), "overdue", ""),
        ("M2", date(2026, 12, 1), "due", ""),
        ("M3", date(2027, 1, 1), "upcoming", ""),
        ("Y2", date(2028, 10, 2), "upcoming", ""),
    ]


def test_rule_11_relapse_then_death_correcting_the_relapse_leaves_its_visits_to_the_death(
        roster, patient):
    before = schedule(roster, patient.id)
    relapse, _ = roster.record_event(patient.id, "relapse", date(2026, 11, 1), WHO, TODAY)
    death, _ = roster.record_event(patient.id, "death", date(2026, 11, 25), WHO, TODAY)
    v = by_code(roster, patient.id)
    assert v["M3"].cancelled_by_event == relapse and v["M2"].cancelled_by_event == death
    roster.correct("event", relapse, "relapse was another patient's", WHO, TODAY)
    v = by_code(roster, patient.id)
    for code in ("D28", "M3", "M6", "M12"):  # response visits: now the death's
        assert (v[code].status(TODAY), v[code].cancelled_reason, v[code].cancelled_by_event) == (
            "cancelled", "death on 2026-11-25", death), code
    # and correcting the death too gives back the schedule before either
    roster.correct("event", death, "not this patient either", WHO, TODAY)
    assert schedule(roster, patient.id) == before
    assert roster.store.verify_audit() == []


def test_rule_11_a_reinfusion_entered_in_error_removes_its_treatment_and_restores_the_old_one(
        roster, patient):
    before = schedule(roster, patient.id)
    (old,) = roster.store.treatments(patient.id)
    new_id = roster.reinfuse(patient.id, NewTreatment("tisagenlecleucel", date(2026, 11, 20),
                                                      ("b-all-cd19",)), WHO, TODAY)
    (event,) = [e for e in roster.store.events(patient.id) if e.kind == "re_infusion"]
    assert by_code(roster, patient.id, old.id)["Y2"].cancelled_by_event == event.id
    assert len(roster.store.treatments(patient.id)) == 2
    roster.correct("event", event.id, "the infusion was postponed", WHO, TODAY)
    assert [t.id for t in roster.store.treatments(patient.id)] == [old.id]
    assert roster.store.visits(treatment_id=new_id) == []
    assert schedule(roster, patient.id) == before
    (c,) = roster.store.corrections(patient.id)
    assert c.entry["treatment"]["id"] == new_id and c.entry["kind"] == "re_infusion"
    assert roster.store.verify_audit() == []


@pytest.mark.parametrize("how", ["add_treatment", "import"])
def test_rule_11_a_later_treatment_added_or_imported_is_a_reinfusion_that_can_be_taken_back(
        roster, how):
    """A treatment after the others is a re-infusion (rule 9) whichever way it came in; its
    event, entered in error, removes it and gives back the earlier schedule exactly (compared
    with the same patient entered with the first treatment alone)."""
    from dataclasses import replace

    first = NewTreatment("tisagenlecleucel", INFUSION, ("b-all-cd19",), tracked_from=INFUSION)
    later = NewTreatment("tisagenlecleucel", date(2026, 11, 20), ("b-all-cd19",))
    alone = add_patient(roster, TODAY, infusion=INFUSION)
    if how == "add_treatment":
        p = replace(alone, id=None, mrn="B200")
        (p, _), = roster.register_many([(p, [first])], WHO, TODAY)
        roster.add_treatment(p.id, later, WHO, TODAY)
    else:
        (p, _), = roster.register_many([(replace(alone, id=None, mrn="B200"), [first, later])],
                                       WHO, TODAY)
    (event,) = [e for e in roster.store.events(p.id) if e.kind == "re_infusion"]
    assert any(v.cancelled_by_event == event.id for v in roster.store.visits(patient_id=p.id))
    roster.correct("event", event.id, "the second infusion was never given", WHO, TODAY)
    assert len(roster.store.treatments(p.id)) == 1

    def seen(patient_id):  # the schedule without the rows' own ids
        return [row[1:9] + row[10:] for row in schedule(roster, patient_id)]

    assert seen(p.id) == seen(alone.id)


def test_rule_11_a_reinfusion_whose_visits_were_recorded_is_refused_naming_the_record(
        roster, patient):
    new_id = roster.reinfuse(patient.id, NewTreatment("tisagenlecleucel", date(2026, 11, 20),
                                                      ("b-all-cd19",)), WHO, TODAY)
    (event,) = [e for e in roster.store.events(patient.id) if e.kind == "re_infusion"]
    d1 = by_code(roster, patient.id, new_id)["D1"]
    record_id = roster.record_visit(d1.id, date(2026, 11, 21), WHO, TODAY).record_id
    count = audit_count(roster)
    with pytest.raises(InputRefused, match=rf"D1 .*record of D1 \(visit {d1.id}\).*correct that first"):
        roster.correct("event", event.id, "postponed", WHO, TODAY)
    assert audit_count(roster) == count
    roster.correct("record", record_id, "not done", WHO, TODAY)
    roster.correct("event", event.id, "postponed", WHO, TODAY)
    assert len(roster.store.treatments(patient.id)) == 1


# -- visit entries ------------------------------------------------------------------------
def test_rule_11_a_visit_record_entered_in_error_reopens_the_visit_and_keeps_what_it_was(
        roster, patient):
    before = schedule(roster, patient.id)
    d28 = by_code(roster, patient.id)["D28"]
    rid = roster.record_visit(d28.id, date(2026, 10, 30), WHO, TODAY, disease_status="CR",
                              labs=[LabResult("IgG", "3.1", "g/L")]).record_id
    assert by_code(roster, patient.id)["D28"].status(TODAY) == "done"
    roster.correct("record", rid, "recorded on the wrong visit", WHO, TODAY)
    assert schedule(roster, patient.id) == before
    assert roster.store.records(patient.id) == []
    (c,) = roster.store.corrections(patient.id)
    assert c.entry["disease_status"] == "CR" and c.entry["labs"][0]["value"] == "3.1"
    assert roster.store.verify_audit() == []


def test_rule_11_a_record_that_cleared_a_missed_mark_gives_the_mark_back(roster, patient):
    m2 = by_code(roster, patient.id)["M2"]
    roster.mark_missed(m2.id, WHO, TODAY, "no show")
    missed = schedule(roster, patient.id)
    rid = roster.record_visit(m2.id, TODAY, WHO, TODAY).record_id
    with pytest.raises(InputRefused, match=rf"visit record of M2 \(visit {m2.id}\)"):
        roster.correct("missed", m2.id, "she came", WHO, TODAY)  # the record rests on it
    roster.correct("record", rid, "wrong visit", WHO, TODAY)
    assert schedule(roster, patient.id) == missed
    assert by_code(roster, patient.id)["M2"].missed_on == TODAY


def test_rule_11_a_missed_mark_entered_in_error(roster, patient):
    before = schedule(roster, patient.id)
    d28 = by_code(roster, patient.id)["D28"]
    roster.mark_missed(d28.id, WHO, TODAY)
    assert by_code(roster, patient.id)["D28"].status(TODAY) == "missed"
    roster.correct("missed", d28.id, "she came on the 29th", WHO, TODAY)
    assert schedule(roster, patient.id) == before
    assert by_code(roster, patient.id)["D28"].status(TODAY) == "overdue"


def test_rule_11_a_reschedule_with_the_later_visits_shifted_entered_in_error(roster, patient):
    before = schedule(roster, patient.id)
    m2 = by_code(roster, patient.id)["M2"]
    roster.reschedule(m2.id, date(2026, 12, 3), "patient away", WHO, TODAY, shift_later=True)
    v = by_code(roster, patient.id)
    assert (v["M2"].scheduled, v["M4"].scheduled) == (date(2026, 12, 3), date(2027, 2, 3))
    roster.correct("reschedule", m2.id, "wrong patient", WHO, TODAY)
    assert schedule(roster, patient.id) == before


def test_rule_11_the_later_of_two_reschedules_goes_first(roster, patient):
    m2 = by_code(roster, patient.id)["M2"]
    roster.reschedule(m2.id, date(2026, 12, 2), "one", WHO, TODAY)
    once = schedule(roster, patient.id)
    roster.reschedule(m2.id, date(2026, 12, 3), "two", WHO, TODAY)
    roster.correct("reschedule", m2.id, "second move was a slip", WHO, TODAY)
    assert schedule(roster, patient.id) == once


def test_rule_11_a_reschedule_of_a_visit_recorded_since_is_refused(roster, patient):
    m2 = by_code(roster, patient.id)["M2"]
    roster.reschedule(m2.id, date(2026, 12, 3), "patient away", WHO, TODAY)
    roster.record_visit(m2.id, TODAY, WHO, TODAY)
    with pytest.raises(InputRefused, match=rf"record of M2 \(visit {m2.id}\)"):
        roster.correct("reschedule", m2.id, "slip", WHO, TODAY)


def test_rule_11_a_cancellation_by_hand_entered_in_error(roster, patient):
    before = schedule(roster, patient.id)
    m3 = by_code(roster, patient.id)["M3"]
    roster.cancel_visit(m3.id, "in hospital elsewhere", WHO, TODAY)
    roster.correct("cancellation", m3.id, "wrong patient", WHO, TODAY)
    assert schedule(roster, patient.id) == before


def test_rule_11_a_cancellation_corrected_after_a_death_stays_cancelled_by_the_death(
        roster, patient):
    m3 = by_code(roster, patient.id)["M3"]
    roster.cancel_visit(m3.id, "in hospital elsewhere", WHO, TODAY)
    death, _ = roster.record_event(patient.id, "death", date(2026, 11, 25), WHO, TODAY)
    roster.correct("cancellation", m3.id, "wrong patient", WHO, TODAY)
    m3 = by_code(roster, patient.id)["M3"]
    assert (m3.cancelled_reason, m3.cancelled_by_event) == ("death on 2026-11-25", death)


def test_rule_11_a_call_and_a_single_result_entered_in_error(roster, patient):
    call_id = roster.record_call(patient.id, "no_answer", WHO, TODAY)
    roster.correct("call", call_id, "dialled the wrong number", WHO, TODAY)
    assert roster.store.calls(patient.id) == []
    assert roster.store.calls(patient.id, with_corrected=True)[0].corrected_by is not None
    d28 = by_code(roster, patient.id)["D28"]
    roster.record_visit(d28.id, date(2026, 10, 30), WHO, TODAY,
                        labs=[LabResult("IgG", "31", "g/L"), LabResult("CRP", "4", "mg/L")])
    (record,) = roster.store.records(patient.id)
    igg = record.labs[0]
    roster.correct("result", igg.id, "typed 31 for 3.1", WHO, TODAY)
    (record,) = roster.store.records(patient.id)
    assert [lab.name for lab in record.labs] == ["CRP"]
    assert by_code(roster, patient.id)["D28"].status(TODAY) == "done"


def test_rule_11_the_entries_list_names_each_correctable_entry(roster, patient):
    v = by_code(roster, patient.id)
    roster.mark_missed(v["D28"].id, WHO, TODAY)
    roster.reschedule(v["M2"].id, date(2026, 12, 3), "away", WHO, TODAY)
    roster.cancel_visit(v["M3"].id, "elsewhere", WHO, TODAY)
    rid = roster.record_visit(v["D21"].id, date(2026, 10, 22), WHO, TODAY,
                              labs=[LabResult("IgG", "3.1", "g/L")]).record_id
    call_id = roster.record_call(patient.id, "reached", WHO, TODAY)
    event_id, _ = roster.record_event(patient.id, "allo_hct", date(2026, 11, 2), WHO, TODAY)
    entries = {(e.kind, e.entry_id) for e in roster.correctable_entries(patient.id)}
    lab_id = roster.store.records(patient.id)[0].labs[0].id
    assert entries == {("missed", v["D28"].id), ("reschedule", v["M2"].id),
                       ("cancellation", v["M3"].id), ("record", rid), ("result", lab_id),
                       ("call", call_id), ("event", event_id)}
    preview = roster.preview_correction("cancellation", v["M3"].id, TODAY)
    ((now, then),) = preview.visits
    assert (str(now.status(TODAY)), str(then.status(TODAY))) == ("cancelled", "upcoming")


# -- refused, nothing changed -------------------------------------------------------------
def test_rule_11_bad_corrections_are_refused_and_change_nothing(roster, patient):
    event_id, _ = roster.record_event(patient.id, "allo_hct", date(2026, 11, 2), WHO, TODAY)
    roster.correct("event", event_id, "slip", WHO, TODAY)
    count = audit_count(roster)
    cases = [
        (("event", event_id, "again"), "already marked entered in error"),
        (("event", 999, "x"), "no event with id 999"),
        (("record", 999, "x"), "no visit record with id 999"),
        (("result", 999, "x"), "no lab result with id 999"),
        (("call", 999, "x"), "no call with id 999"),
        (("missed", 999, "x"), "no visit with id 999"),
        (("missed", by_code(roster, patient.id)["M2"].id, "x"), "has no missed mark"),
        (("event", event_id, "   "), "reason: say why"),
        (("banana", 1, "x"), "not one of"),
    ]
    for (kind, entry_id, reason), message in cases:
        with pytest.raises(InputRefused, match=message):
            roster.correct(kind, entry_id, reason, WHO, TODAY)
    assert audit_count(roster) == count


def test_rule_11_a_correction_is_one_audited_transaction_with_the_entry_kept(roster, patient):
    event_id, _ = roster.record_event(patient.id, "death", date(2026, 11, 25), WHO, TODAY)
    roster.correct("event", event_id, "wrong chart", WHO, TODAY)
    tables = [r["table_name"] for r in roster.store.audit_rows()]
    assert "corrections" in tables and "visit_changes" in tables
    (c,) = roster.store.corrections(patient.id)
    assert (c.kind, c.entry_id, c.reason, c.who) == ("event", event_id, "wrong chart", WHO)
    assert c.entry["kind"] == "death" and c.entry["event_date"] == "2026-11-25"


@pytest.mark.parametrize("kind, day, message", [
    ("death", date(2026, 11, 28), "in the future"),
    ("relapse", date(2026, 9, 30), "before the first infusion"),
    ("re_infusion", date(2026, 11, 1), "reinfuse"),
])
def test_rule_9_events_with_bad_dates_are_refused(roster, patient, kind, day, message):
    count = audit_count(roster)
    with pytest.raises(InputRefused, match=message):
        roster.record_event(patient.id, kind, day, WHO, TODAY)
    assert audit_count(roster) == count


def test_rule_9_a_second_death_and_an_early_reinfusion_are_refused(roster, patient):
    roster.reinfuse(patient.id, NewTreatment("tisagenlecleucel", date(2026, 11, 1),
                                             ("b-all-cd19",)), WHO, TODAY)
    with pytest.raises(InputRefused, match="after the last infusion"):
        roster.reinfuse(patient.id, NewTreatment("tisagenlecleucel", date(2026, 10, 20),
                                                 ("b-all-cd19",)), WHO, TODAY)
    roster.record_event(patient.id, "death", date(2026, 11, 25), WHO, TODAY)
    count = audit_count(roster)
    with pytest.raises(InputRefused, match="already recorded as deceased"):
        roster.record_event(patient.id, "death", date(2026, 11, 26), WHO, TODAY)
    assert audit_count(roster) == count


def test_rule_11_an_event_recorded_before_changes_were_kept_can_still_be_corrected(
        roster, patient):
    """A roster upgraded to 0004_corrections: its events' cancelled visits name the event."""
    from cartclinic.model import Event

    before = schedule(roster, patient.id)
    with roster.store.write(WHO):  # as the code before 0004 wrote an event
        event_id = roster.store.add_event(Event(patient.id, "death", date(2026, 11, 25), WHO))
        for v in roster.store.visits(patient_id=patient.id):
            if v.status(TODAY) in ("upcoming", "due", "overdue"):
                roster.store.update_visit(v.id, cancelled_reason="death on 2026-11-25",
                                          cancelled_by_event=event_id)
    roster.correct("event", event_id, "wrong chart", WHO, TODAY)
    assert schedule(roster, patient.id) == before


def test_0004_corrections_a_roster_with_events_calls_and_results_upgrades_with_its_audit_intact(
        tmp_path, monkeypatch):
    """The migration adds `corrected_by` to events, results and calls: rows audited before it
    have no such field in their image, and the trail must still verify."""
    import sqlite3

    from sqlite_utils import Database

    from cartclinic.model import CallAttempt, Event, Patient, Treatment, VisitRecord
    from cartclinic.roster import Roster
    from cartclinic.schedule import PlannedVisit
    from cartclinic.store.sqlite.schema import ensure_triggers, migration_set
    from cartclinic.store.sqlite.store import PRAGMAS, SqliteStore, _patient_row

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        conn.execute(pragma)
    migration_set().apply(Database(conn), stop_before="0004_corrections")
    ensure_triggers(Database(conn))
    store = SqliteStore(path, conn)
    program_before_visit_translations(monkeypatch)  # nor 0013's visit columns
    with store.write(WHO):
        # the columns a 0003 roster has (address and next of kin came with 0005)
        have = {r[1] for r in conn.execute("PRAGMA table_info(patients)")}
        row = _patient_row(Patient(mrn="OLD1", name="Old Roster"))
        pid = store._insert("patients", {k: v for k, v in row.items() if k in have})
        tid = store.add_treatment(Treatment(pid, "axi-cel", INFUSION, ("ltfu-15y",),
                                            tracked_from=INFUSION),
                                  {"ltfu-15y": ("1", "{}")})
        store.add_visits(tid, [PlannedVisit(
            protocol_id="ltfu-15y", code="Y1", label="Year 1", kind="ltfu", any_day=False,
            assessments=(), target=date(2027, 10, 1), window_start=date(2027, 9, 1),
            window_end=date(2027, 11, 30), scheduled=date(2027, 10, 1))])
        (visit,) = store.visits(patient_id=pid)
        store.add_event(Event(pid, "allo_hct", date(2026, 11, 2), WHO))
        store.add_call(CallAttempt(pid, TODAY, "reached", WHO))
        store.add_record(VisitRecord(visit.id, TODAY, WHO, labs=(LabResult("IgG", "5", "g/L"),)))
    monkeypatch.undo()
    conn.close()
    r = Roster.open(path)
    try:
        assert r.store.verify_audit() == []
        (event,) = r.store.events(pid)
        r.correct("event", event.id or 0, "slip", WHO, TODAY)
        assert r.store.verify_audit() == []
    finally:
        r.close()


def test_rule_11_a_visit_put_back_is_booked_on_closures_entered_while_it_was_cancelled(
        roster, patient):
    """Had the death never been entered, closing 1 December would have moved M2 (rule 13):
    the correction books it as that settings change would have."""
    from dataclasses import replace

    before = {c: (v.scheduled, str(v.status(TODAY))) for c, v in by_code(roster, patient.id).items()}
    assert before["M2"] == (date(2026, 12, 1), "due")
    event_id, _ = roster.record_event(patient.id, "death", date(2026, 11, 25), WHO, TODAY)
    roster.save_settings(replace(roster.settings(), closures=(date(2026, 12, 1),)), WHO, TODAY)
    roster.correct("event", event_id, "wrong chart", WHO, TODAY)
    after = {c: (v.scheduled, str(v.status(TODAY))) for c, v in by_code(roster, patient.id).items()}
    assert after["M2"] == (date(2026, 11, 30), "due")  # the open day nearest, earlier on a tie
    assert {c: x for c, x in after.items() if c != "M2"} == {
        c: x for c, x in before.items() if c != "M2"}
    assert roster.store.verify_audit() == []


# -- any stack of entries, taken back newest first, gives back the schedule ---------------
CODES = ("D21", "D28", "M2", "M3", "M4", "M6", "Y2")
EVENT_DAYS = (date(2026, 10, 15), date(2026, 11, 1), date(2026, 11, 26))


def _operation():
    from hypothesis import strategies as st

    return st.one_of(
        st.tuples(st.just("missed"), st.sampled_from(CODES)),
        st.tuples(st.just("reschedule"), st.sampled_from(CODES), st.integers(1, 20),
                  st.booleans()),
        st.tuples(st.just("cancellation"), st.sampled_from(CODES)),
        st.tuples(st.just("record"), st.sampled_from(CODES)),
        st.tuples(st.just("event"), st.sampled_from(
            ("death", "withdrawal", "lost_to_follow_up", "relapse", "progression", "allo_hct")),
            st.sampled_from(EVENT_DAYS)),
        st.tuples(st.just("reinfusion"), st.sampled_from(EVENT_DAYS)),
    )


def _apply(roster, patient_id, op):
    """Make one entry as a nurse would; the entry's (kind, id) or None if the roster refused."""
    v = by_code(roster, patient_id, roster.store.treatments(patient_id)[0].id)
    kind = op[0]
    try:
        if kind == "missed":
            roster.mark_missed(v[op[1]].id, WHO, TODAY)
            return ("missed", v[op[1]].id)
        if kind == "reschedule":
            visit = v[op[1]]
            roster.reschedule(visit.id, max(visit.scheduled, TODAY) + _days(op[2]), "moved",
                              WHO, TODAY, shift_later=op[3], confirm_out_of_window=True)
            return ("reschedule", visit.id)
        if kind == "cancellation":
            roster.cancel_visit(v[op[1]].id, "by hand", WHO, TODAY)
            return ("cancellation", v[op[1]].id)
        if kind == "record":
            visit = v[op[1]]
            return ("record", roster.record_visit(visit.id, min(visit.window_start, TODAY), WHO,
                                                  TODAY).record_id)
        if kind == "event":
            return ("event", roster.record_event(patient_id, op[1], op[2], WHO, TODAY)[0])
        roster.reinfuse(patient_id, NewTreatment("tisagenlecleucel", op[1], ("b-all-cd19",)),
                        WHO, TODAY)
        return ("event", max(e.id for e in roster.store.events(patient_id)))
    except InputRefused:
        return None


def _days(n):
    from datetime import timedelta

    return timedelta(days=n)


def test_rule_11_any_stack_of_entries_taken_back_newest_first_gives_back_the_schedule(
        tmp_path_factory):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cartclinic.roster import Roster

    @settings(max_examples=25)
    @given(st.lists(_operation(), min_size=1, max_size=6))
    def check(ops):
        roster = Roster.open(tmp_path_factory.mktemp("stack") / "r.db")
        try:
            p = add_patient(roster, TODAY, infusion=INFUSION)
            before = schedule(roster, p.id)
            made = [entry for op in ops if (entry := _apply(roster, p.id, op)) is not None]
            for kind, entry_id in reversed(made):
                roster.correct(kind, entry_id, "entered in error", WHO, TODAY)
            assert schedule(roster, p.id) == before
            assert roster.store.verify_audit() == []
        finally:
            roster.close()

    check()


def test_rule_11_a_visit_shifted_with_another_names_the_reschedule_to_correct(roster, patient):
    v = by_code(roster, patient.id)
    roster.reschedule(v["M2"].id, date(2026, 12, 3), "away", WHO, TODAY, shift_later=True)
    with pytest.raises(InputRefused, match=rf"moved with M2.*visit {v['M2'].id}"):
        roster.correct("reschedule", v["M4"].id, "slip", WHO, TODAY)


def test_rule_11_an_event_entered_before_a_visit_existed_is_not_applied_to_it_again(
        roster, patient):
    """Lost to follow-up, then a re-infusion (its visits come after the loss), then a death:
    taking back the death leaves the re-infusion's visits open, as they were before it. (A
    withdrawal would refuse the re-infusion: rule 12.)"""
    roster.record_event(patient.id, "lost_to_follow_up", date(2026, 10, 15), WHO, TODAY)
    roster.reinfuse(patient.id, NewTreatment("tisagenlecleucel", date(2026, 10, 15),
                                             ("b-all-cd19",)), WHO, TODAY)
    before = schedule(roster, patient.id)
    death, _ = roster.record_event(patient.id, "death", date(2026, 10, 15), WHO, TODAY)
    roster.correct("event", death, "wrong chart", WHO, TODAY)
    assert schedule(roster, patient.id) == before


def test_rule_11_any_stack_of_entries_taken_back_in_any_order_gives_back_the_schedule(
        tmp_path_factory):
    """A correction refused because a later entry rests on it names that entry; taking the
    entries back in any order, the refused ones again after the others, always ends where the
    patient started."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cartclinic.roster import Roster

    @settings(max_examples=25)
    @given(st.lists(_operation(), min_size=1, max_size=6), st.randoms(use_true_random=False))
    def check(ops, rnd):
        roster = Roster.open(tmp_path_factory.mktemp("any") / "r.db")
        try:
            p = add_patient(roster, TODAY, infusion=INFUSION)
            before = schedule(roster, p.id)
            left = [entry for op in ops if (entry := _apply(roster, p.id, op)) is not None]
            rnd.shuffle(left)
            while left:
                refused = []
                for kind, entry_id in left:
                    count = audit_count(roster)
                    try:
                        roster.correct(kind, entry_id, "entered in error", WHO, TODAY)
                    except InputRefused as exc:
                        assert "first" in str(exc) or "instead" in str(exc), str(exc)
                        assert audit_count(roster) == count
                        refused.append((kind, entry_id))
                assert len(refused) < len(left), refused  # the newest can always go
                left = refused
            assert schedule(roster, p.id) == before
            assert roster.store.verify_audit() == []
        finally:
            roster.close()

    check()


@pytest.mark.parametrize("kind", ["withdrawal", "lost_to_follow_up"])
def test_rule_9_the_same_ending_twice_is_refused(roster, patient, kind):
    roster.record_event(patient.id, kind, date(2026, 11, 20), WHO, TODAY)
    count = audit_count(roster)
    with pytest.raises(InputRefused, match="already recorded with"):
        roster.record_event(patient.id, kind, date(2026, 11, 21), WHO, TODAY)
    assert audit_count(roster) == count


def test_rule_11_a_patients_audit_rows_keep_a_record_entered_in_error_and_its_correction(
        roster, patient):
    from cartclinic.access_request import patient_record

    d28 = by_code(roster, patient.id)["D28"]
    rid = roster.record_visit(d28.id, date(2026, 10, 30), WHO, TODAY,
                              labs=[LabResult("IgG", "3.1", "g/L")]).record_id
    roster.correct("record", rid, "wrong visit", WHO, TODAY)
    trail = {(a["table_name"], a["action"]) for a in patient_record(roster, "A100", TODAY)["audit"]}
    assert {("visit_records", "insert"), ("visit_records", "delete"), ("lab_results", "insert"),
            ("lab_results", "delete"), ("corrections", "insert"),
            ("visit_changes", "update")} <= trail


@pytest.mark.parametrize("kind", ["death", "withdrawal", "lost_to_follow_up", "relapse",
                                  "progression", "allo_hct", "re_infusion"])
@pytest.mark.parametrize("day", [date(2026, 10, 20), date(2026, 11, 20), date(2026, 11, 27)])
def test_rule_11_a_correction_applies_each_event_rule_as_recording_the_event_does(
        roster, kind, day):
    """A correction that reopens a visit asks whether a later event would have ended it
    (`corrections._event_ends`); recording the event decides it in `Roster.preview_event`. The
    two must agree visit by visit, or a correction would not give back the schedule the event
    would have left."""
    from cartclinic.corrections import _event_ends
    from cartclinic.model import Event

    p = add_patient(roster, TODAY, infusion=date(2026, 6, 1), tracked_from=date(2026, 6, 1))
    m3 = by_code(roster, p.id)["M3"]
    roster.record_visit(m3.id, date(2026, 9, 2), WHO, TODAY)
    hit = {v.id for v in roster.preview_event(p.id, kind, day, TODAY).visits_to_cancel}
    treatments = {t.id: t for t in roster.store.treatments(p.id)}
    (t,) = treatments.values()
    e = Event(patient_id=p.id, kind=kind, event_date=day, who=WHO, id=1,
              treatment_id=t.id if kind == "re_infusion" else None)
    ends = {v.id for v in roster.store.visits(patient_id=p.id)
            if v.done_on is None and not v.cancelled_reason and v.missed_on is None
            and _event_ends(e, v, TODAY, treatments)}
    assert ends == hit


def test_rule_11_a_reinfusion_whose_call_was_entered_in_error_can_be_entered_in_error(
        roster, patient):
    """A call about a visit of the re-infusion blocks its correction until the call is marked
    entered in error; after that it must not block for ever (it did: the corrected call still
    held the visit, and a call cannot be corrected twice)."""
    before = schedule(roster, patient.id)
    new_id = roster.reinfuse(patient.id, NewTreatment("tisagenlecleucel", date(2026, 11, 20),
                                                      ("b-all-cd19",)), WHO, TODAY)
    (event,) = [e for e in roster.store.events(patient.id) if e.kind == "re_infusion"]
    d1 = by_code(roster, patient.id, new_id)["D1"]
    call_id = roster.record_call(patient.id, "no_answer", WHO, TODAY, visit_id=d1.id)
    with pytest.raises(InputRefused, match=rf"call on {TODAY} \(call {call_id}\).*correct that"):
        roster.correct("event", event.id, "postponed", WHO, TODAY)
    roster.correct("call", call_id, "wrong patient", WHO, TODAY)
    roster.correct("event", event.id, "postponed", WHO, TODAY)
    assert schedule(roster, patient.id) == before
    (call,) = roster.store.calls(patient.id, with_corrected=True)
    assert call.corrected_by is not None and call.visit_id is None
    kept = next(c for c in roster.store.corrections(patient.id) if c.kind == "call")
    assert kept.entry["visit_id"] == d1.id  # the trail keeps which visit it was about
    assert roster.store.verify_audit() == []


def test_rule_11_a_loss_to_follow_up_undone_then_lost_again_the_first_can_be_entered_in_error(
        roster, patient):
    """The patient was lost, came back (undone), was lost again. The first loss entered in
    error changes nothing more (the undo gave its visits back) and is not refused for the
    second loss's cancellations; the second then gives back the schedule."""
    before = schedule(roster, patient.id)
    first, _ = roster.record_event(patient.id, "lost_to_follow_up", date(2026, 11, 10), WHO, TODAY)
    roster.undo_lost_to_follow_up(first, WHO, TODAY)
    second, _ = roster.record_event(patient.id, "lost_to_follow_up", date(2026, 11, 20), WHO,
                                    TODAY)
    lost_again = schedule(roster, patient.id)
    assert lost_again != before
    roster.correct("event", first, "the first loss was another patient's", WHO, TODAY)
    assert schedule(roster, patient.id) == lost_again
    roster.correct("event", second, "so was the second", WHO, TODAY)
    assert schedule(roster, patient.id) == before
    assert roster.store.verify_audit() == []


def test_rule_11_an_undone_loss_whose_visit_a_relapse_kept_ended_gives_it_to_the_relapse(
        roster, patient):
    """Undoing a loss leaves a response visit a later relapse would have ended cancelled by
    the loss; entering the loss in error then hands it to the relapse, as if never lost."""
    first, _ = roster.record_event(patient.id, "lost_to_follow_up", date(2026, 11, 10), WHO, TODAY)
    roster.record_event(patient.id, "relapse", date(2026, 11, 20), WHO, TODAY)
    roster.undo_lost_to_follow_up(first, WHO, TODAY)
    m3 = by_code(roster, patient.id)["M3"]
    assert m3.cancelled_by_event == first
    roster.correct("event", first, "slip", WHO, TODAY)
    m3 = by_code(roster, patient.id)["M3"]
    assert m3.cancelled_reason == "relapse on 2026-11-20"
