"""What every window shares: the open roster, who is working, today's date, and the one
"roster changed" signal sent after each write so every view refreshes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from cartclinic.roster import Roster

T = TypeVar("T")


class AppContext(QObject):
    changed = Signal()  # after any write to the roster
    reopened = Signal()  # the roster file was replaced (restore)

    def __init__(
        self, roster: Roster, who: str = "", *, clock: Callable[[], date] = date.today
    ) -> None:
        super().__init__()
        self.roster = roster
        self.who = who
        self._clock = clock

    def today(self) -> date:
        return self._clock()

    def write(self, action: Callable[[], T]) -> T:
        """Run one roster write, then tell every view. InputRefused goes to the caller."""
        result = action()
        self.changed.emit()
        return result

    def replace_roster(self, roster: Roster) -> None:
        old = self.roster
        self.roster = roster
        if old is not roster:
            with contextlib.suppress(Exception):  # it may already be closed
                old.close()
        self.reopened.emit()
        self.changed.emit()
