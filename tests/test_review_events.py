"""CLINICAL.md's review, events part: secondary malignancy (T-cell as its own kind) and its task
"report to the manufacturer and arrange sample testing", serious infection, hospitalisation,
late neurotoxicity, and what the vaccine flag reads (immunoglobulin, anti-CD19/CD20 therapy).
None cancels a visit (rule 9 lists those that do); each is shown first, corrected like any
event (rule 11), and listed by `patient --json`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import WHO, add_patient, program_before_visit_translations
from test_cli import run
from test_cli_entries import TODAY as CLI_TODAY
from test_cli_entries import db, patient, schedule  # noqa: F401 (db is a fixture)

from cartclinic.errors import InputRefused
from cartclinic.model import MALIGNANCY_EVENTS, ClinicSettings

TODAY = date(2026, 11, 27)
RECORDED_ONLY = ["secondary_malignancy", "t_cell_malignancy", "serious_infection",
                 "hospitalisation", "late_neurotoxicity", "parkinsonism", "cranial_nerve_palsy",
                 "immunoglobulin", "anti_cd19_cd20"]


def visits(roster, patient_id):
    return [(v.id, v.code, v.scheduled, v.cancelled_reason, v.status(TODAY))
            for v in roster.store.visits(patient_id=patient_id)]


@pytest.mark.parametrize("kind", RECORDED_ONLY)
def test_review_new_events_cancel_no_visit_rule_9(roster, kind):
    p = add_patient(roster, TODAY)
    before = visits(roster, p.id)
    preview = roster.preview_event(p.id, kind, date(2026, 11, 20), TODAY)
    assert preview.visits_to_cancel == ()
    assert "is recorded; no visit is cancelled." in preview.message
    assert ("Report to the manufacturer and arrange sample testing: a task on the patient's "
            "page until it is marked done." in preview.message) == (kind in MALIGNANCY_EVENTS)
    roster.record_event(p.id, kind, date(2026, 11, 20), WHO, TODAY, expected_cancellations=[])
    assert visits(roster, p.id) == before
    assert [e.kind for e in roster.store.events(p.id)] == [kind]


@pytest.mark.parametrize("kind", ["secondary_malignancy", "t_cell_malignancy"])
def test_review_secondary_malignancy_raises_report_task_until_marked_done(roster, kind):
    p = add_patient(roster, TODAY)
    roster.record_event(p.id, kind, date(2026, 11, 20), WHO, TODAY)
    (task,) = roster.open_tasks(p.id)
    assert (task.kind, task.created_on, task.done_on) == ("report_manufacturer", TODAY, None)
    texts = [f.text for f in roster.clinical_flags(p.id, date(2027, 6, 1))]
    assert ("Report to the manufacturer and arrange sample testing (new malignancy recorded "
            "2026-11-27)") in texts
    roster.mark_task_done(task.id, WHO, date(2026, 11, 28))
    assert roster.open_tasks(p.id) == []
    (done,) = roster.store.tasks(p.id)
    assert (done.done_on, done.done_by) == (date(2026, 11, 28), WHO)
    assert not any(f.code == "task" for f in roster.clinical_flags(p.id, TODAY))


def test_review_other_events_raise_no_task(roster):
    p = add_patient(roster, TODAY)
    for kind in ("serious_infection", "hospitalisation", "parkinsonism"):
        roster.record_event(p.id, kind, date(2026, 11, 20), WHO, TODAY)
    assert roster.store.tasks(p.id) == []


def test_review_malignancy_entered_in_error_takes_its_task_rule_11(roster):
    p = add_patient(roster, TODAY)
    before = visits(roster, p.id)
    event_id, _ = roster.record_event(p.id, "secondary_malignancy", date(2026, 11, 20), WHO, TODAY)
    roster.correct("event", event_id, "wrong patient", WHO, TODAY)
    assert roster.open_tasks(p.id) == []
    assert visits(roster, p.id) == before
    assert roster.store.events(p.id) == []


def test_review_event_kind_not_known_is_refused(roster):
    p = add_patient(roster, TODAY)
    with pytest.raises(InputRefused, match="'malignancy' is not one of"):
        roster.record_event(p.id, "malignancy", date(2026, 11, 20), WHO, TODAY)


def test_review_jurisdiction_and_prophylaxis_months_are_stored_settings(roster):
    roster.save_settings(ClinicSettings(jurisdiction="UK", antiviral_months=18, pjp_months=9,
                                        entecavir_months=12), WHO, TODAY)
    s = roster.settings()
    assert (s.jurisdiction, s.antiviral_months, s.pjp_months) == ("UK", 18, 9)
    with pytest.raises(InputRefused) as refused:
        roster.save_settings(ClinicSettings(jurisdiction="FR", pjp_months=0), WHO, TODAY)
    assert refused.value.reasons == ["jurisdiction: 'FR' is not one of US, UK, EU",
                                     "pjp months: give a number of months from 1 to 60"]
    assert roster.settings().jurisdiction == "UK"


def test_review_countdown_follows_the_clinic_jurisdiction(roster):
    p = add_patient(roster, TODAY, infusion=date(2026, 11, 20))  # tisagenlecleucel
    texts = {f.code: f.text for f in roster.clinical_flags(p.id, TODAY)}
    assert texts["near_centre"] == ("stay near the centre: 7 days left (until 2026-12-04; "
                                    "Kymriah, US)")
    roster.save_settings(ClinicSettings(jurisdiction="UK"), WHO, TODAY)
    texts = {f.code: f.text for f in roster.clinical_flags(p.id, TODAY)}
    assert texts["near_centre"] == ("stay near the centre: 21 days left (until 2026-12-18; "
                                    "Kymriah, UK)")
    assert texts["no_driving"] == "no driving: 49 days left (until 2027-01-15; Kymriah, UK)"


def test_review_clinic_products_file_beside_the_roster_is_read(roster, roster_path):
    (roster_path.parent / "products.toml").write_text(
        '[[product]]\nname = "Kymriah"\ntarget = "CD19"\n'
        'US = { near_centre_days = 21, no_driving_days = 21 }\n', encoding="utf-8")
    p = add_patient(roster, TODAY, infusion=date(2026, 11, 20))
    texts = {f.code: f.text for f in roster.clinical_flags(p.id, TODAY)}
    assert "until 2026-12-11" in texts["near_centre"]


def test_review_broken_clinic_products_file_is_named_on_the_flags_not_a_crash(roster, roster_path):
    bad = roster_path.parent / "products.toml"
    bad.write_text('[[product]]\nname = "Kymriah"\ntarget = "CD19"\nUS = { near = 3 }\n',
                   encoding="utf-8")
    p = add_patient(roster, TODAY, infusion=date(2026, 11, 20))
    texts = {f.code: f.text for f in roster.clinical_flags(p.id, TODAY)}
    assert texts["product_table"] == (
        f"The clinic's product table is refused, the shipped one is used: {bad}: product "
        "'Kymriah': US.near: unknown field (known: near_centre_days, no_driving_days, "
        "daily_monitoring_days)")
    assert "until 2026-12-04" in texts["near_centre"]  # the shipped 14 days


# -- the command line --------------------------------------------------------------------
def test_review_cli_event_secondary_malignancy_shows_first_then_records_task_in_json(db):  # noqa: F811
    before = schedule(patient(db))
    shown = run("event", "A1", "t-cell-malignancy", "--date", "2026-11-20", "--today", CLI_TODAY,
                "--json", db=db)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == [] and patient(db)["events"] == []
    done = run("event", "A1", "t_cell_malignancy", "--date", "2026-11-20", "--today", CLI_TODAY,
               "--yes", db=db)
    assert done.returncode == 0, done.stderr
    data = patient(db)
    assert schedule(data) == before
    (e,) = data["events"]
    assert (e["kind"], e["date"], e["entered_in_error"]) == ("t_cell_malignancy", "2026-11-20", False)
    (task,) = data["tasks"]
    assert (task["kind"], task["event_id"], task["done_on"]) == ("report_manufacturer", e["id"], None)
    assert any(f["code"] == "task" and f["urgent"] for f in data["flags"])
    fixed = run("correct", "event", str(e["id"]), "--reason", "wrong patient",
                "--today", CLI_TODAY, db=db)
    assert fixed.returncode == 0, fixed.stderr
    data = patient(db)
    assert data["events"][0]["entered_in_error"] is True
    assert not any(f["code"] == "task" for f in data["flags"])


@pytest.mark.parametrize("word, kind", [
    ("serious-infection", "serious_infection"), ("hospitalization", "hospitalisation"),
    ("cranial-nerve-palsy", "cranial_nerve_palsy"), ("IVIG", "immunoglobulin"),
    ("anti-cd19-cd20", "anti_cd19_cd20"),
])
def test_review_cli_event_words_for_the_new_kinds(db, word, kind):  # noqa: F811
    r = run("event", "A1", word, "--date", "2026-11-20", "--today", CLI_TODAY, "--yes", db=db)
    assert r.returncode == 0, r.stderr
    assert [e["kind"] for e in patient(db)["events"]] == [kind]


def test_review_migration_0010_keeps_events_ids_and_the_visits_they_cancelled(tmp_path, monkeypatch):
    """An older roster's events (here a death that cancelled visits) come through the rebuild
    of `events` with their ids, the visits still name them, the audit chain still holds, and
    the new kinds and `tasks` work on it."""
    import sqlite3

    from sqlite_utils import Database

    from cartclinic.roster import Roster
    from cartclinic.store.sqlite.schema import STEPS, ensure_triggers, migration_set
    from cartclinic.store.sqlite.store import PRAGMAS, SqliteStore

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        conn.execute(pragma)
    migration_set().apply(Database(conn), stop_before="0010_events_and_tasks")
    ensure_triggers(Database(conn))
    conn.close()
    # the program of that time wrote the patients' columns it had: a later migration's column
    # (0012's letter language) is not there yet
    from cartclinic.store.sqlite import store as store_sqlite

    with monkeypatch.context() as m:
        m.setattr(store_sqlite, "_PATIENT_COLUMNS",
                  store_sqlite._PATIENT_COLUMNS.replace(", language", ""))
        row = store_sqlite._patient_row
        m.setattr(store_sqlite, "_patient_row",
                  lambda patient: {k: v for k, v in row(patient).items() if k != "language"})
        program_before_visit_translations(m)  # nor 0013's visit columns
        r = Roster(SqliteStore(path, _connect(path)))
        p = add_patient(r, TODAY)
        event_id, preview = r.record_event(p.id, "death", date(2026, 11, 20), WHO, TODAY)
        cancelled = sorted(v.id for v in preview.visits_to_cancel)
        assert cancelled
        r.close()
    r = Roster.open(path)
    try:
        assert r.store.schema_version() == [name for name, _ in STEPS]
        (e,) = r.store.events(p.id)
        assert (e.id, e.kind, e.event_date) == (event_id, "death", date(2026, 11, 20))
        assert sorted(v.id for v in r.store.visits(patient_id=p.id)
                      if v.cancelled_by_event == event_id) == cancelled
        assert r.store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert r.store.verify_audit() == []
        r.store.conn.execute("SELECT COUNT(*) FROM tasks").fetchone()
    finally:
        r.close()


def _connect(path):
    import sqlite3

    from cartclinic.store.sqlite.store import PRAGMAS

    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def test_review_letter_tells_the_patient_until_when_to_stay_near_and_not_drive(roster):
    """The patient's letter says the product table's days for the clinic's jurisdiction while
    they last, and nothing once they are over or the product is unknown."""
    from dataclasses import replace
    from datetime import datetime

    from cartclinic.printing import letter_data

    roster.save_settings(replace(roster.settings(), clinic_phone="+44 151 556 5000",
                                 jurisdiction="UK"), WHO, TODAY)
    p = add_patient(roster, TODAY, infusion=date(2026, 11, 20))  # tisagenlecleucel
    letter = letter_data(roster, p, TODAY, datetime(2026, 11, 27, 9))
    assert (letter.stay_near_until, letter.no_driving_until) == (date(2026, 12, 18),
                                                                 date(2027, 1, 15))
    later = letter_data(roster, p, date(2026, 12, 18), datetime(2026, 12, 18, 9))
    assert (later.stay_near_until, later.no_driving_until) == (None, date(2027, 1, 15))


def test_review_letter_pdf_says_the_dates_in_words(roster, tmp_path):
    from dataclasses import replace

    from pypdf import PdfReader

    from cartclinic.printing import print_document

    roster.save_settings(replace(roster.settings(), clinic_phone="+44 151 556 5000"), WHO, TODAY)
    p = add_patient(roster, TODAY, infusion=date(2026, 11, 20))
    out = tmp_path / "letter.pdf"
    print_document(roster, "letter", p.mrn, out, WHO, TODAY)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Please stay near the treatment centre until Friday 4 December 2026." in text
    assert "Please do not drive until Friday 4 December 2026." in text
