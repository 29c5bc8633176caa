"""What every window shares: the open roster, who is signed in, today's date, and the one
"roster changed" signal sent after each write so every view refreshes. The one after-write path
also starts the automatic backup every N changes (on a worker thread, see `automatic_backup`),
and turns a write the disk refused into a plain refusal the dialog that was saving can show."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.model import User
from cartclinic.roster import Roster
from ui.automatic_backup import AutomaticBackup

if TYPE_CHECKING:
    from cartclinic.users import Staff

T = TypeVar("T")


class NotSaved(InputRefused):
    """The roster could not take the write (disk full, read-only file, busy): nothing changed.
    An InputRefused, so every dialog shows it beside its fields and stays open."""


class AdminOnly(InputRefused):
    """The signed-in person is a nurse and the action needs an admin."""


class AppContext(QObject):
    changed = Signal()  # after any write to the roster
    reopened = Signal()  # the roster file was replaced (restore)
    signedIn = Signal()  # noqa: N815 - another person signed in (or the same one again)
    backupFailed = Signal(str, bool)  # noqa: N815 - an automatic backup failed: why, at start?

    def __init__(
        self, roster: Roster, user: User | None = None, *, clock: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.roster = roster
        self.user = user
        self._clock = clock
        self._now = now
        self.backups = AutomaticBackup(lambda: self.roster, lambda: self.now(), self)
        self.backups.failed.connect(self.backupFailed)

    # -- who is working -------------------------------------------------------------------
    @property
    def who(self) -> str:
        """The name every write is recorded with: the signed-in person's."""
        return self.user.name if self.user is not None else ""

    @property
    def staff(self) -> Staff:
        from cartclinic.users import Staff  # its hashing is needed at sign-in, not at start

        return Staff(self.roster.store)

    def is_admin(self) -> bool:
        return self.user is not None and self.user.role == "admin"

    def require_admin(self) -> None:
        if self.user is None:
            raise AdminOnly("nobody is signed in")
        try:
            self.staff.require_admin(self.user)
        except InputRefused as exc:
            raise AdminOnly(exc.reasons) from None

    def sign_in(self, user: User) -> None:
        self.user = user
        self.signedIn.emit()

    # -- time -----------------------------------------------------------------------------
    def today(self) -> date:
        return self._clock()

    def now(self) -> datetime:
        """The wall clock, local time: for sign-in lockouts and backup names, never for dates."""
        return self._now()

    # -- writing --------------------------------------------------------------------------
    def write(self, action: Callable[[], T]) -> T:
        """Run one roster write, then tell every view. InputRefused (and NotSaved, when the disk
        refused it) goes to the caller, with nothing changed."""
        try:
            result = action()
        except RosterProblem as exc:
            raise NotSaved(str(exc)) from exc
        self.changed.emit()
        self._after_write()
        return result

    def note(self, what: str, detail: dict[str, Any]) -> None:
        """A line in the audit trail that changes no clinical data (a print, an export)."""
        store = self.roster.store
        try:
            with store.write(self.who):
                store.note(what, detail)
        except RosterProblem as exc:
            raise NotSaved(str(exc)) from exc
        self._after_write()

    def _after_write(self) -> None:
        self.backups.after_change(self.roster.settings().backup_every_changes)

    def close_roster(self) -> None:
        """Close the roster file once a running backup of it has finished (quitting)."""
        self.backups.wait()
        self.roster.close()

    def replace_roster(self, roster: Roster) -> None:
        self.backups.wait()  # its audit note belongs to the roster it copied
        old = self.roster
        self.roster = roster
        if old is not roster:
            with contextlib.suppress(Exception):  # it may already be closed
                old.close()
        self.reopened.emit()
        self.changed.emit()
