"""The SQL of rule 11 ("entered in error"), mixed into `SqliteStore`: the before and after of
every visit an entry changed, the corrections, and the rows a correction marks or removes.

Every write goes through the store's audited `_insert`, `_update` and `_delete`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from cartclinic.dates import iso
from cartclinic.errors import NotFound
from cartclinic.model import CallAttempt, Correction, LabResult, VisitChange, VisitRecord

# the tables whose rows a correction marks with its id (they stay, marked)
MARKED_TABLES = ("events", "lab_results", "call_attempts", "visit_changes")


class CorrectionsSql:
    conn: sqlite3.Connection
    # while an entry is written: visit id -> (fields before, fields after), see capture_visit_changes
    _visit_log: dict[int, tuple[dict[str, Any], dict[str, Any]]] | None = None

    if TYPE_CHECKING:  # SqliteStore's
        def _insert(self, table: str, values: dict[str, Any]) -> int: ...
        def _update(self, table: str, row_id: int, changes: dict[str, Any]) -> None: ...
        def _audit(self, table: str, row_id: Any, action: str, old: Any, new: Any) -> None: ...
        def _require_tx(self) -> str: ...
        def _row(self, table: str, row_id: int) -> dict[str, Any] | None: ...

    # -- what an entry changes ------------------------------------------------------------
    @contextmanager
    def capture_visit_changes(self) -> Iterator[dict[int, tuple[dict[str, Any], dict[str, Any]]]]:
        """Collect, while the block runs, each visit's changed fields as stored before the first
        change and after the last (whoever makes them: the rules may change over time, the
        record of what they did stays exact)."""
        log: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._visit_log = log
        try:
            yield log
        finally:
            self._visit_log = None

    def _log_visit_update(self, visit_id: int, old: dict[str, Any], new: dict[str, Any]) -> None:
        if self._visit_log is None:
            return
        before, after = self._visit_log.setdefault(visit_id, ({}, {}))
        for key, value in new.items():
            if old.get(key) != value or key in after:
                before.setdefault(key, old.get(key))
                after[key] = value

    def add_visit_change(self, change: VisitChange) -> int:
        return self._insert("visit_changes", {
            "patient_id": change.patient_id, "entry": change.entry, "entry_id": change.entry_id,
            "made_on": iso(change.made_on), "reason": change.reason,
            "visits": json.dumps([[v, b, a] for v, b, a in change.visits], ensure_ascii=False,
                                 sort_keys=True),
        })

    def visit_changes(self, patient_id: int) -> list[VisitChange]:
        """Every visit change of the patient, corrected ones included, in the order made."""
        rows = self.conn.execute(
            "SELECT * FROM visit_changes WHERE patient_id = ? ORDER BY id", (patient_id,))
        return [VisitChange(
            id=r["id"], patient_id=r["patient_id"], entry=r["entry"], entry_id=r["entry_id"],
            made_on=date.fromisoformat(r["made_on"]), reason=r["reason"],
            visits=tuple((v, b, a) for v, b, a in json.loads(r["visits"])),
            corrected_by=r["corrected_by"],
        ) for r in rows]

    def visit_row(self, visit_id: int) -> dict[str, Any]:
        """A visit as stored (ISO dates, JSON lists): what a change's before and after hold."""
        row = self._row("visits", visit_id)
        if row is None:
            raise NotFound(f"visit: no visit with id {visit_id}")
        return row

    def set_visit_fields(self, visit_id: int, fields: dict[str, Any]) -> None:
        """Put stored values back (from a change's before image)."""
        self._update("visits", visit_id, dict(fields))

    # -- corrections ----------------------------------------------------------------------
    def add_correction(self, c: Correction) -> int:
        return self._insert("corrections", {
            "patient_id": c.patient_id, "kind": c.kind, "entry_id": c.entry_id,
            "reason": c.reason, "who": c.who, "corrected_on": iso(c.corrected_on),
            "entry": json.dumps(c.entry, ensure_ascii=False, sort_keys=True),
        })

    def corrections(self, patient_id: int) -> list[Correction]:
        rows = self.conn.execute(
            "SELECT * FROM corrections WHERE patient_id = ? ORDER BY id", (patient_id,))
        return [_correction(r) for r in rows]

    def correction_of(self, kind: str, entry_id: int) -> Correction | None:
        """The latest correction of this entry, if any."""
        r = self.conn.execute(
            "SELECT * FROM corrections WHERE kind = ? AND entry_id = ? ORDER BY id DESC LIMIT 1",
            (kind, entry_id)).fetchone()
        return None if r is None else _correction(r)

    def mark_corrected(self, table: str, row_id: int, correction_id: int) -> None:
        if table not in MARKED_TABLES:
            raise ValueError(f"{table} rows are not marked by a correction")
        self._update(table, row_id, {"corrected_by": correction_id})

    # -- the entries a correction reads ---------------------------------------------------
    def record(self, record_id: int) -> VisitRecord:
        r = self.conn.execute("SELECT * FROM visit_records WHERE id = ?", (record_id,)).fetchone()
        if r is None:
            raise NotFound(f"record: no visit record with id {record_id}")
        labs = tuple(
            LabResult(lab["name"], lab["value"], lab["unit"], id=lab["id"])
            for lab in self.conn.execute(
                "SELECT * FROM lab_results WHERE record_id = ? AND corrected_by IS NULL "
                "ORDER BY id", (record_id,))
        )
        return VisitRecord(
            id=r["id"], visit_id=r["visit_id"], done_on=date.fromisoformat(r["done_on"]),
            who=r["who"], assessments_done=tuple(json.loads(r["assessments_done"])),
            disease_status=r["disease_status"], labs=labs, notes=r["notes"],
        )

    def record_id_of_visit(self, visit_id: int) -> int | None:
        row = self.conn.execute("SELECT id FROM visit_records WHERE visit_id = ?",
                                (visit_id,)).fetchone()
        return None if row is None else int(row[0])

    def lab_result_row(self, result_id: int) -> dict[str, Any]:
        """A result as stored, with its patient and the date it was taken, and the visit of
        its record (None for an imported result)."""
        row = self.conn.execute(
            "SELECT l.*, r.visit_id, COALESCE(l.taken_on, r.done_on) AS done_on, "
            "COALESCE(l.patient_id, t.patient_id) AS patient_id FROM lab_results l "
            "LEFT JOIN visit_records r ON r.id = l.record_id "
            "LEFT JOIN visits v ON v.id = r.visit_id "
            "LEFT JOIN treatments t ON t.id = v.treatment_id WHERE l.id = ?",
            (result_id,)).fetchone()
        if row is None:
            raise NotFound(f"result: no lab result with id {result_id}")
        return dict(row)

    def call(self, call_id: int) -> CallAttempt:
        r = self.conn.execute("SELECT * FROM call_attempts WHERE id = ?", (call_id,)).fetchone()
        if r is None:
            raise NotFound(f"call: no call with id {call_id}")
        return CallAttempt(
            id=r["id"], patient_id=r["patient_id"], visit_id=r["visit_id"],
            called_on=date.fromisoformat(r["called_on"]), outcome=r["outcome"], who=r["who"],
            notes=r["notes"], corrected_by=r["corrected_by"],
        )

    def calls_of_visits(self, visit_ids: list[int], *, with_corrected: bool = False) -> list[int]:
        """Ids of the calls about these visits (those entered in error only when asked)."""
        if not visit_ids:
            return []
        marks = ",".join("?" for _ in visit_ids)
        live = "" if with_corrected else " AND corrected_by IS NULL"
        return [int(r[0]) for r in self.conn.execute(
            f"SELECT id FROM call_attempts WHERE visit_id IN ({marks}){live} ORDER BY id",
            visit_ids)]

    # -- rows a correction removes (kept in the correction's `entry`) ----------------------
    def _delete(self, table: str, row_id: int) -> None:
        self._require_tx()
        old = self._row(table, row_id)
        if old is None:
            raise NotFound(f"{table}: no row {row_id}")
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._audit(table, row_id, "delete", old, None)

    def delete_record(self, record_id: int) -> dict[str, Any]:
        """Remove a visit record and its results (the visit has one record slot); returns them
        as they were. The visit's own fields are put back by the caller."""
        record = self._row("visit_records", record_id)
        if record is None:
            raise NotFound(f"record: no visit record with id {record_id}")
        labs = [dict(r) for r in self.conn.execute(
            "SELECT * FROM lab_results WHERE record_id = ? ORDER BY id", (record_id,))]
        for lab in labs:
            self._delete("lab_results", lab["id"])
        self._delete("visit_records", record_id)
        return {**record, "labs": labs}

    def delete_visit(self, visit_id: int) -> None:
        """Remove a track visit no result asks for any more and nothing else touched (see
        `cartclinic/track_sync.py`): the schedule is then as if it had never been made."""
        self._delete("visits", visit_id)

    def delete_treatment(self, treatment_id: int) -> dict[str, Any]:
        """Remove a treatment and its visits (a re-infusion entered in error); returns the
        treatment as it was. The caller checks first that no live entry refers to them."""
        treatment = self._row("treatments", treatment_id)
        if treatment is None:
            raise NotFound(f"treatment: no treatment with id {treatment_id}")
        visit_ids = [int(r[0]) for r in self.conn.execute(
            "SELECT id FROM visits WHERE treatment_id = ? ORDER BY id", (treatment_id,))]
        # a call entered in error may still name one of its visits (its correction keeps the
        # call as it was, visit included)
        for call_id in self.calls_of_visits(visit_ids, with_corrected=True):
            self._update("call_attempts", call_id, {"visit_id": None})
        for visit_id in visit_ids:
            self._delete("visits", visit_id)
        self.conn.execute("DELETE FROM treatment_protocols WHERE treatment_id = ?", (treatment_id,))
        # an event entered in error earlier may still name it (its correction keeps the id)
        for (event_id,) in self.conn.execute(
                "SELECT id FROM events WHERE treatment_id = ? AND corrected_by IS NOT NULL",
                (treatment_id,)).fetchall():
            self._update("events", event_id, {"treatment_id": None})
        self._delete("treatments", treatment_id)
        return {**treatment, "visits": visit_ids}


def _correction(r: sqlite3.Row) -> Correction:
    return Correction(
        id=r["id"], patient_id=r["patient_id"], kind=r["kind"], entry_id=r["entry_id"],
        reason=r["reason"], who=r["who"], corrected_on=date.fromisoformat(r["corrected_on"]),
        entry=json.loads(r["entry"]),
    )
