"""The roster's upkeep, whichever backend keeps it: its check, backups (made, listed, checked,
rotated, restored), who has it open, and where the clinic's own files beside it live.

The application and the command line call this instead of handling files, seals, locks or
database statements themselves; each backend (`cartclinic.store.sqlite`, `cartclinic.store.postgres`)
implements it. `cartclinic.store.open_maintenance(location)` gives one without opening the roster
(a damaged roster cannot be opened, and is exactly when a backup is wanted); an open store gives
its own through `RosterStore.maintenance()`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

# what kind of backup a file is: said in the restore dialog's "Kind" column
AUTOMATIC, BEFORE_RESTORE, BEFORE_UPGRADE, BY_HAND = "automatic", "before-restore", "before-upgrade", "by-hand"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime  # local time, from the file
    size: int  # bytes
    kind: str  # AUTOMATIC, BEFORE_RESTORE, BEFORE_UPGRADE or BY_HAND


@dataclass(frozen=True)
class SessionFiles:
    """Where one program per roster is enforced (a roster in a file on this PC): the lock file
    the application takes and the note beside it naming who is signed in. None from a backend
    that several workstations share at once."""

    lock: Path
    note: Path


class Maintenance(ABC):
    """The upkeep of one roster. Every method raises the StoreError family (or InputRefused
    for a request that breaks a rule), never a database driver's own errors."""

    #: what a person is shown as the roster's place: a file's path, or a server's address
    #: without its password
    location: str

    # -- soundness ------------------------------------------------------------------------
    @abstractmethod
    def exists(self) -> bool:
        """Whether there is a roster there at all (a command like `check` says so first)."""

    @abstractmethod
    def check(self, *, full: bool = False) -> str:
        """'ok', or what is wrong with the roster (its structure, or latest changes lost).
        Never writes. `full` is the thorough check of `check` on the command line."""

    @abstractmethod
    def is_damaged(self) -> bool:
        """Damaged, as opposed to busy, read-only or unreachable: only then is replacing the
        roster with a backup the way out that is offered."""

    def local_file(self) -> Path | None:
        """The roster's file on this PC's disk (whose encryption `check` reports), if any."""
        return None

    def clinic_folder(self) -> Path | None:
        """The folder beside the roster with the clinic's own protocols and tables, if any."""
        return None

    # -- backups --------------------------------------------------------------------------
    @abstractmethod
    def backup_folder(self) -> Path:
        """Where backups are written and looked for."""

    @abstractmethod
    def backup(self, when: datetime, *, out: Path | None = None, kind: str = BY_HAND) -> Path:
        """Write a backup now and check it; the file is returned. With `out`, that file (a
        backup is never written over the roster itself); else a new name in `backup_folder()`,
        never over an earlier backup. Opens a connection of its own, so it may run on a worker
        thread while the roster is in use. The caller notes it in the audit trail."""

    @abstractmethod
    def rotate_backups(self) -> list[Path]:
        """Delete automatic backups beyond the daily and weekly keep; returns what went."""

    @abstractmethod
    def list_backups(self) -> list[BackupInfo]:
        """The roster's backups in `backup_folder()`, newest first (not checked: see
        `check_backup`)."""

    @abstractmethod
    def check_backup(self, path: Path) -> str:
        """'ok', or what is wrong with the backup at `path` (read only)."""

    @abstractmethod
    def newest_good_backup(self) -> Path | None:
        """The newest of the roster's own backups that passes its check."""

    @abstractmethod
    def restore(self, backup: Path, who: str) -> Path | None:
        """Replace the roster with `backup` (checked first; a damaged roster is moved aside,
        never written). Returns where the roster it replaced was kept. The roster must not be
        open in this program meanwhile."""

    # -- who has it open ------------------------------------------------------------------
    def session_files(self) -> SessionFiles | None:
        """See `SessionFiles`; None where several programs may have the roster open at once."""
        return None

    def who_has_it_open(self) -> dict[str, Any]:
        """The note of the program that has the roster open: `who`, `host`, `pid`, `since`
        (an empty dict when nobody has written one)."""
        return {}

    def say_who_has_it_open(self, note: dict[str, Any]) -> None:
        """Write the note `who_has_it_open` reads (the person signed in now)."""
        return None

    def forget_who_has_it_open(self) -> None:
        """Remove that note (the program is closing)."""
        return None


#: called while a write waits for another program's, each second, with the seconds waited
WaitingHook = Callable[[float], object]
