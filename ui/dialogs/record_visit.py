"""Record a visit: the day it was done, the checklist of that visit, disease status, results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cartclinic.errors import InputRefused
from cartclinic.model import DISEASE_STATUSES, LabResult, Patient, Visit
from cartclinic.schedule import is_in_window
from ui import look
from ui.context import AppContext
from ui.dialogs.form import FieldErrors, date_edit, date_of, save_cancel_buttons

LABS = (("IgG", "g/L"), ("CD19 B cells", "cells/µL"), ("CD4", "cells/µL"), ("ANC", "×10⁹/L"),
        ("Platelets", "×10⁹/L"), ("Ferritin", "µg/L"), ("CRP", "mg/L"))


class RecordVisitDialog(QDialog):
    def __init__(self, ctx: AppContext, visit: Visit, patient: Patient, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.warnings: tuple[str, ...] = ()
        self.setWindowTitle(self.tr("Record visit %s") % visit.code)
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"<b>{patient.name}</b> · {patient.mrn}<br>{visit.code} · {visit.label}<br>"
            + self.tr("Window %s to %s") % (visit.window_start, visit.window_end)))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.done_on = date_edit(ctx.today(), self.tr("Done on"))
        self.window_note = QLabel()
        look.mark(self.window_note, "warning")
        self.window_note.setWordWrap(True)
        self.errors.add_row(form, self.tr("&Done on"), self.done_on, "done date")
        form.addRow("", self.window_note)
        self.checklist = QListWidget()
        self.checklist.setAccessibleName(self.tr("Assessments done"))
        for a in visit.assessments:
            item = QListWidgetItem(a)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self.checklist.setMaximumHeight(22 * max(3, min(len(visit.assessments), 7)) + 6)
        form.addRow(self.tr("&Assessments"), self.checklist)
        self.status = QComboBox()
        self.status.addItem(self.tr("(not given)"), "")
        for s in DISEASE_STATUSES:
            self.status.addItem(s, s)
        self.errors.add_row(form, self.tr("Disease &status"), self.status, "disease status")
        labs = QWidget()
        grid = QGridLayout(labs)
        grid.setContentsMargins(0, 0, 0, 0)
        self.lab_edits: list[tuple[str, QLineEdit, QLineEdit]] = []
        for i, (name, unit) in enumerate(LABS):
            value, unit_edit = QLineEdit(), QLineEdit(unit)
            value.setAccessibleName(name)
            unit_edit.setAccessibleName(self.tr("%s unit") % name)
            unit_edit.setMaximumWidth(90)
            grid.addWidget(QLabel(name), i // 2, (i % 2) * 3)
            grid.addWidget(value, i // 2, (i % 2) * 3 + 1)
            grid.addWidget(unit_edit, i // 2, (i % 2) * 3 + 2)
            self.lab_edits.append((name, value, unit_edit))
        form.addRow(self.tr("Results"), labs)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.errors.add_row(form, self.tr("N&otes"), self.notes, "notes")
        layout.addLayout(form)
        self.buttons = save_cancel_buttons(self, layout, self._save)
        self._connect()
        self._check_window()

    def _connect(self) -> None:
        self.done_on.dateChanged.connect(self._check_window)

    def _check_window(self) -> None:
        v = self.visit
        inside = is_in_window(date_of(self.done_on), v.window_start, v.window_end)
        self.window_note.setText("" if inside else self.tr(
            "⚠ This date is outside the window of %s (%s to %s).") % (v.code, v.window_start,
                                                                     v.window_end))
        self.window_note.setVisible(not inside)

    def labs(self) -> list[LabResult]:
        return [LabResult(name, value.text(), unit.text())
                for name, value, unit in self.lab_edits if value.text().strip()]

    def _save(self) -> None:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        done = [self.checklist.item(i).text() for i in range(self.checklist.count())
                if self.checklist.item(i).checkState() == Qt.CheckState.Checked]
        try:
            result = self.ctx.write(lambda: roster.record_visit(
                self.visit.id, date_of(self.done_on), who, today, assessments_done=done,
                disease_status=self.status.currentData(), labs=self.labs(),
                notes=self.notes.toPlainText()))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.warnings = result.warnings
        if result.warnings:
            QMessageBox.information(self, self.tr("Saved, out of window"), "\n".join(result.warnings))
        self.accept()
