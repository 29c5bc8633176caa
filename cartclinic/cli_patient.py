"""The command line's patient commands: `patient` (one patient's state, treatments, visits,
events and flags), `event` (record an event, shown first, saved only with --yes) and `correct`
(mark an entry "entered in error", rule 11). Registered by `cli._parser`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from cartclinic.cli import EXIT_OK, _date_arg, _note_read, _open, _table, _today, _who
from cartclinic.errors import InputRefused
from cartclinic.model import Patient, Visit
from cartclinic.patient_state import ACTIVE, DECEASED, LOST, WITHDRAWN
from cartclinic.roster import NewTreatment, Roster

# the command line's spelling -> the roster's
EVENT_KINDS = {
    "death": "death", "withdrawal": "withdrawal", "lost": "lost_to_follow_up",
    "relapse": "relapse", "progression": "progression", "reinfusion": "re_infusion",
    "allo-hct": "allo_hct",
    "secondary-malignancy": "secondary_malignancy", "t-cell-malignancy": "t_cell_malignancy",
    "serious-infection": "serious_infection", "hospitalisation": "hospitalisation",
    "late-neurotoxicity": "late_neurotoxicity", "parkinsonism": "parkinsonism",
    "cranial-nerve-palsy": "cranial_nerve_palsy", "immunoglobulin": "immunoglobulin",
    "anti-cd19-cd20": "anti_cd19_cd20",
}
_ALIASES = {"lost-to-follow-up": "lost", "lost_to_follow_up": "lost", "re-infusion": "reinfusion",
            "re_infusion": "reinfusion", "allo_hct": "allo-hct", "allohct": "allo-hct",
            "hospitalization": "hospitalisation", "ivig": "immunoglobulin"}
CORRECT_KINDS = ("event", "record", "result", "missed", "reschedule", "cancellation", "call")
# the roster's state (patient_state.py) -> the command line's word (DESIGN's contract)
STATES = {ACTIVE: "active", DECEASED: "deceased", WITHDRAWN: "withdrawn", LOST: "lost"}


def add_commands(cmd: Callable[..., argparse.ArgumentParser]) -> None:
    sp = cmd("patient", _patient, "one patient: state, treatments, every visit, events, flags")
    sp.add_argument("mrn")
    sp.add_argument("--today")
    sp.add_argument("--json", action="store_true")
    sp = cmd("event", _event, "record an event; without --yes only shows the visits it would cancel")
    sp.add_argument("mrn")
    sp.add_argument("kind", help=", ".join(EVENT_KINDS))
    sp.add_argument("--date", required=True, help="the day it happened, YYYY-MM-DD")
    sp.add_argument("--product", help="reinfusion: the product infused")
    sp.add_argument("--protocol", help="reinfusion: protocol ids, joined by ;")
    sp.add_argument("--note", default="")
    sp.add_argument("--yes", action="store_true", help="record it (otherwise nothing is changed)")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--today", help=argparse.SUPPRESS)
    sp = cmd("correct", _correct, 'mark an entry "entered in error" (rule 11)')
    sp.add_argument("what", choices=CORRECT_KINDS)
    sp.add_argument("id", help="event, result or call id; VISIT_ID for record, missed, "
                               "reschedule, cancellation")
    sp.add_argument("--reason", required=True)
    sp.add_argument("--today", help=argparse.SUPPRESS)


# -- patient ------------------------------------------------------------------------------
def patient_state(roster: Roster, patient_id: int) -> tuple[str, date | None]:
    """active, or deceased / withdrawn / lost with the day of its event: the roster's one
    definition of the state (rule 12, `Roster.patient_state`), in the command line's words."""
    state = roster.patient_state(patient_id)
    return STATES.get(state.kind, state.kind), state.since


def patient_json(roster: Roster, patient: Patient, today: date) -> dict[str, Any]:
    store = roster.store
    assert patient.id is not None
    treatments = store.treatments(patient.id)
    day0 = {t.id: t.infusion_date for t in treatments}
    product = {t.id: t.product for t in treatments}
    results = roster.results(patient.id)
    state, since = patient_state(roster, patient.id)
    visits = []
    for v in store.visits(patient_id=patient.id):
        status = v.status(today)
        visits.append({
            "visit_id": v.id, "patient_id": patient.id, "mrn": patient.mrn, "name": patient.name,
            "phone": patient.phone, "protocol": v.protocol_id, "product": product[v.treatment_id],
            "code": v.code, "label": v.label, "kind": v.kind, "target": v.target.isoformat(),
            "window_start": v.window_start.isoformat(), "window_end": v.window_end.isoformat(),
            "scheduled": v.scheduled.isoformat(), "status": str(status),
            "days_late": v.days_late(today), "flags": list(v.flags), "label_zh": v.label_zh,
            "treatment": day0[v.treatment_id].isoformat(),
            "day": (v.scheduled - day0[v.treatment_id]).days,
            "cancelled_reason": v.cancelled_reason,
            "done_on": v.done_on.isoformat() if v.done_on else None,
            "missed_on": v.missed_on.isoformat() if v.missed_on else None,
        })
    return {
        "mrn": patient.mrn, "name": patient.name, "state": state,
        "state_date": since.isoformat() if since else None,
        "treatments": [{"id": t.id, "day0": t.infusion_date.isoformat(), "product": t.product,
                        "protocols": list(t.protocols)} for t in treatments],
        "visits": visits,
        "events": [{"id": e.id, "kind": e.kind, "date": e.event_date.isoformat(),
                    "entered_in_error": e.corrected_by is not None, "notes": e.notes,
                    # a loss to follow-up undone (the patient came back) no longer counts
                    "undone_on": e.undone_on.isoformat() if e.undone_on else None}
                   for e in store.events(patient.id, with_corrected=True)],
        "results": [{"id": r.id, "visit_id": r.visit_id, "date": r.taken_on.isoformat(),
                     "name": r.name, "value": r.value, "unit": r.unit,
                     "canonical_value": r.canonical, "canonical_unit": r.canonical_unit,
                     "imported": r.record_id is None}
                    for r in results],
        "flags": [{"code": f.code, "text": f.text, "urgent": f.urgent}
                  for f in roster.clinical_flags(patient.id, today)],
        "tasks": [{"id": t.id, "kind": t.kind, "event_id": t.event_id,
                   "created_on": t.created_on.isoformat(),
                   "done_on": t.done_on.isoformat() if t.done_on else None}
                  for t in store.tasks(patient.id)],
    }


def _patient(args: argparse.Namespace) -> int:
    today = _today(args.today)
    roster = _open(args, create=False)
    try:
        data = patient_json(roster, roster.find_patient(args.mrn), today)
        _note_read(roster, args, "patient", {"mrn": data["mrn"]})
    finally:
        roster.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    state = data["state"] + (f" since {data['state_date']}" if data["state_date"] else "")
    print(f"{data['name']} · {data['mrn']} · {state} · as of {today}")
    for t in data["treatments"]:
        print(f"  treatment {t['id']}: {t['product']}, day 0 {t['day0']}, "
              f"{', '.join(t['protocols'])}")
    for f in data["flags"]:
        print(("  ! " if f["urgent"] else "  - ") + f["text"])
    print(f"\nVISITS ({len(data['visits'])})")
    _table(data["visits"], [("visit_id", 8), ("code", 6), ("label", 34), ("day", 5),
                            ("scheduled", 10), ("window_start", 11), ("window_end", 10),
                            ("status", 9), ("flags", 0)])
    print(f"\nEVENTS ({len(data['events'])})")
    _table([{**e, "entered_in_error": "entered in error" if e["entered_in_error"] else (
                f"undone on {e['undone_on']}" if e["undone_on"] else "")}
            for e in data["events"]], [("id", 5), ("date", 10), ("kind", 18),
                                       ("entered_in_error", 0)])
    return EXIT_OK


# -- event --------------------------------------------------------------------------------
class _NotNow(Exception):
    """Ends the trial run of an event: its transaction is rolled back."""


def _event(args: argparse.Namespace) -> int:
    today = _today(args.today)
    word = _ALIASES.get(args.kind.strip().lower(), args.kind.strip().lower())
    if word not in EVENT_KINDS:  # secondary_malignancy as well as secondary-malignancy
        word = word.replace("_", "-")
    if word not in EVENT_KINDS:
        raise InputRefused(f"kind: '{args.kind}' is not one of {', '.join(EVENT_KINDS)}")
    kind = EVENT_KINDS[word]
    day = _date_arg(args.date, "date")
    if kind == "re_infusion":
        missing = [f"--{name}: a re-infusion needs it" for name in ("product", "protocol")
                   if not getattr(args, name)]
        if missing:
            raise InputRefused(missing)
    elif args.product or args.protocol:
        raise InputRefused("--product/--protocol: only a reinfusion takes them")
    roster = _open(args, create=False)
    who = _who(args)  # after the sign-in: the name as the roster spells it
    try:
        patient = roster.find_patient(args.mrn)
        assert patient.id is not None
        patient_id = patient.id

        def record() -> None:
            if kind == "re_infusion":
                roster.reinfuse(patient_id, NewTreatment(
                    product=args.product, infusion_date=day,
                    protocols=tuple(p for p in args.protocol.split(";"))), who, today,
                    notes=args.note)
            else:
                roster.record_event(patient_id, kind, day, who, today, notes=args.note)

        cancelled = _would_cancel(roster, patient_id, record, who, today)
        if args.yes:
            record()
    finally:
        roster.close()
    rows = [{"visit_id": v.id, "code": v.code, "label": v.label,
             "scheduled": v.scheduled.isoformat(), "status": str(v.status(today))}
            for v in cancelled]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        verb = "cancelled" if args.yes else "would cancel"
        print(f"{word} on {day} for {patient.name} ({patient.mrn}): {verb} "
              f"{len(rows)} visit{'s' if len(rows) != 1 else ''}")
        _table(rows, [("code", 6), ("label", 40), ("scheduled", 0)])
        if not args.yes:
            print("Nothing was changed. Add --yes to record it.")
    return EXIT_OK


def _would_cancel(roster: Roster, patient_id: int, record: Callable[[], None], who: str,
                  today: date) -> list[Visit]:
    """The visits recording the event cancels, found by recording it in a transaction that is
    then rolled back: the same rules as with --yes, and nothing kept (refusals come through)."""
    store = roster.store
    was_open = {v.id for v in store.visits(patient_id=patient_id) if not v.cancelled_reason}
    found: list[Visit] = []
    try:
        with store.write(who):
            record()
            found = [v for v in store.visits(patient_id=patient_id)
                     if v.id in was_open and v.cancelled_reason]
            raise _NotNow
    except _NotNow:
        pass
    return found


# -- correct ------------------------------------------------------------------------------
def _correct(args: argparse.Namespace) -> int:
    today = _today(args.today)
    try:
        number = int(args.id)
    except ValueError:
        raise InputRefused(f"id: '{args.id}' is not a number") from None
    roster = _open(args, create=False)
    try:
        entry_id = number
        if args.what == "record":  # named by its visit, like the other visit entries
            visit = roster.store.visit(number)
            record_id = roster.store.record_id_of_visit(number)
            if record_id is None:
                earlier = [c for c in roster.store.corrections(visit.patient_id)
                           if c.kind == "record" and c.entry.get("visit_id") == number]
                if earlier:
                    c = earlier[-1]
                    raise InputRefused(
                        f"record of visit {number}: already marked entered in error on "
                        f"{c.corrected_on} by {c.who} ({c.reason})")
                raise InputRefused(f"visit {visit.code} (id {number}): has no record to mark "
                                   "as entered in error")
            entry_id = record_id
        preview = roster.preview_correction(args.what, entry_id, today)
        correction_id = roster.correct(args.what, entry_id, args.reason, _who(args), today)
    finally:
        roster.close()
    print(f"correction {correction_id}: {preview.text} marked entered in error")
    for now, then in preview.visits:
        why = (f" ({then.cancelled_reason})" if then.cancelled_reason
               and then.cancelled_reason != now.cancelled_reason else "")
        day = (f"{now.scheduled} -> {then.scheduled}" if now.scheduled != then.scheduled
               else f"{then.scheduled}")
        print(f"  {then.code:<6} {then.label[:40]:<40} {now.status(today)} -> "
              f"{then.status(today)}{why} {day}")
    for v in preview.removed:
        print(f"  {v.code:<6} {v.label[:40]:<40} removed")
    return EXIT_OK
