"""The automatic backup (at start, and after every N changes) made on a worker thread, so a
large roster never freezes the worklist while it is copied and checked.

The worker gets only the roster's location and the time: `backup_file` opens a connection of
its own (a connection belongs to its thread; the copy does not block the nurse's writes). The audit note is written back on the GUI thread, through the roster's own connection.
One backup at a time: a trigger while one is running is skipped. Quitting and replacing the
roster file (restore) wait for a running backup first."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from cartclinic_ui.workers import QuietTask
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication

from cartclinic import backups
from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.roster import Roster

log = logging.getLogger("cartclinic.ui")


class AutomaticBackup(QObject):
    made = Signal(object)  # the backup's Path, once it is noted in the audit trail
    failed = Signal(str, bool)  # why, and whether it was the backup made at start

    def __init__(self, roster: Callable[[], Roster], now: Callable[[], datetime],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roster = roster
        self._now = now
        self._task: QuietTask | None = None
        self._at_start = False
        self._changes_before = 0

    def running(self) -> bool:
        return self._task is not None

    def start(self, *, at_start: bool = False) -> bool:
        """Begin a backup on the thread pool; False (and nothing started) if one is running."""
        if self._task is not None:
            log.info("automatic backup skipped: one is still running")
            return False
        store = self._roster().store
        location, now = store.location, self._now()
        self._at_start = at_start
        # writes made while the copy runs may not be in it: they count towards the next one
        self._changes_before = store.changes_since_backup
        task = QuietTask(lambda: backups.backup_file(location, now), self)
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        self._task = task
        task.start()
        return True

    def after_change(self, every_changes: int) -> bool:
        """Called after each write: starts a backup once N changes have piled up."""
        store = self._roster().store
        return backups.backup_due(store, every_changes) and self.start()

    def wait(self) -> None:
        """Block until a running backup has ended and is noted (quitting, restoring)."""
        task = self._task
        if task is None:
            return
        if task.job.ended.is_set():
            task.wait()  # ended, but its outcome is still on its way to the GUI thread
            return
        log.info("waiting for the automatic backup to finish")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            task.wait()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _done(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()

    def _finished(self, path) -> None:
        self._done()
        store = self._roster().store
        changes_during = max(0, store.changes_since_backup - self._changes_before)
        try:
            # noted as `auto_backup` in the core notes it, so the audit trail reads the same
            with store.write("automatic backup"):
                store.note("backup", {"to": str(path), "automatic": True})
        except (InputRefused, RosterProblem) as exc:
            log.error("automatic backup %s made, but not noted in the audit trail: %s", path, exc)
        store.changes_since_backup = changes_during
        log.info("automatic backup %s", path)
        self.made.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self._done()
        at_start = self._at_start
        log.error("automatic backup%s failed: %s", " at start" if at_start else "", exc)
        # not tried again after every write; the next one is due after N more changes
        self._roster().store.changes_since_backup = 0
        self.failed.emit(str(exc), at_start)
