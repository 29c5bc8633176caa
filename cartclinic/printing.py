"""From the roster to the printed documents: gathers the plain data each document needs, writes
the PDF, and leaves a line in the audit trail (what, for whom, by whom).

The documents package never sees the roster; this module is the only bridge.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from cartclinic.dates import parse_date
from cartclinic.documents import (
    ClinicInfo,
    DayList,
    DayListRow,
    LabValue,
    PatientInfo,
    PatientLetter,
    ResultLine,
    TreatmentInfo,
    VisitLine,
    VisitSheet,
    write_day_list,
    write_patient_letter,
    write_visit_sheets,
)
from cartclinic.errors import InputRefused
from cartclinic.flags import clinical_flags
from cartclinic.model import Patient, Treatment, Visit
from cartclinic.roster import Roster
from cartclinic.status import OPEN_STATUSES
from cartclinic.store.anchors import short_form

KEY_LABS = ("IgG", "CD19 B cells", "CD4", "ANC", "Platelets", "CRP", "Ferritin")


def clinic_info(roster: Roster) -> ClinicInfo:
    s = roster.settings()
    return ClinicInfo(name=s.clinic_name, phone=s.clinic_phone, paper=s.paper, language=s.language)


def patient_info(p: Patient) -> PatientInfo:
    return PatientInfo(mrn=p.mrn, name=p.name, date_of_birth=p.date_of_birth, sex=p.sex, phone=p.phone)


def treatment_info(t: Treatment) -> TreatmentInfo:
    return TreatmentInfo(product=t.product, target=t.target, infusion_date=t.infusion_date,
                         protocols=t.protocols)


def visit_line(v: Visit, today: date) -> VisitLine:
    return VisitLine(
        visit_id=v.id, code=v.code, label=v.label, kind=v.kind, protocol=v.protocol_id,
        target=v.target, window_start=v.window_start, window_end=v.window_end,
        scheduled=v.scheduled, status=str(v.status(today)), days_late=v.days_late(today),
        flags=v.flags, assessments=v.assessments,
    )


def visit_sheet_data(roster: Roster, visit_id: int, who: str, today: date,
                     printed_at: datetime) -> VisitSheet:
    visit = roster.store.visit(visit_id)
    patient = roster.store.patient(visit.patient_id)
    visits = roster.store.visits(patient_id=visit.patient_id)
    by_id = {v.id: v for v in visits}
    records = roster.store.records(visit.patient_id)
    recent = sorted(records, key=lambda r: (r.done_on, r.id or 0), reverse=True)[:3]
    results = tuple(
        ResultLine(
            done_date=r.done_on, visit_label=by_id[r.visit_id].label if r.visit_id in by_id else "",
            disease_status=r.disease_status,
            labs=tuple(LabValue(lab.name, lab.value, lab.unit) for lab in r.labs
                       if lab.name in KEY_LABS),
        )
        for r in recent
    )
    following = [
        v for v in visits
        if v.id != visit.id and v.scheduled >= visit.scheduled and v.status(today) in OPEN_STATUSES
    ][:3]
    treatments = roster.store.treatments(visit.patient_id)
    flags = clinical_flags(treatments, records, roster.settings(), today)
    return VisitSheet(
        clinic=clinic_info(roster), patient=patient_info(patient),
        treatment=treatment_info(roster.store.treatment(visit.treatment_id)),
        visit=visit_line(visit, today), recent_results=results,
        clinical_flags=tuple(f.text for f in flags),
        next_visits=tuple(visit_line(v, today) for v in following),
        printed_by=who, printed_at=printed_at,
    )


def day_list_data(roster: Roster, day: date, who: str, printed_at: datetime) -> DayList:
    entries = roster.worklist(day, day, day)
    head = roster.store.audit_head()
    return DayList(
        clinic=clinic_info(roster), day=day,
        rows=tuple(DayListRow(visit=visit_line(e.visit, day), mrn=e.patient.mrn,
                              name=e.patient.name, phone=e.patient.phone) for e in entries),
        printed_by=who, printed_at=printed_at,
        audit_anchor=short_form(*head) if head else "",
    )


def letter_data(roster: Roster, patient: Patient, today: date, printed_at: datetime) -> PatientLetter:
    assert patient.id is not None
    # registry forms are the coordinator's paperwork, not visits the patient comes to
    visits = [v for v in roster.store.visits(patient_id=patient.id) if v.kind != "registry"]
    coming = tuple(visit_line(v, today) for v in visits if v.status(today) in OPEN_STATUSES)
    return PatientLetter(
        clinic=clinic_info(roster), patient=patient_info(patient),
        treatments=tuple(treatment_info(t) for t in roster.store.treatments(patient.id)),
        coming_visits=coming, schedule=tuple(visit_line(v, today) for v in visits),
        today=today, printed_at=printed_at,
    )


def print_document(
    roster: Roster, what: str, key: str, out: Path, who: str, today: date,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Write one document (`visit`, `day`, `letter`, `sheets`) to `out`; returns its pages."""
    now = datetime.now()
    try:
        if what == "visit":
            try:
                visit_id = int(key)
            except ValueError:
                raise InputRefused(f"visit id: '{key}' is not a number (see the visit_id of due --json)") from None
            pages = write_visit_sheets(out, [visit_sheet_data(roster, visit_id, who, today, now)], progress)
            subject = {"visit_id": visit_id}
        elif what in ("day", "sheets"):
            try:
                day = parse_date(key, field="date")
            except ValueError as exc:
                raise InputRefused(str(exc)) from None
            if what == "day":
                pages = write_day_list(out, day_list_data(roster, day, who, now))
            else:
                sheets = [visit_sheet_data(roster, e.visit.id, who, day, now)
                          for e in roster.worklist(day, day, day)]
                if not sheets:
                    raise InputRefused(f"date: no visits on the worklist of {day}; nothing to print")
                pages = write_visit_sheets(out, sheets, progress)
            subject = {"date": day.isoformat()}
        elif what == "letter":
            patient = roster.find_patient(key)
            pages = write_patient_letter(out, letter_data(roster, patient, today, now))
            subject = {"mrn": patient.mrn}
        else:
            raise InputRefused(f"print: '{what}' is not visit, day, letter or sheets")
    except OSError as exc:
        raise InputRefused(f"--out: cannot write {out}: {exc.strerror or exc}") from None
    with roster.store.write(who):
        roster.store.note("print", {"document": what, **subject, "pages": pages, "file": str(out)})
    return pages
