"""A small note beside the roster naming its last committed audit row.

A roster whose `-wal` file was lost (copied without it, deleted by a cleaner) opens without
error and without its latest changes: `quick_check` cannot see that. The seal can: if the audit
row it names is not in the file, changes are missing and the file must not be used.
Written after each commit without fsync: a seal that lags behind is harmless, only one that is
ahead of the roster means loss, and the WAL itself is synced before the seal is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from cartclinic.store import anchors
from cartclinic.store.sqlite.files import replace_file


def seal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".seal")


def write(db_path: Path, audit_id: int, audit_hash: str) -> None:
    target = seal_path(db_path)
    tmp = target.with_name(target.name + ".tmp")
    with contextlib.suppress(OSError):
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"audit_id": audit_id, "hash": audit_hash}, f)
        replace_file(tmp, target)


def remove(db_path: Path) -> None:
    seal_path(db_path).unlink(missing_ok=True)


def missing_changes(db_path: Path) -> str | None:
    """None when the roster holds its last sealed change, else what is wrong."""
    try:
        data = json.loads(seal_path(db_path).read_text(encoding="utf-8"))
        audit_id, audit_hash = int(data["audit_id"]), str(data["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no seal (older roster, or never written): nothing to compare
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT hash FROM audit WHERE id = ?", (audit_id,)).fetchone()
            if row is not None and row[0] is None:  # inside a group (migration 0018)
                from cartclinic.store.audit import entry_hash
                row = (entry_hash(conn, audit_id),)
            if row is not None and row[0] != audit_hash:
                # sealed before migration 0016 chained the trail anew, which then stopped
                # before writing the new seal: the row keeps its old hash's first digits
                with contextlib.suppress(sqlite3.OperationalError):  # no such column before
                    legacy = conn.execute("SELECT legacy FROM audit WHERE id = ?",
                                          (audit_id,)).fetchone()
                    old = legacy[0].hex() if legacy and isinstance(legacy[0], bytes) else None
                    if old and audit_hash.startswith(old):
                        row = (audit_hash,)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None  # the integrity check reports this
    if row is None or row[0] != audit_hash:
        return (
            f"its latest changes are missing: audit row {audit_id} is not in the file "
            "(was the -wal file beside it lost or deleted?)"
        )
    return None


def head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """The last audit row (id, hash), or None for an empty trail: what an anchor names."""
    try:
        row = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    return (int(row[0]), str(row[1])) if row else None


def hash_of(conn: sqlite3.Connection) -> Callable[[int], tuple[str, bytes | None] | None]:
    """An audit row's hash and `legacy` (what a row converted by 0016 kept of its former hash)
    by its id (None for a row not there), read through `conn`."""
    def lookup(audit_id: int) -> tuple[str, bytes | None] | None:
        row = conn.execute("SELECT hash, legacy FROM audit WHERE id = ?",
                           (audit_id,)).fetchone()
        if row is not None and row[0] is None:  # an entry inside a group (migration 0018)
            from cartclinic.store.audit import entry_hash
            return entry_hash(conn, audit_id), row[1]
        return (row[0], row[1]) if row else None
    return lookup


def record_backup(db_path: Path, backup: Path) -> None:
    """The head of a backup just written goes in a sidecar beside it and the roster's anchors."""
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            top = head(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return
    anchors.record_backup(db_path, backup, top)
