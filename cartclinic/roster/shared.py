"""What the roster's jobs share: the objects they hand out (NewTreatment, WorklistEntry, EventPreview …), the triage order, and the small rules more than one job applies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from cartclinic import notes as visit_notes
from cartclinic.errors import InputRefused
from cartclinic.model import Patient, Treatment, Visit, VisitBrief
from cartclinic.patient_state import PatientState
from cartclinic.reasons import Reason
from cartclinic.status import VisitStatus, last_day

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
