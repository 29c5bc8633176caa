"""The short lists: a patient's events, the calls of the phone list, a calendar day's visits."""

from __future__ import annotations

from typing import Any

from cartclinic_ui import labels
from cartclinic_ui.models.base import SORT_ROLE, RowTableModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from cartclinic.model import Event
from cartclinic.views import DayVisit, PhoneLine

COL_EVENT_DATE, COL_EVENT_KIND, COL_EVENT_WHO, COL_EVENT_NOTES = range(4)


class EventsModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Event"), self.tr("Recorded by"), self.tr("Notes")]

    def cell(self, e: Event, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            kind = labels.event_text(e.kind)
            if e.undone_on:
                kind = self.tr("%s (undone %s)") % (kind, e.undone_on.isoformat())
            if e.corrected_by is not None:
                kind = self.tr("%s (entered in error)") % kind
            return {COL_EVENT_DATE: e.event_date.isoformat(), COL_EVENT_KIND: kind,
                    COL_EVENT_WHO: e.who, COL_EVENT_NOTES: e.notes}.get(column)
        if role == SORT_ROLE:
            return e.event_date if column == COL_EVENT_DATE else str(self.cell(e, column, 0))
        if e.corrected_by is not None:  # entered in error: kept in the list, struck out
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(labels.QColor("#757575"))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setStrikeOut(True)
                return font
        return None


COL_CALL_PATIENT, COL_CALL_PHONE, COL_CALL_VISIT, COL_CALL_LATE, COL_CALL_LAST, COL_CALL_TRIES = range(6)


class CallsModel(RowTableModel):
    """Rows are `views.PhoneLine`: a patient, all their overdue visits, their calls newest first."""

    def headers(self) -> list[str]:
        return [self.tr("Patient"), self.tr("Phone"), self.tr("Overdue visits"), self.tr("Days late"),
                self.tr("Last call"), self.tr("Calls")]

    def row_key(self, row: PhoneLine) -> Any:
        return row.patient.id

    def cell(self, row: PhoneLine, column: int, role: int) -> Any:
        p = row.patient
        calls = row.calls
        last = calls[0] if calls else None
        if role == Qt.ItemDataRole.DisplayRole:
            last_text = ""
            if last:
                last_text = f"{last.called_on.isoformat()} · {labels.call_text(last.outcome)} · {last.who}"
            return {
                COL_CALL_PATIENT: f"{p.name} ({p.mrn})",
                COL_CALL_PHONE: p.phone,
                COL_CALL_VISIT: _visits_text(row),
                COL_CALL_LATE: str(row.days_late),
                COL_CALL_LAST: last_text,
                COL_CALL_TRIES: str(len(calls)),
            }.get(column)
        if role == SORT_ROLE:
            return {
                COL_CALL_PATIENT: p.name.casefold(),
                COL_CALL_PHONE: p.phone,
                COL_CALL_VISIT: row.entries[0].visit.code,
                COL_CALL_LATE: row.days_late,
                COL_CALL_LAST: last.called_on if last else None,
                COL_CALL_TRIES: len(calls),
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_CALL_VISIT:
            return "\n".join(
                self.tr("%s · %s: %d days late") % (e.visit.code, labels.visit_label(e.visit), e.days_late)
                for e in row.entries)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_CALL_LAST and last:
            colour = "#2e7d32" if last.outcome == "reached" else "#ef6c00"
            return QBrush(labels.QColor(colour))
        return None


def _visits_text(row: PhoneLine) -> str:
    """The patient's overdue visits on one line, each with its label (two protocols may both
    have a "Y7"); the tooltip lists them with how late each is."""
    return "; ".join(labels.visit_name(e.visit) for e in row.entries)


COL_DAY_PATIENT, COL_DAY_MRN, COL_DAY_VISIT, COL_DAY_STATUS, COL_DAY_PHONE = range(5)


class DayModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Patient"), self.tr("MRN"), self.tr("Visit"), self.tr("Status"),
                self.tr("Phone")]

    def row_key(self, d: DayVisit) -> Any:
        return d.visit.id

    def cell(self, d: DayVisit, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return {
                COL_DAY_PATIENT: d.patient_name,
                COL_DAY_MRN: d.mrn,
                COL_DAY_VISIT: labels.visit_name(d.visit),
                COL_DAY_STATUS: labels.status_text(d.status),
                COL_DAY_PHONE: d.phone,
            }.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DAY_STATUS:
            return QBrush(labels.STATUS_COLOURS[d.status])
        return None
