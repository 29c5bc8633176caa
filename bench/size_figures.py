"""The roster file's size and the audit trail's share of it (issue 14 item 2): the file after a
checkpoint, and the pages of the trail's tables and index counted by SQLite's `dbstat`.

Budgets: the file at most 250 MB at 10,000 patients (scaled by patients / 10,000 for other
sizes), and the audit trail under half of the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.measure import Figure

MB = 1_000_000
FILE_BUDGET_MB_AT_10K = 250.0
# the trail since migration 0018: entries, groups, table codes, and the index of a row's history
# (a SQLite roster has none since 0020: counted where an older roster still has it)
AUDIT_OBJECTS = ("audit_log", "audit_group", "audit_table", "audit_row")


def measure(path: Path) -> dict[str, float]:
    """Bytes: the file after a checkpoint, its pages in use, the audit trail's pages, and
    the free pages (the file keeps them until a VACUUM)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0] * page_size
    finally:
        conn.close()
    return {"file": path.stat().st_size, "used": sum(pages.values()),
            "audit": sum(pages.get(name, 0) for name in AUDIT_OBJECTS), "free": free}


def sizes(path: Path, patients: int) -> list[Figure]:
    got = measure(path)
    budget = FILE_BUDGET_MB_AT_10K * patients / 10_000
    file_mb, audit_mb = got["file"] / MB, got["audit"] / MB
    return [
        Figure("roster file after a checkpoint", file_mb, None, f"≤ {budget:.0f} MB",
               file_mb <= budget, unit="MB"),
        Figure("audit trail (entries, groups, index; dbstat)", audit_mb, None,
               f"< half the file ({file_mb / 2:.0f} MB)", audit_mb < file_mb / 2, unit="MB"),
        Figure("free pages in the file (given back by VACUUM)", got["free"] / MB, None, "", None,
               unit="MB"),
    ]
