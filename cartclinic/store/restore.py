"""Restoring a backup, also over a damaged roster: the damaged file is moved aside, never written."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from cartclinic.errors import InputRefused
from cartclinic.store import files, seal


def restore(db_path: Path, backup: Path, who: str) -> Path | None:
    """Replace the roster at `db_path` with `backup`. Returns where the old file was kept."""
    from cartclinic.store.sqlite import SqliteStore

    backup = Path(backup)
    if not backup.exists():
        raise InputRefused(f"restore: {backup} does not exist")
    verdict = files.check_file(backup, full=True)
    if verdict != "ok":
        raise InputRefused(f"restore: {backup} is damaged ({verdict}); choose another backup")
    _refuse_a_roster_nobody_can_run(backup)  # before anything is moved
    kept: Path | None = None
    if db_path.exists() and (files.check_file(db_path) != "ok" or seal.missing_changes(db_path)):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
        os.replace(db_path, kept)
        for suffix in ("-wal", "-shm"):
            side = Path(str(db_path) + suffix)
            if side.exists():
                os.replace(side, Path(str(kept) + suffix))
        seal.remove(db_path)
    store = SqliteStore.open(db_path)
    try:
        if kept is None and db_path.exists():
            # keep the current roster as a backup before it is replaced
            kept = store.backup(files.backup_name(db_path, datetime.now(), "before-restore"))
        store.restore_from(backup, who)
    finally:
        store.close()
    return kept


def _refuse_a_roster_nobody_can_run(backup: Path) -> None:
    import sqlite3

    from cartclinic.store.sqlite import refuse_patients_without_admin

    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "patients" in tables:
            refuse_patients_without_admin(src, backup)
    finally:
        src.close()
