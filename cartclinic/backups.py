"""Automatic backups: at start and after every N changes, checked after writing, rotated.

Rotation keeps the newest backup of each of the last 7 days that have one and the newest of
each of the 4 ISO weeks before those, so a mistake found a month later can still be undone
without the folder filling the disk. Only files the store's backend names are ever deleted.
"Newest" and "last" are by order of creation, never by the PC's clock (see the backend's
rotation: `cartclinic.store.sqlite.rotation` for a roster file).

This module decides when; the store's maintenance interface (`cartclinic.store.maintenance`)
writes, names, checks and rotates the backups.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cartclinic.store import RosterStore, open_maintenance
from cartclinic.store.maintenance import AUTOMATIC


def auto_backup(store: RosterStore, now: datetime) -> Path:
    """Write a checked backup now, note it in the audit trail, and rotate the folder."""
    upkeep = store.maintenance()
    written = upkeep.backup(now, kind=AUTOMATIC)
    with store.write("automatic backup"):
        store.note("backup", {"to": str(written), "automatic": True})
    upkeep.rotate_backups()
    return written


def backup_file(location: str | Path, now: datetime) -> Path:
    """The same checked, rotated backup through a connection of its own, so it can run on a
    worker thread while the application goes on (a connection belongs to its thread; the copy
    does not block the nurse's writes). The caller notes it in the audit trail."""
    upkeep = open_maintenance(location)
    written = upkeep.backup(now, kind=AUTOMATIC)
    upkeep.rotate_backups()
    return written


def backup_due(store: RosterStore, every_changes: int) -> bool:
    return every_changes > 0 and store.changes_since_backup >= every_changes


def after_change(store: RosterStore, every_changes: int, now: datetime) -> Path | None:
    """Call after a write: makes a backup when N changes have piled up since the last one."""
    if not backup_due(store, every_changes):
        return None
    path = auto_backup(store, now)
    store.changes_since_backup = 0
    return path
