"""Move a visit to another day with a reason; optionally shift the later ones by as many days.
A day outside the window is asked about before it is saved."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused
from cartclinic.model import Patient, Visit
from cartclinic.schedule import is_in_window
from ui import look
from ui.context import AppContext
from ui.dialogs.form import FieldErrors, date_edit, date_of, save_cancel_buttons


class RescheduleDialog(QDialog):
    def __init__(self, ctx: AppContext, visit: Visit, patient: Patient, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.moved: list[Visit] = []
        self.setWindowTitle(self.tr("Reschedule %s") % visit.code)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"<b>{patient.name}</b> · {patient.mrn}<br>{visit.code} · {visit.label}<br>"
            + self.tr("Scheduled %s; window %s to %s") % (visit.scheduled, visit.window_start,
                                                          visit.window_end)))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        start = max(ctx.today(), visit.scheduled + timedelta(days=1))
        self.new_date = date_edit(start, self.tr("New date"))
        self.window_note = QLabel()
        look.mark(self.window_note, "warning")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. patient asked, transport, clinic full"))
        self.shift = QCheckBox(self.tr("Also shift the later visits of this protocol by the same "
                                       "number of days"))
        self.errors.add_row(form, self.tr("&New date"), self.new_date, "new date")
        form.addRow("", self.window_note)
        self.errors.add_row(form, self.tr("&Reason"), self.reason, "reason")
        form.addRow("", self.shift)
        layout.addLayout(form)
        self.buttons = save_cancel_buttons(self, layout, self._save)
        self._connect()
        self._check_window()

    def _connect(self) -> None:
        self.new_date.dateChanged.connect(self._check_window)

    def _check_window(self) -> None:
        v = self.visit
        inside = is_in_window(date_of(self.new_date), v.window_start, v.window_end)
        self.window_note.setText("" if inside else self.tr("⚠ Outside the window: you will be "
                                                           "asked to confirm."))
        self.window_note.setVisible(not inside)

    def _save(self) -> None:
        self.errors.clear()
        try:
            self.moved = self._move(confirm=False)
        except InputRefused as exc:
            if not any("confirm" in r for r in exc.reasons):
                self.errors.show(exc.reasons)
                return
            answer = QMessageBox.question(
                self, self.tr("Move out of window?"),
                "\n".join(exc.reasons) + "\n\n" + self.tr("Move anyway, out of window?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
            try:
                self.moved = self._move(confirm=True)
            except InputRefused as again:
                self.errors.show(again.reasons)
                return
        self.accept()

    def _move(self, *, confirm: bool) -> list[Visit]:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        return self.ctx.write(lambda: roster.reschedule(
            self.visit.id, date_of(self.new_date), self.reason.text(), who, today,
            shift_later=self.shift.isChecked(), confirm_out_of_window=confirm))
