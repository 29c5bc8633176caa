"""What every window shares: the open roster, who is signed in, today's date, and the one
"roster changed" signal sent after each write so every view refreshes. The one after-write path
also starts the automatic backup every N changes (on a worker thread, see `automatic_backup`),
and turns a write the disk refused into a plain refusal the dialog that was saving can show."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from cartclinic_ui.automatic_backup import AutomaticBackup
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal

from cartclinic.changes import EVERYTHING
from cartclinic.errors import InputRefused, RosterProblem, StoreError
from cartclinic.model import User
from cartclinic.roster import Roster
from cartclinic.store import is_server_url

if TYPE_CHECKING:
    from cartclinic.users import Staff

T = TypeVar("T")
log = logging.getLogger("cartclinic.ui")


class NotSaved(InputRefused):
    """The roster could not take the write (disk full, read-only file, busy): nothing changed.
    An InputRefused, so every dialog shows it beside its fields and stays open."""


class ChangedOutside(NotSaved):
    """The roster was changed outside this window (a command line, a restore) since it was
    read: it has been reloaded, and the action that would have used the old lists is refused."""


def changed_outside_message() -> str:
    return QCoreApplication.translate(
        "AppContext", "the roster changed outside this window (a restore or an import from the "
        "command line); it has been reloaded. Nothing was saved: check the patient and try again.")


class AdminOnly(InputRefused):
    """The signed-in person is a nurse and the action needs an admin."""


class AppContext(QObject):
    changed = Signal()  # after any write to the roster
    reopened = Signal()  # the roster file was replaced (restore)
    signedIn = Signal()  # noqa: N815 - another person signed in (or the same one again)
    backupFailed = Signal(str, bool)  # noqa: N815 - an automatic backup failed: why, at start?
    changedOutside = Signal()  # noqa: N815 - reloaded after a change made outside this window
    waiting = Signal(float)  # a write has waited this many seconds for another program's
    # what a write changed (cartclinic.changes.Changes), before `changed`: a page of one
    # patient reads itself again only when that patient was touched
    changes = Signal(object)

    def __init__(
        self, roster: Roster, user: User | None = None, *, clock: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
        utc_now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__()
        self.roster = roster
        roster.store.on_wait = self._waiting
        self.user = user
        self._clock = clock
        self._now = now
        self.utc_now = utc_now  # the PC's real clock, to compare with the roster's entries
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
            raise AdminOnly(exc.why) from None

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
        refused it) goes to the caller, with nothing changed. A roster changed outside this
        window since it was read is reloaded first, and the write refused (ChangedOutside): the
        action was chosen on lists that may no longer say which patient is which."""
        if self.reload_if_changed_outside():
            raise ChangedOutside(changed_outside_message())
        try:
            result = action()
        except RosterProblem as exc:
            raise NotSaved(str(exc)) from exc
        self.changes.emit(self.roster.store.take_changes())
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

    def reload_if_changed_outside(self) -> bool:
        """True when the roster had been changed outside this window (another process's write,
        or another file put at its path) and has now been opened again, every view told
        (`reopened`, `changed`, `changedOutside`). Checked before every write and on a timer."""
        store = self.roster.store
        try:
            what = store.changed_outside()
        except StoreError:
            return False  # closed, or unreadable: the write itself says why
        if what is None:
            return False
        if is_server_url(store.location):
            # a roster on a server: another workstation saved. The screens showing what it
            # changed read again (the store heard which patients and visits) and nothing is
            # closed or refused; a save to a visit someone else changed meanwhile is refused
            # by the store itself, saying who and when (docs/several-workstations.md)
            self.changes.emit(store.take_changes())
            self.changed.emit()
            return False
        log.warning("roster %s %s outside this window: reloaded", store.path, what)
        try:
            self.replace_roster(Roster.open(store.location))
        except RosterProblem as exc:
            raise NotSaved(str(exc)) from exc
        self.changedOutside.emit()
        return True

    def _waiting(self, seconds: float) -> None:
        """Each second a write waits for another program's (an import from the command line):
        said in the window's status bar, which is painted now though this thread waits."""
        self.waiting.emit(seconds)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

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
        roster.store.on_wait = self._waiting
        if old is not roster:
            with contextlib.suppress(Exception):  # it may already be closed
                old.close()
        self.reopened.emit()
        self.changes.emit(EVERYTHING)
        self.changed.emit()
