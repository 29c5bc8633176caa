"""Automatic backups: at start and after every N changes, checked after writing, rotated.

Rotation keeps the newest backup of each of the last 7 days that have one and the newest of
each of the 4 ISO weeks before those, so a mistake found a month later can still be undone
without the folder filling the disk. Only files this module names are ever deleted.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path

from cartclinic.store import RosterStore, anchors
from cartclinic.store.files import backup_dir, backup_name, backup_to

KEEP_DAILY = 7
KEEP_WEEKLY = 4
_AUTO = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-auto\.db$")


def auto_backup(store: RosterStore, now: datetime) -> Path:
    """Write a checked backup now, note it in the audit trail, and rotate the folder."""
    dest = backup_name(store.path, now, "auto")
    written = store.backup(dest)
    with store.write("automatic backup"):
        store.note("backup", {"to": str(written), "automatic": True})
    rotate(backup_dir(store.path), store.path.stem)
    return written


def backup_file(db_path: Path, now: datetime) -> Path:
    """The same checked, rotated backup through a connection of its own, so it can run on a
    worker thread while the application goes on (SQLite connections belong to their thread;
    in WAL mode a reader does not block the writer). The caller notes it in the audit trail."""
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        written = backup_to(source, backup_name(db_path, now, "auto"))
    finally:
        source.close()
    anchors.record_backup(db_path, written)
    rotate(backup_dir(db_path), db_path.stem)
    return written


def backup_due(store: RosterStore, every_changes: int) -> bool:
    return every_changes > 0 and getattr(store, "changes_since_backup", 0) >= every_changes


def after_change(store: RosterStore, every_changes: int, now: datetime) -> Path | None:
    """Call after a write: makes a backup when N changes have piled up since the last one."""
    if not backup_due(store, every_changes):
        return None
    path = auto_backup(store, now)
    store.changes_since_backup = 0  # type: ignore[attr-defined]
    return path


def rotate(folder: Path, stem: str) -> list[Path]:
    """Delete automatic backups beyond the daily/weekly keep; returns what was deleted."""
    stamped: list[tuple[datetime, Path]] = []
    for path in folder.glob(f"{stem}-*-auto.db"):
        m = _AUTO.match(path.name)
        if m and m.group("stem") == stem:
            stamped.append((datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S"), path))
    stamped.sort(reverse=True)
    keep: set[Path] = set()
    days: list = []
    weeks: list = []
    for when, path in stamped:
        day = when.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(path)
            continue
        if day in days:
            continue
        week = when.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY and all(
            d.isocalendar()[:2] != week for d in days
        ):
            weeks.append(week)
            keep.add(path)
    deleted = []
    for _, path in stamped:
        if path not in keep:
            path.unlink(missing_ok=True)
            anchors.sidecar(path).unlink(missing_ok=True)
            deleted.append(path)
    return deleted
