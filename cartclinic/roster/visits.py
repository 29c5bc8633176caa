"""The roster's visits (a part of `Roster`, cartclinic/roster/__init__.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from cartclinic import notes as visit_notes
from cartclinic import validate
from cartclinic.analytes import AnalyteTable, accepted_unit, analyte_table, canonical
from cartclinic.corrections import CorrectableEntry, CorrectionPreview, Corrections, logged_entry
from cartclinic.errors import InputRefused
from cartclinic.model import (
    CALL_OUTCOMES,
    CallAttempt,
    LabResult,
    PatientResult,
    Visit,
    VisitRecord,
)
from cartclinic.reasons import Reason, of
from cartclinic.rescheduling import VisitMove, plan_reschedule
from cartclinic.roster.shared import RecordResult, _status
from cartclinic.status import OPEN_STATUSES, VisitStatus
from cartclinic.store import RosterStore
from cartclinic.visit_warnings import done_date_warnings


class VisitJobs:
    """A visit's life: recorded (with its results), missed, cancelled, rescheduled; lab results; entered in error (rule 11); calls and rebooking."""

    store: RosterStore

    # -- visits ---------------------------------------------------------------------------
    def record_visit(
        self,
        visit_id: int,
        done_on: date,
        who: str,
        today: date,
        *,
        assessments_done: Iterable[str] = (),
        disease_status: str = "",
        labs: Iterable[LabResult] = (),
        notes: str = "",
    ) -> RecordResult:
        visit = self.store.visit(visit_id)
        self._refuse_if_ended(visit.patient_id, "record")
        treatment = self.store.treatment(visit.treatment_id)
        reasons = []
        if visit.done_on is not None:
            reasons.append(Reason("visit.already_done", "visit",
                                  {"visit": visit.code, "day": visit.done_on}))
        if visit.cancelled_reason:
            reasons.append(Reason("visit.cancelled", "visit", {
                "visit": visit.code, "why": visit_notes.as_reason(visit.cancelled_reason)}))
        if done_on > today:
            reasons.append(Reason("done.future", "done date", {"day": done_on}))
        if done_on < treatment.infusion_date:
            reasons.append(Reason("done.before_infusion", "done date",
                                  {"day": done_on, "infusion": treatment.infusion_date}))
        clean_labs = []
        for lab in labs:
            try:
                name = validate.clean_text(lab.name, "lab name", required=True, limit=60)
                value = validate.clean_text(lab.value, f"lab {lab.name} value", required=True,
                                            limit=40)
                unit = accepted_unit(name, validate.clean_text(lab.unit, f"lab {lab.name} unit",
                                                               limit=20), self.analytes)
                known = self.analytes.get(name)
                clean_labs.append(LabResult(
                    name, value, unit,
                    canonical=canonical(known, value, unit) if known else None,
                    canonical_unit=known.canonical if known else "",
                ))
            except ValueError as exc:
                reasons.append(of(exc))
        try:
            notes = validate.clean_text(notes, "notes", limit=validate.MAX_NOTES, multiline=True)
            disease_status = validate.clean_text(disease_status, "disease status", limit=40)
        except ValueError as exc:
            reasons.append(of(exc))
        if reasons:
            raise InputRefused(reasons)
        # the ones the record dialog showed and had confirmed (cartclinic/visit_warnings.py)
        warnings = [str(w) for w in done_date_warnings(visit, done_on, self.calendar())]
        with self.store.write(who):
            with logged_entry(self.store, "record", visit.patient_id, today) as entry:
                if visit.missed_on is not None:
                    self.store.update_visit(visit_id, missed_on=None)
                record_id = entry.entry_id = self.store.add_record(
                    VisitRecord(
                        visit_id=visit_id, done_on=done_on, who=who.strip(),
                        assessments_done=tuple(assessments_done), disease_status=disease_status,
                        labs=tuple(clean_labs), notes=notes,
                    )
                )
            # outside the record's entry: what tracks do follows the results, and is worked
            # out again whenever they change (a correction included)
            self.sync_tracks(visit.patient_id)
        return RecordResult(record_id, tuple(warnings))

    # -- results --------------------------------------------------------------------------
    @property
    def analytes(self) -> AnalyteTable:
        """The shipped analytes and the clinic's own (`analytes.toml` beside the roster); a
        malformed clinic file is refused (AnalyteFileError naming file, entry and field)."""
        if self._analytes is None:
            self._analytes = analyte_table(self.store.path.parent)
        return self._analytes

    def results(self, patient_id: int, analyte: str | None = None) -> list[PatientResult]:
        """The patient's results in the order taken (two on one day: in the order entered),
        typed at a visit or imported, those entered in error left out; with `analyte` (any
        spelling or alias), that analyte's only. Each has its canonical value (`canonical`,
        in `canonical_unit`), which flags, tracks and charts read."""
        results = self.store.results(patient_id)
        if analyte is None:
            return results
        wanted = self.analytes.get(analyte)
        name = wanted.name if wanted else analyte.strip()
        return [r for r in results
                if (found := self.analytes.get(r.name)) is not None and found.name == name
                or found is None and r.name.casefold() == name.casefold()]

    def add_results(self, results: Sequence[PatientResult], who: str) -> list[int]:
        """Save results already checked (`cartclinic.results.check_results_csv`) in one
        transaction, audited; the import is noted in the audit trail."""
        with self.store.write(who):
            ids = self.store.add_results(results)
            self.store.note("results import", {
                "results": len(results), "patients": len({r.patient_id for r in results})})
            for patient_id in sorted({r.patient_id for r in results}):
                self.sync_tracks(patient_id)  # the tracks these results start or stop (T1-T4)
        return ids

    def mark_missed(self, visit_id: int, who: str, today: date, reason: str = "") -> None:
        visit = self.store.visit(visit_id)
        self._refuse_if_ended(visit.patient_id, "miss")
        status = visit.status(today)
        if status not in OPEN_STATUSES:
            raise InputRefused(Reason("visit.not_open_miss", "visit",
                                      {"visit": visit.code, "status": _status(status)}))
        if status == VisitStatus.UPCOMING:
            raise InputRefused(Reason("visit.not_open_yet", "visit", {"visit": visit.code}))
        with self.store.write(who):
            with logged_entry(self.store, "missed", visit.patient_id, today,
                              entry_id=visit_id, reason=reason.strip()):
                self.store.update_visit(visit_id, missed_on=today, moved_reason=visit.moved_reason)
                if reason:
                    self.store.note("missed", {"visit_id": visit_id, "reason": reason})
            self.sync_tracks(visit.patient_id)

    def cancel_visit(self, visit_id: int, reason: str, who: str, today: date) -> None:
        visit = self.store.visit(visit_id)
        self._refuse_if_ended(visit.patient_id, "cancel")
        reason = (reason or "").strip()
        if not reason:
            raise InputRefused(Reason("cancel.no_reason", "reason"))
        if visit.status(today) not in OPEN_STATUSES | {VisitStatus.PRIOR}:
            raise InputRefused(Reason("visit.cannot_cancel", "visit", {
                "visit": visit.code, "status": _status(visit.status(today))}))
        with self.store.write(who):
            with logged_entry(self.store, "cancellation", visit.patient_id, today,
                              entry_id=visit_id, reason=reason):
                self.store.update_visit(visit_id, cancelled_reason=reason)
            self.sync_tracks(visit.patient_id)

    def reschedule(
        self,
        visit_id: int,
        new_date: date,
        reason: str,
        who: str,
        today: date,
        *,
        shift_later: bool = False,
        confirm: bool = False,
        confirm_out_of_window: bool = False,
    ) -> list[Visit]:
        """Move one visit (and optionally the later open ones of its protocol by the same
        number of days, each booked again by rule 5). Returns the visits moved. A day outside
        the window or a closed day needs `confirm` (rules 8 and 13;
        `confirm_out_of_window`, its older name, confirms the same)."""
        visit = self.store.visit(visit_id)
        self._check_reschedule(visit, new_date, today)
        reason = (reason or "").strip()
        if not reason:
            raise InputRefused(Reason("move.no_reason", "reason"))
        moves = self._plan_reschedule(visit, new_date, today, shift_later)
        warnings = [w for m in moves for w in m.warnings]
        if warnings and not (confirm or confirm_out_of_window):
            raise InputRefused(warnings)
        moved = []
        with self.store.write(who), logged_entry(self.store, "reschedule", visit.patient_id,
                                                   today, entry_id=visit_id, reason=reason):
            for m in moves:
                why = reason if m.visit.id == visit.id else visit_notes.written(
                    "note.shifted", visit=visit.code, why=reason)
                self.store.update_visit(m.visit.id, target=m.target, window_start=m.window_start,
                                        window_end=m.window_end, scheduled=m.scheduled,
                                        flags=m.flags, moved_reason=why)
                moved.append(self.store.visit(m.visit.id))
        return moved

    def preview_reschedule(self, visit_id: int, new_date: date, today: date, *,
                           shift_later: bool = False) -> list[VisitMove]:
        """What `reschedule` will do, said before it happens: each visit with its new day and
        what must be confirmed (a day out of window or closed: rules 8 and 13)."""
        visit = self.store.visit(visit_id)
        self._check_reschedule(visit, new_date, today)
        return self._plan_reschedule(visit, new_date, today, shift_later)

    def _check_reschedule(self, visit: Visit, new_date: date, today: date) -> None:
        self._refuse_if_ended(visit.patient_id, "reschedule")
        status = visit.status(today)
        if status not in OPEN_STATUSES:
            raise InputRefused(Reason("visit.not_open_move", "visit",
                                      {"visit": visit.code, "status": _status(status)}))
        if new_date < today:
            raise InputRefused(Reason("move.past", "new date", {"day": new_date}))

    def _plan_reschedule(self, visit: Visit, new_date: date, today: date,
                         shift_later: bool) -> list[VisitMove]:
        later = [
            v for v in self.store.visits(treatment_id=visit.treatment_id)
            if v.id != visit.id and v.protocol_id == visit.protocol_id
            and v.scheduled > visit.scheduled and v.status(today) in OPEN_STATUSES
        ] if shift_later else []
        return plan_reschedule(visit, new_date, later, self.calendar(), today)

    # -- entered in error (rule 11) -------------------------------------------------------
    @property
    def corrections(self) -> Corrections:
        return Corrections(self)

    def correctable_entries(self, patient_id: int) -> list[CorrectableEntry]:
        """The patient's entries that can be marked "entered in error" (and those that were)."""
        return self.corrections.entries(patient_id)

    def preview_correction(self, kind: str, entry_id: int, today: date) -> CorrectionPreview:
        """What `correct` will put back, without changing anything (refused the same way)."""
        return self.corrections.preview(kind, entry_id, today)

    def correct(self, kind: str, entry_id: int, reason: str, who: str, today: date) -> int:
        """Mark an entry "entered in error" (rule 11): `kind` is one of event, record, result,
        missed, reschedule, cancellation, call; `entry_id` the event, record, result or call,
        or the visit of a missed mark, reschedule or cancellation. Returns the correction id."""
        return self.corrections.correct(kind, entry_id, reason, who, today)

    # -- calls ----------------------------------------------------------------------------
    def record_call(
        self, patient_id: int, outcome: str, who: str, today: date,
        *, visit_id: int | None = None, notes: str = "", called_on: date | None = None,
    ) -> int:
        self._refuse_if_ended(patient_id, "call")
        if outcome not in CALL_OUTCOMES:
            raise InputRefused(Reason("call.unknown_outcome", "outcome",
                                      {"outcome": outcome, "outcomes": list(CALL_OUTCOMES)}))
        day = called_on or today
        if day > today:
            raise InputRefused(Reason("call.future", "call date", {"day": day}))
        with self.store.write(who):
            return self.store.add_call(CallAttempt(
                patient_id=patient_id, called_on=day, outcome=outcome, who=who.strip(),
                visit_id=visit_id,
                notes=validate.clean_text(notes, "notes", limit=validate.MAX_NOTES, multiline=True),
            ))

    def rebook(
        self, moves: Sequence[tuple[int, date]], reason: str, who: str, today: date,
        *, confirm: bool = False,
    ) -> list[Visit]:
        """Move several visits of a patient, each to its own new date (`reschedule`, this
        visit only), all or none: the phone list rebooks a reached patient's overdue visits
        in one go. A day out of window or closed needs `confirm`, as for `reschedule`.
        Returns the visits moved."""
        if not moves:
            raise InputRefused(Reason("rebook.none", "visits"))
        moved: list[Visit] = []
        refused: list[Reason] = []
        with self.store.write(who):  # each reschedule's write is part of this one
            for visit_id, day in moves:
                try:
                    moved += self.reschedule(visit_id, day, reason, who, today, confirm=confirm)
                except InputRefused as exc:  # every visit's reasons, then nothing saved
                    refused += [r for r in exc.why if r not in refused]
            if refused:
                raise InputRefused(refused)
        return moved


