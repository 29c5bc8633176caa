"""Add a patient (with their first treatment) or edit who they are."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cartclinic.errors import InputRefused
from cartclinic.model import Patient
from ui import look
from ui.context import AppContext
from ui.dialogs.form import FieldErrors, date_edit, date_of, save_cancel_buttons
from ui.dialogs.treatment_fields import TreatmentFields


class PatientDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient = patient
        self.saved: Patient | None = None
        self.setWindowTitle(self.tr("New patient") if patient is None else self.tr("Edit patient"))
        self.setMinimumWidth(560)
        self._build()
        if patient is not None:
            self._fill(patient)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        general = QLabel()
        self.errors = FieldErrors(general)
        outer.addWidget(general)
        body = QWidget()
        columns = QHBoxLayout(body)
        form = QFormLayout()
        columns.addLayout(form, 1)
        self.mrn = QLineEdit()
        self.name = QLineEdit()
        self.born = date_edit(date(1970, 1, 1), self.tr("Date of birth"))
        self.sex = QComboBox()
        for code, text in (("", self.tr("not given")), ("F", self.tr("female")),
                           ("M", self.tr("male")), ("X", self.tr("other"))):
            self.sex.addItem(text, code)
        self.phone = QLineEdit()
        self.diagnosis = QLineEdit()
        self.physician = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)
        e = self.errors
        e.add_row(form, self.tr("&MRN"), self.mrn, "mrn")
        e.add_row(form, self.tr("&Name"), self.name, "name")
        e.add_row(form, self.tr("Date of &birth"), self.born, "date_of_birth")
        e.add_row(form, self.tr("&Sex"), self.sex, "sex")
        e.add_row(form, self.tr("P&hone"), self.phone, "phone")
        e.add_row(form, self.tr("&Diagnosis"), self.diagnosis, "diagnosis")
        e.add_row(form, self.tr("Ph&ysician"), self.physician, "physician")
        e.add_row(form, self.tr("N&otes"), self.notes, "notes")
        self.treatment: TreatmentFields | None = None
        if self.patient is None:  # the first treatment beside who they are: no scrolling
            second = QFormLayout()
            columns.addLayout(second, 1)
            heading = QLabel(self.tr("First treatment"))
            look.mark(heading, "heading")
            second.addRow(heading)
            self.treatment = TreatmentFields(second, e, self.ctx.roster.library, self.ctx.today())
            self.setMinimumWidth(980)
        outer.addWidget(body)
        self.buttons = save_cancel_buttons(self, outer, self._save)

    def _fill(self, p: Patient) -> None:
        self.mrn.setText(p.mrn)
        self.name.setText(p.name)
        if p.date_of_birth:
            self.born.setDate(p.date_of_birth)
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex)))
        self.phone.setText(p.phone)
        self.diagnosis.setText(p.diagnosis)
        self.physician.setText(p.physician)
        self.notes.setPlainText(p.notes)

    def value(self) -> Patient:
        base = self.patient or Patient(mrn="", name="")
        return replace(
            base, mrn=self.mrn.text(), name=self.name.text(), date_of_birth=date_of(self.born),
            sex=self.sex.currentData(), phone=self.phone.text(), diagnosis=self.diagnosis.text(),
            physician=self.physician.text(), notes=self.notes.toPlainText(),
        )

    def _save(self) -> None:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        patient = self.value()
        try:
            if self.treatment is not None:
                treatment = self.treatment.value()
                self.saved = self.ctx.write(lambda: roster.register(patient, [treatment], who, today))
            else:
                self.saved = self.ctx.write(lambda: roster.update_patient(patient, who, today))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.accept()
