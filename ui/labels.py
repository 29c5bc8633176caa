"""The words and colours a nurse sees for the core's codes (status, event, call outcome, phase),
all through Qt's translator so the Chinese interface says them in Chinese."""

from __future__ import annotations

from datetime import date

from cartclinic_ui import i18n
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QColor

from cartclinic import views
from cartclinic.status import VisitStatus


def visit_label(visit) -> str:
    """A visit's label in the interface language (`Visit.label_in`: its Chinese when the
    interface is Chinese and its protocol file had it, else English)."""
    return visit.label_in(i18n.current())


def visit_name(visit) -> str:
    """"M3 · Month 3 response assessment": code and label, as every list shows a visit."""
    return f"{visit.code} · {visit.label_in(i18n.current())}"


def visit_assessments(visit) -> tuple[str, ...]:
    return visit.assessments_in(i18n.current())


def status_text(status: str) -> str:
    return {
        VisitStatus.PRIOR: QCoreApplication.translate("Labels", "before tracking"),
        VisitStatus.UPCOMING: QCoreApplication.translate("Labels", "upcoming"),
        VisitStatus.DUE: QCoreApplication.translate("Labels", "due"),
        VisitStatus.OVERDUE: QCoreApplication.translate("Labels", "overdue"),
        VisitStatus.DONE: QCoreApplication.translate("Labels", "done"),
        VisitStatus.MISSED: QCoreApplication.translate("Labels", "missed"),
        VisitStatus.CANCELLED: QCoreApplication.translate("Labels", "cancelled"),
    }.get(status, status)


# Colours chosen to stay apart for red-green colour blindness; every status also has a shape.
STATUS_COLOURS = {
    VisitStatus.DONE: QColor("#2e7d32"),
    VisitStatus.MISSED: QColor("#6d4c41"),
    VisitStatus.DUE: QColor("#ef6c00"),
    VisitStatus.OVERDUE: QColor("#c62828"),
    VisitStatus.UPCOMING: QColor("#1565c0"),
    VisitStatus.CANCELLED: QColor("#9e9e9e"),
    VisitStatus.PRIOR: QColor("#bdbdbd"),
}


def event_text(kind: str) -> str:
    return {
        "death": QCoreApplication.translate("Labels", "death"),
        "withdrawal": QCoreApplication.translate("Labels", "withdrawal of consent"),
        "lost_to_follow_up": QCoreApplication.translate("Labels", "lost to follow-up"),
        "relapse": QCoreApplication.translate("Labels", "relapse"),
        "progression": QCoreApplication.translate("Labels", "progression"),
        "re_infusion": QCoreApplication.translate("Labels", "re-infusion"),
        "allo_hct": QCoreApplication.translate("Labels", "allogeneic stem-cell transplant"),
        "secondary_malignancy": QCoreApplication.translate("Labels", "secondary malignancy"),
        "t_cell_malignancy": QCoreApplication.translate("Labels",
                                                        "secondary malignancy of T cells"),
        "serious_infection": QCoreApplication.translate("Labels", "serious infection"),
        "hospitalisation": QCoreApplication.translate("Labels", "hospitalisation"),
        "late_neurotoxicity": QCoreApplication.translate("Labels", "late neurotoxicity"),
        "parkinsonism": QCoreApplication.translate("Labels", "late neurotoxicity: parkinsonism"),
        "cranial_nerve_palsy": QCoreApplication.translate(
            "Labels", "late neurotoxicity: cranial-nerve palsy"),
        "immunoglobulin": QCoreApplication.translate("Labels",
                                                     "immunoglobulin replacement given"),
        "anti_cd19_cd20": QCoreApplication.translate("Labels", "anti-CD19/CD20 therapy started"),
    }.get(kind, kind)


def call_text(outcome: str) -> str:
    return {
        "reached": QCoreApplication.translate("Labels", "reached"),
        "no_answer": QCoreApplication.translate("Labels", "no answer"),
        "message_left": QCoreApplication.translate("Labels", "message left"),
        "wrong_number": QCoreApplication.translate("Labels", "wrong number"),
    }.get(outcome, outcome)


def state_text(state: str) -> str:
    return {
        "active": QCoreApplication.translate("Labels", "active"),
        "deceased": QCoreApplication.translate("Labels", "deceased"),
        "withdrawn": QCoreApplication.translate("Labels", "withdrawn"),
        "lost to follow-up": QCoreApplication.translate("Labels", "lost to follow-up"),
    }.get(state, state)


def state_since_text(state: str, since: date | None) -> str:
    """A patient's state with its date, as the roster list and the patient's header show it
    (rule 12): "deceased on 2026-11-20"."""
    if since is None:
        return state_text(state)
    day = since.isoformat()
    return {
        "deceased": QCoreApplication.translate("Labels", "deceased on %s") % day,
        "withdrawn": QCoreApplication.translate("Labels", "withdrew on %s") % day,
        "lost to follow-up": QCoreApplication.translate("Labels", "lost to follow-up since %s") % day,
    }.get(state, state_text(state))


def ended_reason(state) -> str:
    """Why nothing more is done for a patient who died or withdrew (a `PatientState`): the
    tooltip of every button it turns off."""
    if state.kind == "deceased":
        return QCoreApplication.translate(
            "Labels", "Deceased on %s: no letters and no visit actions.") % state.since
    return QCoreApplication.translate(
        "Labels", "Withdrew consent on %s: no letters and no visit actions.") % state.since


def disease_text(state) -> str:
    """A relapse or progression not yet answered by a recorded response (a `PatientState`)."""
    if not state.disease:
        return ""
    day = state.disease_since.isoformat() if state.disease_since else ""
    if state.disease == "relapse":
        return QCoreApplication.translate(
            "Labels", "Relapse on %s: no response recorded since") % day
    return QCoreApplication.translate(
        "Labels", "Progression on %s: no response recorded since") % day


def phase_text(phase: str) -> str:
    return {
        views.FIRST_100_DAYS: QCoreApplication.translate("Labels", "First 100 days"),
        views.FIRST_YEAR: QCoreApplication.translate("Labels", "First year"),
        views.LONG_TERM: QCoreApplication.translate("Labels", "Long-term follow-up"),
    }.get(phase, phase)


def kind_text(kind: str) -> str:
    return {
        "response": QCoreApplication.translate("Labels", "response"),
        "safety": QCoreApplication.translate("Labels", "safety"),
        "monitoring": QCoreApplication.translate("Labels", "monitoring"),
        "ltfu": QCoreApplication.translate("Labels", "long-term"),
        "registry": QCoreApplication.translate("Labels", "registry"),
    }.get(kind, kind)


def day_text(day: date | None) -> str:
    """A date as the nurse reads it: ISO, so 03/04 is never misread, with the weekday."""
    if day is None:
        return ""
    weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{day.isoformat()} {weekday}"


def window_text(start: date, end: date) -> str:
    return f"{start.isoformat()} – {end.isoformat()}"


def next_of_kin_text(patient) -> str:
    """Whom to call when the patient cannot be reached: 'Li Wei (son) · +86 139 0000 1111',
    or that nobody is given (so the nurse knows to ask at the next visit)."""
    if not patient.next_of_kin:
        return QCoreApplication.translate("Labels", "Next of kin: none given")
    who = patient.next_of_kin
    if patient.next_of_kin_relationship:
        who += f" ({patient.next_of_kin_relationship})"
    phone = patient.next_of_kin_phone or "—"
    return QCoreApplication.translate("Labels", "Next of kin: %s · ☎ %s") % (who, phone)
