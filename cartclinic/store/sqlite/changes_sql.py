"""What one write transaction changed, read back from the audit rows it wrote (every clinical
change writes one, in the same transaction): the patients and visits touched, settings, staff."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from cartclinic.changes import EVERYTHING, NOTHING, Changes

# a write of more rows than this (an import, an upgrade) is "everything": listing it would cost
# more than reading the screens again
MOST_ROWS = 1000

# the patient of a row of each table, and its visit where it has one
_PATIENT_OF = {
    "treatments": "SELECT id, patient_id, NULL FROM treatments WHERE id IN ({})",
    "visits": "SELECT v.id, t.patient_id, v.id FROM visits v "
              "JOIN treatments t ON t.id = v.treatment_id WHERE v.id IN ({})",
    "visit_records": "SELECT r.id, t.patient_id, r.visit_id FROM visit_records r "
                     "JOIN visits v ON v.id = r.visit_id "
                     "JOIN treatments t ON t.id = v.treatment_id WHERE r.id IN ({})",
    "call_attempts": "SELECT id, patient_id, visit_id FROM call_attempts WHERE id IN ({})",
    "corrections": "SELECT id, patient_id, NULL FROM corrections WHERE id IN ({})",
    "visit_changes": "SELECT id, patient_id, NULL FROM visit_changes WHERE id IN ({})",
    "lab_results": "SELECT id, patient_id, NULL FROM lab_results WHERE id IN ({})",
    "events": "SELECT id, patient_id, NULL FROM events WHERE id IN ({})",
    "tasks": "SELECT id, patient_id, NULL FROM tasks WHERE id IN ({})",
}


def changes_since(conn: sqlite3.Connection, audit_id: int) -> Changes:
    """What the audit rows after `audit_id` say was changed, read inside the transaction that
    wrote them (so the rows they name are there to be looked up)."""
    rows = conn.execute("SELECT table_name, row_id FROM audit WHERE id > ? ORDER BY id LIMIT ?",
                        (audit_id, MOST_ROWS + 1)).fetchall()
    if len(rows) > MOST_ROWS:
        return EVERYTHING
    return changes_of(conn, [(str(table), row_id) for table, row_id in rows])


def changes_of(conn, rows: Iterable[tuple[str, object]]) -> Changes:
    """What changing these (table, row id) pairs changed: each row's patient and visit looked
    up through `conn` (a write's own rows, or those another workstation's write named)."""
    rows = list(rows)
    if not rows:
        return NOTHING
    if len(rows) > MOST_ROWS:
        return EVERYTHING
    by_table: dict[str, set[int]] = defaultdict(set)
    settings = users = False
    for table, row_id in rows:
        if table == "settings":
            settings = True
        elif table == "users":
            users = True
        elif table == "patients" or table in _PATIENT_OF:
            try:
                by_table[table].add(int(row_id))  # type: ignore[call-overload]
            except (TypeError, ValueError):
                return EVERYTHING
    patients = set(by_table.pop("patients", set()))
    visits: set[int] = set()
    for table, ids in by_table.items():
        marks = ",".join("?" * len(ids))
        try:
            found = conn.execute(_PATIENT_OF[table].format(marks), sorted(ids)).fetchall()
        except sqlite3.OperationalError:
            return EVERYTHING  # a roster of an older shape (written before its upgrade)
        if len(found) < len(ids):
            return EVERYTHING  # a row deleted in the write: whose it was is not looked for
        for _row, patient_id, visit_id in found:
            patients.add(int(patient_id))
            if visit_id is not None:
                visits.add(int(visit_id))
    return Changes(frozenset(patients), frozenset(visits), settings, users)
