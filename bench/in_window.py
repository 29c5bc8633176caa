"""Child program for the figures measured in the program's window: `python -m bench.in_window
DB MRN` starts the program as `ui/start.py` and `ui/app.py` do (the cycle collector held while
starting and settled once the worklist has painted, the roster's check run to its end), then
times one keystroke of roster search and opening the patient MRN's page, and prints both, in
seconds, as one line of JSON. The start-of-day backup is not made: it copies the roster on a
thread once a day, and typing during that copy is not what these figures are about.

A process of its own, as the program is: the benchmark's own process has by then imported ten
thousand patients several times over and keeps their caches, which the program never holds.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __name__ == "__main__":
    from ui import start

    start.hold()  # as the program's entry point does, before Qt and the program load

import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from bench.measure import RUNS  # noqa: E402

# typed a letter at a time: a name in Chinese, one in Latin letters, a phone number, an MRN
QUERIES = ["王", "王秀", "s", "sm", "smi", "smit", "1", "13", "138", "d01"]


def measure(db: Path, patient_mrn: str) -> dict[str, float]:
    from cartclinic.model import User
    from ui import app as cartclinic
    from ui import i18n, start
    from ui.context import AppContext
    from ui.main_window import MainWindow

    qapp = cartclinic.make_app(sys.argv[:1])
    i18n.install(qapp, "en")
    roster = cartclinic.open_roster(db)
    assert roster is not None
    ctx = AppContext(roster, User(name="bench", role="admin"), clock=lambda: date(2026, 11, 27))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    qapp.processEvents()
    # what the program does once the worklist has painted: the collector settled, the check run
    start.settle()
    roster.store.start_check()
    assert roster.store.wait_for_check() == "ok"

    page = window.roster_page
    window.show_page(page)
    qapp.processEvents()
    per_key: list[float] = []
    for _ in range(RUNS + 1):
        for q in QUERIES:
            began = time.perf_counter()
            page.search.setText(q)
            qapp.processEvents()
            per_key.append(time.perf_counter() - began)
        page.search.setText("")
        qapp.processEvents()
    per_key = per_key[len(QUERIES):]  # the first pass is the warm-up

    patient = roster.find_patient(patient_mrn)
    assert patient.id is not None

    def open_only() -> float:
        began = time.perf_counter()
        window.open_patient(patient.id)
        qapp.processEvents()
        took = time.perf_counter() - began
        idx = window.tabs.currentIndex()
        window.tabs.widget(idx).deleteLater()
        window.tabs.removeTab(idx)
        qapp.processEvents()
        return took

    open_only()
    opened = statistics.median(open_only() for _ in range(RUNS))
    window.close()
    ctx.close_roster()
    return {"keystroke": statistics.median(per_key), "patient_page": opened}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2])), flush=True)
