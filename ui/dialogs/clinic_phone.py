"""Asked before the first patient letter when the clinic's phone number is not set: a letter
must tell the patient whom to call. Saved into the clinic's settings, like Settings › Clinic
phone (admins only, as every setting)."""

from __future__ import annotations

from dataclasses import replace

from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.form import FieldErrors, save_cancel_buttons
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from cartclinic.errors import InputRefused
from cartclinic.reasons import Reason


class ClinicPhonePrompt(QDialog):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Clinic phone"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The letter tells the patient whom to call, and the clinic's phone "
                               "number is not set yet. Enter it once; it is kept in Settings."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.phone = QLineEdit()
        self.errors.add_row(form, self.tr("Clinic &phone"), self.phone, "clinic phone")
        layout.addLayout(form)
        self.buttons = save_cancel_buttons(self, layout, self._save)

    def _save(self) -> None:
        ctx = self.ctx
        new = replace(ctx.roster.settings(), clinic_phone=self.phone.text().strip())
        if not new.clinic_phone:
            self.errors.show([Reason("clinic_phone.empty", "clinic phone")])
            return
        try:
            ctx.require_admin()
            ctx.write(lambda: ctx.roster.save_settings(new, ctx.who, ctx.today()))
        except InputRefused as exc:
            self.errors.show(exc.why)
            return
        self.accept()
