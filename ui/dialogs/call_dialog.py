"""Note a phone call to a patient whose visit is overdue: the outcome, the day, a note."""

from __future__ import annotations

import html
from collections.abc import Sequence

from cartclinic_ui import labels
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.form import FieldErrors, date_edit, date_of, save_cancel_buttons
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cartclinic.errors import InputRefused
from cartclinic.model import CALL_OUTCOMES, Patient, Visit


class CallDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient, visit: Visit | None, parent=None,
                 *, visits: Sequence[Visit] = ()) -> None:
        """`visit` is the one the call is noted against; `visits` (the phone list: every
        overdue visit of the patient) are shown with it."""
        super().__init__(parent)
        self.ctx = ctx
        self.patient = patient
        self.visit = visit
        self.saved_outcome = ""  # the outcome, once the call is saved
        self.setWindowTitle(self.tr("Phone call"))
        layout = QVBoxLayout(self)
        about = f"<b>{patient.name}</b> · {patient.mrn}<br>☎ {patient.phone or '—'}"
        about += "<br>" + html.escape(labels.next_of_kin_text(patient))
        for v in visits or ([visit] if visit else []):
            about += f"<br>{labels.visit_name(v)}"
        layout.addWidget(QLabel(about))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self.outcome = QButtonGroup(self)
        for i, code in enumerate(CALL_OUTCOMES):
            button = QRadioButton(labels.call_text(code))
            button.setProperty("code", code)
            self.outcome.addButton(button, i)
            box_layout.addWidget(button)
        self.outcome.button(0).setChecked(True)
        self.day = date_edit(ctx.today(), self.tr("Called on"))
        self.notes = QLineEdit()
        self.errors.add_row(form, self.tr("Outcome"), box, "outcome")
        self.errors.add_row(form, self.tr("&Called on"), self.day, "call date")
        self.errors.add_row(form, self.tr("N&otes"), self.notes, "notes")
        layout.addLayout(form)
        self.buttons = save_cancel_buttons(self, layout, self._save)

    def _save(self) -> None:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        outcome = self.outcome.checkedButton().property("code")
        try:
            self.ctx.write(lambda: roster.record_call(
                self.patient.id, outcome, who, today, visit_id=self.visit.id if self.visit else None,
                notes=self.notes.text(), called_on=date_of(self.day)))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.saved_outcome = outcome
        self.accept()
