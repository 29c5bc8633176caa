"""Lock the workstation after the clinic's idle minutes: a ward PC is left unattended, and the
roster holds patients' records. While locked, every window shows nothing of a patient: the main
window shows the lock screen instead of its pages, and any dialog left open (with what the nurse
had typed kept in it) is veiled. The same person's PIN, or another person signing in, unlocks."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QVBoxLayout, QWidget

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel}


class IdleLock(QObject):
    """Calls `on_idle` once after `minutes` without a key, click or mouse move; it is not armed
    again until `unlocked()`."""

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
        if not self.locked:
            self.timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and not self.locked:
            self.timer.start()
        return False

    def lock_now(self) -> bool:
        """Mark locked; False when it already was."""
        if self.locked:
            return False
        self.locked = True
        self.timer.stop()
        return True

    def unlocked(self) -> None:
        self.locked = False
        self.timer.start()

    def _fire(self) -> None:
        if not self.locked:
            self.on_idle()


class LockScreen(QWidget):
    """What the main window shows while locked: the clinic, who was signed in, since when."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(self.tr("Locked"))
        self.title.setObjectName("lockTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("lockDetail")
        self.detail.setWordWrap(True)
        for label in (self.title, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(5)  # the text stays above the sign-in box in the middle

    def show_for(self, clinic: str, who: str, when: datetime) -> None:
        self.detail.setText(self.tr("%s · locked at %s · signed in: %s\nPatient data is hidden "
                                    "until a PIN is given.")
                            % (clinic, when.strftime("%H:%M"), who or "—"))


class Veil:
    """Hides the contents of every other open window while locked, and brings them back as they
    were: a dialog being filled in keeps what was typed (it is not closed)."""

    def __init__(self) -> None:
        self._hidden: list[tuple[QWidget, str, list[QWidget], QLabel]] = []

    def cover(self, keep: tuple[QWidget, ...]) -> None:
        for window in QApplication.topLevelWidgets():
            if not window.isVisible() or window in keep:
                continue
            if isinstance(window, QMenu):
                window.close()
                continue
            children = [c for c in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                        if c.isVisible()]
            for child in children:
                child.hide()
            label = QLabel(QApplication.translate("LockScreen", "Locked"), window)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setGeometry(window.rect())
            label.show()
            self._hidden.append((window, window.windowTitle(), children, label))
            window.setWindowTitle(QApplication.translate("LockScreen", "Locked"))

    def lift(self) -> None:
        for window, title, children, label in self._hidden:
            with contextlib.suppress(RuntimeError):  # a window closed meanwhile is gone
                label.hide()
                label.deleteLater()
                for child in children:
                    child.show()
                window.setWindowTitle(title)
        self._hidden.clear()
