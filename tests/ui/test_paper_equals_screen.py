"""Rule 14, paper equals screen: `print day DATE` holds exactly the sections and visits the
worklist screen shows that day and `due --today DATE --from DATE --to DATE` lists (overdue; due
now, late visits whose window is still open included), with the same names and counts, in the
same order. Checked on the demo roster (fixed seed) for several days, from the data the PDF is
made from, from the PDF's own text, from the real worklist page and from `due --json`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from cartclinic_ui.models.base import OBJECT_ROLE
from pypdf import PdfReader
from ui_helpers import NOW, TODAY, WHO

from cartclinic import views
from cartclinic.model import User
from cartclinic.printing import day_list_data
from cartclinic.roster import Roster

# a Monday, the next day, a Friday, the Saturday after (closed: only any-day visits are due
# that day) and the Wednesday of the week after (the demo records every past visit a clinic
# would have done, its track rechecks included, so a day before the demo's today has none due)
DAYS = [TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=4), TODAY + timedelta(days=5),
        TODAY + timedelta(days=9)]
PAPER_SECTIONS = (views.OVERDUE, views.DUE_TODAY)


def _cli(db, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    done = subprocess.run([sys.executable, "-m", "cartclinic", "--db", str(db), *args],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("paper") / "demo.db"
    _cli(db, "demo", "--patients", "150", "--seed", "1", "--today", TODAY.isoformat())
    return db


def _screen(db, tmp_path, day, qtbot):
    """The worklist page of the real program's window on `day`: each section's heading and
    visit ids in the order shown."""
    from cartclinic_ui.context import AppContext
    from cartclinic_ui.main_window import MainWindow

    path = tmp_path / f"screen-{day}.db"
    shutil.copy(db, path)
    roster = Roster.open(path)
    ctx = AppContext(roster, User(WHO, "admin"), clock=lambda: day, now=lambda: NOW)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        out = {}
        for key, section in window.worklist.sections.items():
            model = section.proxy
            ids = [model.index(r, 0).data(OBJECT_ROLE).visit.id for r in range(model.rowCount())]
            out[key] = (section.heading.text(), ids)
        window.close()
        return out
    finally:
        ctx.backups.wait()
        roster.close()


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_rule_14_the_day_list_holds_the_screens_sections_and_due(demo, tmp_path, qtbot, day):
    screen = _screen(demo, tmp_path, day, qtbot)
    # due --today D --from D --to D: its sections, each visit in its order
    rows = json.loads(_cli(demo, "due", "--today", str(day), "--from", str(day), "--to",
                           str(day), "--json"))
    due: dict[str, list[int]] = {}
    for row in rows:
        due.setdefault(row["section"], []).append(row["visit_id"])
    # the data the PDF is made from
    roster = Roster.open(demo)
    try:
        data = day_list_data(roster, day, WHO, datetime(2026, 3, 2, 8))
    finally:
        roster.close()
    paper = [(s.title, [r.visit.visit_id for r in s.rows]) for s in data.sections]
    expected = [(f"{views.SECTION_TITLES[key]}", screen[key][1]) for key in PAPER_SECTIONS]
    assert paper == expected
    assert [screen[key][0] for key in PAPER_SECTIONS] == [f"{t} ({len(ids)})" for t, ids in paper]
    assert list(due) == [key for key in PAPER_SECTIONS if screen[key][1]]
    assert all(due.get(key, []) == screen[key][1] for key in PAPER_SECTIONS)
    assert screen[views.DUE_TODAY][1], "the demo roster has visits due each of these days"
    # the late visits whose window is still open are on paper (the nurse's 17 missing lines)
    late = [r for s in data.sections[1:] for r in s.rows if r.visit.days_late > 0]
    if day.weekday() < 5:
        assert late, day
    # the PDF itself: the same headings with their counts, in order, and every visit's MRN in
    # the order of the rows
    out = tmp_path / f"day-{day}.pdf"
    _cli(demo, "print", "day", str(day), "--out", str(out))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    headings = [f"{title} ({len(ids)})" for title, ids in paper]
    found = [text.index(h) for h in headings]
    assert found == sorted(found)
    mrns = re.findall(r"\bD01\d{5}\b", text)
    assert mrns == [r.mrn for s in data.sections for r in s.rows]
    assert "(today, or late with the window still open)" in text
