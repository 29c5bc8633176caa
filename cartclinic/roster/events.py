"""The roster's events (a part of `Roster`, cartclinic/roster/__init__.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cartclinic import notes as visit_notes
from cartclinic import validate
from cartclinic.corrections import logged_entry
from cartclinic.errors import InputRefused
from cartclinic.model import (
    EVENT_KINDS,
    MALIGNANCY_EVENTS,
    MALIGNANCY_TASK,
    TERMINAL_EVENTS,
    Event,
    Task,
    Treatment,
    Visit,
)
from cartclinic.patient_state import live, state_from
from cartclinic.reasons import Reason
from cartclinic.roster.shared import (
    EVENT_LABELS,
    EventPreview,
    NewTreatment,
    _check_expected,
    _last_day,
    _on_or_after,
    _reinfusion_reason,
    _still_open,
    superseded_by_reinfusion,
)
from cartclinic.schedule import scheduled_date
from cartclinic.status import VisitStatus
from cartclinic.store import RosterStore
from cartclinic.track_sync import sync_tracks


class EventJobs:
    """Events and what they cancel (death, withdrawal, loss to follow-up, relapse, re-infusion), and the tracks that follow results (rules T1-T4)."""

    store: RosterStore

    # -- events ---------------------------------------------------------------------------
    def preview_event(
        self, patient_id: int, kind: str, event_date: date, today: date,
        treatment_id: int | None = None,
    ) -> EventPreview:
        if kind not in EVENT_KINDS:
            raise InputRefused(Reason("event.unknown_kind", "event",
                                      {"kind": kind, "kinds": list(EVENT_KINDS)}))
        visits = self.store.visits(patient_id=patient_id)
        if kind in TERMINAL_EVENTS:
            # After the event date (rule 9), and also what was already overdue: nobody should
            # be asked to chase a patient who has died, withdrawn or cannot be found.
            hit = [
                v for v in visits
                if _still_open(v, today)
                and (_last_day(v) >= event_date or v.status(today) == VisitStatus.OVERDUE)
            ]
        elif kind in ("relapse", "progression"):
            hit = [
                v for v in visits
                if v.kind == "response" and _still_open(v, today) and _last_day(v) >= event_date
                and (treatment_id is None or v.treatment_id == treatment_id)
            ]
        elif kind == "re_infusion":
            day0 = {t.id: t.infusion_date for t in self.store.treatments(patient_id)}
            hit = [v for v in visits
                   if day0[v.treatment_id] < event_date and superseded_by_reinfusion(v, event_date)]
        else:
            hit = []
        label = EVENT_LABELS[kind]
        if kind == "re_infusion":
            n = len(hit)
            message = (f"{n} visit{'s' if n != 1 else ''} of the earlier treatment"
                       f"{'s' if len({v.treatment_id for v in hit}) > 1 else ''} will be "
                       f"cancelled ({_reinfusion_reason(event_date)}). " if n else "") + (
                "A new treatment starts with its own day 0; the long-term follow-up "
                "visits are counted from this last infusion.")
        elif hit:
            kept = "" if kind in TERMINAL_EVENTS else " Safety, monitoring, long-term and registry visits go on."
            message = f"{len(hit)} future visit{'s' if len(hit) != 1 else ''} will be cancelled ({label}).{kept}"
        else:
            message = f"The {label} is recorded; no visit is cancelled."
        if kind in MALIGNANCY_EVENTS:
            message += (f" {MALIGNANCY_TASK}: a task on the patient's page until it is marked "
                        "done.")
        return EventPreview(kind, tuple(hit), message)

    def record_event(
        self, patient_id: int, kind: str, event_date: date, who: str, today: date,
        *, notes: str = "", treatment_id: int | None = None,
        expected_cancellations: Sequence[int] | None = None,
    ) -> tuple[int, EventPreview]:
        """Record the event and cancel what its preview lists. Given `expected_cancellations`
        (the visit ids a nurse confirmed), a roster changed meanwhile is refused, not acted on."""
        if kind == "re_infusion":
            raise InputRefused(Reason("event.reinfuse", "event"))
        self._check_event(patient_id, kind, event_date, today)
        preview = self.preview_event(patient_id, kind, event_date, today, treatment_id)
        _check_expected(preview, expected_cancellations)
        reason = visit_notes.written("note.event", event=EVENT_LABELS[kind], day=event_date)
        with self.store.write(who), logged_entry(self.store, "event", patient_id, today) as entry:
            event_id = entry.entry_id = self.store.add_event(Event(
                patient_id=patient_id, kind=kind, event_date=event_date, who=who.strip(),
                notes=validate.clean_text(notes, "notes", limit=validate.MAX_NOTES, multiline=True),
                treatment_id=treatment_id,
            ))
            for v in preview.visits_to_cancel:
                self.store.update_visit(v.id, cancelled_reason=reason, cancelled_by_event=event_id)
            if kind in MALIGNANCY_EVENTS:  # the 2024 boxed warning: report, test the sample
                self.store.add_task(Task(patient_id=patient_id, event_id=event_id,
                                         kind="report_manufacturer", created_on=today))
        return event_id, preview

    # -- tracks (rules T1-T4) -------------------------------------------------------------
    def sync_tracks(self, patient_id: int) -> int:
        """Bring the patient's track visits in step with the results (inside a write: the
        caller's transaction). Returns how many visits changed."""
        ended = state_from(self._terminal_events(patient_id)).ended
        return sync_tracks(self.store, patient_id, self.calendar(), ended=ended,
                           library=self.library)

    def check_event(self, patient_id: int, kind: str, event_date: date, today: date) -> None:
        """Refuse, with the reasons, an event that cannot be recorded (before it is confirmed)."""
        self._check_event(patient_id, kind, event_date, today)

    def _check_event(self, patient_id: int, kind: str, event_date: date, today: date) -> None:
        if kind not in EVENT_KINDS:
            raise InputRefused(Reason("event.unknown_kind", "event",
                                      {"kind": kind, "kinds": list(EVENT_KINDS)}))
        if event_date > today:
            raise InputRefused(Reason("event.future", "event date", {"day": event_date}))
        treatments = self.store.treatments(patient_id)
        first = min((t.infusion_date for t in treatments), default=None)
        if first and event_date < first:
            raise InputRefused(Reason("event.before_infusion", "event date",
                                      {"day": event_date, "first": first}))
        for e in live(self.store.events(patient_id)):
            if e.kind == "death":
                raise InputRefused(Reason("event.deceased", "patient", {"day": e.event_date}))
            if e.kind == kind and kind in TERMINAL_EVENTS and e.undone_on is None:
                raise InputRefused(Reason("event.already", "patient", {
                    "event": Reason("kind." + kind), "day": e.event_date}))

    def undo_lost_to_follow_up(self, event_id: int, who: str, today: date) -> int:
        """The patient is back: the visits that event cancelled are restored — except those a
        later event has ended since (a relapse's response visits, long-term visits superseded by
        a re-infusion), and placed again on today's clinic calendar."""
        event = self.store.event(event_id)
        if (event.kind != "lost_to_follow_up" or event.undone_on is not None
                or event.corrected_by is not None):
            raise InputRefused(Reason("event.undo_only_lost", "event"))
        others = [e for e in live(self.store.events(event.patient_id)) if e.id != event_id]
        for e in others:
            if e.kind in ("death", "withdrawal"):
                raise InputRefused(Reason("event.undo_ended", "event", {
                    "event": Reason("kind." + e.kind), "day": e.event_date}))
        relapses = [e.event_date for e in others if e.kind in ("relapse", "progression")]
        day0 = {t.id: t.infusion_date for t in self.store.treatments(event.patient_id)}

        def still_ended(v: Visit) -> bool:
            if v.kind == "response" and any(_last_day(v) >= d for d in relapses):
                return True
            # a later infusion superseded it (rule 9)
            return any(d > day0[v.treatment_id] and _on_or_after(v, d) for d in day0.values())

        restored = [v for v in self.store.visits(patient_id=event.patient_id)
                    if v.cancelled_by_event == event_id and not still_ended(v)]
        calendar = self.calendar()
        with self.store.write(who):
            self.store.update_event(event_id, undone_on=today)
            for v in restored:
                changes: dict[str, object] = {"cancelled_reason": "", "cancelled_by_event": None}
                if not v.moved_reason:  # closures entered meanwhile apply to it too
                    day, flags = scheduled_date(v.target, v.window_start, v.window_end, calendar,
                                                any_day=v.any_day)
                    changes.update(scheduled=day, flags=flags)
                self.store.update_visit(v.id, **changes)
            self.sync_tracks(event.patient_id)
        return len(restored)

    def reinfuse(
        self, patient_id: int, treatment: NewTreatment, who: str, today: date, notes: str = "",
        *, expected_cancellations: Sequence[int] | None = None,
    ) -> int:
        """A new infusion: its own day 0 and schedule; every not-done visit of the earlier
        treatments from that day on is cancelled (rule 9), so the fifteen years of long-term
        follow-up count from the last infusion."""
        patient = self.store.patient(patient_id)
        self._refuse_if_ended(patient_id, "reinfuse")
        self._check_event(patient_id, "re_infusion", treatment.infusion_date, today)
        clean, reasons = self.check_treatment(treatment, patient.date_of_birth, today)
        previous = self.store.treatments(patient_id)
        if not previous:
            reasons.append(Reason("reinfusion.no_earlier", "re-infusion"))
        elif treatment.infusion_date <= max(t.infusion_date for t in previous):
            reasons.append(Reason("infusion.not_after_last", "infusion_date"))
        if reasons:
            raise InputRefused(reasons)
        last = max(previous, key=lambda t: t.infusion_date)
        if expected_cancellations is not None:
            _check_expected(self.preview_event(patient_id, "re_infusion", clean.infusion_date,
                                               today), expected_cancellations)
        with self.store.write(who), logged_entry(self.store, "event", patient_id, today) as entry:
            event_id = entry.entry_id = self.store.add_event(Event(
                patient_id=patient_id, kind="re_infusion", event_date=clean.infusion_date,
                who=who.strip(), notes=notes, treatment_id=last.id,
            ))
            self._supersede(previous, clean.infusion_date, event_id)
            return self._add_treatment(patient_id, clean, self.calendar(), reinfusion_of=last.id)

    def _reinfusion_event(self, patient_id: int, day0: date, who: str,
                          earlier_treatment: int | None) -> int:
        """The re-infusion event of `day0` (a treatment added later or imported with others
        is a re-infusion too): the one standing already, or a new one."""
        for e in live(self.store.events(patient_id)):
            if e.kind == "re_infusion" and e.event_date == day0 and e.id is not None:
                return e.id
        return self.store.add_event(Event(
            patient_id=patient_id, kind="re_infusion", event_date=day0, who=who.strip(),
            treatment_id=earlier_treatment,
        ))

    def _supersede(self, earlier: Sequence[Treatment], day0: date, event_id: int) -> None:
        """Rule 9: every not-done visit of the earlier treatments scheduled on or after the new
        day 0 is cancelled, citing the re-infusion; the fifteen years count from the last
        infusion."""
        reason = _reinfusion_reason(day0)
        for t in earlier:
            for v in self.store.visits(treatment_id=t.id):
                if superseded_by_reinfusion(v, day0):
                    self.store.update_visit(v.id, cancelled_reason=reason,
                                            cancelled_by_event=event_id)

