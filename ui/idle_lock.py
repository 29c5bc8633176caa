"""Lock the workstation after the clinic's idle minutes: a ward PC is left unattended, and the
roster holds patients' records. Unlocking asks who is working again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel}


class IdleLock(QObject):
    def __init__(self, minutes: int, on_idle: Callable[[], None], parent=None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._fire)
        self.on_idle = on_idle
        self.locked = False
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and not self.locked:
            self.timer.start()
        return False

    def _fire(self) -> None:
        self.locked = True
        try:
            self.on_idle()
        finally:
            self.locked = False
            self.timer.start()
