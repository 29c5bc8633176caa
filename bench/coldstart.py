"""Child program for the cold-start and memory figures: `python -m bench.coldstart app DB` opens
the application's main window on the roster; `python -m bench.coldstart floor N` opens a bare
PySide6 window with an N-row table model. Each prints `painted <peak RSS KiB>` once its window
has painted, then quits. The parent times spawn-to-painted, so interpreter and import time count.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __name__ == "__main__" and len(sys.argv) != 3:
    sys.exit("usage: python -m bench.coldstart app DB | floor ROWS")
if __name__ == "__main__" and sys.argv[1] == "app":
    # as the program's entry point (ui/start.py) does before Qt and the program load
    from cartclinic_ui import start

    start.hold()

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402


class PaintWatch(QObject):
    """Reports once the watched widget has really painted, then quits."""

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"painted {peak}", flush=True)
        QApplication.quit()


class BareModel(QAbstractTableModel):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = [(f"Patient {i}", f"MRN{i:06d}", f"2027-01-{i % 28 + 1:02d}") for i in range(rows)]

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


def floor(rows: int) -> None:
    app = QApplication(sys.argv[:1])
    view = QTableView()
    model = BareModel(rows)
    view.setModel(model)
    view.resize(1366, 768)
    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    view.show()
    app.exec()


def application(db: str) -> None:
    """The program's own start (ui/start.py, ui/app.py) minus the sign-in dialog: the cycle
    collector held off, its look and language, the roster opened as the program opens it (its
    integrity check deferred until the worklist has painted, as the program does), the main
    window."""
    from datetime import date

    from cartclinic_ui import app as cartclinic
    from cartclinic_ui import i18n
    from cartclinic_ui.context import AppContext
    from cartclinic_ui.main_window import MainWindow

    from cartclinic.model import User

    qapp = cartclinic.make_app(sys.argv[:1])
    i18n.install(qapp, "en")
    roster = cartclinic.open_roster(Path(db))
    assert roster is not None
    ctx = AppContext(roster, User(name="bench", role="admin"), clock=lambda: date(2026, 11, 27))
    window = MainWindow(ctx)
    window.resize(1366, 768)
    watch = PaintWatch()
    # the worklist's tables are what a nurse needs to see: the first of them painting is the mark
    for table in window.worklist.findChildren(QTableView):
        table.viewport().installEventFilter(watch)
    window.show()
    qapp.exec()
    ctx.close_roster()  # a check still running is interrupted, as when the program quits


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        floor(int(sys.argv[2]))
    else:
        application(sys.argv[2])
