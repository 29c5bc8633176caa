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

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cartclinic.errors import InputRefused, RosterProblem

# in an order in which every row's references come before it (by id within each table)
TABLES = (
    "patients", "treatments", "protocol_versions", "treatment_protocols", "corrections",
    "events", "visits", "visit_records", "lab_results", "call_attempts", "settings", "users",
    "visit_changes", "tasks", "audit_table", "audit_log", "audit_group",
)
KEYS = {"protocol_versions": "protocol_id, version", "treatment_protocols": "treatment_id, protocol_id",
        "settings": "key", "audit_table": "code"}
# the audit trail's tables (migration 0018): numbered by the trail itself, no sequence; the
# new roster has the table codes every roster starts with, only a source's further ones go
AUDIT_TABLES = ("audit_table", "audit_log", "audit_group")
BATCH = 2000


@dataclass(frozen=True)
class Moved:
    dest: str
    rows: dict[str, int]


def is_url(where: str | Path) -> bool:
    return isinstance(where, str) and where.startswith(("postgresql://", "postgres://"))


def describe(where: str | Path) -> str:
    if is_url(where):
        from cartclinic.store.postgres.store import describe as without_password

        return without_password(str(where))
    return str(where)


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
            with _snapshot(source):
                rows = _copy(source, target, who, describe(src))
        except BaseException:
            target.close()
            if final is not None:
                _remove_file(Path(target_name))
            raise
        target.close()
    finally:
        source.close()
    if final is not None:
        _rename_roster(Path(target_name), final)
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
        _remove_file(part)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return part, path
    raise InputRefused("--to: no free name")  # an endless iterable never gets here


@contextmanager
def _snapshot(store: Any) -> Iterator[None]:
    """Every table read as of one moment, while other workstations may go on writing."""
    server = hasattr(store, "url")
    store.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if server else "BEGIN")
    try:
        yield
    finally:
        store.conn.execute("ROLLBACK")


def _rename_roster(part: Path, final: Path) -> None:
    """The finished copy under its name (a killed move leaves a .part, never a half roster),
    with its seal; the anchors kept for the .part are set aside."""
    from cartclinic.store import anchors
    from cartclinic.store.sqlite import seal
    from cartclinic.store.sqlite.files import replace_file

    replace_file(part, final)
    if seal.seal_path(part).exists():
        replace_file(seal.seal_path(part), seal.seal_path(final))
    anchors.retire(part)


def _remove_file(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def _rows(store: Any, table: str) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
    cur = store.conn.cursor()
    cur.row_factory = None
    cur.execute(f"SELECT * FROM {table} ORDER BY {KEYS.get(table, 'id')}")
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(BATCH):
        yield names, [tuple(r) for r in batch]


def _copy(source: Any, target: Any, who: str, source_name: str) -> dict[str, int]:
    """Every table of `source` into the new roster `target`, one transaction."""
    if target.has_patients() or target.audit_head() is not None:
        raise InputRefused(
            "--to: the destination already holds a roster; a roster is moved only to an empty "
            "database or a new file (nothing was written to it)")
    counts: dict[str, int] = {}
    with target.write(who):
        server = hasattr(target, "url")
        if not server:
            target.conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in TABLES:
            counts[table] = 0
            for names, batch in _rows(source, table):
                counts[table] += len(batch)
                if table == "audit_table":  # the codes the new roster has are the same
                    have = {r[0] for r in target.conn.execute("SELECT code FROM audit_table")}
                    batch = [r for r in batch if r[0] not in have]
                if server:  # COPY: a 10,000-patient roster's million rows in minutes, not hours
                    with target.conn.raw.cursor().copy(
                            f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                        for row in batch:
                            copy.write_row(row)
                else:
                    marks = ", ".join("?" for _ in names)
                    target.conn.executemany(
                        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", batch)
            if server and table not in KEYS and table not in AUDIT_TABLES:
                # new rows numbered after the copied ones
                target.conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")
        # the chain's head is now the copied trail's last row: the move is the row after it
        target.note("move", {"from": source_name, "rows": counts})
    problems = target.verify_audit()
    if problems:  # never expected: the copy is refused rather than kept
        raise RosterProblem("The copy does not verify, so it is not kept: " + "; ".join(problems[:3]))
    return counts
