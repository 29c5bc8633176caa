"""The command line's `patient`, `event` and `correct` (DESIGN.md's table; rule 11), through a
subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import run

TODAY = "2026-11-27"
CSV = ("mrn,name,date_of_birth,diagnosis,product,infusion_date,protocol,tracked_from\n"
       "A1,Ann Lee,1950-01-01,B-ALL,tisagenlecleucel,2026-10-01,b-all-cd19,2026-10-01\n"
       "B2,Bob Ng,1951-01-01,LBCL,axi-cel,2026-06-01,lbcl-cd19,2026-06-01\n")
VISIT_FIELDS = {"visit_id", "mrn", "name", "phone", "protocol", "code", "label", "kind", "target",
                "window_start", "window_end", "scheduled", "status", "flags", "treatment", "day"}


# the command line on a file and on a PostgreSQL server (issue 14)
pytestmark = pytest.mark.both_backends


@pytest.fixture
def db(tmp_path, roster_url: str) -> Path | str:
    db = Path(roster_url) if "://" not in roster_url else roster_url
    csv = tmp_path / "in.csv"
    csv.write_text(CSV, encoding="utf-8")
    r = run("import", str(csv), "--today", TODAY, db=db)
    assert r.returncode == 0, r.stderr
    return db


def patient(db: Path | str, mrn: str = "A1") -> dict:
    r = run("patient", mrn, "--today", TODAY, "--json", db=db)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def schedule(data: dict) -> list[tuple]:
    return [(v["visit_id"], v["code"], v["scheduled"], v["window_start"], v["window_end"],
             v["status"], v["flags"], v["cancelled_reason"]) for v in data["visits"]]


def test_patient_json_has_state_treatments_visits_with_day_counts_events_and_flags(db):
    data = patient(db)
    assert (data["mrn"], data["state"], data["state_date"]) == ("A1", "active", None)
    (t,) = data["treatments"]
    assert (t["day0"], t["product"], t["protocols"]) == ("2026-10-01", "tisagenlecleucel",
                                                          ["b-all-cd19"])
    assert all(set(v) >= VISIT_FIELDS for v in data["visits"])
    d28 = next(v for v in data["visits"] if v["code"] == "D28")
    assert (d28["treatment"], d28["day"], d28["scheduled"], d28["status"]) == (
        "2026-10-01", 28, "2026-10-29", "overdue")
    assert data["events"] == [] and isinstance(data["flags"], list)
    text = run("patient", "A1", "--today", TODAY, db=db)
    assert text.returncode == 0 and "Ann Lee" in text.stdout and "D28" in text.stdout
    assert run("patient", "NOPE", db=db).returncode == 1


def test_rule_11_event_without_yes_lists_what_it_would_cancel_and_never_writes(db):
    before = patient(db)
    audit = run("audit", db=db).stdout
    file_bytes = db.read_bytes() if isinstance(db, Path) else None
    r = run("event", "A1", "death", "--date", "2026-11-25", "--today", TODAY, "--json", db=db)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"code", "label", "scheduled"} <= set(rows[0])
    assert {row["code"] for row in rows} >= {"D28", "M2", "M3", "Y2"}
    text = run("event", "A1", "death", "--date", "2026-11-25", "--today", TODAY, db=db)
    assert "would cancel" in text.stdout and "Nothing was changed" in text.stdout
    assert run("audit", db=db).stdout == audit
    assert run("audit", "--verify", db=db).returncode == 0
    if isinstance(db, Path):  # a file: not a byte of it changed (the audit above: nor a server)
        assert db.read_bytes() == file_bytes
    assert patient(db) == before  # last: reading a patient is itself audited


def test_rule_11_patient_json_after_a_death_and_its_correction_is_identical_to_before(db):
    before = patient(db)
    r = run("event", "A1", "death", "--date", "2026-11-25", "--yes", "--today", TODAY, db=db)
    assert r.returncode == 0, r.stderr
    dead = patient(db)
    assert (dead["state"], dead["state_date"]) == ("deceased", "2026-11-25")
    assert {v["status"] for v in dead["visits"] if v["code"] in ("M2", "M3", "Y2")} == {"cancelled"}
    (event,) = dead["events"]
    assert (event["kind"], event["entered_in_error"]) == ("death", False)
    r = run("correct", "event", str(event["id"]), "--reason", "wrong patient's chart",
            "--today", TODAY, db=db)
    assert r.returncode == 0, r.stderr
    after = patient(db)
    assert schedule(after) == schedule(before)
    assert after["visits"] == before["visits"]
    assert (after["state"], after["state_date"]) == ("active", None)
    assert after["events"] == [{**event, "entered_in_error": True}]
    again = run("correct", "event", str(event["id"]), "--reason", "again", db=db)
    assert again.returncode == 1 and "already marked entered in error" in again.stderr
    assert run("audit", "--verify", db=db).returncode == 0


def test_rule_11_correct_record_missed_reschedule_cancellation_result_and_call(db):
    from datetime import date

    from cartclinic.model import LabResult
    from cartclinic.roster import Roster

    before = patient(db)
    ids = {v["code"]: v["visit_id"] for v in before["visits"]}
    r = Roster.open(db)
    try:  # the entries, made as the application makes them
        today = date(2026, 11, 27)
        r.record_visit(ids["D28"], date(2026, 10, 30), "nurse", today,
                       labs=[LabResult("IgG", "3.1", "g/L")])
        r.mark_missed(ids["D21"], "nurse", today)
        r.reschedule(ids["M2"], date(2026, 12, 3), "away", "nurse", today)
        r.cancel_visit(ids["M3"], "elsewhere", "nurse", today)
        call_id = r.record_call(before_id(r), "no_answer", "nurse", today)
    finally:
        r.close()
    result_id = patient(db)["results"][0]["id"]
    for what, key in (("result", result_id), ("record", ids["D28"]), ("missed", ids["D21"]),
                      ("reschedule", ids["M2"]), ("cancellation", ids["M3"]),
                      ("call", call_id)):
        r = run("correct", what, str(key), "--reason", "slip", "--today", TODAY, db=db)
        assert r.returncode == 0, (what, r.stderr)
    assert patient(db)["visits"] == before["visits"]


def before_id(roster) -> int:
    p = roster.store.patient_by_mrn("A1")
    return p.id


@pytest.mark.parametrize("args, message", [
    (("correct", "event", "999", "--reason", "x"), "no event with id 999"),
    (("correct", "record", "999", "--reason", "x"), "no visit with id 999"),
    (("correct", "result", "999", "--reason", "x"), "no lab result with id 999"),
    (("correct", "call", "999", "--reason", "x"), "no call with id 999"),
    (("correct", "missed", "12", "--reason", "x"), "has no missed mark"),
    (("correct", "record", "12", "--reason", "x"), "has no record"),
    (("correct", "event", "abc", "--reason", "x"), "not a number"),
    (("event", "A1", "death", "--date", "2026-12-01", "--today", TODAY, "--yes"), "in the future"),
    (("event", "A1", "relapse", "--date", "2026-09-01", "--today", TODAY, "--yes"),
     "before the first infusion"),
    (("event", "A1", "dead", "--date", "2026-11-01", "--yes"), "is not one of"),
    (("event", "A1", "reinfusion", "--date", "2026-11-01", "--yes"), "--product"),
    (("event", "A1", "reinfusion", "--date", "2026-09-01", "--product", "tisa",
      "--protocol", "b-all-cd19", "--today", TODAY, "--yes"), "infusion"),
])
def test_bad_event_and_correct_input_is_refused_with_exit_1_and_nothing_changed(db, args, message):
    audit = run("audit", db=db).stdout
    r = run(*args, db=db)
    assert r.returncode == 1, r.stdout
    assert message in r.stderr and "Nothing was changed" in r.stderr
    assert run("audit", db=db).stdout == audit


def test_an_empty_reason_is_refused(db):
    run("event", "A1", "allo-hct", "--date", "2026-11-02", "--yes", "--today", TODAY, db=db)
    (event,) = patient(db)["events"]
    r = run("correct", "event", str(event["id"]), "--reason", "  ", db=db)
    assert r.returncode == 1 and "reason" in r.stderr
    assert run("correct", "event", "1").returncode == 2  # --reason missing: usage


def test_a_second_death_is_refused(db):
    assert run("event", "A1", "death", "--date", "2026-11-20", "--yes", "--today", TODAY,
               db=db).returncode == 0
    r = run("event", "A1", "death", "--date", "2026-11-21", "--yes", "--today", TODAY, db=db)
    assert r.returncode == 1 and "already recorded as deceased" in r.stderr


def test_rule_11_a_reinfusion_by_the_command_line_and_its_correction(db):
    before = patient(db)
    r = run("event", "A1", "reinfusion", "--date", "2026-11-20", "--product", "tisagenlecleucel",
            "--protocol", "b-all-cd19", "--today", TODAY, "--json", db=db)
    assert r.returncode == 0, r.stderr
    would = json.loads(r.stdout)
    assert "Y2" in {row["code"] for row in would} and patient(db) == before
    r = run("event", "A1", "reinfusion", "--date", "2026-11-20", "--product", "tisagenlecleucel",
            "--protocol", "b-all-cd19", "--today", TODAY, "--yes", db=db)
    assert r.returncode == 0, r.stderr
    after = patient(db)
    assert [t["day0"] for t in after["treatments"]] == ["2026-10-01", "2026-11-20"]
    (event,) = after["events"]
    assert event["kind"] == "re_infusion"
    r = run("correct", "event", str(event["id"]), "--reason", "postponed", "--today", TODAY, db=db)
    assert r.returncode == 0, r.stderr
    assert patient(db)["visits"] == before["visits"]
    assert len(patient(db)["treatments"]) == 1


def test_rule_11_a_refusal_naming_a_visit_record_gives_the_id_correct_record_takes(db):
    """`correct record` takes the VISIT_ID: a refusal that names a record to correct first
    names it by its visit, so that following the message corrects that record and no other."""
    import re
    from datetime import date

    from cartclinic.roster import Roster

    ids = {v["code"]: v["visit_id"] for v in patient(db)["visits"]}
    r = Roster.open(db)
    try:
        today = date(2026, 11, 27)
        r.mark_missed(ids["D21"], "nurse", today)
        r.record_visit(ids["D21"], today, "nurse", today)  # the record clears the mark
    finally:
        r.close()
    refused = run("correct", "missed", str(ids["D21"]), "--reason", "slip", "--today", TODAY,
                  db=db)
    assert refused.returncode == 1
    named = re.search(r"visit record of D21 \(visit (\d+)\)", refused.stderr)
    assert named, refused.stderr
    assert int(named.group(1)) == ids["D21"]
    first = run("correct", "record", named.group(1), "--reason", "slip", "--today", TODAY, db=db)
    assert first.returncode == 0, first.stderr
    assert "record of D21" in first.stdout
    assert run("correct", "missed", str(ids["D21"]), "--reason", "slip", "--today", TODAY,
               db=db).returncode == 0


def test_rule_11_correct_says_which_event_a_visit_stays_cancelled_by(db):
    for kind, day in (("lost", "2026-11-10"), ("withdrawal", "2026-11-20")):
        r = run("event", "A1", kind, "--date", day, "--yes", "--today", TODAY, db=db)
        assert r.returncode == 0, r.stderr
    lost = next(e for e in patient(db)["events"] if e["kind"] == "lost_to_follow_up")
    r = run("correct", "event", str(lost["id"]), "--reason", "slip", "--today", TODAY, db=db)
    assert r.returncode == 0, r.stderr
    m2 = next(line for line in r.stdout.splitlines() if line.split()[:1] == ["M2"])
    assert "cancelled -> cancelled (withdrawal of consent on 2026-11-20)" in m2, m2


def test_patient_json_says_when_a_loss_to_follow_up_was_undone(db):
    """The patient came back: the event stays listed, and says it no longer counts, or a script
    reading `events` would take a patient shown as active for one lost to follow-up."""
    from cartclinic.roster import Roster

    r = run("event", "A1", "lost", "--date", "2026-11-10", "--yes", "--today", TODAY, db=db)
    assert r.returncode == 0, r.stderr
    (event,) = patient(db)["events"]
    assert event["undone_on"] is None
    roster = Roster.open(db)
    try:
        from datetime import date

        roster.undo_lost_to_follow_up(event["id"], "nurse", date(2026, 11, 27))
    finally:
        roster.close()
    data = patient(db)
    assert data["state"] == "active"
    (event,) = data["events"]
    assert (event["kind"], event["entered_in_error"], event["undone_on"]) == (
        "lost_to_follow_up", False, "2026-11-27")
    text = run("patient", "A1", "--today", TODAY, db=db).stdout
    assert "undone on 2026-11-27" in text


@pytest.mark.parametrize("events, state", [
    ([], ("active", None)),
    ([("lost_to_follow_up", "2026-11-10"), ("withdrawal", "2026-11-20")],
     ("withdrawn", "2026-11-20")),
    ([("withdrawal", "2026-11-10"), ("death", "2026-11-20")], ("deceased", "2026-11-20")),
    ([("lost_to_follow_up", "2026-11-10")], ("lost", "2026-11-10")),
])
def test_rule_12_patient_gives_the_state_the_patient_page_shows(db, events, state):
    """One definition of the state (Roster.patient_state), in the command line's words."""
    from datetime import date

    from cartclinic.cli_patient import patient_json
    from cartclinic.roster import Roster

    roster = Roster.open(db)
    try:
        p = roster.find_patient("A1")
        for kind, day in events:
            roster.record_event(p.id, kind, date.fromisoformat(day), "nurse", date(2026, 11, 27))
        data = patient_json(roster, p, date(2026, 11, 27))
        page = roster.patient_state(p.id)
    finally:
        roster.close()
    assert (data["state"], data["state_date"]) == state
    assert data["state_date"] == (page.since.isoformat() if page.since else None)


def test_rule_11_correct_reschedule_shows_the_day_the_visit_goes_back_from(db):
    from datetime import date

    from cartclinic.roster import Roster

    m2 = next(v for v in patient(db)["visits"] if v["code"] == "M2")
    r = Roster.open(db)
    try:
        r.reschedule(m2["visit_id"], date(2026, 12, 3), "away", "nurse", date(2026, 11, 27))
    finally:
        r.close()
    out = run("correct", "reschedule", str(m2["visit_id"]), "--reason", "slip", "--today", TODAY,
              db=db)
    assert out.returncode == 0, out.stderr
    line = next(line for line in out.stdout.splitlines() if line.split()[:1] == ["M2"])
    assert f"2026-12-03 -> {m2['scheduled']}" in line, line
