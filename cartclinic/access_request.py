"""A patient's whole record, audit rows included, as JSON: what a subject access request asks for."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from cartclinic.roster import Roster
from cartclinic.store.audit import redact


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def patient_record(roster: Roster, mrn: str, today: date) -> dict[str, Any]:
    patient = roster.find_patient(mrn)
    assert patient.id is not None
    store = roster.store
    treatments = store.treatments(patient.id)
    visits = store.visits(patient_id=patient.id)
    records = store.records(patient.id)
    events = store.events(patient.id, with_corrected=True)  # entered in error: kept, marked
    calls = store.calls(patient.id, with_corrected=True)
    corrections = store.corrections(patient.id)
    rows: dict[str, set[str]] = {
        "patients": {str(patient.id)},
        "treatments": {str(t.id) for t in treatments},
        "visits": {str(v.id) for v in visits},
        "visit_records": {str(r.id) for r in records},
        "events": {str(e.id) for e in events},
        "call_attempts": {str(c.id) for c in calls},
        "corrections": {str(c.id) for c in corrections},
        "visit_changes": {str(c.id) for c in store.visit_changes(patient.id)},
        # a result's insert entry keeps no values (the compact trail): its rows are named here
        "lab_results": {str(r.id) for r in store.results(patient.id) if r.id is not None},
    }
    for c in corrections:  # rows entered in error that had to go: their trail is theirs too
        if c.kind == "record":
            rows["visit_records"].add(str(c.entry["id"]))
            rows["lab_results"].update(  # its results, deleted with it
                str(lab["id"]) for lab in c.entry.get("labs", ())
                if isinstance(lab, dict) and lab.get("id") is not None)
        if c.kind == "result":  # a result entered in error is kept, marked, out of results()
            rows["lab_results"].add(str(c.entry_id))
        if "treatment" in c.entry:
            rows["treatments"].add(str(c.entry["treatment"]["id"]))
            rows["visits"].update(str(v) for v in c.entry["treatment"].get("visits", ()))
    audit = []
    record_ids = rows["visit_records"]
    for row in store.audit_rows():
        table, row_id = row["table_name"], row["row_id"]
        mine = row_id in rows.get(table, ())
        if table == "lab_results" and not mine and row["action"] == "delete" and row["old"]:
            lab = json.loads(row["old"])  # a result deleted with its record: its whole row
            mine = str(lab.get("record_id")) in record_ids
        if mine:
            audit.append({**{k: row[k] for k in ("id", "at", "who", "table_name", "row_id",
                                                 "action")},
                          "old": redact(row["old"]), "new": redact(row["new"])})
    return _plain({
        "exported_on": today,
        "patient": asdict(patient),
        "treatments": [asdict(t) for t in treatments],
        "visits": [{**asdict(v), "status": str(v.status(today))} for v in visits],
        "visit_records": [asdict(r) for r in records],
        "events": [asdict(e) for e in events],
        "call_attempts": [asdict(c) for c in calls],
        "corrections": [asdict(c) for c in corrections],
        "audit": audit,
    })
