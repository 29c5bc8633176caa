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
        self.ended = threading.Event()  # set once the outcome is known, for a caller that waits
        self.outcome: tuple[bool, Any] | None = None  # (True, result) or (False, exception)

    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.signals.progress.emit(done, total)
            return not self.cancelled.is_set()

        try:
            try:
                result = self.work(progress)
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to report
                self.outcome = (False, exc)
                self.signals.failed.emit(exc)
            else:
                self.outcome = (True, result)
                self.signals.done.emit(result)
        finally:
            self.ended.set()


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


class QuietTask(QObject):
    """Run `work()` on the thread pool with no dialog (work the nurse need not watch, such as
    the automatic backup); `finished(result)` or `failed(exception)` on the GUI thread.

    `wait()` blocks until the work has ended and delivers its outcome at once, for the moments
    that cannot go on while it runs (quitting, replacing the roster file); the outcome is
    delivered once either way."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = _Job(lambda _progress: work())
        self.job.setAutoDelete(False)  # kept until its outcome is delivered
        self._delivered = False
        self.job.signals.done.connect(self._deliver)
        self.job.signals.failed.connect(self._deliver)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self.job)

    def wait(self, timeout_ms: int = -1) -> bool:
        """True once the work has ended (its outcome delivered); False on timeout."""
        if not self.job.ended.wait(None if timeout_ms < 0 else timeout_ms / 1000):
            return False
        self._deliver()
        return True

    def _deliver(self, *_ignored: Any) -> None:
        if self._delivered or self.job.outcome is None:
            return
        self._delivered = True
        ok, value = self.job.outcome
        (self.finished if ok else self.failed).emit(value)
