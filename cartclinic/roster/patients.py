"""The roster's patients (a part of `Roster`, cartclinic/roster/__init__.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from cartclinic import validate
from cartclinic.calendar import ClinicCalendar
from cartclinic.corrections import logged_entry
from cartclinic.errors import InputRefused
from cartclinic.model import TERMINAL_EVENTS, Event, Patient, Treatment
from cartclinic.patient_state import PatientState, state_from
from cartclinic.reasons import Reason, of
from cartclinic.roster.shared import _ACTIVE, NewTreatment, _check_expected, _duplicate_treatments
from cartclinic.schedule import plan_visits
from cartclinic.store import RosterStore


class PatientJobs:
    """Patients and their treatments: checked, registered (one or many, all or nothing), updated, found; and each patient's state (rule 12)."""

    store: RosterStore

    # -- patients and treatments ----------------------------------------------------------
    def check_patient(self, patient: Patient, today: date) -> tuple[Patient, list[Reason]]:
        """The patient with every field cleaned, and the reasons it cannot be saved."""
        reasons: list[Reason] = []
        values = {}
        for name, check in (
            ("mrn", lambda: validate.normalise_mrn(patient.mrn)),
            ("name", lambda: validate.clean_name(patient.name)),
            ("sex", lambda: validate.clean_sex(patient.sex)),
            ("phone", lambda: validate.clean_phone(patient.phone)),
            ("diagnosis", lambda: validate.clean_text(patient.diagnosis, "diagnosis", required=True)),
            ("physician", lambda: validate.clean_text(patient.physician, "physician")),
            ("notes", lambda: validate.clean_text(
                patient.notes, "notes", limit=validate.MAX_NOTES, multiline=True)),
            ("address", lambda: validate.clean_address(patient.address)),
            ("next_of_kin", lambda: validate.clean_text(patient.next_of_kin, "next_of_kin")),
            ("next_of_kin_relationship", lambda: validate.clean_text(
                patient.next_of_kin_relationship, "next_of_kin_relationship",
                limit=validate.MAX_RELATIONSHIP)),
            ("next_of_kin_phone", lambda: validate.clean_phone(
                patient.next_of_kin_phone, "next_of_kin_phone")),
            ("language", lambda: validate.clean_language(patient.language)),
        ):
            try:
                values[name] = check()
            except ValueError as exc:
                reasons.append(of(exc, name))
        try:
            validate.check_birth(patient.date_of_birth, today)
        except ValueError as exc:
            reasons.append(of(exc, "date_of_birth"))
        if not values.get("next_of_kin", "x") and (
                values.get("next_of_kin_phone") or values.get("next_of_kin_relationship")):
            reasons.append(Reason("next_of_kin.empty", "next_of_kin"))
        return (replace(patient, **values) if not reasons else patient), reasons

    def check_treatment(
        self, treatment: NewTreatment, born: date | None, today: date
    ) -> tuple[NewTreatment, list[Reason]]:
        reasons: list[Reason] = []
        values: dict[str, object] = {}
        try:
            values["product"] = validate.clean_text(treatment.product, "product", required=True)
        except ValueError as exc:
            reasons.append(of(exc, "product"))
        try:
            values["target"] = validate.clean_text(treatment.target, "target", limit=100)
        except ValueError as exc:
            reasons.append(of(exc, "target"))
        try:
            validate.check_infusion(treatment.infusion_date, born, today)
        except ValueError as exc:
            reasons.append(of(exc, "infusion_date"))
        protocols = tuple(p.strip().lower() for p in treatment.protocols if p.strip())
        if not protocols:
            reasons.append(Reason("protocol.empty", "protocol"))
        for pid in protocols:
            if self.library.refusal(pid):  # a clinic file with a shipped id and version
                reasons.append(Reason("protocol.refused", "protocol",
                                      {"why": self.library.refusal(pid)}))
            elif pid not in self.library:
                known = [p.id for p in self.library.all()]
                reasons.append(Reason("protocol.unknown", "protocol",
                                      {"protocol": pid, "known": known}))
        if len(set(protocols)) != len(protocols):
            reasons.append(Reason("protocol.twice", "protocol"))
        values["protocols"] = protocols
        tracked = treatment.tracked_from or today
        if tracked > today:
            reasons.append(Reason("field.in_future", "tracked_from", {"day": tracked}))
        values["tracked_from"] = tracked
        return replace(treatment, **values), reasons  # type: ignore[arg-type]

    def register(
        self,
        patient: Patient,
        treatments: Sequence[NewTreatment],
        who: str,
        today: date,
    ) -> Patient:
        """A new patient with their treatments and schedules, all or nothing."""
        ((saved, _),) = self.register_many([(patient, treatments)], who, today)
        return saved

    def check_entries(
        self,
        entries: Sequence[tuple[Patient, Sequence[NewTreatment]]],
        today: date,
        *,
        labels: Sequence[str] | None = None,
    ) -> tuple[list[tuple[Patient, list[NewTreatment]]], list[Reason]]:
        """Every new patient cleaned, and every reason any of them cannot be saved. `labels`
        say where each entry is (a plain label, or a Reason such as `reasons.line(7)`)."""
        reasons: list[Reason] = []
        cleaned: list[tuple[Patient, list[NewTreatment]]] = []
        seen: dict[str, Reason | str] = {}
        # an empty roster holds no number: not asked once per entry (a round trip to a server)
        holds_patients = self.store.has_patients()
        for index, (patient, treatments) in enumerate(entries):
            where = labels[index] if labels else None
            clean, problems = self.check_patient(patient, today)
            reasons += [p.located(where) for p in problems]
            clean_treatments = []
            if not treatments:
                reasons.append(Reason("treatment.none", "treatment").located(where))
            for t in treatments:
                ct, t_problems = self.check_treatment(t, clean.date_of_birth, today)
                reasons += [p.located(where) for p in t_problems]
                clean_treatments.append(ct)
            reasons += [p.located(where) for p in _duplicate_treatments(clean_treatments)]
            if not problems:
                if clean.mrn in seen:
                    reasons.append(Reason("mrn.twice", "mrn", {
                        "mrn": clean.mrn, "other": seen[clean.mrn]}).located(where))
                elif holds_patients and self.store.patient_by_mrn(clean.mrn) is not None:
                    reasons.append(Reason("mrn.in_roster", "mrn",
                                          {"mrn": clean.mrn}).located(where))
                seen.setdefault(clean.mrn, labels[index] if labels else Reason("at.this_list"))
            cleaned.append((clean, clean_treatments))
        return cleaned, reasons

    def register_many(
        self,
        entries: Sequence[tuple[Patient, Sequence[NewTreatment]]],
        who: str,
        today: date,
        *,
        labels: Sequence[str] | None = None,
    ) -> list[tuple[Patient, list[int]]]:
        """Several new patients in one transaction (an import): any bad one and nothing is saved.

        `labels` names each entry in the reasons (e.g. "line 7") so the nurse finds the row."""
        cleaned, reasons = self.check_entries(entries, today, labels=labels)
        if reasons:
            raise InputRefused(reasons)
        return self.save_checked(cleaned, who, today)

    def save_checked(
        self, cleaned: Sequence[tuple[Patient, Sequence[NewTreatment]]], who: str,
        today: date | None = None,
    ) -> list[tuple[Patient, list[int]]]:
        """Save entries `check_entries` returned without reasons (an import checks first, to
        list the file's problems with its own, then saves without checking twice)."""
        calendar = self.calendar()
        out: list[tuple[Patient, list[int]]] = []
        with self.store.write(who):
            for patient, treatments in cleaned:
                patient_id = self.store.add_patient(patient)
                ids = []
                for t in sorted(treatments, key=lambda t: t.infusion_date):
                    if not ids:
                        ids.append(self._add_treatment(patient_id, t, calendar))
                        continue
                    # a later infusion is a re-infusion (rule 9), kept as its event's entry
                    # so that it can be marked entered in error like one recorded by hand
                    earlier = self.store.treatments(patient_id)
                    with logged_entry(self.store, "event", patient_id,
                                      today or t.infusion_date) as entry:
                        event_id = entry.entry_id = self._reinfusion_event(
                            patient_id, t.infusion_date, who, earlier[-1].id)
                        self._supersede(earlier, t.infusion_date, event_id)
                        ids.append(self._add_treatment(patient_id, t, calendar,
                                                       reinfusion_of=earlier[-1].id))
                out.append((replace(patient, id=patient_id), ids))
        return out

    def _add_treatment(
        self, patient_id: int, t: NewTreatment, calendar: ClinicCalendar,
        reinfusion_of: int | None = None,
    ) -> int:
        protocols = [self.library.get(pid) for pid in t.protocols]
        treatment_id = self.store.add_treatment(
            Treatment(
                patient_id=patient_id, product=t.product, target=t.target,
                infusion_date=t.infusion_date, protocols=t.protocols,
                tracked_from=t.tracked_from, reinfusion_of=reinfusion_of,
            ),
            {p.id: (p.version, p.to_json()) for p in protocols},
        )
        for protocol in protocols:
            self.store.add_visits(treatment_id, plan_visits(protocol, t.infusion_date, calendar))
        return treatment_id

    def update_patient(self, patient: Patient, who: str, today: date) -> Patient:
        clean, reasons = self.check_patient(patient, today)
        assert patient.id is not None
        other = self.store.patient_by_mrn(clean.mrn) if not reasons else None
        if other is not None and other.id != patient.id:
            reasons.append(Reason("mrn.taken", "mrn", {"mrn": clean.mrn, "name": other.name}))
        for t in self.store.treatments(patient.id):
            if clean.date_of_birth and clean.date_of_birth > t.infusion_date:
                reasons.append(Reason("birth.after_an_infusion", "date_of_birth", {
                    "born": clean.date_of_birth, "infusion": t.infusion_date}))
        if reasons:
            raise InputRefused(reasons)
        with self.store.write(who):
            self.store.update_patient(clean)
        return clean

    def add_treatment(self, patient_id: int, treatment: NewTreatment, who: str, today: date,
                      *, expected_cancellations: Sequence[int] | None = None) -> int:
        """A further treatment; one after the others is a re-infusion (rule 9), and
        `expected_cancellations` are then the visits a nurse confirmed (see `record_event`)."""
        patient = self.store.patient(patient_id)
        clean, reasons = self.check_treatment(treatment, patient.date_of_birth, today)
        earlier = self.store.treatments(patient_id)
        reasons += _duplicate_treatments([*earlier, clean])
        if reasons:
            raise InputRefused(reasons)
        if expected_cancellations is not None:
            _check_expected(self.preview_event(patient_id, "re_infusion", clean.infusion_date,
                                               today), expected_cancellations)
        with self.store.write(who):
            before = [t for t in earlier if t.infusion_date < clean.infusion_date]
            after = [t for t in earlier if t.infusion_date > clean.infusion_date]
            if before:  # a later infusion is a re-infusion (rule 9), kept as its event's
                # entry so that it can be marked entered in error like one recorded by hand
                with logged_entry(self.store, "event", patient_id, today) as entry:
                    event_id = entry.entry_id = self._reinfusion_event(
                        patient_id, clean.infusion_date, who, before[-1].id)
                    self._supersede(before, clean.infusion_date, event_id)
                    treatment_id = self._add_treatment(patient_id, clean, self.calendar(),
                                                       reinfusion_of=before[-1].id)
            else:
                treatment_id = self._add_treatment(patient_id, clean, self.calendar())
            if after:  # an older treatment entered late: the later infusion still rules
                first = min(after, key=lambda t: t.infusion_date)
                with logged_entry(self.store, "event", patient_id, today) as entry:
                    event_id = entry.entry_id = self._reinfusion_event(
                        patient_id, first.infusion_date, who, treatment_id)
                    self._supersede([self.store.treatment(treatment_id)], first.infusion_date,
                                    event_id)
            return treatment_id

    def find_patient(self, mrn: str) -> Patient:
        try:
            key = validate.normalise_mrn(mrn)
        except ValueError as exc:
            raise InputRefused(of(exc)) from None
        patient = self.store.patient_by_mrn(key)
        if patient is None:
            raise InputRefused(Reason("mrn.unknown", "mrn", {"mrn": key}))
        return patient

    def patient_state(self, patient_id: int) -> PatientState:
        """Rule 12: deceased, withdrawn, lost to follow-up or active, since when; and a
        relapse or progression until a later visit records a response."""
        return state_from(self.store.events(patient_id), self.store.records(patient_id))

    def _patient_states(self, patient_id: int | None = None) -> dict[int, PatientState]:
        """Patients whose follow-up ended, with the date (all of them, or the one asked for: a
        patient page reading every event of the roster grew with the roster). No records are
        read, so the disease part is empty."""
        by_patient: dict[int, list[Event]] = {}
        for e in self.store.events(patient_id):
            if e.kind in TERMINAL_EVENTS:
                by_patient.setdefault(e.patient_id, []).append(e)
        states = {pid: state_from(events) for pid, events in by_patient.items()}
        return {pid: s for pid, s in states.items() if s != _ACTIVE}

    def _refuse_if_ended(self, patient_id: int, what: str) -> None:
        """Rule 12: nothing more is done for a patient who died or withdrew. `what` names the
        refused action: a code `ended.<what>` of cartclinic/reasons.py."""
        ended = state_from(self._terminal_events(patient_id)).ended_reason
        if ended is not None:
            raise InputRefused(Reason("ended.refused", "patient",
                                      {"state": ended, "what": Reason("ended." + what)}))

    def _terminal_events(self, patient_id: int) -> list[Event]:
        return [e for e in self.store.events(patient_id) if e.kind in TERMINAL_EVENTS]

    def letter_refusal(self, patient_id: int) -> Reason | None:
        """Why no letter may be printed for the patient (rule 12), or None."""
        state = state_from(self._terminal_events(patient_id))
        if not state.ended:
            return None
        patient = self.store.patient(patient_id)
        return Reason("ended.no_letter", "mrn", {"mrn": patient.mrn, "name": patient.name,
                                                 "state": state.ended_reason})

