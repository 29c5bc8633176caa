"""Record a visit: the day it was done, the checklist of that visit, disease status, results.

Only the values and the notes are typed: a unit is chosen from the analyte's accepted units
(cartclinic/analytes.py), the date from a calendar; Tab goes from value to value. Warnings on the
date (out of window, clinic closed) are shown as it changes and confirmed before saving, and
closing with something entered asks first."""

from __future__ import annotations

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.deliberate_choice import DeliberateChoice
from cartclinic_ui.dialogs.date_choice import DateChoice
from cartclinic_ui.dialogs.form import FieldErrors, save_cancel_buttons
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QWheelEvent
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

from cartclinic.analytes import analyte
from cartclinic.disease import B_ALL, LYMPHOMA, MYELOMA, status_choices
from cartclinic.errors import InputRefused
from cartclinic.model import LabResult, Patient, Visit
from cartclinic.visit_warnings import OUT_OF_WINDOW, DoneDateWarning, done_date_warnings

# the results asked for at a visit; their units come from the analyte table
LABS = ("IgG", "CD19 B cells", "CD4", "ANC", "Platelets", "Ferritin", "CRP")


class UnitChoice(QComboBox):
    """An analyte's accepted units, canonical first: chosen with the mouse, never typed, not a
    tab stop, and not turned by the wheel while the pointer passes over it."""

    def __init__(self, units: tuple[str, ...], name: str) -> None:
        super().__init__()
        self.addItems(list(units))
        self.setEditable(False)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAccessibleName(name)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        event.ignore()


class StatusChoice(DeliberateChoice):
    """The disease status: changes only when the nurse opens the list and picks."""


class RecordVisitDialog(QDialog):
    def __init__(self, ctx: AppContext, visit: Visit, patient: Patient, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.patient = patient
        self.warnings: tuple[str, ...] = ()
        self._calendar = ctx.roster.calendar()
        self.setWindowTitle(self.tr("Record visit %s") % visit.code)
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"<b>{patient.name}</b> · {patient.mrn}<br>{labels.visit_name(visit)}<br>"
            + self.tr("Window %s to %s") % (visit.window_start, visit.window_end)))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.done_on = DateChoice(ctx.today(), self.tr("Done on"), latest=ctx.today())
        self.done_on.window = (visit.window_start, visit.window_end)  # shaded in its calendar
        self.window_note = QLabel()
        look.mark(self.window_note, "warning")
        self.window_note.setWordWrap(True)
        self.errors.add_row(form, self.tr("&Done on"), self.done_on, "done date")
        self.done_on.parentWidget().setFocusProxy(self.done_on)  # Alt+D: its Change… button
        form.addRow("", self.window_note)
        self.checklist = QListWidget()
        self.checklist.setAccessibleName(self.tr("Assessments done"))
        # shown in the interface language; what is kept is which of the visit's items (by place)
        for a in labels.visit_assessments(visit):
            item = QListWidgetItem(a)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self.checklist.setMaximumHeight(22 * max(3, min(len(visit.assessments), 7)) + 6)
        form.addRow(self.tr("&Assessments"), self.checklist)
        self.status = StatusChoice()
        self.status.setAccessibleName(self.tr("Disease status"))
        self.status.addItem(self.tr("(not given)"), "")
        disease, choices = status_choices(patient.diagnosis)
        meanings = {
            "CMR": self.tr("complete metabolic response"),
            "PMR": self.tr("partial metabolic response"),
            "SD": self.tr("stable disease"), "PD": self.tr("progressive disease"),
            "sCR": self.tr("stringent complete response"), "CR": self.tr("complete response"),
            "CRi": self.tr("CR with incomplete count recovery"),
            "VGPR": self.tr("very good partial response"), "PR": self.tr("partial response"),
            "MR": self.tr("minimal response"),
        }
        for s in choices:
            meaning = meanings.get(s)
            self.status.addItem(f"{s} — {meaning}" if meaning else s, s)
        self.errors.add_row(form, self.tr("Disease &status"), self.status, "disease status")
        self.status_note = QLabel(
            {B_ALL: self.tr("B-ALL response criteria (from the diagnosis)"),
             LYMPHOMA: self.tr("Lugano criteria, lymphoma (from the diagnosis)"),
             MYELOMA: self.tr("IMWG criteria, myeloma (from the diagnosis)")}.get(
                disease or "", self.tr("Every status: the diagnosis does not say B-ALL, "
                                       "lymphoma or myeloma")))
        self.status_note.setWordWrap(True)
        form.addRow("", self.status_note)
        labs = QWidget()
        grid = QGridLayout(labs)
        grid.setContentsMargins(0, 0, 0, 0)
        self.lab_edits: list[tuple[str, QLineEdit, UnitChoice]] = []
        for i, name in enumerate(LABS):
            known = analyte(name)
            assert known is not None, name  # the table is the one list of analytes
            value, unit_edit = QLineEdit(), UnitChoice(known.units, self.tr("%s unit") % name)
            value.setAccessibleName(name)
            unit_edit.setMaximumWidth(110)
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
        self._tab_order()
        self._connect()
        self._check_window()
        self._blank = self._entered()
        self._ask = True

    def _tab_order(self) -> None:
        """Date, checklist, status, then the values row by row, notes, the buttons: the units
        (click focus) are left out."""
        chain = [self.done_on.change_button, self.checklist, self.status,
                 *(value for _, value, _ in self.lab_edits), self.notes]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        self.done_on.dateChanged.connect(self._check_window)

    def date_warnings(self) -> tuple[DoneDateWarning, ...]:
        return done_date_warnings(self.visit, self.done_on.date(), self._calendar)

    def _warning_text(self, w: DoneDateWarning) -> str:
        if w.kind == OUT_OF_WINDOW:
            return self.tr("⚠ %s is outside the window of %s (%s to %s).") % (
                w.done_on.isoformat(), w.code, w.window_start.isoformat(), w.window_end.isoformat())
        return self.tr("⚠ The clinic was closed on %s (%s).") % (w.done_on.isoformat(), w.why_closed)

    def _check_window(self) -> None:
        texts = [self._warning_text(w) for w in self.date_warnings()]
        self.window_note.setText("\n".join(texts))
        self.window_note.setVisible(bool(texts))

    def labs(self) -> list[LabResult]:
        return [LabResult(name, value.text(), unit.currentText())
                for name, value, unit in self.lab_edits if value.text().strip()]

    def _entered(self) -> tuple:
        """Everything a nurse can enter, to tell whether closing would lose any of it."""
        checked = tuple(self.checklist.item(i).checkState() == Qt.CheckState.Checked
                        for i in range(self.checklist.count()))
        return (self.done_on.date(), checked, self.status.currentIndex(),
                tuple((value.text(), unit.currentIndex()) for _, value, unit in self.lab_edits),
                self.notes.toPlainText())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # the title bar's close asks as Esc does; a close by the program (quitting) does not
        self._ask = event.spontaneous()
        try:
            super().closeEvent(event)
        finally:
            self._ask = True

    def reject(self) -> None:
        """Esc, Cancel or the window's close: with something entered, ask before it is lost."""
        if self._ask and self.isVisible() and self._entered() != self._blank:
            ask = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard this record?"),
                              self.tr("Discard what you entered for %s? It has not been saved.")
                              % self.visit.code,
                              parent=self)
            discard = ask.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
            keep = ask.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
            ask.setDefaultButton(keep)
            ask.setEscapeButton(keep)
            ask.exec()
            if ask.clickedButton() is not discard:
                return
        super().reject()

    def _confirm_date(self) -> bool:
        """An out-of-window or closed-day date is saved only when the nurse says so."""
        warnings = self.date_warnings()
        if not warnings:
            return True
        ask = QMessageBox(QMessageBox.Icon.Warning, self.tr("Save with this date?"),
                          "\n".join(self._warning_text(w) for w in warnings), parent=self)
        save = ask.addButton(self.tr("&Save with this date"), QMessageBox.ButtonRole.AcceptRole)
        change = ask.addButton(self.tr("&Change the date"), QMessageBox.ButtonRole.RejectRole)
        ask.setDefaultButton(change)
        ask.setEscapeButton(change)
        ask.exec()
        return ask.clickedButton() is save

    def _save(self) -> None:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        if not self._confirm_date():
            self.done_on.change_button.setFocus()
            return
        # the visit's own items (as its protocol names them), whatever language they show in
        done = [self.visit.assessments[i] for i in range(self.checklist.count())
                if self.checklist.item(i).checkState() == Qt.CheckState.Checked]
        try:
            result = self.ctx.write(lambda: roster.record_visit(
                self.visit.id, self.done_on.date(), who, today, assessments_done=done,
                disease_status=self.status.currentData(), labs=self.labs(),
                notes=self.notes.toPlainText()))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.warnings = result.warnings  # the ones confirmed above
        self.accept()
