"""A visit's texts kept once (migration 0019, issue 14 item 2): label and assessments, English
and Chinese, are stored once per distinct text in `visit_texts` and named by id from each visit,
not in every visit row and its index. Nothing a person sees or the audit trail holds changes: a
visit reads as before, its audit image is of the visit with its texts, and a text changed behind
the program's back is named by the audit check on every visit that uses it."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import WHO, add_patient

from cartclinic.roster import Roster
from cartclinic.schedule import PlannedVisit

pytestmark = pytest.mark.both_backends
FIXTURES = Path(__file__).parent / "fixtures"


def planned(code: str, label: str, *, label_zh: str = "", assessments=("CBC",),
            assessments_zh=()) -> PlannedVisit:
    day = date(2027, 3, 15)
    return PlannedVisit(
        protocol_id="ltfu-15y", code=code, label=label, kind="ltfu", any_day=False,
        assessments=tuple(assessments), target=day, window_start=day - timedelta(days=30),
        window_end=day + timedelta(days=30), scheduled=day, label_zh=label_zh,
        assessments_zh=tuple(assessments_zh))


def count(roster: Roster, sql: str) -> int:
    return int(roster.store.conn.execute(sql).fetchone()[0])


def treatment_of(roster: Roster, patient_id: int) -> int:
    return roster.store.treatments(patient_id)[0].id


def test_the_texts_of_many_visits_are_kept_once(roster, today):
    for i in range(3):
        add_patient(roster, today, mrn=f"T{i}", name=f"Patient {i}")
    visits = count(roster, "SELECT count(*) FROM visits")
    distinct = count(roster, "SELECT count(*) FROM (SELECT DISTINCT label, assessments, label_zh, "
                             "assessments_zh FROM visits_with_texts) d")
    assert visits >= 3 * distinct > 0  # three patients on the same protocols share every text
    assert count(roster, "SELECT count(*) FROM visit_texts") == distinct
    # and the visit rows hold none of them
    columns = {d[0] for d in roster.store.conn.execute(
        "SELECT * FROM visits LIMIT 1").description}
    assert "texts" in columns and not {"label", "assessments", "label_zh",
                                       "assessments_zh"} & columns


def test_a_visit_reads_back_the_texts_it_was_planned_with(roster, today):
    p = add_patient(roster, today)
    tid = treatment_of(roster, p.id)
    with roster.store.write(WHO):
        roster.store.add_visits(tid, [
            planned("X1", "Extra check", label_zh="加查", assessments=("CBC", "CRP"),
                    assessments_zh=("血常规", "C反应蛋白")),
            planned("X2", "Extra check", assessments=("CBC", "CRP")),
        ])
    got = {v.code: v for v in roster.store.visits(patient_id=p.id) if v.code.startswith("X")}
    assert (got["X1"].label, got["X1"].assessments, got["X1"].label_zh,
            got["X1"].assessments_zh) == ("Extra check", ("CBC", "CRP"), "加查",
                                          ("血常规", "C反应蛋白"))
    # the same English without Chinese is another text, not the first one's
    assert (got["X2"].label_zh, got["X2"].assessments_zh) == ("", ())
    assert roster.store.verify_audit() == []


def test_a_relabelled_visit_gets_other_texts_and_its_audit_entry_names_the_label(roster, today):
    a = add_patient(roster, today, mrn="A1")
    b = add_patient(roster, today, mrn="B1", name="Other patient")
    visit = roster.store.visits(patient_id=a.id)[0]
    before = [v.label for v in roster.store.visits(patient_id=b.id)]
    with roster.store.write(WHO):
        roster.store.update_visit(visit.id, label="Renamed visit")
    assert roster.store.visit(visit.id).label == "Renamed visit"
    # the other patient's visits, which shared the old texts, keep them
    assert [v.label for v in roster.store.visits(patient_id=b.id)] == before
    last = [e for e in roster.store.audit_rows() if e["table_name"] == "visits"][-1]
    assert (last["action"], last["old"], last["new"]) == (
        "update", f'{{"label": "{visit.label}"}}', '{"label": "Renamed visit"}')
    assert roster.store.verify_audit() == []


def test_texts_added_by_an_undone_write_are_added_again_by_the_next(roster, today):
    p = add_patient(roster, today)
    tid = treatment_of(roster, p.id)
    with pytest.raises(RuntimeError), roster.store.write(WHO):
        roster.store.add_visits(tid, [planned("X1", "Only once")])
        raise RuntimeError("the nurse cancelled")
    assert count(roster, "SELECT count(*) FROM visit_texts WHERE label = 'Only once'") == 0
    with roster.store.write(WHO):
        roster.store.add_visits(tid, [planned("X1", "Only once")])
    assert roster.store.visit(max(v.id for v in roster.store.visits())).label == "Only once"
    assert count(roster, "SELECT count(*) FROM visit_texts WHERE label = 'Only once'") == 1


def test_a_visits_texts_are_never_changed_or_removed(roster, today):
    add_patient(roster, today)
    conn = roster.store.conn
    with pytest.raises(Exception, match="never changed"):
        conn.execute("UPDATE visit_texts SET label = 'Other' WHERE id = 1")
    with pytest.raises(Exception, match="never changed"):
        conn.execute("DELETE FROM visit_texts WHERE id = 1")
    if conn.in_transaction:  # the server's refused statement ended its transaction
        conn.execute("ROLLBACK")


def test_a_visit_without_texts_is_refused(roster, today):
    add_patient(roster, today)
    with pytest.raises(Exception, match="texts"):
        roster.store.conn.execute("UPDATE visits SET texts = NULL WHERE id = 1")
    if roster.store.conn.in_transaction:
        roster.store.conn.execute("ROLLBACK")


@pytest.mark.sqlite_only("edits the file behind the program's back, triggers dropped")
def test_a_text_changed_outside_the_program_is_named_on_every_visit_that_uses_it(
        roster_path, today):
    r = Roster.open(roster_path)
    add_patient(r, today, mrn="A1")
    add_patient(r, today, mrn="B1", name="Other patient")
    label = r.store.visits()[0].label
    users = [v.id for v in r.store.visits() if v.label == label]
    r.close()
    conn = sqlite3.connect(roster_path, isolation_level=None)
    conn.execute("DROP TRIGGER visit_texts_no_update")
    conn.execute("UPDATE visit_texts SET label = 'Tampered' WHERE label = ?", (label,))
    conn.close()
    r = Roster.open(roster_path)
    try:
        problems = r.store.verify_audit()
    finally:
        r.close()
    assert len(users) == 2
    # (a visit's insert entry keeps its image hash only, so the field is not named)
    assert problems == [f"visits row {vid}: changed outside the program (it no longer matches "
                        "its last audit entry)" for vid in sorted(users)]


@pytest.mark.sqlite_only("the migration of a SQLite roster, from its committed fixture")
def test_migration_0019_gives_every_visit_the_texts_it_held(tmp_path):
    path = tmp_path / "roster.db"
    shutil.copy(FIXTURES / "roster-0018_audit_groups.db", path)
    conn = sqlite3.connect(path, isolation_level=None)
    held = {
        "A1": ("Day 28", '["CBC", "CRP"]', "", "[]"),
        "A2": ("Day 28", '["CBC", "CRP"]', "", "[]"),
        "A3": ("Day 28", '["CBC", "CRP"]', "第28天", '["血常规", "C反应蛋白"]'),
        "A4": ("Month 3", "[]", "", "[]"),
    }
    for code, (label, assessments, label_zh, assessments_zh) in held.items():
        conn.execute(
            "INSERT INTO visits (treatment_id, protocol_id, code, label, kind, assessments, "
            "target, window_start, window_end, scheduled, tracked_from, label_zh, "
            "assessments_zh) VALUES (1, 'ltfu-15y', ?, ?, 'ltfu', ?, '2027-01-01', "
            "'2027-01-01', '2027-01-01', '2027-01-01', '2016-03-15', ?, ?)",
            (code, label, assessments, label_zh, assessments_zh))
    before = conn.execute("SELECT count(DISTINCT label || assessments || label_zh || "
                          "assessments_zh) FROM visits").fetchone()[0]
    conn.close()
    r = Roster.open(path)
    try:
        import json

        got = {v.code: (v.label, json.dumps(list(v.assessments), ensure_ascii=False),
                        v.label_zh, json.dumps(list(v.assessments_zh), ensure_ascii=False))
               for v in r.store.visits()}
        assert {c: got[c] for c in held} == held
        assert got["Y11"][0] == "Year 11"  # the fixture's own visit
        assert count(r, "SELECT count(*) FROM visit_texts") == before == 4
    finally:
        r.close()


def test_a_text_the_rules_refuse_is_refused_as_a_visit_would_be(roster, today):
    from cartclinic.errors import InputRefused

    p = add_patient(roster, today)
    before = roster.store.visits(patient_id=p.id)
    with pytest.raises(InputRefused, match=r"visit(s|_texts): refused by the roster.s rules"), \
            roster.store.write(WHO):
        roster.store.add_visits(treatment_of(roster, p.id), [planned("X1", "Long",
                                                                     label_zh="长" * 201)])
    assert roster.store.visits(patient_id=p.id) == before


def test_the_view_of_a_visit_with_its_texts_has_every_column_of_a_visit(roster):
    """`visits_with_texts` names its columns one by one: a column a later migration adds to
    `visits` must be added to it too, or that column would be left out of the audit image
    (and a change to it behind the program's back would go unseen)."""
    def columns(source: str) -> set[str]:
        cur = roster.store.conn.execute(f"SELECT * FROM {source} LIMIT 0")
        return {d[0] for d in cur.description}

    assert columns("visits_with_texts") == columns("visits") - {"texts"} | {
        "label", "assessments", "label_zh", "assessments_zh"}
