"""The clinic's records as plain objects: what the store returns and the rest of the core uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from cartclinic.status import VisitStatus, days_late, visit_status

SEXES = ("F", "M", "X", "")
EVENT_KINDS = (
    "death",
    "withdrawal",
    "lost_to_follow_up",
    "relapse",
    "progression",
    "re_infusion",
    "allo_hct",
    # CLINICAL.md's review (December 2026): recorded and shown; no visit is cancelled
    "secondary_malignancy",
    "t_cell_malignancy",  # a secondary malignancy of T cells (2024 boxed warning)
    "serious_infection",
    "hospitalisation",
    "late_neurotoxicity",
    "parkinsonism",  # late neurotoxicity (BCMA products, around day 50-90)
    "cranial_nerve_palsy",  # late neurotoxicity
    # what the vaccine flag reads (flags.py): dated, correctable like any event
    "immunoglobulin",  # immunoglobulin replacement given
    "anti_cd19_cd20",  # a new anti-CD19/CD20 therapy (e.g. rituximab, blinatumomab) started
)
# Events that raise a task ("report to the manufacturer and arrange sample testing") that stays
# on the patient page until marked done.
MALIGNANCY_EVENTS = ("secondary_malignancy", "t_cell_malignancy")
MALIGNANCY_TASK = "Report to the manufacturer and arrange sample testing"
# Events after which nothing more is scheduled for the patient.
TERMINAL_EVENTS = ("death", "withdrawal", "lost_to_follow_up")
CALL_OUTCOMES = ("reached", "no_answer", "message_left", "wrong_number")
DISEASE_STATUSES = (
    "CR", "CRi", "MRD-negative", "MRD-positive", "PR", "VGPR", "sCR", "SD", "PD",
    "relapse", "not assessed",
)


@dataclass(frozen=True)
class Patient:
    mrn: str
    name: str
    date_of_birth: date | None = None
    sex: str = ""
    phone: str = ""
    diagnosis: str = ""
    physician: str = ""
    notes: str = ""
    id: int | None = None
    # added by migration 0005 (after `id`, so code that builds a Patient by position still works)
    address: str = ""  # postal address, one line per line of the envelope window
    next_of_kin: str = ""  # the person to call when the patient cannot be reached
    next_of_kin_relationship: str = ""
    next_of_kin_phone: str = ""
    # added by migration 0012: the language of the patient's letters, "en" or "zh"; "" for the
    # clinic's (its settings' language), so a clinic's change reaches every patient not set apart
    language: str = ""


@dataclass(frozen=True)
class Treatment:
    patient_id: int
    product: str
    infusion_date: date
    protocols: tuple[str, ...]
    target: str = ""
    tracked_from: date | None = None
    reinfusion_of: int | None = None
    id: int | None = None


def label_in(visit: Any, lang: str) -> str:
    """The ONE rule for which label a visit shows: its Chinese in Chinese ("zh", the interface's
    or the document's language) when its protocol file had it, its English label otherwise."""
    return (getattr(visit, "label_zh", "") or visit.label) if lang == "zh" else visit.label


def assessments_in(visit: Any, lang: str) -> tuple[str, ...]:
    """The assessments in `lang`, by the rule of `label_in` (the Chinese only if it has one
    text per assessment)."""
    zh = getattr(visit, "assessments_zh", ())
    if lang == "zh" and zh and len(zh) == len(visit.assessments):
        return tuple(zh)
    return tuple(visit.assessments)


@dataclass(frozen=True)
class Visit:
    id: int
    treatment_id: int
    patient_id: int
    protocol_id: str
    code: str
    label: str
    kind: str
    any_day: bool
    assessments: tuple[str, ...]
    target: date
    window_start: date
    window_end: date
    scheduled: date
    tracked_from: date
    flags: tuple[str, ...] = ()
    moved_reason: str = ""
    cancelled_reason: str = ""
    cancelled_by_event: int | None = None
    missed_on: date | None = None
    done_on: date | None = None
    # the Chinese of label and assessments, copied from the protocol file when the visit was
    # planned ("" / () when the protocol has none): `label_in` and `assessments_in` pick
    label_zh: str = ""
    assessments_zh: tuple[str, ...] = ()

    def label_in(self, lang: str) -> str:
        """The visit's label in `lang` ("en", "zh"): see `label_in`."""
        return label_in(self, lang)

    def assessments_in(self, lang: str) -> tuple[str, ...]:
        return assessments_in(self, lang)

    def status(self, today: date) -> VisitStatus:
        return visit_status(
            today=today,
            window_start=self.window_start,
            window_end=self.window_end,
            scheduled=self.scheduled,
            tracked_from=self.tracked_from,
            done=self.done_on is not None,
            cancelled=bool(self.cancelled_reason),
            missed=self.missed_on is not None,
        )

    def days_late(self, today: date) -> int:
        return days_late(self.status(today), self.scheduled, today)


class VisitBrief(NamedTuple):
    """An open visit as a list of visits shows it, with the name, MRN and phone of its patient.

    The worklist shows 5,000 of these when it opens at 10,000 patients; read in one query,
    they cost half of what the full `Visit`, `Patient` and `Treatment` of each line cost. A
    nurse acting on a line gets the full visit by `id`. The fields shared with `Visit` have
    its names, so `views.section_of` and the status rules read either."""

    id: int
    patient_id: int
    patient_name: str
    mrn: str
    phone: str
    protocol_id: str
    code: str
    label: str
    assessments: tuple[str, ...]
    window_start: date
    window_end: date
    scheduled: date
    tracked_from: date
    kind: str  # what the triage order (rule 15) needs: the visit's kind and its day 0
    day0: date
    label_zh: str = ""
    assessments_zh: tuple[str, ...] = ()

    def label_in(self, lang: str) -> str:
        return label_in(self, lang)

    def assessments_in(self, lang: str) -> tuple[str, ...]:
        return assessments_in(self, lang)

    def status(self, today: date) -> VisitStatus:
        """Its status as of `today`: the same rule as `Visit.status` for a visit still open."""
        return visit_status(today=today, window_start=self.window_start,
                            window_end=self.window_end, scheduled=self.scheduled,
                            tracked_from=self.tracked_from)


@dataclass(frozen=True)
class LabResult:
    name: str
    value: str
    unit: str = ""
    id: int | None = field(default=None, compare=False)  # a stored result's, to correct it
    # the value in the analyte's canonical unit (cartclinic/analytes.py), set when it is checked
    canonical: float | None = field(default=None, compare=False)
    canonical_unit: str = field(default="", compare=False)


@dataclass(frozen=True)
class PatientResult:
    """A lab result of the patient, with the date it was taken: typed at a visit (`record_id`
    and `visit_id` say which) or imported (both None). `value` and `unit` are as given;
    `canonical` is the value in the analyte's `canonical_unit` (None if the value is not a
    number or the analyte is not in the table). Flags, tracks, charts and sheets read it."""
    patient_id: int
    taken_on: date
    name: str
    value: str
    unit: str
    canonical: float | None
    canonical_unit: str
    record_id: int | None = None
    visit_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class VisitRecord:
    visit_id: int
    done_on: date
    who: str
    assessments_done: tuple[str, ...] = ()
    disease_status: str = ""
    labs: tuple[LabResult, ...] = ()
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Event:
    patient_id: int
    kind: str
    event_date: date
    who: str
    notes: str = ""
    treatment_id: int | None = None
    undone_on: date | None = None
    id: int | None = None
    corrected_by: int | None = None  # the correction that marked it "entered in error"


@dataclass(frozen=True)
class Task:
    """Work an event raises that stays on the patient page until marked done (a new malignancy:
    report to the manufacturer and arrange sample testing). An event marked "entered in error"
    takes its task with it."""

    patient_id: int
    event_id: int
    kind: str  # report_manufacturer
    created_on: date
    done_on: date | None = None
    done_by: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CallAttempt:
    patient_id: int
    called_on: date
    outcome: str
    who: str
    visit_id: int | None = None
    notes: str = ""
    id: int | None = None
    corrected_by: int | None = None  # the correction that marked it "entered in error"


@dataclass(frozen=True)
class ClinicSettings:
    clinic_name: str = "CAR-T follow-up clinic"
    clinic_phone: str = ""
    closed_weekdays: tuple[int, ...] = (5, 6)
    holiday_region: str | None = None
    closures: tuple[date, ...] = ()
    extra_open: tuple[date, ...] = ()
    paper: str = "A4"
    language: str = "en"
    idle_lock_minutes: int = 10
    backup_every_changes: int = 50
    # which column of the product table (products.py) the stay-near/no-driving countdowns read
    jurisdiction: str = "US"
    # prophylaxis reviews (CLINICAL.md; the sources differ, so the clinic sets them)
    antiviral_months: int = 12  # aciclovir/valaciclovir: at least this long, and until CD4 > 200
    pjp_months: int = 6  # co-trimoxazole from day 30: 6-12 months, and until CD4 > 200
    entecavir_months: int = 12  # HBV carriers
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class User:
    """A person who signs in: their name goes into the audit trail; admins may change settings,
    protocols and restore backups."""

    name: str
    role: str  # nurse | admin
    pin_salt: str = field(default="", repr=False)
    pin_hash: str = field(default="", repr=False)
    failed_attempts: int = 0
    locked_until: str | None = None  # ISO time, UTC (earlier versions: the ward's wall clock)
    active: bool = True
    id: int | None = None
    language: str | None = None  # the interface language on signing in; None: the PC's setting


CORRECTION_KINDS = ("event", "record", "result", "missed", "reschedule", "cancellation", "call")


@dataclass(frozen=True, eq=False)
class VisitChange:
    """What one entry did to visits (rule 11): each visit's changed fields, as stored, before
    and after, so marking the entry "entered in error" puts them back exactly."""

    patient_id: int
    entry: str  # event | record | missed | reschedule | cancellation
    entry_id: int  # the event, the visit record, or the visit a nurse acted on
    made_on: date
    visits: tuple[tuple[int, dict, dict], ...]  # (visit id, before, after)
    reason: str = ""
    corrected_by: int | None = None
    id: int | None = None


@dataclass(frozen=True, eq=False)
class Correction:
    """An entry marked "entered in error": why, by whom, when, and the entry as it was."""

    patient_id: int
    kind: str  # one of CORRECTION_KINDS
    entry_id: int  # the event, record, result or call; the visit of a missed mark, reschedule, cancellation
    reason: str
    who: str
    corrected_on: date
    entry: dict
    id: int | None = None
