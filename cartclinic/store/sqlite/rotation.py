"""The names of a SQLite roster's automatic backups, and their rotation.

Rotation keeps the newest backup of each of the last 7 days that have one and the newest of
each of the 4 ISO weeks before those, so a mistake found a month later can still be undone
without the folder filling the disk. Only files this module names are ever deleted.

"Newest" and "last" are by order of creation, never by the PC's clock: each automatic backup
carries a sequence number one above the highest in the folder (`<stem>-<stamp>-<seq>-auto.db`),
and rotation walks the backups from the highest number down. A clock set to 2020 gives its
backups 2020 names, but they are still the newest ones and are kept; nothing is ever compared
with "now". (Backups named before the numbers count as older than any numbered one, in the
order of their names.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from cartclinic.store import anchors
from cartclinic.store.sqlite.files import backup_dir, backup_name

KEEP_DAILY = 7
KEEP_WEEKLY = 4
_AUTO = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?-auto\.db$")


def _auto_backups(folder: Path, stem: str) -> list[tuple[tuple[int, str], Path]]:
    """The automatic backups of `stem` with their order of creation, newest first."""
    found = []
    for path in folder.glob(f"{stem}-*-auto.db"):
        m = _AUTO.match(path.name)
        if m and m.group("stem") == stem:
            found.append(((int(m.group("seq") or 0), m.group("stamp")), path))
    found.sort(reverse=True)
    return found


def _next_names(db_path: Path, now: datetime) -> Iterator[Path]:
    """Names for the next automatic backup: its sequence number is one above the highest."""
    found = _auto_backups(backup_dir(db_path), db_path.stem)
    seq = (found[0][0][0] if found else 0) + 1
    while True:  # a name taken meanwhile (another program's backup) moves on to the next
        yield backup_name(db_path, now, "auto", seq)
        seq += 1


def rotate(folder: Path, stem: str) -> list[Path]:
    """Delete automatic backups beyond the daily/weekly keep; returns what was deleted.

    Walks the backups in order of creation, newest first; a backup's day and week are those
    of its name. Never looks at the clock: the newest backup is always kept."""
    stamped = [(datetime.strptime(order[1], "%Y%m%d-%H%M%S"), path)
               for order, path in _auto_backups(folder, stem)]
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
