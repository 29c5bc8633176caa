"""The clinic's roster: the one interface the command line and the application use.

It checks input, applies the scheduling rules and the event rules, and asks the store to keep
the result, each change in one audited transaction. It holds no SQL and reads no clock: `today`
is always passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cartclinic import notes as visit_notes
from cartclinic import validate
from cartclinic.analytes import AnalyteTable, accepted_unit, analyte_table, canonical
from cartclinic.calendar import ClinicCalendar
from cartclinic.corrections import CorrectableEntry, CorrectionPreview, Corrections, logged_entry
from cartclinic.errors import InputRefused
from cartclinic.local_files import clinic_protocol_dir
from cartclinic.model import (
    CALL_OUTCOMES,
    EVENT_KINDS,
    MALIGNANCY_EVENTS,
    MALIGNANCY_TASK,
    TERMINAL_EVENTS,
    CallAttempt,
    ClinicSettings,
    Event,
    LabResult,
    Patient,
    PatientResult,
    Task,
    Treatment,
    Visit,
    VisitBrief,
    VisitRecord,
)
from cartclinic.patient_state import PatientState, live, state_from
from cartclinic.products import JURISDICTIONS, ProductTable, clinic_products_file, load_products
from cartclinic.protocol import ProtocolLibrary, default_protocol_dir
from cartclinic.reasons import Reason, of
from cartclinic.rescheduling import VisitMove, plan_reschedule, replace_on_calendar
from cartclinic.schedule import (
    plan_visits,
    scheduled_date,
)
from cartclinic.status import OPEN_STATUSES, VisitStatus, days_late, last_day
from cartclinic.store import RosterStore, open_store
from cartclinic.track_sync import sync_tracks
from cartclinic.visit_warnings import done_date_warnings

if TYPE_CHECKING:
    from cartclinic.flags import ClinicalFlag

EVENT_LABELS = {
    "death": "death",
    "withdrawal": "withdrawal of consent",
    "lost_to_follow_up": "lost to follow-up",
    "relapse": "relapse",
    "progression": "progression",
    "re_infusion": "re-infusion",
    "allo_hct": "allogeneic stem-cell transplant",
    "secondary_malignancy": "secondary malignancy",
    "t_cell_malignancy": "secondary malignancy of T cells",
    "serious_infection": "serious infection",
    "hospitalisation": "hospitalisation",
    "late_neurotoxicity": "late neurotoxicity",
    "parkinsonism": "late neurotoxicity: parkinsonism",
    "cranial_nerve_palsy": "late neurotoxicity: cranial-nerve palsy",
    "immunoglobulin": "immunoglobulin replacement given",
    "anti_cd19_cd20": "anti-CD19/CD20 therapy started",
}


@dataclass(frozen=True)
class NewTreatment:
    product: str
    infusion_date: date
    protocols: tuple[str, ...]
    target: str = ""
    tracked_from: date | None = None


@dataclass(frozen=True)
class WorklistEntry:
    """One line of the worklist: a visit to be done, with whom and as of which day."""

    visit: Visit
    patient: Patient
    treatment: Treatment
    status: VisitStatus
    days_late: int


class WorklistLine(NamedTuple):
    """One line of the worklist screen: the visit as the list shows it, as of which day. The
    full visit, patient and treatment are read when a nurse acts on the line."""

    visit: VisitBrief
    status: VisitStatus
    days_late: int


# the audit note a settings change that moved visits writes (rule 13's letters read it)
SETTINGS_MOVED_NOTE = "settings moved visits"

_OVERDUE, _DUE, _UPCOMING = VisitStatus.OVERDUE, VisitStatus.DUE, VisitStatus.UPCOMING
# rule 15: a safety visit scheduled within this many days after its treatment's day 0 goes first
EARLY_SAFETY_DAYS = 28


def on_worklist(status: VisitStatus, scheduled: date, start: date, end: date) -> bool:
    """Whether an open visit is on the worklist of [start, end] as of its status's day: every
    overdue visit, every due visit scheduled on or before `end` (late ones whose window is
    still open included: the screen's "due now"), every upcoming one scheduled in the range."""
    if status == _OVERDUE:
        return True
    if status == _DUE:
        return scheduled <= end
    return status == _UPCOMING and start <= scheduled <= end


def triage_key(status: VisitStatus, kind: str, day0: date, days_late: int, scheduled: date,
               name: str, visit_id: int) -> tuple[bool, bool, int, date, str, int]:
    """Rule 15, the one order of every worklist (screen, `due`, day list, phone list): overdue
    first; then, within that, `safety` visits scheduled in the first 28 days after their
    treatment's day 0, then the most days late, then the scheduled date, name and visit id
    (a stable order). Sections split from a list in this order keep it."""
    early_safety = kind == "safety" and 0 <= (scheduled - day0).days <= EARLY_SAFETY_DAYS
    return (status != _OVERDUE, not early_safety, -days_late, scheduled, name, visit_id)


@dataclass(frozen=True)
class EventPreview:
    """What recording an event will do, said before it happens."""

    kind: str
    visits_to_cancel: tuple[Visit, ...]
    message: str


@dataclass(frozen=True)
class RecordResult:
    record_id: int
    warnings: tuple[str, ...] = ()


@dataclass
class PatientSummary:
    patient: Patient
    next_checkup: Visit | None
    overdue: list[Visit] = field(default_factory=list)
    state: str = "active"  # active | deceased | withdrawn | lost to follow-up (= standing.kind)
    standing: PatientState = field(default_factory=PatientState)


class Roster:
    def __init__(self, store: RosterStore, library: ProtocolLibrary | None = None) -> None:
        self.store = store
        self._library = library
        self._products: ProductTable | None = None
        self._analytes: AnalyteTable | None = None

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, check_later: bool = False,
             before_upgrade: Callable[[list[str]], object] | None = None) -> Roster:
        """See `SqliteStore.open`: with `check_later` the integrity check runs on a thread
        while the roster is read, and writes wait for it; `before_upgrade` is told before a
        roster of an older version is upgraded."""
        return cls(open_store(path, create=create, check_later=check_later,
                              before_upgrade=before_upgrade))

    @property
    def library(self) -> ProtocolLibrary:
        """The protocols this roster can use: the shipped ones and the clinic's own folder
        beside the roster, read when first needed. The worklist and the roster list need none
        of them, and reading and checking every file cost 7.5 ms of each start."""
        if self._library is None:
            self._library = ProtocolLibrary([default_protocol_dir(),
                                             clinic_protocol_dir(self.store.path)])
        return self._library

    @property
    def products(self) -> ProductTable:
        """The product table: the shipped rows with the clinic's `products.toml` beside the
        roster over them, read when first needed. A clinic file that breaks the format is
        refused (InputRefused naming file, product and field)."""
        if self._products is None:
            self._products = load_products(clinic_products_file(self.store.path))
        return self._products

    def open_tasks(self, patient_id: int) -> list[Task]:
        """Tasks not yet done whose event stands (an event entered in error takes its task)."""
        standing = {e.id for e in self.store.events(patient_id)}
        return [t for t in self.store.tasks(patient_id)
                if t.done_on is None and t.event_id in standing]

    def mark_task_done(self, task_id: int, who: str, today: date) -> None:
        with self.store.write(who):
            self.store.update_task(task_id, done_on=today, done_by=who.strip())

    def clinical_flags(self, patient_id: int, today: date) -> list[ClinicalFlag]:
        """The patient's flags (flags.py) with everything they read: treatments, results,
        events, diagnosis and notes, the product table, the clinic's jurisdiction, open tasks."""
        # read when a patient is shown, not at each start (dateutil is not needed for the worklist)
        from cartclinic import flags

        patient = self.store.patient(patient_id)
        refused: list[ClinicalFlag] = []
        try:
            products = self.products
        except InputRefused as exc:  # the clinic's file is broken: say so on every patient
            products = load_products()
            refused = [flags.ClinicalFlag("product_table", "The clinic's product table is refused, the "
                                    "shipped one is used: " + "; ".join(exc.reasons), True)]
        # results imported from the lab (no visit record) are read as records of their day, so
        # every flag sees them beside the ones typed at a visit
        imported = [VisitRecord(visit_id=0, done_on=r.taken_on, who="lab import",
                                labs=(LabResult(r.name, r.value, r.unit, id=r.id),), id=0)
                    for r in self.store.results(patient_id) if r.record_id is None]
        records = sorted([*self.store.records(patient_id), *imported],
                         key=lambda r: (r.done_on, r.id or 0))
        return refused + flags.clinical_flags(
            self.store.treatments(patient_id), records, self.settings(),
            today, events=self.store.events(patient_id), diagnosis=patient.diagnosis,
            notes=patient.notes, products=products, tasks=self.open_tasks(patient_id))

    def close(self) -> None:
        self.store.close()

    # -- the clinic's calendar ------------------------------------------------------------
    def settings(self) -> ClinicSettings:
        return self.store.settings()

    def calendar(self) -> ClinicCalendar:
        s = self.store.settings()
        return ClinicCalendar(
            closed_weekdays=frozenset(s.closed_weekdays),
            holiday_region=s.holiday_region,
            closures=frozenset(s.closures),
            extra_open=frozenset(s.extra_open),
        )

    def check_settings(self, settings: ClinicSettings) -> ClinicCalendar:
        """The clinic calendar the settings make, or every reason they cannot be saved."""
        reasons = []
        calendar = ClinicCalendar()
        try:
            calendar = ClinicCalendar(
                closed_weekdays=frozenset(settings.closed_weekdays),
                holiday_region=settings.holiday_region or None,
                closures=frozenset(settings.closures),
                extra_open=frozenset(settings.extra_open),
            )
        except ValueError as exc:
            reasons.append(of(exc))
        if len(settings.closed_weekdays) >= 7:
            reasons.append(Reason("settings.closed_every_weekday", "closed weekdays"))
        if settings.paper not in ("A4", "Letter"):
            reasons.append(Reason("settings.paper", "paper", {"paper": settings.paper}))
        if settings.language not in ("en", "zh"):
            reasons.append(Reason("settings.language", "language", {"language": settings.language}))
        if settings.jurisdiction not in JURISDICTIONS:
            reasons.append(Reason("settings.jurisdiction", "jurisdiction", {
                "jurisdiction": settings.jurisdiction, "known": list(JURISDICTIONS)}))
        for name in ("antiviral_months", "pjp_months", "entecavir_months"):
            if not 1 <= getattr(settings, name) <= 60:
                reasons.append(Reason("settings.months", name.replace("_", " ")))
        if not 1 <= settings.idle_lock_minutes <= 240:
            reasons.append(Reason("settings.idle_lock", "idle lock"))
        try:
            validate.clean_text(settings.clinic_name, "clinic name", required=True)
        except ValueError as exc:
            reasons.append(of(exc))
        try:
            validate.clean_phone(settings.clinic_phone, "clinic phone")
        except ValueError as exc:
            reasons.append(of(exc))
        if reasons:
            raise InputRefused(reasons)
        return calendar

    def preview_settings(self, settings: ClinicSettings, today: date | None = None
                         ) -> list[VisitMove]:
        """The open visits that saving these settings would move (rule 13: listed before the
        change is saved), with their new days; the same list `save_settings` then saves."""
        return replace_on_calendar(self.store.visits(), self.check_settings(settings), today)

    def save_settings(self, settings: ClinicSettings, who: str, today: date | None = None,
                      *, expected_moves: Sequence[int] | None = None) -> int:
        """Save settings; scheduled dates of open visits not moved by hand follow the new
        calendar (`preview_settings` lists them first). Returns how many visits moved. Given
        `today`, a visit booked from today on is never moved into the past, and one already
        past its booking stays where it was. `expected_moves` are the visit ids a person was
        shown: if the moves differ now, nothing is saved."""
        calendar = self.check_settings(settings)
        with self.store.write(who):
            moves = replace_on_calendar(self.store.visits(), calendar, today)
            if expected_moves is not None and \
                    sorted(expected_moves) != sorted(m.visit.id for m in moves):
                raise InputRefused(Reason("settings.moves_changed", "settings"))
            self.store.save_settings(settings)
            for m in moves:
                self.store.update_visit(m.visit.id, scheduled=m.scheduled, flags=m.flags)
            if moves:  # what moved from which day: the "your date has changed" letters read it
                self.store.note(SETTINGS_MOVED_NOTE, {"visits": [
                    [m.visit.id, m.visit.scheduled.isoformat(), m.scheduled.isoformat()]
                    for m in moves]})
        return len(moves)

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

    # -- the worklist ---------------------------------------------------------------------
    def worklist(self, today: date, start: date, end: date) -> list[WorklistEntry]:
        """Every visit overdue as of `today`, every due visit scheduled on or before `end`
        (late ones whose window is still open included), every upcoming visit scheduled in
        [start, end]; in the triage order of rule 15 (`triage_key`). Each with its full
        visit, patient and treatment (documents, the phone list, `due --json`)."""
        if end < start:
            raise InputRefused(Reason("range.backwards", "to", {"start": start, "end": end}))
        keyed = []
        for visit, patient, treatment in self.store.open_visit_lines(
            window_end_before=today, scheduled_from=None, scheduled_to=end
        ):
            status = visit.status(today)
            if on_worklist(status, visit.scheduled, start, end):
                # the sort key made here, while the parts are at hand (a lambda reading them
                # back through the entry costs as much)
                late = days_late(status, visit.scheduled, today)
                key = triage_key(status, visit.kind, treatment.infusion_date, late,
                                 visit.scheduled, patient.name, visit.id)
                keyed.append((key, WorklistEntry(visit, patient, treatment, status, late)))
        keyed.sort(key=itemgetter(0))
        return [entry for _, entry in keyed]

    def worklist_lines(self, today: date, start: date, end: date) -> list[WorklistLine]:
        """The same visits in the same order as `worklist`, each as the worklist screen shows
        it (`VisitBrief`): read in one query, half the cost of the full entries."""
        if end < start:
            raise InputRefused(Reason("range.backwards", "to", {"start": start, "end": end}))
        keyed = []
        new = tuple.__new__
        for brief in self.store.open_visit_briefs(
            window_end_before=today, scheduled_from=None, scheduled_to=end
        ):
            status = brief.status(today)
            if on_worklist(status, brief.scheduled, start, end):
                late = days_late(status, brief.scheduled, today)
                key = triage_key(status, brief.kind, brief.day0, late, brief.scheduled,
                                 brief.patient_name, brief.id)
                keyed.append((key, new(WorklistLine, (brief, status, late))))
        keyed.sort(key=itemgetter(0))
        return [line for _, line in keyed]

    def summaries(self, today: date) -> list[PatientSummary]:
        """Every patient with their next checkup and what is overdue (for the roster list).

        Reads only open visits: the next one of each patient and the overdue ones, not the
        whole fifteen-year history of everyone. The status function still decides each."""
        by_patient: dict[int, list[Visit]] = {}
        for visit in self.store.next_open_visits(today):
            by_patient.setdefault(visit.patient_id, []).append(visit)
        for visit in self.store.open_visits(window_end_before=today):
            by_patient.setdefault(visit.patient_id, []).append(visit)
        states = self._patient_states()
        return [
            _summary(p, by_patient.get(p.id or 0, []), today, states.get(p.id or 0, _ACTIVE))
            for p in self.store.patients()
        ]

    def summary(self, patient_id: int, today: date) -> PatientSummary:
        """One patient, with the whole state: a relapse or progression not yet answered by a
        recorded response included (the roster list leaves that to the patient's page)."""
        return _summary(
            self.store.patient(patient_id), self.store.visits(patient_id=patient_id), today,
            self.patient_state(patient_id),
        )

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


def _check_expected(preview: EventPreview, expected: Sequence[int] | None) -> None:
    """The visits to cancel are the ones the nurse saw and confirmed, or nothing is done."""
    if expected is not None and sorted(expected) != sorted(v.id for v in preview.visits_to_cancel):
        raise InputRefused(Reason("event.changed", "event"))


def _reinfusion_reason(day0: date) -> str:
    return visit_notes.written("note.superseded", day=day0)


def superseded_by_reinfusion(visit: Visit, day0: date) -> bool:
    """Whether a re-infusion on `day0` cancels this not-done visit of an earlier treatment
    (rule 9). One definition: re-infusions, later treatments, and a correction that reopens a
    visit (corrections.py) ask it."""
    return _still_open(visit, day0) and _on_or_after(visit, day0)


def _on_or_after(visit: Visit, day0: date) -> bool:
    """Scheduled on or after `day0`, or a long-term visit counted from the old day 0 past it
    (rule 9: the fifteen years count from the last infusion)."""
    return visit.scheduled >= day0 or (visit.kind == "ltfu" and visit.target >= day0)


def _duplicate_treatments(treatments: Sequence[Treatment | NewTreatment]) -> list[Reason]:
    """The same product infused on the same day twice is a repeated row, not two treatments."""
    seen: set[tuple[str, date]] = set()
    out = []
    for t in treatments:
        key = (t.product.casefold(), t.infusion_date)
        if key in seen:
            out.append(Reason("treatment.twice", "treatment",
                              {"product": t.product, "day": t.infusion_date}))
        seen.add(key)
    return out


def _status(status: object) -> Reason:
    """A visit's status as a word inside a reason, said in the reader's language."""
    return Reason("status." + str(getattr(status, "value", status)))


def _last_day(visit: Visit) -> date:
    return last_day(visit.window_end, visit.scheduled)


def _still_open(visit: Visit, today: date) -> bool:
    return visit.done_on is None and not visit.cancelled_reason and visit.missed_on is None


_ACTIVE = PatientState()


def _summary(patient: Patient, visits: list[Visit], today: date,
             state: PatientState) -> PatientSummary:
    upcoming = [v for v in visits if v.status(today) in (VisitStatus.UPCOMING, VisitStatus.DUE)]
    overdue = [v for v in visits if v.status(today) == VisitStatus.OVERDUE]
    nxt = min(upcoming, key=lambda v: (v.scheduled, v.id), default=None)
    return PatientSummary(patient, nxt, sorted(overdue, key=lambda v: v.scheduled), state.kind,
                          state)
