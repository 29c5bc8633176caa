"""From the roster to the printed documents: gathers the plain data each document needs, writes
the PDF, and leaves a line in the audit trail (what, for whom, by whom).

The documents package never sees the roster; this module is the only bridge.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from cartclinic import views
from cartclinic.calendar import ClinicCalendar
from cartclinic.dates import parse_date
from cartclinic.documents import (
    ClinicInfo,
    DayList,
    DayListRow,
    DaySection,
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
from cartclinic.documents.date_changed import (
    DateChange,
    DateChangedLetter,
    write_date_changed_letters,
)
from cartclinic.documents.wording import LANGUAGES, text
from cartclinic.errors import InputRefused
from cartclinic.model import LabResult, Patient, PatientResult, Treatment, Visit
from cartclinic.patient_state import ACTIVE, PatientState
from cartclinic.roster import SETTINGS_MOVED_NOTE, Roster
from cartclinic.status import OPEN_STATUSES
from cartclinic.store.anchors import short_form

KEY_LABS = ("IgG", "CD19 B cells", "CD4", "ANC", "Platelets", "CRP", "Ferritin")


def clinic_info(roster: Roster, language: str | None = None) -> ClinicInfo:
    """The clinic as a document prints it, in `language` (by default the clinic's)."""
    s = roster.settings()
    return ClinicInfo(name=s.clinic_name, phone=s.clinic_phone, paper=s.paper,
                      language=check_language(language) or s.language)


def check_language(language: str | None) -> str | None:
    """`--lang`: en or zh; None or "" leaves the default."""
    if language and language not in LANGUAGES:
        raise InputRefused(f"--lang: '{language}' is not en or zh")
    return language or None


def letter_language(roster: Roster, patient: Patient, language: str | None = None) -> str:
    """A letter's language: the one asked for, else the patient's, else the clinic's."""
    return check_language(language) or patient.language or roster.settings().language


def patient_info(p: Patient, state: PatientState | None = None) -> PatientInfo:
    s = state or PatientState()
    return PatientInfo(mrn=p.mrn, name=p.name, date_of_birth=p.date_of_birth, sex=p.sex,
                       phone=p.phone, state="" if s.kind == ACTIVE else s.kind,
                       state_since=s.since, disease=s.disease, disease_since=s.disease_since,
                       address=p.address)


def treatment_info(t: Treatment) -> TreatmentInfo:
    return TreatmentInfo(product=t.product, target=t.target, infusion_date=t.infusion_date,
                         protocols=t.protocols)


def visit_line(v: Visit, today: date, day0: date, language: str = "en") -> VisitLine:
    """`day0`: the infusion of the visit's own treatment, which its "Day +N" counts from;
    label and assessments in the document's `language` (`Visit.label_in`)."""
    return VisitLine(
        visit_id=v.id, code=v.code, label=v.label_in(language), kind=v.kind,
        protocol=v.protocol_id, target=v.target, window_start=v.window_start,
        window_end=v.window_end, scheduled=v.scheduled, status=str(v.status(today)),
        days_late=v.days_late(today), flags=v.flags, assessments=v.assessments_in(language),
        day0=day0,
    )


def _day0s(roster: Roster, patient_id: int) -> dict[int, date]:
    return {t.id: t.infusion_date for t in roster.store.treatments(patient_id)
            if t.id is not None}


def _canonical_lab(lab: LabResult, result: PatientResult | None) -> LabValue:
    """A result as the sheet prints it: in the analyte's canonical unit (DESIGN.md)."""
    if result is None or result.canonical is None or not result.canonical_unit:
        return LabValue(lab.name, lab.value, lab.unit)
    return LabValue(lab.name, f"{result.canonical:g}", result.canonical_unit)


def visit_sheet_data(roster: Roster, visit_id: int, who: str, today: date,
                     printed_at: datetime, language: str | None = None) -> VisitSheet:
    visit = roster.store.visit(visit_id)
    patient = roster.store.patient(visit.patient_id)
    clinic = clinic_info(roster, language)
    lang = clinic.language
    visits = roster.store.visits(patient_id=visit.patient_id)
    by_id = {v.id: v for v in visits}
    records = roster.store.records(visit.patient_id)
    recent = sorted(records, key=lambda r: (r.done_on, r.id or 0), reverse=True)[:3]
    patient_results = roster.results(visit.patient_id)
    canon = {r.id: r for r in patient_results}
    results = tuple(
        ResultLine(
            done_date=r.done_on,
            visit_label=by_id[r.visit_id].label_in(lang) if r.visit_id in by_id else "",
            disease_status=r.disease_status,
            labs=tuple(_canonical_lab(lab, canon.get(lab.id)) for lab in r.labs
                       if lab.name in KEY_LABS),
        )
        for r in recent
    )
    following = [
        v for v in visits
        if v.id != visit.id and v.scheduled >= visit.scheduled and v.status(today) in OPEN_STATUSES
    ][:3]
    treatments = roster.store.treatments(visit.patient_id)
    day0 = {t.id: t.infusion_date for t in treatments}
    state = roster.patient_state(visit.patient_id)
    # "vaccines now eligible" is no flag for a patient who died or withdrew (rule 12)
    flags = [] if state.ended else roster.clinical_flags(visit.patient_id, today)
    return VisitSheet(
        clinic=clinic,
        patient=patient_info(patient, state),
        treatment=treatment_info(roster.store.treatment(visit.treatment_id)),
        visit=visit_line(visit, today, day0[visit.treatment_id], lang), recent_results=results,
        clinical_flags=tuple(f.text for f in flags),
        next_visits=tuple(visit_line(v, today, day0[v.treatment_id], lang) for v in following),
        printed_by=who, printed_at=printed_at,
    )


def day_list_data(roster: Roster, day: date, who: str, printed_at: datetime,
                  language: str | None = None) -> DayList:
    """The worklist of `day` as the screen shows it that day and `due --today DAY --from DAY
    --to DAY` lists it: the same sections, names, visits and order (rule 14)."""
    clinic = clinic_info(roster, language)
    sections = tuple(
        DaySection(
            title=text(clinic.language, f"section.{key}"), mark="overdue" if key == views.OVERDUE else "due",
            rows=tuple(DayListRow(visit=visit_line(e.visit, day, e.treatment.infusion_date,
                                                   clinic.language),
                                  mrn=e.patient.mrn,
                                  name=e.patient.name, phone=e.patient.phone) for e in entries),
        )
        for key, entries in views.day_sections(roster, day)
    )
    head = roster.store.audit_head()
    return DayList(
        clinic=clinic, day=day,
        rows=tuple(row for section in sections for row in section.rows),
        printed_by=who, printed_at=printed_at, sections=sections,
        audit_anchor=short_form(*head) if head else "",
    )


NO_CLINIC_PHONE = (
    "clinic phone: not set; a patient letter must say whom to call. An admin sets it in the "
    "application under Settings › Clinic phone (or Print letter asks for it), then print again"
)


def require_clinic_phone(roster: Roster) -> None:
    """A letter is not printed without the number the patient is to call."""
    if not roster.settings().clinic_phone.strip():
        raise InputRefused(NO_CLINIC_PHONE)


def letter_data(roster: Roster, patient: Patient, today: date, printed_at: datetime,
                language: str | None = None) -> PatientLetter:
    """The letter's data; refused (rule 12) for a patient who died or withdrew, with the
    reason, whichever way it is asked for (the command line, the application, a batch)."""
    assert patient.id is not None
    refusal = roster.letter_refusal(patient.id)
    if refusal:
        raise InputRefused(refusal)
    require_clinic_phone(roster)
    # registry forms are the coordinator's paperwork, not visits the patient comes to
    visits = [v for v in roster.store.visits(patient_id=patient.id) if v.kind != "registry"]
    day0 = _day0s(roster, patient.id)
    calendar = roster.calendar()
    lang = letter_language(roster, patient, language)
    coming = tuple(
        replace(visit_line(v, today, day0[v.treatment_id], lang),
                open_days=_open_days(v, today, calendar))
        for v in visits if v.status(today) in OPEN_STATUSES)
    treatments = roster.store.treatments(patient.id)
    near, driving = _precautions(roster, treatments, today)
    return PatientLetter(
        clinic=clinic_info(roster, lang),
        patient=patient_info(patient),
        treatments=tuple(treatment_info(t) for t in treatments),
        coming_visits=coming,
        schedule=tuple(visit_line(v, today, day0[v.treatment_id], lang) for v in visits),
        today=today, printed_at=printed_at, stay_near_until=near, no_driving_until=driving,
    )


def _precautions(roster: Roster, treatments, today: date) -> tuple[date | None, date | None]:
    """Until when the patient stays near the centre and does not drive (the product table,
    the clinic's jurisdiction, the last infusion); a broken clinic table: the shipped one."""
    from cartclinic.flags import precaution_ends
    from cartclinic.products import load_products

    if not treatments:
        return None, None
    try:
        products = roster.products
    except InputRefused:
        products = load_products()
    last = max(treatments, key=lambda t: t.infusion_date)
    return precaution_ends(last, products, roster.settings().jurisdiction, today)


def _open_days(visit: Visit, today: date, calendar: ClinicCalendar) -> tuple[date, ...]:
    """The days of the visit's window, from today on, that a letter may offer (rule 13)."""
    start = max(visit.window_start, today)
    days = (start + timedelta(days=i) for i in range((visit.window_end - start).days + 1))
    return tuple(d for d in days if visit.any_day or calendar.is_open(d))


def settings_moves_since(roster: Roster, since: date) -> list[tuple[int, date]]:
    """(visit id, date it had before) for every visit a settings change moved on or after
    `since` (the audit trail's note, in UTC days); a visit moved twice keeps its first date."""
    first: dict[int, date] = {}
    for row in roster.store.audit_rows():
        if row["table_name"] != "note" or row["row_id"] != SETTINGS_MOVED_NOTE:
            continue
        if str(row["at"])[:10] < since.isoformat():
            continue
        for visit_id, old, _new in json.loads(row["new"])["visits"]:
            first.setdefault(int(visit_id), date.fromisoformat(old))
    return sorted(first.items())


def changed_letters_data(roster: Roster, moves: Iterable[tuple[int, date]], today: date,
                         printed_at: datetime, language: str | None = None,
                         ) -> list[DateChangedLetter]:
    """One "your date has changed" letter per patient whose open visits moved (rule 13), each
    with the date the visit had and the one it has now. Visits since done, cancelled or moved
    back, registry paperwork, and patients who get no letter (rule 12) are left out."""
    by_patient: dict[int, list[DateChange]] = {}
    languages: dict[int, str] = {}
    for visit_id, old in moves:
        v = roster.store.visit(visit_id)
        if v.kind == "registry" or v.scheduled == old or v.status(today) not in OPEN_STATUSES:
            continue
        if v.patient_id not in languages:  # each letter in its patient's language
            languages[v.patient_id] = letter_language(
                roster, roster.store.patient(v.patient_id), language)
        by_patient.setdefault(v.patient_id, []).append(DateChange(
            v.code, v.label_in(languages[v.patient_id]), old, v.scheduled))
    letters = []
    for patient_id, changes in by_patient.items():
        if roster.letter_refusal(patient_id):
            continue
        patient = roster.store.patient(patient_id)
        clinic = clinic_info(roster, letter_language(roster, patient, language))
        letters.append(DateChangedLetter(
            clinic, patient_info(patient), tuple(sorted(changes, key=lambda c: (c.new, c.code))),
            today, printed_at))
    return sorted(letters, key=lambda x: (x.patient.name.casefold(), x.patient.mrn))


def print_document(
    roster: Roster, what: str, key: str, out: Path, who: str, today: date,
    progress: Callable[[int, int], bool] | None = None, language: str | None = None,
) -> int:
    """Write one document (`visit`, `day`, `letter`, `sheets`) to `out`; returns its pages.
    `language`: en or zh; by default a letter's is the patient's, the rest the clinic's."""
    now = datetime.now()
    lang = check_language(language)
    try:
        if what == "visit":
            try:
                visit_id = int(key)
            except ValueError:
                raise InputRefused(f"visit id: '{key}' is not a number (see the visit_id of due --json)") from None
            pages = write_visit_sheets(
                out, [visit_sheet_data(roster, visit_id, who, today, now, lang)], progress)
            subject = {"visit_id": visit_id}
        elif what in ("day", "sheets"):
            try:
                day = parse_date(key, field="date")
            except ValueError as exc:
                raise InputRefused(str(exc)) from None
            if what == "day":
                pages = write_day_list(out, day_list_data(roster, day, who, now, lang))
            else:
                sheets = [visit_sheet_data(roster, e.visit.id, who, day, now, lang)
                          for e in roster.worklist(day, day, day)]
                if not sheets:
                    raise InputRefused(f"date: no visits on the worklist of {day}; nothing to print")
                pages = write_visit_sheets(out, sheets, progress)
            subject = {"date": day.isoformat()}
        elif what == "letter":
            patient = roster.find_patient(key)
            pages = write_patient_letter(out, letter_data(roster, patient, today, now, lang))
            subject = {"mrn": patient.mrn}
        elif what == "changed-letters":
            try:
                since = parse_date(key, field="date")
            except ValueError as exc:
                raise InputRefused(str(exc)) from None
            letters = changed_letters_data(roster, settings_moves_since(roster, since), today, now,
                                           lang)
            if not letters:
                raise InputRefused(f"date: no settings change since {since} moved a patient's "
                                   "open visits; nothing to print")
            pages = write_date_changed_letters(out, letters, progress)
            subject = {"since": since.isoformat(), "mrns": [x.patient.mrn for x in letters]}
        else:
            raise InputRefused(
                f"print: '{what}' is not visit, day, letter, sheets or changed-letters")
    except OSError as exc:
        raise InputRefused(f"--out: cannot write {out}: {exc.strerror or exc}") from None
    with roster.store.write(who):
        roster.store.note("print", {"document": what, **subject, "pages": pages, "file": str(out)})
    return pages
