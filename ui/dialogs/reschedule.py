"""Move a visit to another day with a reason; optionally shift the later ones by as many days.
A day outside the window or a day the clinic is closed (rules 8 and 13) is said as the date
changes, and asked about before it is saved; shifted visits are listed before they move."""

from __future__ import annotations

from datetime import timedelta

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.date_choice import DateChoice
from cartclinic_ui.dialogs.form import FieldErrors, save_cancel_buttons
from cartclinic_ui.dialogs.moves_confirmation import MovesConfirmation
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused
from cartclinic.model import Patient, Visit
from cartclinic.rescheduling import VisitMove


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
            f"<b>{patient.name}</b> · {patient.mrn}<br>{labels.visit_name(visit)}<br>"
            + self.tr("Scheduled %s; window %s to %s") % (visit.scheduled, visit.window_start,
                                                          visit.window_end)))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        start = max(ctx.today(), visit.scheduled + timedelta(days=1))
        # read-only with a calendar behind "Change…": Tab and an arrow key never move it
        self.new_date = DateChoice(start, self.tr("New date"))
        self.new_date.window = (visit.window_start, visit.window_end)
        self.window_note = QLabel()
        self.window_note.setWordWrap(True)
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
        self.shift.toggled.connect(self._check_window)

    def _preview(self) -> list[VisitMove]:
        return self.ctx.roster.preview_reschedule(
            self.visit.id, self.new_date.date(), self.ctx.today(),
            shift_later=self.shift.isChecked())

    def _check_window(self) -> None:
        """What the chosen day needs confirming, said before Save (rules 8 and 13)."""
        try:
            warnings = [w for m in self._preview() for w in m.warnings]
        except InputRefused as exc:
            warnings = list(exc.reasons)
        self.window_note.setText("\n".join("⚠ " + w for w in warnings))
        self.window_note.setVisible(bool(warnings))

    def _save(self) -> None:
        self.errors.clear()
        if not self.reason.text().strip():
            self.errors.show([self.tr("reason: say why the visit is moved")])
            return
        try:
            moves = self._preview()
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        needs_confirming = any(m.warnings for m in moves)
        if needs_confirming or len(moves) > 1:
            summary = (self.tr("Check the days below. A closed day or a day outside the window "
                               "is booked only if you confirm it.") if needs_confirming
                       else self.tr("These visits will move:"))
            confirmation = MovesConfirmation(
                self.tr("Confirm: move %s") % self.visit.code, summary, moves,
                self.ctx.roster.store.patient, self.tr("&Move them"), self)
            self.confirmation = confirmation  # for tests: the dialog on screen
            if confirmation.exec() != QDialog.DialogCode.Accepted:
                return
        try:
            self.moved = self._move(confirm=needs_confirming)
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.accept()

    def _move(self, *, confirm: bool) -> list[Visit]:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        return self.ctx.write(lambda: roster.reschedule(
            self.visit.id, self.new_date.date(), self.reason.text(), who, today,
            shift_later=self.shift.isChecked(), confirm=confirm))
