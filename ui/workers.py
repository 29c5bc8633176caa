"""Slow work off the GUI thread, with a progress dialog that can cancel it. Only plain data goes
to the worker (sqlite connections belong to the GUI thread); the result comes back as a signal,
which Qt delivers on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], bool]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancelled = threading.Event()

    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.signals.progress.emit(done, total)
            return not self.cancelled.is_set()

        try:
            result = self.work(progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to report
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class BackgroundTask(QObject):
    """Run `work(progress)` on the thread pool; `finished(result)` or `failed(exception)`."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None, label: str,
                 work: Callable[[Callable[[int, int], bool]], Any]) -> None:
        super().__init__(parent)
        self.job = _Job(work)
        self.dialog = QProgressDialog(label, QProgressDialog.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.job.signals.progress.connect(self._progress)
        self.job.signals.done.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        self.dialog.canceled.connect(self.job.cancelled.set)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self.job)

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _done(self, result: Any) -> None:
        self.dialog.close()
        self.finished.emit(result)
        self.deleteLater()

    def _failed(self, exc: BaseException) -> None:
        self.dialog.close()
        self.failed.emit(exc)
        self.deleteLater()
