"""What a nurse can do with a visit wherever it is listed (worklist, calendar day, patient page):
open the patient, record the visit, reschedule, mark it missed, print its sheet."""

from __future__ import annotations

from typing import Any

from cartclinic_ui import labels
from cartclinic_ui.context import AppContext
from cartclinic_ui.errors import show_refused
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from cartclinic.errors import InputRefused
from cartclinic.model import Patient, Visit, VisitBrief
from cartclinic.roster import WorklistEntry, WorklistLine
from cartclinic.views import DayVisit


def listed_visit(row: Any) -> Visit | VisitBrief | None:
    """The visit a listed row stands for (a worklist line or entry, a calendar day's visit, a
    visit) as the list holds it, or None for a row that is not a visit."""
    if isinstance(row, WorklistLine | WorklistEntry | DayVisit):
        return row.visit
    if isinstance(row, Visit):
        return row
    return None


def visit_id_of(row: Any) -> int | None:
    visit = listed_visit(row)
    return None if visit is None else visit.id


class VisitActions(QObject):
    """Shared by every list of visits; `openPatient` and `printSheet` go to the main window."""

    openPatient = Signal(int)  # noqa: N815 - Qt signal naming
    printSheet = Signal(int)  # noqa: N815

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def _visit(self, row: Any, parent: QWidget | None = None) -> Visit | None:
        """The row's visit as the roster has it now: a list shows a brief of it, and may have
        been read a while ago. None (and the nurse told) when the roster was changed outside
        this window since the list was read: the row may now stand for another patient."""
        try:
            changed = self.ctx.reload_if_changed_outside()
        except InputRefused as exc:
            show_refused(parent, exc)
            return None
        if changed:
            return None  # the main window says so, and has closed what used the old lists
        visit_id = visit_id_of(row)
        return None if visit_id is None else self.ctx.roster.store.visit(visit_id)

    def _patient(self, visit: Visit) -> Patient:
        return self.ctx.roster.store.patient(visit.patient_id)

    def _ended(self, visit: Visit, parent: QWidget) -> bool:
        """Rule 12: no visit action for a patient who died or withdrew; says why."""
        state = self.ctx.roster.patient_state(visit.patient_id)
        if not state.ended:
            return False
        QMessageBox.information(parent, QCoreApplication.translate("VisitActions", "No visit action"),
                                labels.ended_reason(state))
        return True

    def record(self, row: Any, parent: QWidget) -> bool:
        visit = self._visit(row, parent)
        if visit is None or self._ended(visit, parent):
            return False
        from cartclinic_ui.dialogs.record_visit import (
            RecordVisitDialog,  # when first used, not at start
        )

        return RecordVisitDialog(self.ctx, visit, self._patient(visit), parent).exec() == 1

    def reschedule(self, row: Any, parent: QWidget) -> bool:
        visit = self._visit(row, parent)
        if visit is None or self._ended(visit, parent):
            return False
        from cartclinic_ui.dialogs.reschedule import RescheduleDialog

        return RescheduleDialog(self.ctx, visit, self._patient(visit), parent).exec() == 1

    def mark_missed(self, row: Any, parent: QWidget) -> bool:
        visit = self._visit(row, parent)
        if visit is None or self._ended(visit, parent):
            return False
        patient = self._patient(visit)
        reason, ok = QInputDialog.getText(
            parent, QCoreApplication.translate("VisitActions", "Mark missed"),
            QCoreApplication.translate("VisitActions", "Mark %s of %s as missed?\nReason (optional):") % (visit.code, patient.name),
            QLineEdit.EchoMode.Normal)
        if not ok:
            return False
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        try:
            self.ctx.write(lambda: roster.mark_missed(visit.id, who, today, reason))
        except InputRefused as exc:
            show_refused(parent, exc)
            return False
        return True

    def open_patient(self, row: Any) -> None:
        visit = listed_visit(row)  # who it is for never changes: no need to read it again
        if visit is not None and self._visit(row) is not None:
            self.openPatient.emit(visit.patient_id)

    def print_sheet(self, row: Any) -> None:
        visit_id = visit_id_of(row)
        if visit_id is not None and self._visit(row) is not None:  # not from stale lists
            self.printSheet.emit(visit_id)
