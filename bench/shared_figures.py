"""The shared backend (issue 14): the worklist and the import on a roster on a PostgreSQL server,
against the same floors as the SQLite figures (the bare worklist query and the bare inserts on a
SQLite file), with the same budgets: what a nurse at a workstation waits for, compared with what
the embedded roster's own floor costs.

The server is a throwaway one (tests/pg_server.py: initdb in a temporary folder, a unix socket,
fsync off as on a server with a battery-backed cache); the benchmark roster is put on it with
`move`. Without PostgreSQL installed the figures are reported as not measured (no budget)."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

from bench.core_figures import WEEK, import_rows_floor
from bench.generate import BENCH_TODAY
from bench.measure import QUICK_RUNS, Figure, paired
from cartclinic.roster import Roster
from cartclinic.roster_csv import export_csv, import_csv
from cartclinic.store.sqlite.store import _BRIEF_SELECT, _open_visit_query

ROOT = Path(__file__).resolve().parent.parent


def _server():
    spec = importlib.util.spec_from_file_location("pg_server", ROOT / "tests" / "pg_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PgServer(), module.ServerUnavailable


def shared(path: Path, import_runs: int) -> list[Figure]:
    try:
        server, _unavailable = _server()
    except Exception as exc:  # noqa: BLE001 - no server, no figures: said, not fatal
        print(f"shared backend: not measured ({exc})", file=sys.stderr)
        return [Figure("worklist for a week, PostgreSQL: not measured", 0.0, None,
                       "needs PostgreSQL", None)]
    try:
        from cartclinic.store.move import move_roster

        url = server.new_database()
        move_roster(path, url, "bench")
        figures = [_worklist(path, url), _import(path, url, server, import_runs)]
    finally:
        server.stop()
    return figures


def _worklist(path: Path, url: str) -> Figure:
    """`Roster.worklist_lines` on the server roster against the SQLite figure's floor: the
    same bare query on the file."""
    today, end = BENCH_TODAY, BENCH_TODAY + WEEK
    sql, args = _open_visit_query(_BRIEF_SELECT, today, None, end)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    roster = Roster.open(url)
    try:
        value, floor = paired(lambda: roster.worklist_lines(today, today, end),
                              lambda: conn.execute(sql, args).fetchall(), runs=QUICK_RUNS)
    finally:
        roster.close()
        conn.close()
    assert floor is not None
    return Figure("worklist for a week (overdue + due), PostgreSQL", value, floor,
                  "<= 3.0 x floor and <= 50 ms", value <= 3.0 * floor and value <= 0.050)


def _import(path: Path, url: str, server, runs: int) -> Figure:
    """`import_csv` into an empty roster on the server against the SQLite import's floor (the
    same rows into bare tables of a file)."""
    source = Roster.open(url)
    try:
        text = export_csv(source)
    finally:
        source.close()
    rows = text.count("\n") - 1
    floor = import_rows_floor(path)

    def figure() -> None:
        fresh = Roster.open(server.new_database())
        try:
            import_csv(fresh, text, "bench", BENCH_TODAY)
        finally:
            fresh.close()

    value, flo = paired(figure, floor, runs=runs)
    assert flo is not None
    return Figure(f"import of {rows:,} CSV rows, schedules included, PostgreSQL", value, flo,
                  "<= 5.0 x floor", value <= 5.0 * flo)

