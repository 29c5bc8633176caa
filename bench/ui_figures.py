"""Figures of the application: cold start and peak memory (child processes), one keystroke of
roster search and opening a patient page (in this process, on real widgets, offscreen)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from bench.measure import RUNS, Figure

ROOT = Path(__file__).resolve().parent.parent


def _spawn(*args: str) -> tuple[float, float]:
    """Seconds from spawn to `painted`, and the child's peak RSS in MiB."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    # as on a ward PC, Python keeps the compiled modules (the warm-up run writes them); this
    # machine's PYTHONDONTWRITEBYTECODE would make every start compile cartclinic again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.coldstart", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=120)
    if not line.startswith("painted"):
        raise RuntimeError(f"cold start child failed: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return elapsed, int(line.split()[1]) / 1024.0


def cold_start_and_memory(db: Path, rows: int) -> tuple[Figure, Figure]:
    _spawn("app", str(db))
    _spawn("floor", str(rows))
    app, bare = [], []
    for _ in range(RUNS):
        app.append(_spawn("app", str(db)))
        bare.append(_spawn("floor", str(rows)))
    t_app = statistics.median(a[0] for a in app)
    t_bare = statistics.median(b[0] for b in bare)
    m_app = max(a[1] for a in app)
    m_bare = max(b[1] for b in bare)
    start = Figure("cold start to the worklist painted", t_app, t_bare, "<= 2.0 x floor",
                   t_app <= 2.0 * t_bare)
    memory = Figure("peak memory of the application on the roster", m_app, m_bare,
                    "<= floor + 100 MiB", m_app <= m_bare + 100, unit="MiB")
    return start, memory


def in_window(db: Path, patient_mrn: str) -> tuple[Figure, Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cartclinic.model import User
    from cartclinic.roster import Roster
    from ui.context import AppContext
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    roster = Roster.open(db)
    ctx = AppContext(roster, User(name="bench", role="admin"), clock=lambda: date(2026, 11, 27))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    page = window.roster_page
    window.show_page(page)
    app.processEvents()
    queries = ["王", "王秀", "s", "sm", "smi", "smit", "1", "13", "138", "d01"]
    per_key: list[float] = []
    for _ in range(RUNS + 1):
        for q in queries:
            start = time.perf_counter()
            page.search.setText(q)
            app.processEvents()
            per_key.append(time.perf_counter() - start)
        page.search.setText("")
        app.processEvents()
    per_key = per_key[len(queries):]  # the first pass is the warm-up
    keystroke = statistics.median(per_key)
    search = Figure("one keystroke of roster search (filter + view update)", keystroke, None,
                    "<= 16 ms", keystroke <= 0.016)

    patient = roster.find_patient(patient_mrn)
    assert patient.id is not None

    def open_only() -> float:
        start = time.perf_counter()
        window.open_patient(patient.id)
        app.processEvents()
        took = time.perf_counter() - start
        idx = window.tabs.currentIndex()
        window.tabs.widget(idx).deleteLater()
        window.tabs.removeTab(idx)
        app.processEvents()
        return took

    open_only()
    opened = statistics.median(open_only() for _ in range(RUNS))
    page_fig = Figure("open a patient page (3 treatments, ~120 visits)", opened, None, "<= 50 ms",
                      opened <= 0.050)
    window.close()
    roster.close()
    return search, page_fig
