"""One application per roster. Two programs writing one roster would each show a worklist the
other has changed, so the second is refused and told who has the roster open and where.

A `QLockFile` on the lock file the store names (`Maintenance.session_files`) holds the process
id and host (Qt writes those); the person signed in goes in a small owner-only note the store
keeps beside it, rewritten when someone else signs in. A roster that several workstations share
(on a server) has no such files, and no lock is taken. A lock left by a program that died (its process is gone) is taken over: Qt's
own staleness check does this inside `tryLock`, on this PC's locks only, by asking the system
whether the process in the lock is still running under the program's name (on Windows through
OpenProcess; the program never signals another process, which `os.kill(pid, 0)` would do there).

The store names the lock after the roster's real path (symbolic links and `..` resolved): one
roster, one lock, whatever path leads to it."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSysInfo

from cartclinic.local_files import owner_only_umask
from cartclinic.store import open_maintenance


class RosterInUse(Exception):
    """Another program has this roster open; the message says who and where."""


def lock_path(location: str | Path) -> Path | None:
    files = open_maintenance(location).session_files()
    return files.lock if files else None


def info_path(location: str | Path) -> Path | None:
    files = open_maintenance(location).session_files()
    return files.note if files else None


class RosterLock(QObject):
    def __init__(self, location: str | Path, parent=None) -> None:
        super().__init__(parent)
        self.upkeep = open_maintenance(location)
        self.db_path = self.upkeep.location
        files = self.upkeep.session_files()
        self.lock: QLockFile | None = None
        if files is not None:  # else several programs share the roster: nothing to take
            self.lock = QLockFile(str(files.lock))
            # never stale by age: only when its process is gone (Qt checks that in tryLock)
            self.lock.setStaleLockTime(0)

    def acquire(self, who: str = "") -> None:
        """Take the roster, or raise RosterInUse with a message for the nurse."""
        if self.lock is None:
            return
        with owner_only_umask():  # Qt creates the lock file 0666 less the umask
            taken = self.lock.tryLock(0)
        if not taken:
            raise RosterInUse(self._refusal())
        self.set_user(who)

    def _lock_info(self) -> tuple[int, str, str]:
        """(pid, host, program) from the lock file; (0, "", "") when it cannot be read."""
        assert self.lock is not None
        info = self.lock.getLockInfo()  # PySide6 returns the out-parameters as a tuple
        if not isinstance(info, tuple) or len(info) != 3:
            return 0, "", ""
        pid, host, app = info
        return int(pid or 0), str(host or ""), str(app or "")

    def _refusal(self) -> str:
        assert self.lock is not None
        if self.lock.error() == QLockFile.LockError.PermissionError:
            return self.tr("The roster %s cannot be opened: its folder cannot be written to. "
                           "Ask the ward IT for write access.") % self.db_path
        pid, host, _app = self._lock_info()
        note = self._read_info()
        who = note.get("who") if note.get("pid") == pid else ""
        since = note.get("since", "") if note.get("pid") == pid else ""
        host = host or self.tr("another PC")
        if who:
            head = self.tr("The roster is already open: %s is signed in to it on %s (since %s).") % (
                who, host, since)
        else:
            head = self.tr("The roster is already open in another cartclinic window on %s "
                           "(program %s).") % (host, pid or "?")
        return head + "\n\n" + self.tr(
            "Only one program at a time may use a roster, so that nobody's changes are lost. "
            "Use the program that is already open, or close it first.")

    def _read_info(self) -> dict:
        return self.upkeep.who_has_it_open()

    def set_user(self, who: str) -> None:
        """Name the person now signed in, for the message a second program shows."""
        if self.lock is None or not self.lock.isLocked():
            return
        self.upkeep.say_who_has_it_open({
            "who": who, "host": QSysInfo.machineHostName(), "pid": os.getpid(),
            "since": datetime.now().strftime("%Y-%m-%d %H:%M")})

    def release(self) -> None:
        if self.lock is not None and self.lock.isLocked():
            self.upkeep.forget_who_has_it_open()
            self.lock.unlock()
