"""Figures of the core: worklist, schedules, import, documents. Each returns a `Figure`."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from sqlite_utils import Database

from bench.generate import BENCH_TODAY
from bench.measure import QUICK_RUNS, Figure, paired
from cartclinic.documents import write_visit_sheets
from cartclinic.printing import visit_sheet_data
from cartclinic.roster import Roster
from cartclinic.roster_csv import export_csv, import_csv
from cartclinic.schedule import plan_visits
from cartclinic.store.sqlite.schema import open_visit
from cartclinic.store.sqlite.store import _BRIEF_SELECT, PRAGMAS, _open_visit_query

WEEK = timedelta(days=7)
FLOOR_SQL = " UNION ".join(
    f"""SELECT v.id, v.code, x.label, v.kind, v.target, v.window_start, v.window_end, v.scheduled,
               v.flags, v.protocol_id, p.mrn, p.name, p.phone
        FROM visits v
        JOIN visit_texts x ON x.id = v.texts
        JOIN treatments t ON t.id = v.treatment_id
        JOIN patients p ON p.id = t.patient_id
        WHERE {open_visit("v")} AND {cond}"""
    for cond in ("v.window_end < ?", "v.scheduled <= ?")
)


def worklist(roster: Roster) -> tuple[Figure, Figure]:
    """The week's worklist as the worklist screen reads it (`Roster.worklist_lines`, what a
    nurse waits for after each save), against the same SQL query run bare: the same visits and
    columns as plain tuples. Then, reported without a budget, the full entries of
    `Roster.worklist` (`due --json`, the day list, the phone list), against a query returning
    the same visits with their patient's name, MRN and phone."""
    today, end = BENCH_TODAY, BENCH_TODAY + WEEK
    # as the worklist reads it: every open visit scheduled up to the end (late ones whose
    # window is still open are due now, rule 14)
    sql, args = _open_visit_query(_BRIEF_SELECT, today, None, end)

    def bare() -> None:
        cursor = roster.store.conn.cursor()  # type: ignore[attr-defined]
        cursor.row_factory = None  # tuples, as the store reads them
        cursor.execute(sql, args).fetchall()

    value, floor = paired(lambda: roster.worklist_lines(today, today, end), bare,
                          runs=QUICK_RUNS)
    assert floor is not None
    ok = value <= 3.0 * floor and value <= 0.050
    lines = Figure("worklist for a week (overdue + due)", value, floor,
                   "<= 3.0 x floor and <= 50 ms", ok)
    full_args = (today.isoformat(), end.isoformat())
    full, full_floor = paired(
        lambda: roster.worklist(today, today, end),
        lambda: roster.store.conn.execute(FLOOR_SQL, full_args).fetchall(),  # type: ignore[attr-defined]
        runs=QUICK_RUNS,
    )
    entries = Figure("worklist for a week, full entries (due, day list)", full, full_floor,
                     "reported, no budget", None)
    return lines, entries


def schedules(roster: Roster) -> Figure:
    treatments = roster.store.treatments()
    calendar = roster.calendar()
    plans = [(roster.library.get(pid), t.infusion_date) for t in treatments for pid in t.protocols]
    pairs = [(day0, occ.offset) for protocol, day0 in plans for occ in protocol.occurrences()]

    def figure() -> None:
        for protocol, day0 in plans:
            plan_visits(protocol, day0, calendar)

    def floor() -> None:
        for day0, offset in pairs:
            day0 + relativedelta(**{offset.unit: offset.amount})

    value, flo = paired(figure, floor)
    assert flo is not None
    return Figure(f"schedules of {len(treatments):,} treatments ({len(pairs):,} visits)",
                  value, flo, "<= 2.0 x floor", value <= 2.0 * flo)


def import_rows(roster: Roster, runs: int) -> Figure:
    text = export_csv(roster)
    rows = text.count("\n") - 1

    def figure() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Roster.open(Path(tmp) / "import.db")
            try:
                import_csv(fresh, text, "bench", BENCH_TODAY)
            finally:
                fresh.close()

    floor = import_rows_floor(roster.store.path)
    value, flo = paired(figure, floor, runs=runs)
    assert flo is not None
    return Figure(f"import of {rows:,} CSV rows, schedules included", value, flo,
                  "<= 5.0 x floor", value <= 5.0 * flo)


def import_rows_floor(path: Path) -> Callable[[], None]:
    """The import's floor: the rows the roster at `path` holds, into bare tables of a new file
    (the shared backend's import is held to it too, bench/shared_figures.py)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        patients = [dict(r) for r in conn.execute("SELECT * FROM patients")]
        treatments = [dict(r) for r in conn.execute("SELECT * FROM treatments")]
        visits = [dict(r) for r in conn.execute("SELECT * FROM visits")]
        texts = [dict(r) for r in conn.execute("SELECT * FROM visit_texts")]
    finally:
        conn.close()

    def floor() -> None:
        # the same rows the import stores, into bare tables: no checks, no schedule, no audit
        with tempfile.TemporaryDirectory() as tmp:
            c = sqlite3.connect(Path(tmp) / "bare.db", isolation_level=None)
            for pragma in PRAGMAS:
                c.execute(pragma)
            db = Database(c)
            db["patients"].insert_all(patients)
            db["treatments"].insert_all(treatments)
            db["visit_texts"].insert_all(texts)
            db["visits"].insert_all(visits)
            c.close()

    return floor


def _floor_page(path: Path) -> None:
    styles = getSampleStyleSheet()
    data = [["Date", "Visit", "Status", "Result", "Note"]]
    data += [[f"2026-11-{i % 28 + 1:02d}", f"Visit {i}", "done", f"{i * 1.7:.1f}", "ok"]
             for i in range(30)]
    table = Table(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Floor page", styles["Title"]), table])


def documents(roster: Roster) -> tuple[Figure, Figure]:
    today = BENCH_TODAY
    # a busy clinic day: the first 100 visits of the coming weeks' worklist
    entries = roster.worklist(today, today, today + timedelta(days=60))[:100]
    ids = [e.visit.id for e in entries]
    now = datetime(2026, 11, 27, 8, 0)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def one() -> None:
            write_visit_sheets(out / "one.pdf",
                               [visit_sheet_data(roster, ids[0], "bench", today, now)])

        def day() -> None:
            write_visit_sheets(out / "day.pdf",
                               [visit_sheet_data(roster, i, "bench", today, now) for i in ids])

        single, flo = paired(one, lambda: _floor_page(out / "floor.pdf"), runs=QUICK_RUNS)
        hundred, _ = paired(day, None, runs=5)
    assert flo is not None
    sheet = Figure("one visit sheet PDF", single, flo, "<= 2.0 x floor", single <= 2.0 * flo)
    n = len(ids)
    days = Figure(f"day's sheets, {n} visits", hundred, n * single, "<= 1.0 x (100 x one sheet)",
                  hundred <= n * single)
    return sheet, days
