"""Rebook a reached patient's overdue visits: each gets a new date, all saved at once with one
reason (`Roster.rebook`, which moves each by `Roster.reschedule`). Their windows have closed,
so the new dates are out of window and need an explicit tick; Cancel leaves them as they were."""

from __future__ import annotations

from collections.abc import Sequence

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.form import FieldErrors, date_edit, date_of, save_cancel_buttons
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused
from cartclinic.model import Patient, Visit


class RebookDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient, visits: Sequence[Visit],
                 parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visits = list(visits)
        self.moved: list[Visit] = []
        self.setWindowTitle(self.tr("Rebook overdue visits"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{patient.name}</b> · {patient.mrn}<br>☎ {patient.phone or '—'}"))
        layout.addWidget(QLabel(self.tr("The patient was reached: give each overdue visit its "
                                         "new date.")))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        today = ctx.today()
        self.dates: list[QDateEdit] = []
        self.closed_notes: list[QLabel] = []
        for v in self.visits:
            edit = date_edit(today, self.tr("New date for %s") % v.code)
            edit.setMinimumDate(edit.date())  # not before today
            note = QLabel()
            look.mark(note, "warning")
            note.hide()
            caption = self.tr("%s · %s\n(was %s; window %s)") % (
                v.code, labels.visit_label(v), labels.day_text(v.scheduled),
                labels.window_text(v.window_start, v.window_end))
            self.errors.add_row(form, caption, edit)
            form.addRow("", note)
            edit.dateChanged.connect(self._check_days)
            self.dates.append(edit)
            self.closed_notes.append(note)
        self.reason = QLineEdit(self.tr("Reached by phone; rebooked"))
        self.errors.add_row(form, self.tr("&Reason"), self.reason, "reason")
        layout.addLayout(form)
        self.confirm = QCheckBox(self.tr("Their windows have closed: book them out of window"))
        layout.addWidget(self.confirm)
        # rule 13: a closed day picked by hand is confirmed as explicitly as a date out of window
        self.confirm_closed = QCheckBox(self.tr("Book on a day the clinic is closed"))
        layout.addWidget(self.confirm_closed)
        self.buttons = save_cancel_buttons(self, layout, self._save)
        self._check_days()

    def _why_closed(self) -> list[str | None]:
        """For each new date, why the clinic is closed then (None: open, or an any-day visit)."""
        calendar = self.ctx.roster.calendar()
        return [None if v.any_day else calendar.why_closed(date_of(edit))
                for v, edit in zip(self.visits, self.dates, strict=True)]

    def _closed(self) -> list[bool]:
        return [why is not None for why in self._why_closed()]

    def _check_days(self) -> None:
        whys = self._why_closed()
        closed = [why is not None for why in whys]
        for why, note in zip(whys, self.closed_notes, strict=True):
            note.setText(self.tr("⚠ A closed day (%s).") % why if why else "")
            note.setVisible(why is not None)
        self.confirm_closed.setVisible(any(closed))
        if not any(closed):
            self.confirm_closed.setChecked(False)

    def _save(self) -> None:
        self.errors.clear()
        if any(self._closed()) and not self.confirm_closed.isChecked():
            self.errors.show([self.tr("A new date is a day the clinic is closed: pick an open "
                                      "day, or tick \"Book on a day the clinic is closed\".")])
            return
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        moves = [(v.id, date_of(edit)) for v, edit in zip(self.visits, self.dates, strict=True)]
        try:
            self.moved = self.ctx.write(lambda: roster.rebook(
                moves, self.reason.text(), who, today,
                confirm=self.confirm.isChecked()))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.accept()
