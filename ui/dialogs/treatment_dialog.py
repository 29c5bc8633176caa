"""Add a treatment to a patient, or record a re-infusion (a new day 0; the fifteen years of
long-term follow-up count from it)."""

from __future__ import annotations

from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.event_dialog import EventConfirmation, what_goes_on
from cartclinic_ui.dialogs.form import FieldErrors, save_cancel_buttons
from cartclinic_ui.dialogs.treatment_fields import TreatmentFields
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from cartclinic.errors import InputRefused
from cartclinic.model import Patient


class TreatmentDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient, *, reinfusion: bool, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient = patient
        self.reinfusion = reinfusion
        self.confirmation: EventConfirmation | None = None
        self.setWindowTitle(self.tr("Re-infusion") if reinfusion else self.tr("Add treatment"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("A re-infusion starts a new schedule from its own day 0. Every visit of "
                    "the earlier treatments still to come from that day on is cancelled; you "
                    "see the list before it is saved.")
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
        expected = self._confirm_superseded(t)
        if expected is False:
            return
        try:
            if self.reinfusion:
                self.ctx.write(lambda: roster.reinfuse(pid, t, who, today, self.notes.text(),
                                                       expected_cancellations=expected))
            else:
                self.ctx.write(lambda: roster.add_treatment(pid, t, who, today,
                                                            expected_cancellations=expected))
        except InputRefused as exc:
            self.errors.show(exc.why)
            return
        self.accept()

    def _confirm_superseded(self, t):
        """A treatment after the others is a re-infusion (rule 9): the visits of the earlier
        ones it cancels are listed and confirmed first (rule 11). Returns the confirmed visit
        ids, None when nothing needs confirming, False when the nurse went back."""
        roster, today = self.ctx.roster, self.ctx.today()
        clean, reasons = roster.check_treatment(t, self.patient.date_of_birth, today)
        if reasons:
            return None  # the save refuses it with the reasons beside the fields
        earlier = [x for x in roster.store.treatments(self.patient.id)
                   if x.infusion_date < clean.infusion_date]
        if not earlier:
            return None
        preview = roster.preview_event(self.patient.id, "re_infusion", clean.infusion_date, today)
        n = len(preview.visits_to_cancel)
        title = self.tr("re-infusion on %s") % clean.infusion_date.isoformat()
        confirm = (self.tr("Save it") if n == 0
                   else self.tr("Save it and cancel 1 visit") if n == 1
                   else self.tr("Save it and cancel %d visits") % n)
        dialog = EventConfirmation(self.patient, title, preview.visits_to_cancel,
                                   what_goes_on("re_infusion"), confirm, self,
                                   {x.id: x.infusion_date for x in earlier})
        self.confirmation = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        finally:
            self.confirmation = None
            dialog.deleteLater()
        return [v.id for v in preview.visits_to_cancel]
