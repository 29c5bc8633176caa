"""Rule 15, triage order: within a section, `safety` visits in the first 28 days after their
treatment's day 0 come first, then by days late (most first), then by scheduled date (then
name and visit id). One order for the worklist screen, `due`, the day list and the phone list.

Today is Friday 2026-11-27; Saturday and Sunday closed. The roster:
- "Safety Early", B-ALL, infused Sat 2026-11-21: D1–D5 missed (overdue 5…1 days), D6 today,
  D7 tomorrow, D10 Tue 1 Dec, D14 Fri 4 Dec, D21 Fri 11 Dec, D28 Fri 18 Dec.
- "Registry Late" and "Adams", registry forms only, infused Sun 2026-05-31: the pre-infusion
  forms (day 30, Tue 30 Jun) are 150 days late, the day-100 form scheduled Tue 8 Sep is 80 days
  late; the month-6 form is due today.
- "Late Response", B-ALL, infused Tue 2026-10-27, tracked from 22 Nov: D28 scheduled Tue 24 Nov,
  3 days late with its window open to 1 Dec.
- "Week Registry", registry, infused Sat 2026-08-22: pre-infusion forms (Mon 21 Sep) 67 days
  late; day-100 form due, scheduled Mon 30 Nov.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from helpers import WHO, add_patient, db_arg

from cartclinic import views
from cartclinic.printing import day_list_data

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends

TODAY = date(2026, 11, 27)


@pytest.fixture
def triage(roster):
    add_patient(roster, TODAY, mrn="SAF", name="Safety Early", infusion=date(2026, 11, 21))
    add_patient(roster, TODAY, mrn="REG", name="Registry Late", infusion=date(2026, 5, 31),
                protocols=("registry-cibmtr",))
    add_patient(roster, TODAY, mrn="ADA", name="Adams", infusion=date(2026, 5, 31),
                protocols=("registry-cibmtr",))
    add_patient(roster, TODAY, mrn="LATE", name="Late Response", infusion=date(2026, 10, 27),
                tracked_from=date(2026, 11, 22))
    add_patient(roster, TODAY, mrn="WEEK", name="Week Registry", infusion=date(2026, 8, 22),
                protocols=("registry-cibmtr",))
    return roster


def _lines(entries):
    out = []
    for e in entries:
        mrn = e.patient.mrn if hasattr(e, "patient") else e.visit.mrn
        out.append((mrn, e.visit.code, e.visit.scheduled.isoformat(), e.days_late))
    return out


# (mrn, code, scheduled, days late), in the order every list shows them
RULE_15_SECTIONS = {
    views.OVERDUE: [
        ("SAF", "D1", "2026-11-22", 5),   # a missed day-1 safety check first...
        ("SAF", "D2", "2026-11-23", 4),
        ("SAF", "D3", "2026-11-24", 3),
        ("SAF", "D4", "2026-11-25", 2),
        ("SAF", "D5", "2026-11-26", 1),
        ("ADA", "PRE", "2026-06-30", 150),  # ...above the 150-day-late registry forms
        ("REG", "PRE", "2026-06-30", 150),  # same day, same lateness: by name
        ("ADA", "D100", "2026-09-08", 80),
        ("REG", "D100", "2026-09-08", 80),
        ("WEEK", "PRE", "2026-09-21", 67),
    ],
    views.DUE_TODAY: [
        ("SAF", "D6", "2026-11-27", 0),    # safety first
        ("LATE", "D28", "2026-11-24", 3),  # then the most days late (window still open)
        ("ADA", "M6", "2026-11-27", 0),
        ("REG", "M6", "2026-11-27", 0),
    ],
    views.THIS_WEEK: [
        ("SAF", "D7", "2026-11-28", 0),    # any_day: on a Saturday
        ("SAF", "D10", "2026-12-01", 0),
        ("SAF", "D14", "2026-12-04", 0),
        ("WEEK", "D100", "2026-11-30", 0),  # scheduled before D10 but not a safety visit
    ],
    views.NEXT_WEEKS: [
        ("SAF", "D21", "2026-12-11", 0),
        ("SAF", "D28", "2026-12-18", 0),  # Late Response's M2 is on Mon 28 Dec: after day 28
    ],
}


def test_rule_15_triage_order_of_the_worklist_screen(triage):
    sections = views.worklist_sections(triage, TODAY)
    assert {key: _lines(lines) for key, lines in sections.items()} == RULE_15_SECTIONS


def test_rule_15_triage_order_of_the_full_entries_is_the_screens(triage):
    end = TODAY + timedelta(days=28)
    sections = views.split_sections(triage.worklist(TODAY, TODAY, end), TODAY, end)
    assert [key for key, _ in sections] == list(RULE_15_SECTIONS)
    assert {key: _lines(entries) for key, entries in sections} == RULE_15_SECTIONS


def test_rule_15_triage_order_of_the_day_list(triage):
    data = day_list_data(triage, TODAY, WHO, datetime(2026, 11, 27, 8))
    got = [(s.title, [(r.mrn, r.visit.code, r.visit.scheduled.isoformat(), r.visit.days_late)
                      for r in s.rows]) for s in data.sections]
    assert got == [(views.SECTION_TITLES[views.OVERDUE], RULE_15_SECTIONS[views.OVERDUE]),
                   (views.SECTION_TITLES[views.DUE_TODAY], RULE_15_SECTIONS[views.DUE_TODAY])]


def test_rule_15_triage_order_of_the_phone_list(triage):
    lines = views.overdue_calls(triage, TODAY)
    assert [(line.patient.mrn, [e.visit.code for e in line.entries], line.days_late)
            for line in lines] == [("SAF", ["D1", "D2", "D3", "D4", "D5"], 5),
                                   ("ADA", ["PRE", "D100"], 150), ("REG", ["PRE", "D100"], 150),
                                   ("WEEK", ["PRE"], 67)]


def test_rule_15_triage_order_of_due_text_and_json(triage):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    base = [sys.executable, "-m", "cartclinic", "--db", db_arg(triage), "due",
            "--today", TODAY.isoformat(), "--to", (TODAY + timedelta(days=28)).isoformat()]
    rows = json.loads(subprocess.run(base + ["--json"], capture_output=True, text=True,
                                     env=env, check=True).stdout)
    got: dict[str, list] = {}
    for row in rows:
        got.setdefault(row["section"], []).append(
            (row["mrn"], row["code"], row["scheduled"], row["days_late"]))
    assert got == RULE_15_SECTIONS and list(got) == list(RULE_15_SECTIONS)
    text = subprocess.run(base, capture_output=True, text=True, env=env, check=True).stdout
    for key, lines in RULE_15_SECTIONS.items():
        block = text.split(f"\n{views.SECTION_TITLES[key]} ({len(lines)})\n", 1)[1]
        printed = block.split("\n\n")[0].splitlines()[1:]  # after the column headings
        assert len(printed) == len(lines), block
        for line, (mrn, code, scheduled, _) in zip(printed, lines, strict=True):
            assert f" {mrn} " in line and f" {code} " in line and scheduled in line, line


def test_rule_15_a_safety_visit_after_day_28_is_not_put_first(roster):
    """Only the first 28 days after day 0 count: the same kind later is ordered by lateness."""
    from cartclinic.roster import triage_key
    from cartclinic.status import VisitStatus

    day0 = date(2026, 1, 1)
    due = VisitStatus.DUE
    keys = {
        "day 28 safety": triage_key(due, "safety", day0, 0, day0 + timedelta(days=28), "B", 1),
        "day 29 safety": triage_key(due, "safety", day0, 0, day0 + timedelta(days=29), "A", 2),
        "late response": triage_key(due, "response", day0, 4, day0 + timedelta(days=25), "C", 3),
    }
    assert sorted(keys, key=keys.__getitem__) == ["day 28 safety", "late response",
                                                  "day 29 safety"]
