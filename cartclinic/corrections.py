"""Rule 11: any entry can be marked "entered in error", with a reason, and the schedule is then
exactly what it would be had the entry never been made. The entry and its correction both stay
in the audit trail.

Every entry that changes visits (an event, a visit record, a missed mark, a reschedule, a
cancellation by hand) keeps, as a `VisitChange`, each changed field of each visit before and
after (the store captures them whoever writes them). A correction puts the before values back.
Where another live event would have ended a visit the correction reopens (a relapse then a
death: correcting the relapse leaves the response visits after the death cancelled by the
death), that event's rule is applied, and kept as that event's own change so that correcting it
later reopens the visit again. A correction that cannot put a visit back exactly, because a
later entry changed the same thing since, is refused, naming the entry to correct first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from cartclinic import validate
from cartclinic.dates import from_iso
from cartclinic.errors import InputRefused
from cartclinic.model import (
    CORRECTION_KINDS,
    TERMINAL_EVENTS,
    Correction,
    Event,
    Treatment,
    Visit,
    VisitChange,
)
from cartclinic.notes import as_reason
from cartclinic.reasons import Reason, of
from cartclinic.schedule import scheduled_date
from cartclinic.status import VisitStatus, last_day

if TYPE_CHECKING:
    from cartclinic.roster import Roster
    from cartclinic.store import RosterStore

# the kinds whose entry is named by the visit it was made on
VISIT_ENTRY_KINDS = ("missed", "reschedule", "cancellation")
KIND_LABELS = {
    "event": "event", "record": "visit record", "result": "lab result",
    "missed": "missed mark", "reschedule": "reschedule", "cancellation": "cancellation",
    "call": "call",
}


@dataclass(frozen=True)
class CorrectableEntry:
    """An entry of a patient that can be marked "entered in error" (or already was)."""

    kind: str  # one of CORRECTION_KINDS
    entry_id: int  # what `Roster.correct` takes: the event, record, result, call, or visit
    day: date
    why: Reason  # the entry in words, said in the reader's language (`text`: in English)
    visit_id: int | None = None
    corrected: bool = False

    @property
    def text(self) -> str:
        return str(self.why)


@dataclass(frozen=True)
class CorrectionPreview:
    """What marking an entry "entered in error" will do, said before it happens."""

    kind: str
    entry_id: int
    patient_id: int
    text: str  # the entry, in words
    # each visit it changes, as it is now and as it will be
    visits: tuple[tuple[Visit, Visit], ...] = ()
    removed: tuple[Visit, ...] = ()  # the visits of a re-infusion entered in error


@dataclass
class _Plan:
    patient_id: int
    text: str
    entry: dict[str, Any]
    marks: list[tuple[str, int]] = field(default_factory=list)
    restore: dict[int, dict[str, Any]] = field(default_factory=dict)  # visit id -> stored fields
    # when the entry was made, in the order entries were made: (its first change, its event)
    made: tuple[int, int] = (0, 0)
    delete_record: int | None = None
    delete_treatment: int | None = None
    # (event, visit id, before, after): another event's rule applied to a visit reopened
    reapply: list[tuple[Event, int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)


class LoggedEntry:
    """An entry being written; `entry_id` may be set once its row exists (an event)."""

    def __init__(self, entry_id: int | None) -> None:
        self.entry_id = entry_id


@contextmanager
def logged_entry(
    store: RosterStore, entry: str, patient_id: int, today: date, *,
    entry_id: int | None = None, reason: str = "",
) -> Iterator[LoggedEntry]:
    """Keep what the block changes in visits as the `VisitChange` of this entry. Use inside
    `store.write(...)`, around the whole entry. An event's is kept even when it changed no
    visit: it says where the event stands in the order entries were made."""
    logged = LoggedEntry(entry_id)
    with store.capture_visit_changes() as log:
        yield logged
    if log or entry == "event":
        assert logged.entry_id is not None, "the entry's id must be known by its end"
        store.add_visit_change(VisitChange(
            patient_id=patient_id, entry=entry, entry_id=logged.entry_id, made_on=today,
            reason=reason, visits=tuple((v, b, a) for v, (b, a) in log.items() if b != a),
        ))


class Corrections:
    """Entries entered in error, for one roster (`Roster.correct` and friends call this)."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster

    @property
    def store(self) -> RosterStore:
        return self.roster.store

    # -- what can be corrected ------------------------------------------------------------
    def entries(self, patient_id: int) -> list[CorrectableEntry]:
        """The patient's entries, newest first: events (those entered in error too), visit
        records and their results, missed marks, reschedules, cancellations by hand, calls."""
        store = self.store
        visits = {v.id: v for v in store.visits(patient_id=patient_id)}
        out: list[CorrectableEntry] = []
        for e in store.events(patient_id, with_corrected=True):
            out.append(CorrectableEntry("event", e.id or 0, e.event_date, _event_entry(e),
                                        corrected=e.corrected_by is not None))
        for r in store.records(patient_id):
            v = visits.get(r.visit_id)
            code = v.code if v else "?"
            out.append(CorrectableEntry("record", r.id or 0, r.done_on, Reason(
                "entry.record", None, {"visit": code, "day": r.done_on.isoformat()}), r.visit_id))
            for lab in r.labs:
                out.append(CorrectableEntry("result", lab.id or 0, r.done_on, Reason(
                    "entry.result", None, {"name": Reason("analyte", None, {"name": lab.name}),
                                           "value": f"{lab.value} {lab.unit}".strip(),
                                           "visit": code}), r.visit_id))
        for res in store.results(patient_id):
            if res.record_id is None:  # imported from the lab: no visit record holds it
                out.append(CorrectableEntry("result", res.id or 0, res.taken_on, Reason(
                    "entry.result_imported", None,
                    {"name": Reason("analyte", None, {"name": res.name}),
                     "value": f"{res.value} {res.unit}".strip()})))
        latest: dict[tuple[str, int], VisitChange] = {}
        changes = store.visit_changes(patient_id)
        for c in changes:
            if c.entry in VISIT_ENTRY_KINDS and c.corrected_by is None:
                latest[(c.entry, c.entry_id)] = c
        kept = {c.entry_id for c in changes if c.entry == "missed"}
        for v in visits.values():  # marked missed before changes were kept
            if v.missed_on is not None and v.id not in kept:
                latest[("missed", v.id)] = VisitChange(patient_id, "missed", v.id, v.missed_on, ())
        for (kind, visit_id), c in latest.items():
            v = visits.get(visit_id)
            if v is None:
                continue
            values: dict[str, object] = {"visit": v.code, "day": c.made_on.isoformat()}
            if c.reason:  # a nurse's words as typed, a program-written note in any language
                values["why"] = as_reason(c.reason)
            out.append(CorrectableEntry(kind, visit_id, c.made_on, Reason(
                f"entry.{kind}_why" if c.reason else f"entry.{kind}", None, values), visit_id))
        for call in store.calls(patient_id, with_corrected=True):
            out.append(CorrectableEntry("call", call.id or 0, call.called_on, Reason(
                "entry.call", None, {"day": call.called_on.isoformat(),
                                     "outcome": Reason(f"outcome.{call.outcome}")}),
                call.visit_id, corrected=call.corrected_by is not None))
        out.sort(key=lambda c: (c.day, c.kind, c.entry_id), reverse=True)
        return out

    # -- preview and correction -----------------------------------------------------------
    def preview(self, kind: str, entry_id: int, today: date) -> CorrectionPreview:
        plan = self._plan(kind, entry_id, today)
        now = {v.id: v for v in self.store.visits(patient_id=plan.patient_id)}
        changed: dict[int, Visit] = {}
        for visit_id, fields in plan.restore.items():
            changed[visit_id] = _with_fields(now[visit_id], fields)
        if plan.delete_record is not None:
            record_visit = self.store.record(plan.delete_record).visit_id
            changed[record_visit] = replace(changed.get(record_visit, now[record_visit]),
                                            done_on=None)
        for _event, visit_id, _before, after in plan.reapply:
            changed[visit_id] = _with_fields(changed.get(visit_id, now[visit_id]), after)
        removed = tuple(v for v in now.values()
                        if plan.delete_treatment is not None
                        and v.treatment_id == plan.delete_treatment)
        return CorrectionPreview(
            kind, entry_id, plan.patient_id, plan.text,
            tuple((now[i], v) for i, v in sorted(changed.items(),
                                                 key=lambda kv: (kv[1].scheduled, kv[0]))
                  if i in now and (now[i] != v)),
            removed,
        )

    def correct(self, kind: str, entry_id: int, reason: str, who: str, today: date) -> int:
        """Mark the entry "entered in error" in one audited transaction; returns the
        correction's id. Refused (nothing changed) with the reason if it cannot be done."""
        if not (reason or "").strip():
            raise InputRefused(Reason("correction.no_reason", "reason"))
        try:
            reason = validate.clean_text(reason, "reason", required=True,
                                         limit=validate.MAX_NOTES, multiline=True)
        except ValueError as exc:
            raise InputRefused(of(exc, "reason")) from None
        store = self.store
        with store.write(who):
            # planned inside the transaction: another workstation cannot change it meanwhile
            plan = self._plan(kind, entry_id, today)
            correction_id = store.add_correction(Correction(
                patient_id=plan.patient_id, kind=kind, entry_id=entry_id, reason=reason,
                who=who.strip(), corrected_on=today, entry=plan.entry,
            ))
            for table, row_id in plan.marks:
                store.mark_corrected(table, row_id, correction_id)
            if plan.delete_record is not None:
                store.delete_record(plan.delete_record)
            for visit_id, fields in plan.restore.items():
                store.set_visit_fields(visit_id, fields)
            if plan.delete_treatment is not None:
                store.delete_treatment(plan.delete_treatment)
            for event, visit_id, before, after in plan.reapply:
                store.set_visit_fields(visit_id, after)
                store.add_visit_change(VisitChange(
                    patient_id=plan.patient_id, entry="event", entry_id=event.id or 0,
                    made_on=today, reason=f"applied again after correction {correction_id}",
                    visits=((visit_id, before, after),),
                ))
            self.roster.sync_tracks(plan.patient_id)  # results and visits as if never entered
        return correction_id

    # -- planning -------------------------------------------------------------------------
    def _plan(self, kind: str, entry_id: int, today: date) -> _Plan:
        if kind not in CORRECTION_KINDS:
            raise InputRefused(Reason("correction.kind", "kind",
                                      {"kind": kind, "kinds": list(CORRECTION_KINDS)}))
        plan = getattr(self, f"_plan_{kind}")(entry_id, today)
        self._reapply_events(plan, today)
        self._book_again(plan, today)
        return plan

    def _already(self, kind: str, entry_id: int) -> None:
        """Refuse a second correction of the same entry, saying when the first was made."""
        c = self.store.correction_of(kind, entry_id)
        if c is not None:
            raise InputRefused(Reason("correction.already", None, {
                "kind": kind, "id": entry_id, "day": c.corrected_on, "who": c.who,
                "why": c.reason}))

    def _plan_event(self, event_id: int, today: date) -> _Plan:
        e = self.store.event(event_id)
        if e.corrected_by is not None:
            self._already("event", event_id)
        plan = _Plan(e.patient_id, _event_text(e), _image(e), marks=[("events", event_id)])
        changes = [c for c in self.store.visit_changes(e.patient_id)
                   if c.entry == "event" and c.entry_id == event_id and c.corrected_by is None]
        plan.made = (min((c.id or 0 for c in changes), default=0), event_id)
        if not changes and e.kind != "re_infusion":
            changes = self._legacy_event_change(e)
        if e.undone_on is not None:
            # a loss to follow-up undone gave its visits back already: only those it still
            # holds are put back (the others may have been changed since, by right)
            changes = [replace(c, visits=tuple(
                item for item in c.visits
                if self.store.visit_row(item[0])["cancelled_by_event"] == event_id))
                for c in changes]
        self._restore(plan, changes)
        if e.kind == "re_infusion":
            self._plan_remove_reinfusion(plan, e)
        return plan

    def _legacy_event_change(self, e: Event) -> list[VisitChange]:
        """An event recorded before changes were kept: the visits it cancelled say so."""
        items = tuple(
            (v.id, {"cancelled_reason": "", "cancelled_by_event": None},
             {"cancelled_reason": v.cancelled_reason, "cancelled_by_event": e.id})
            for v in self.store.visits(patient_id=e.patient_id) if v.cancelled_by_event == e.id)
        if not items:
            return []
        return [VisitChange(e.patient_id, "event", e.id or 0, e.event_date, items, id=0)]

    def _plan_remove_reinfusion(self, plan: _Plan, e: Event) -> None:
        """The re-infusion's treatment and visits go (kept in the correction), unless a later
        entry was made on them."""
        new = self._reinfusion_treatment(e)
        if new is None:
            return
        store = self.store
        ids = [v.id for v in store.visits(treatment_id=new.id)]
        problems = []
        for v in store.visits(treatment_id=new.id):
            if v.done_on is not None:
                problems.append(f"visit {v.code} of that treatment is recorded as done on "
                                f"{v.done_on}: {_record_words(v)}")
        for c in store.visit_changes(e.patient_id):
            if c.corrected_by is None and any(v in ids for v, _b, _a in c.visits) \
                    and c.entry != "record":
                problems.append(f"{self._describe(c)} is on a visit of that treatment")
        for other in store.events(e.patient_id):
            if other.treatment_id == new.id and other.id != e.id:
                problems.append(f"{_event_text(other)} (event {other.id}) belongs to that treatment")
        for t in store.treatments(e.patient_id):
            if t.reinfusion_of == new.id:
                problems.append(f"the re-infusion on {t.infusion_date} follows that treatment")
        for call_id in store.calls_of_visits(ids):  # live ones: a corrected call lets go
            call = store.call(call_id)
            problems.append(f"the call on {call.called_on} (call {call_id}) is about a visit "
                            "of that treatment")
        if problems:
            raise InputRefused([f"event {e.id}: {p}; correct that first" for p in problems])
        plan.delete_treatment = new.id
        plan.entry["treatment"] = {**_image(new), "visits": ids}

    def _reinfusion_treatment(self, e: Event) -> Treatment | None:
        """The treatment a re-infusion event started: same patient, its day 0 the event date."""
        found = [t for t in self.store.treatments(e.patient_id)
                 if t.infusion_date == e.event_date and t.reinfusion_of == e.treatment_id]
        return max(found, key=lambda t: t.id or 0, default=None)

    def _plan_record(self, record_id: int, today: date) -> _Plan:
        store = self.store
        try:
            record = store.record(record_id)
        except InputRefused:
            self._already("record", record_id)  # a record entered in error is gone: say so
            raise
        visit = store.visit(record.visit_id)
        plan = _Plan(visit.patient_id, f"record of {visit.code} done {record.done_on}",
                     _image(record), delete_record=record_id)
        changes = [c for c in store.visit_changes(visit.patient_id)
                   if c.entry == "record" and c.entry_id == record_id and c.corrected_by is None]
        if not changes:  # recorded before changes were kept
            changes = [VisitChange(visit.patient_id, "record", record_id, record.done_on,
                                   ((visit.id, {"done": 0}, {"done": 1}),), id=0)]
        plan.made = (min(c.id or 0 for c in changes), 0)
        self._restore(plan, changes)
        return plan

    def _plan_result(self, result_id: int, today: date) -> _Plan:
        row = self.store.lab_result_row(result_id)
        if row["corrected_by"] is not None:
            self._already("result", result_id)
        text = f"result {row['name']} {row['value']} {row['unit']}".rstrip()
        where = "imported" if row["visit_id"] is None else self.store.visit(row["visit_id"]).code
        return _Plan(row["patient_id"], f"{text} ({where}, {row['done_on']})", row,
                     marks=[("lab_results", result_id)])

    def _plan_call(self, call_id: int, today: date) -> _Plan:
        call = self.store.call(call_id)
        if call.corrected_by is not None:
            self._already("call", call_id)
        return _Plan(call.patient_id,
                     f"call on {call.called_on}: {call.outcome.replace('_', ' ')}",
                     _image(call), marks=[("call_attempts", call_id)])

    def _plan_missed(self, visit_id: int, today: date) -> _Plan:
        return self._plan_visit_entry("missed", visit_id)

    def _plan_reschedule(self, visit_id: int, today: date) -> _Plan:
        return self._plan_visit_entry("reschedule", visit_id)

    def _plan_cancellation(self, visit_id: int, today: date) -> _Plan:
        return self._plan_visit_entry("cancellation", visit_id)

    def _plan_visit_entry(self, kind: str, visit_id: int) -> _Plan:
        store = self.store
        visit = store.visit(visit_id)
        changes = store.visit_changes(visit.patient_id)
        live = [c for c in changes
                if c.entry == kind and c.entry_id == visit_id and c.corrected_by is None]
        words = {"missed": "missed mark", "reschedule": "reschedule",
                 "cancellation": "cancellation by hand"}[kind]
        if not live:
            if kind == "missed" and visit.missed_on is not None and not any(
                    c.entry == "missed" and c.entry_id == visit_id for c in changes):
                # marked before changes were kept: only the mark itself to take away
                live = [VisitChange(visit.patient_id, "missed", visit_id, visit.missed_on,
                                    ((visit_id, {"missed_on": None},
                                      {"missed_on": visit.missed_on.isoformat()}),), id=0)]
            else:
                if any(c.entry == kind and c.entry_id == visit_id for c in changes):
                    self._already(kind, visit_id)
                moved_with = [c for c in changes if c.entry == "reschedule"
                              and c.corrected_by is None
                              and any(v == visit_id for v, _b, _a in c.visits)]
                if kind == "reschedule" and moved_with:
                    first = store.visit(moved_with[-1].entry_id)
                    raise InputRefused(
                        f"visit {visit.code} (id {visit_id}): was moved with {first.code}; "
                        f"mark the reschedule of {first.code} (visit {first.id}) instead")
                raise InputRefused(f"visit {visit.code} (id {visit_id}): has no {words} to "
                                   "mark as entered in error")
        change = live[-1]
        if kind == "reschedule":
            for v_id, _b, _a in change.visits:
                record_id = store.record_id_of_visit(v_id)
                if record_id is not None:
                    v = store.visit(v_id)
                    raise InputRefused(
                        f"visit {v.code}: was recorded as done on {v.done_on} since it was "
                        f"moved; mark {_record_words(v)} as entered in error first")
        text = f"{words} of {visit.code} on {change.made_on}" + (
            f": {change.reason}" if change.reason else "")
        plan = _Plan(visit.patient_id, text,
                     {"visit_id": visit_id, "change": change.id, "made_on": str(change.made_on),
                      "reason": change.reason,
                      "visits": [[v, b, a] for v, b, a in change.visits]},
                     marks=[("visit_changes", change.id)] if change.id else [],
                     made=(change.id or 0, 0))
        self._restore(plan, [change])
        return plan

    def _restore(self, plan: _Plan, changes: list[VisitChange]) -> None:
        """The before values of each change, checked against what later entries did."""
        if not changes:
            return
        store = self.store
        all_changes = store.visit_changes(plan.patient_id)
        for change in changes:
            if change.id and ("visit_changes", change.id) not in plan.marks:
                plan.marks.append(("visit_changes", change.id))
            for visit_id, before, after in change.visits:
                # any later entry on the visit may rest on this one (a death that did not
                # cancel a visit moved before its date would have cancelled it otherwise)
                later = [c for c in all_changes
                         if c.corrected_by is None and (c.id or 0) > (change.id or 0)
                         and c.id not in {x.id for x in changes}
                         and any(v == visit_id for v, _b, _a in c.visits)]
                if later:
                    raise InputRefused(
                        f"{plan.text}: {self._describe(later[0])} changed "
                        f"{store.visit(visit_id).code} since; mark that entered in error first")
                try:
                    current = store.visit_row(visit_id)
                except InputRefused:
                    continue  # a visit of a re-infusion already removed
                fields = plan.restore.setdefault(visit_id, {})
                for key, old in before.items():
                    if current.get(key) == after.get(key):
                        fields[key] = old
                    elif current.get(key) != old:
                        raise InputRefused(
                            f"{plan.text}: visit {store.visit(visit_id).code} has changed since "
                            f"({key}); it cannot be put back exactly")
                if not fields:
                    del plan.restore[visit_id]

    def _reapply_events(self, plan: _Plan, today: date) -> None:
        """A visit this correction reopens that a live event entered after it would have
        ended: that event's rule applies (its own reason, and kept as its own change). An event
        entered before it found the visit as it was then, and left it."""
        store = self.store
        reopened = set(plan.restore)
        if plan.delete_record is not None:
            reopened.add(store.record(plan.delete_record).visit_id)
        if not reopened:
            return
        first: dict[int, int] = {}
        for c in store.visit_changes(plan.patient_id):
            if c.entry == "event":
                first.setdefault(c.entry_id, c.id or 0)
        events = sorted((e for e in store.events(plan.patient_id)
                         if e.undone_on is None and (first.get(e.id or 0, 0), e.id or 0) > plan.made),
                        key=lambda e: (first.get(e.id or 0, 0), e.id or 0))
        if not events:
            return
        treatments = {t.id: t for t in store.treatments(plan.patient_id)}
        reasons = self._event_reasons(plan.patient_id)
        for visit_id in sorted(reopened):
            try:
                now = store.visit(visit_id)
            except InputRefused:
                continue
            if plan.delete_treatment is not None and now.treatment_id == plan.delete_treatment:
                continue
            v = _with_fields(now, plan.restore.get(visit_id, {}))
            if (plan.delete_record is not None
                    and store.record_id_of_visit(visit_id) == plan.delete_record):
                v = replace(v, done_on=None)
            if not _open(v):
                continue
            for e in events:
                if _event_ends(e, v, today, treatments):
                    before = {"cancelled_reason": "", "cancelled_by_event": None}
                    after = {"cancelled_reason": reasons.get(e.id, _event_reason(e)),
                             "cancelled_by_event": e.id}
                    plan.reapply.append((e, visit_id, before, after))
                    break

    def _book_again(self, plan: _Plan, today: date) -> None:
        """A visit put back open is booked on today's clinic calendar as a settings change
        would have booked it meanwhile (`Roster.save_settings`: from today on, never into the
        past, a visit moved by hand left where the nurse put it)."""
        if not plan.restore:
            return
        calendar = self.roster.calendar()
        reapplied = {visit_id for _e, visit_id, _b, _a in plan.reapply}
        for visit_id, fields in plan.restore.items():
            if visit_id in reapplied:
                continue
            v = _with_fields(self.store.visit(visit_id), fields)
            start = max(v.window_start, today)
            if not _open(v) or v.moved_reason or v.scheduled < today or start > v.window_end:
                continue
            day, flags = scheduled_date(v.target, start, v.window_end, calendar,
                                        any_day=v.any_day)
            if day != v.scheduled or flags != v.flags:
                fields["scheduled"] = day.isoformat()
                fields["flags"] = json.dumps(list(flags), ensure_ascii=False)  # as stored

    def _event_reasons(self, patient_id: int) -> dict[int | None, str]:
        """The reason each event gave the visits it cancelled (a rule's wording may change)."""
        out: dict[int | None, str] = {}
        for c in self.store.visit_changes(patient_id):
            if c.entry == "event" and c.corrected_by is None:
                for _v, _b, a in c.visits:
                    if a.get("cancelled_reason"):
                        out.setdefault(c.entry_id, a["cancelled_reason"])
        return out

    def _describe(self, c: VisitChange) -> str:
        store = self.store
        if c.entry == "event":
            e = store.event(c.entry_id)
            return f"the {_event_text(e)} (event {e.id})"
        if c.entry == "record":
            try:
                return _record_words(store.visit(store.record(c.entry_id).visit_id))
            except InputRefused:  # removed since: say the number it had
                return f"the visit record {c.entry_id}"
        v = store.visit(c.entry_id)
        words = {"missed": "missed mark", "reschedule": "reschedule",
                 "cancellation": "cancellation"}[c.entry]
        return f"the {words} of {v.code} (visit {v.id}) on {c.made_on}"


def _event_entry(e: Event) -> Reason:
    return Reason("entry.event", None, {"event": Reason(f"kind.{e.kind}"),
                                        "day": e.event_date.isoformat()})


def _event_text(e: Event) -> str:
    from cartclinic.roster import EVENT_LABELS

    return f"{EVENT_LABELS.get(e.kind, e.kind)} on {e.event_date}"


def _record_words(v: Visit) -> str:
    """A visit record as a nurse finds it (by its visit), and as `correct record` takes it:
    by the visit's id, never the record's own number, which is not shown anywhere."""
    return f"the visit record of {v.code} (visit {v.id})"


def _event_reason(e: Event) -> str:
    from cartclinic.roster import EVENT_LABELS, _reinfusion_reason

    if e.kind == "re_infusion":
        return _reinfusion_reason(e.event_date)
    return f"{EVENT_LABELS[e.kind]} on {e.event_date.isoformat()}"


def _open(v: Visit) -> bool:
    return v.done_on is None and not v.cancelled_reason and v.missed_on is None


def _event_ends(e: Event, v: Visit, today: date, treatments: dict[int | None, Treatment]) -> bool:
    """Whether event `e`'s rule (rule 9, as `Roster.preview_event` and `reinfuse` apply it)
    cancels the open visit `v`."""
    end = last_day(v.window_end, v.scheduled)
    if e.kind in TERMINAL_EVENTS:
        return end >= e.event_date or v.status(today) == VisitStatus.OVERDUE
    if e.kind in ("relapse", "progression"):
        return (v.kind == "response" and end >= e.event_date
                and (e.treatment_id is None or v.treatment_id == e.treatment_id))
    if e.kind == "re_infusion":
        from cartclinic.roster import superseded_by_reinfusion

        own = treatments.get(v.treatment_id)
        return (own is not None and own.infusion_date < e.event_date
                and superseded_by_reinfusion(v, e.event_date))
    return False


def _with_fields(v: Visit, stored: dict[str, Any]) -> Visit:
    """The visit with stored values (a change's image) put in."""
    typed: dict[str, Any] = {}
    for key, value in stored.items():
        if key in ("scheduled", "target", "window_start", "window_end"):
            typed[key] = date.fromisoformat(value)
        elif key == "missed_on":
            typed[key] = from_iso(value)
        elif key in ("flags", "assessments"):
            typed[key] = tuple(json.loads(value)) if isinstance(value, str) else tuple(value)
        elif key in ("moved_reason", "cancelled_reason", "cancelled_by_event"):
            typed[key] = value
        elif key == "done" and not value:
            typed["done_on"] = None
    return replace(v, **typed)


def _image(obj: Any) -> dict[str, Any]:
    """A record, event, call or treatment as JSON-ready values (the entry as it was)."""
    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, list | tuple):
            return [plain(x) for x in value]
        if isinstance(value, dict):
            return {k: plain(x) for k, x in value.items()}
        return value

    return plain(asdict(obj))
