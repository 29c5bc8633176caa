"""Move a roster from one store to another, nothing lost: a SQLite file to a PostgreSQL server
(a clinic that grows to several workstations), a server to a file and back (a backup of a server
roster, a clinic going back to one PC). `cartclinic-admin move --from SRC --to DST`.

Every table is copied row for row with its ids, in one transaction on the destination, and the
audit trail with it unchanged: its chain verifies on the destination as it did on the source, and
the move itself is its next row. The destination must be new (a file that does not exist yet, or
an empty database); the source is only read. Both are at the newest version (opening a roster
of an older version upgrades it, as every command does).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.store import describe, discard_new_roster, keep_new_roster
from cartclinic.store import is_server_url as is_url

# in an order in which every row's references come before it (by id within each table)
TABLES = (
    "patients", "treatments", "protocol_versions", "treatment_protocols", "corrections",
    "events", "visit_texts", "visits", "visit_records", "lab_results", "call_attempts",
    "settings", "users", "visit_changes", "tasks", "audit_table", "audit_log", "audit_group",
)
KEYS = {"protocol_versions": "protocol_id, version", "treatment_protocols": "treatment_id, protocol_id",
        "settings": "key", "audit_table": "code"}
BATCH = 2000


@dataclass(frozen=True)
class Moved:
    dest: str
    rows: dict[str, int]


def move_roster(src: str | Path, dest: str | Path | Iterable[Path], who: str) -> Moved:
    """Copy the roster at `src` to the new roster `dest` (a file that does not exist yet, names
    of which the first free is taken, or the URL of an empty database); the source is not
    changed. Refused, with nothing written, if the destination holds anything."""
    from cartclinic.store import open_store

    source = open_store(src, create=False)
    try:
        problems = source.verify_audit()
        if problems:
            raise RosterProblem(
                f"The roster {describe(src)} fails its audit check, so it is not moved (the copy "
                "would carry the break): " + "; ".join(problems[:3]))
        target_name, final = _destination(dest)
        target = open_store(target_name, create=True)
        try:
            with source.snapshot():
                rows = _copy(source, target, who, describe(src))
            if hasattr(target, "url"):  # a bulk load: the server's planner told what it holds
                target.conn.execute("ANALYZE")
        except BaseException:
            target.close()
            if final is not None:
                discard_new_roster(Path(target_name))
            raise
        target.close()
    finally:
        source.close()
    if final is not None:
        keep_new_roster(Path(target_name), final)
        target_name = str(final)
    return Moved(str(target_name) if final is not None else describe(target_name), rows)


def _destination(dest: str | Path | Iterable[Path]) -> tuple[str | Path, Path | None]:
    """(where to write, the file to rename it to at the end: None for a server)."""
    if is_url(dest):
        return str(dest), None
    candidates = [Path(dest)] if isinstance(dest, (str, Path)) else dest
    for path in candidates:
        path = Path(path).expanduser().absolute()
        if path.exists():
            if isinstance(dest, (str, Path)):
                raise InputRefused(
                    f"--to: {path} already exists; a roster is moved only to a new file "
                    "(nothing was written to it)")
            continue
        part = path.with_name(path.name + ".part")
        discard_new_roster(part)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return part, path
    raise InputRefused("--to: no free name")  # an endless iterable never gets here


def _copy(source: Any, target: Any, who: str, source_name: str) -> dict[str, int]:
    """Every table of `source` into the new roster `target`, one transaction."""
    if target.has_patients() or target.audit_head() is not None:
        raise InputRefused(
            "--to: the destination already holds a roster; a roster is moved only to an empty "
            "database or a new file (nothing was written to it)")
    counts: dict[str, int] = {}
    with target.write(who):
        for table in TABLES:
            counts[table] = 0
            for names, batch in source.table_rows(table, KEYS.get(table, "id"), BATCH):
                counts[table] += len(batch)
                if table == "audit_table":  # the codes a new roster starts with are the same
                    have = set(target.audit_table_codes().values())
                    batch = [r for r in batch if r[0] not in have]
                target.load_rows(table, names, batch)  # as they are: ids, hashes and all
            target.loaded(table)
        # the chain's head is now the copied trail's last row: the move is the row after it
        target.note("move", {"from": source_name, "rows": counts})
    problems = target.verify_audit()
    if problems:  # never expected: the copy is refused rather than kept
        raise RosterProblem("The copy does not verify, so it is not kept: " + "; ".join(problems[:3]))
    return counts
