"""A drop-down that changes only when the nurse opens it and picks.

A closed QComboBox changes its choice on an arrow key, Page Up/Down, Home/End, a typed letter
or a turn of the mouse wheel passing over it. In a form that records a death, marks an entry as
entered in error or sets a disease status, a Tab too many followed by an arrow, or scrolling the
dialog, would silently change what gets saved. Here those keys and the wheel do nothing while
the list is closed; Space, F4 or Alt+Down (and a click) open it, and inside the open list the
keys work as usual.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox

_CHANGING_KEYS = {
    Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
    Qt.Key.Key_Home, Qt.Key.Key_End,
}


class DeliberateChoice(QComboBox):
    """A tab stop chosen with the keyboard once opened (Alt+Down, F4 or Space, as any
    drop-down), but neither an arrow key, a typed letter nor the wheel changes it while it
    merely has focus or the pointer passes."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in _CHANGING_KEYS and \
                not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            event.ignore()
            return
        if event.text() and event.text().isprintable() and event.text() != " ":
            event.ignore()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        event.ignore()  # scrolling passes on to the dialog behind
