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
    from cartclinic_ui import start

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
    from cartclinic_ui import app as cartclinic
    from cartclinic_ui import i18n, start
    from cartclinic_ui.context import AppContext
    from cartclinic_ui.main_window import MainWindow

    from cartclinic.model import User

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
    bare = BareSearch([page.model.search_text(s) for s in page.model.all_rows()])
    per_key: list[float] = []
    per_bare_key: list[float] = []
    for _ in range(RUNS + 1):  # the program and the floor in turns, so both see the same noise
        for q in QUERIES:
            began = time.perf_counter()
            page.search.setText(q)
            qapp.processEvents()
            per_key.append(time.perf_counter() - began)
        page.search.setText("")
        qapp.processEvents()
        per_bare_key += bare.type_queries(qapp)
    per_key = per_key[len(QUERIES):]  # the first pass is the warm-up
    per_bare_key = per_bare_key[len(QUERIES):]
    bare.close()

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
    visits = len(roster.store.visits(patient_id=patient.id))
    opened, bare_opened = [], []
    for _ in range(RUNS):
        opened.append(open_only())
        bare_opened.append(bare_page(window, visits))
    window.close()
    ctx.close_roster()
    return {"keystroke": statistics.median(per_key), "keystroke_floor": statistics.median(per_bare_key),
            "patient_page": statistics.median(opened),
            "patient_page_floor": statistics.median(bare_opened)}


class BareSearch:
    """The floor of a keystroke: the simplest search a Qt program could have over the same
    10,000 texts, in a window of the same size, a line edit whose every change filters a Python
    list with `in` and hands the matches to a plain list view. What is over it is the program's."""

    def __init__(self, texts: list[str]) -> None:
        from PySide6.QtCore import QStringListModel
        from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

        self.texts = [t.casefold() for t in texts]
        self.widget = QWidget()
        layout = QVBoxLayout(self.widget)
        self.edit = QLineEdit()
        self.model = QStringListModel(texts)
        view = QListView()
        view.setModel(self.model)
        view.setUniformItemSizes(True)
        layout.addWidget(self.edit)
        layout.addWidget(view)
        self.edit.textChanged.connect(self._filter)
        self.widget.resize(1366, 768)
        self.widget.show()

    def _filter(self, query: str) -> None:
        q = query.casefold()
        self.model.setStringList([t for t in self.texts if q in t])

    def type_queries(self, qapp) -> list[float]:
        took = []
        for q in QUERIES:
            began = time.perf_counter()
            self.edit.setText(q)
            qapp.processEvents()
            took.append(time.perf_counter() - began)
        self.edit.setText("")
        qapp.processEvents()
        return took

    def close(self) -> None:
        self.widget.close()


def bare_page(window, rows: int) -> float:
    """The floor of opening a patient page: a tab holding a plain table of the page's rows
    (eight columns of text), added to the same window and painted."""
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    began = time.perf_counter()
    table = QTableWidget(rows, 8)
    for r in range(rows):
        for c in range(8):
            table.setItem(r, c, QTableWidgetItem(f"visit {r} column {c}"))
    window.tabs.addTab(table, "bare")
    window.tabs.setCurrentWidget(table)
    QApplication.processEvents()
    took = time.perf_counter() - began
    idx = window.tabs.indexOf(table)
    window.tabs.removeTab(idx)
    table.deleteLater()
    QApplication.processEvents()
    return took


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2])), flush=True)
