"""Every patient of the roster with their next checkup and what is overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from cartclinic.roster import PatientSummary
from cartclinic.status import VisitStatus
from ui import labels
from ui.models.base import SORT_ROLE, RowTableModel

COL_NAME, COL_MRN, COL_BORN, COL_PHONE, COL_DIAGNOSIS, COL_NEXT, COL_NEXT_VISIT, COL_OVERDUE, COL_STATE = range(9)
# Patients without a next checkup sort after every date.
NO_DATE = date.max


class RosterModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("MRN"), self.tr("Born"), self.tr("Phone"),
                self.tr("Diagnosis"), self.tr("Next checkup"), self.tr("Next visit"),
                self.tr("Overdue"), self.tr("Status")]

    def cell(self, s: PatientSummary, column: int, role: int) -> Any:
        p, nxt = s.patient, s.next_checkup
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_NAME: p.name,
                COL_MRN: p.mrn,
                COL_BORN: p.date_of_birth.isoformat() if p.date_of_birth else "",
                COL_PHONE: p.phone,
                COL_DIAGNOSIS: p.diagnosis,
                COL_NEXT: labels.day_text(nxt.scheduled) if nxt else "",
                COL_NEXT_VISIT: f"{nxt.code} · {nxt.label}" if nxt else "",
                COL_OVERDUE: ", ".join(v.code for v in s.overdue),
                COL_STATE: labels.state_text(s.state),
            }.get(column)
        if role == SORT_ROLE:
            return {
                COL_NAME: p.name.casefold(),
                COL_MRN: p.mrn,
                COL_BORN: p.date_of_birth or NO_DATE,
                COL_PHONE: p.phone,
                COL_DIAGNOSIS: p.diagnosis.casefold(),
                COL_NEXT: nxt.scheduled if nxt else NO_DATE,
                COL_NEXT_VISIT: nxt.code if nxt else "",
                COL_OVERDUE: len(s.overdue),
                COL_STATE: s.state,
            }.get(column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_OVERDUE and s.overdue:
                return QBrush(labels.STATUS_COLOURS[VisitStatus.OVERDUE])
            if s.state != "active":
                return QBrush(labels.STATUS_COLOURS[VisitStatus.CANCELLED])
        return None

    def search_text(self, s: PatientSummary) -> str:
        return " ".join((s.patient.name, s.patient.mrn, s.patient.phone))
