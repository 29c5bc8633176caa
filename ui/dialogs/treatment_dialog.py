"""Add a treatment to a patient, or record a re-infusion (a new day 0; the fifteen years of
long-term follow-up count from it)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from cartclinic.errors import InputRefused
from cartclinic.model import Patient
from ui.context import AppContext
from ui.dialogs.form import FieldErrors, save_cancel_buttons
from ui.dialogs.treatment_fields import TreatmentFields


class TreatmentDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient, *, reinfusion: bool, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient = patient
        self.reinfusion = reinfusion
        self.setWindowTitle(self.tr("Re-infusion") if reinfusion else self.tr("Add treatment"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("A re-infusion starts a new schedule from its own day 0. Long-term "
                    "follow-up visits of earlier treatments from that day on are cancelled.")
            if reinfusion else self.tr("A further treatment with its own day 0 and schedule."))
        intro.setWordWrap(True)
        layout.addWidget(QLabel(f"<b>{patient.name}</b> · {patient.mrn}"))
        layout.addWidget(intro)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.fields = TreatmentFields(form, self.errors, ctx.roster.library, ctx.today())
        self.notes = QLineEdit()
        if reinfusion:
            self.errors.add_row(form, self.tr("N&otes"), self.notes, "notes")
        layout.addLayout(form)
        self.buttons = save_cancel_buttons(self, layout, self._save)

    def _save(self) -> None:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        t = self.fields.value()
        pid = self.patient.id
        try:
            if self.reinfusion:
                self.ctx.write(lambda: roster.reinfuse(pid, t, who, today, self.notes.text()))
            else:
                self.ctx.write(lambda: roster.add_treatment(pid, t, who, today))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.accept()
