"""Keeping a patient's track visits in step with the patient's results (rules T1-T4).

`sync_tracks` runs inside the write of whatever changed the results or the visits (a visit
record, a result or record entered in error, an event, a missed mark, a cancellation), so the
track visits change in the same transaction and audit trail. Track visits are ordinary visit
rows of the treatment: the worklist, `due`, the patient page, sheets, letters, events,
rescheduling and corrections treat them as any other visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cartclinic.analytes import analyte
from cartclinic.calendar import ClinicCalendar
from cartclinic.model import Treatment
from cartclinic.notes import written
from cartclinic.protocol import (
    ProtocolLibrary,
    protocol_of_version,
    protocol_tracks,
    translated_tracks,
)
from cartclinic.tracks import TrackResult, plan_track, track_visits

if TYPE_CHECKING:
    from cartclinic.store import RosterStore


def track_results(store: RosterStore, patient_id: int) -> dict[str, list[TrackResult]]:
    """The patient's results by analyte (the analyte table's name), each with the day it was
    taken, its canonical value and its entry order: the ONE place tracks read results from.
    Typed at a visit or imported from the lab (`store.results`), those entered in error left
    out; a result not in the table or not a number is no result for a track."""
    out: dict[str, list[TrackResult]] = {}
    for result in store.results(patient_id):
        found = analyte(result.name)
        if found is None or result.canonical is None:
            continue
        out.setdefault(found.name, []).append(
            TrackResult(result.taken_on, result.canonical, result.id or 0))
    return out


def sync_tracks(store: RosterStore, patient_id: int, calendar: ClinicCalendar,
                *, ended: bool = False, library: ProtocolLibrary | None = None) -> int:
    """Bring every track of the patient's treatments in step with the results; returns the
    number of visits added, moved, reopened, cancelled or dropped. `ended`: a death,
    withdrawal or loss to follow-up stands, and no track makes or changes a visit."""
    treatments = store.treatments(patient_id)
    if not treatments:
        return 0
    results: dict[str, list[TrackResult]] | None = None
    changed = 0
    for treatment in treatments:
        superseded = any(t.infusion_date > treatment.infusion_date for t in treatments)
        visits = None
        for protocol_id in treatment.protocols:
            version, snapshot = store.protocol_version(treatment.id or 0, protocol_id)
            tracks = protocol_tracks(snapshot)
            if not tracks:
                continue
            # the snapshot keeps the schedule; the Chinese comes from the file of that version
            tracks = translated_tracks(tracks, protocol_of_version(protocol_id, version, library))
            if results is None:
                results = track_results(store, patient_id)
            if visits is None:
                visits = store.visits(treatment_id=treatment.id)
            for track in tracks:
                mine = track_visits(track, protocol_id, visits)
                actions = plan_track(track, protocol_id, treatment.infusion_date,
                                     results.get(track.analyte, ()), mine, calendar,
                                     held=ended or superseded)
                changed += apply_track_actions(store, treatment, actions, patient_id)
    return changed


def apply_track_actions(store: RosterStore, treatment: Treatment, actions: Sequence,
                        patient_id: int) -> int:
    """Make a track's actions (tracks.plan_track) on the treatment's visits; how many."""
    for a in actions:
        if a.what == "add":
            store.add_visits(treatment.id or 0, [a.planned])
        elif a.what in ("move", "reopen"):
            p = a.planned
            store.update_visit(a.visit_id, target=p.target, window_start=p.window_start,
                               window_end=p.window_end, scheduled=p.scheduled, flags=p.flags,
                               **({"cancelled_reason": ""} if a.what == "reopen" else {}))
        elif a.what == "cancel":
            store.update_visit(a.visit_id, cancelled_reason=a.reason)
        elif a.what == "drop":
            if _untouched(store, patient_id, a.visit_id):
                store.delete_visit(a.visit_id)
            else:
                store.update_visit(a.visit_id, cancelled_reason=written("note.not_needed"))
    return len(actions)


def _untouched(store: RosterStore, patient_id: int, visit_id: int) -> bool:
    """Nothing but the track ever touched this visit: no call names it, no entry changed it."""
    if store.calls_of_visits([visit_id], with_corrected=True):
        return False
    return not any(vid == visit_id for c in store.visit_changes(patient_id)
                   for vid, _b, _a in c.visits)

