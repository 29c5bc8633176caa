"""Restoring a backup, also over a damaged roster: the damaged file is moved aside, never written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.store.sqlite import files, seal


def restore(db_path: Path, backup: Path, who: str) -> Path | None:
    """Replace the roster at `db_path` with `backup`. Returns where the old file was kept.

    A `kill -9` at any moment leaves a roster that opens, the old one or the restored one:
    the current roster is first copied aside (a name of its own, never over an earlier copy),
    its seal is removed before the restored pages go in (a seal naming the old file's last
    audit row would make the restored file look as if it had lost changes), and the pages go
    in as one SQLite transaction. A damaged file is moved aside, its `-wal` first, so a `-wal`
    is never left beside a file it does not belong to."""
    from cartclinic.store.sqlite.store import SqliteStore

    db_path = Path(db_path).expanduser().absolute()
    backup = Path(backup)
    if not backup.exists():
        raise InputRefused(f"restore: {backup} does not exist")
    folder = db_path.parent
    if folder.is_dir() and not files.folder_writable(folder):
        raise RosterProblem(files.unwritable_folder_message(folder, "the roster cannot be restored there"))
    verdict = files.check_file(backup, full=True)
    if verdict != "ok":
        raise InputRefused(f"restore: {backup} is damaged ({verdict}); choose another backup")
    _refuse_a_roster_nobody_can_run(backup)  # before anything is moved
    kept: Path | None = None
    if db_path.exists() and (files.check_file(db_path) != "ok" or seal.missing_changes(db_path)):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = _free_name(db_path.with_name(f"{db_path.name}.damaged-{stamp}"))
        side = Path(str(db_path) + "-wal")
        if side.exists():
            files.replace_file(side, Path(str(kept) + "-wal"))
        files.replace_file(db_path, kept)
        Path(str(db_path) + "-shm").unlink(missing_ok=True)
        seal.remove(db_path)
    store = SqliteStore.open(db_path)
    try:
        if kept is None and db_path.exists():
            # keep the current roster as a backup before it is replaced
            kept = store.backup(files.backup_names(db_path, datetime.now(), "before-restore"))
        store.restore_from(backup, who)
    finally:
        store.close()
    return kept


def _free_name(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{n}")
        n += 1
    return candidate


def _refuse_a_roster_nobody_can_run(backup: Path) -> None:
    import sqlite3

    from cartclinic.store.sqlite.store import refuse_patients_without_admin

    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "patients" in tables:
            refuse_patients_without_admin(src, backup)
    finally:
        src.close()
