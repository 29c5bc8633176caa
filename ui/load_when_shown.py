"""A page behind another tab reads its data when it is first shown, and after a change to the
roster only when it is shown again. The roster page reads every patient (0.4 s at 10,000
patients): read at start and after every save while nobody looked at it, it made the program
slow to open and every save slow to return."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class LoadWhenShown(QObject):
    def __init__(self, page: QWidget, load: Callable[[], None]) -> None:
        super().__init__(page)
        self._page = page
        self._load = load
        self.stale = True
        page.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # Show comes before the first paint: the page is never drawn with old rows
        if event.type() == QEvent.Type.Show and obj is self._page:
            self.ensure()
        return False

    def changed(self) -> None:
        """The roster changed: read again now if the page is on screen, else when it is shown."""
        self.stale = True
        if self._page.isVisible():
            self.ensure()

    def ensure(self) -> None:
        """Read now if what the page holds is not current (before acting on its rows)."""
        if self.stale:
            self.stale = False
            self._load()
