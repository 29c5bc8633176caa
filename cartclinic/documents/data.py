"""The plain data a printed document is made from.

The lead builds these from the store; documents read nothing else. Everything is frozen so a
worker thread can draw a PDF from objects the GUI thread handed over without sharing state.
"""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ClinicInfo:
    name: str
    phone: str = ""
    address: str = ""
    paper: str = "A4"          # "A4" or "Letter"
    language: str = "en"       # "en" or "zh" (patient letter language)


@dataclass(frozen=True)
class PatientInfo:
    mrn: str
    name: str
    date_of_birth: date | None
    sex: str = ""              # "F", "M", "X" or ""
    phone: str = ""
    # rule 12: "deceased", "withdrawn", "lost to follow-up" or "" (active), since when; and a
    # relapse or progression not yet answered by a recorded response
    state: str = ""
    state_since: date | None = None
    disease: str = ""          # "relapse", "progression" or ""
    disease_since: date | None = None
    address: str = ""          # postal address, one line per line ("" = no address block)


@dataclass(frozen=True)
class TreatmentInfo:
    product: str
    target: str                # target antigen e.g. "CD19"
    infusion_date: date        # day 0
    protocols: tuple[str, ...]  # protocol ids

    def day_number(self, day: date) -> int:
        """Days since infusion: the "Day +N" every clinician counts in."""
        return (day - self.infusion_date).days


@dataclass(frozen=True)
class VisitLine:
    visit_id: int
    code: str                  # "D28"
    label: str                 # "Day 28 response assessment"
    kind: str                  # response|safety|monitoring|ltfu|registry
    protocol: str              # protocol id
    target: date
    window_start: date
    window_end: date
    scheduled: date
    status: str                # prior|upcoming|due|overdue|done|missed|cancelled
    days_late: int = 0         # > 0 when past the scheduled date and not done
    flags: tuple[str, ...] = ()        # e.g. ("no clinic day in window",)
    assessments: tuple[str, ...] = ()
    day0: date | None = None   # the infusion of the treatment this visit belongs to
    # the clinic's open days in the window from the printing day on (rule 13: a letter offers
    # only these); None when not worked out, and then every day of the window counts
    open_days: tuple[date, ...] | None = None

    def day_number(self) -> int | None:
        """"Day +N" of the scheduled date, counted from this visit's own treatment (rule 9: a
        re-infused patient's visits count from two different days 0)."""
        return None if self.day0 is None else (self.scheduled - self.day0).days


@dataclass(frozen=True)
class LabValue:
    name: str
    value: str
    unit: str


@dataclass(frozen=True)
class ResultLine:
    done_date: date
    visit_label: str
    disease_status: str        # e.g. "CR", "MRD-negative", "relapse", ""
    labs: tuple[LabValue, ...] = ()


@dataclass(frozen=True)
class VisitSheet:
    clinic: ClinicInfo
    patient: PatientInfo
    treatment: TreatmentInfo
    visit: VisitLine
    recent_results: tuple[ResultLine, ...]   # newest first, at most 3
    clinical_flags: tuple[str, ...]          # e.g. "IgG 3.1 g/L < 4 g/L on 2026-10-02"
    next_visits: tuple[VisitLine, ...]       # at most 3
    printed_by: str
    printed_at: datetime


@dataclass(frozen=True)
class DayListRow:
    visit: VisitLine
    mrn: str
    name: str
    phone: str


@dataclass(frozen=True)
class DaySection:
    """One section of the worklist screen as the day list prints it (rule 14)."""

    title: str                       # the section's name on the screen, e.g. "Overdue"
    mark: str                        # the status whose mark and colour its heading takes
    rows: tuple[DayListRow, ...]     # in the caller's (triage) order


@dataclass(frozen=True)
class DayList:
    clinic: ClinicInfo
    day: date
    rows: tuple[DayListRow, ...]     # already ordered by the caller: overdue first
    printed_by: str
    printed_at: datetime
    # the worklist's sections, printed in this order even when empty; the rows of all of them
    # are `rows`. Without sections the rows are grouped by status.
    sections: tuple[DaySection, ...] = ()
    # the audit chain's head when printed (`4512:3f9a-2c71-d0e4-88b1`), in the footer: paper
    # the roster's file cannot reach, to check the trail against later
    audit_anchor: str = ""


@dataclass(frozen=True)
class PatientLetter:
    clinic: ClinicInfo
    patient: PatientInfo
    treatments: tuple[TreatmentInfo, ...]
    coming_visits: tuple[VisitLine, ...]   # upcoming/due/overdue, in date order
    schedule: tuple[VisitLine, ...]        # every visit of the patient, for the timeline picture
    today: date
    printed_at: datetime
    # the product table's periods after the last infusion, while they last (flags.precaution_ends)
    stay_near_until: date | None = None
    no_driving_until: date | None = None
