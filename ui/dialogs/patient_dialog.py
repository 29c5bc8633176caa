"""Add a patient (with their first treatment) or edit who they are."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cartclinic_ui import look
from cartclinic_ui.context import AppContext
from cartclinic_ui.deliberate_choice import DeliberateChoice
from cartclinic_ui.dialogs.form import FieldErrors, save_cancel_buttons
from cartclinic_ui.dialogs.treatment_fields import TreatmentFields
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

from cartclinic.dates import parse_date
from cartclinic.errors import InputRefused
from cartclinic.model import Patient


class BirthDateEdit(QLineEdit):
    """The date of birth as typed, YYYY-MM-DD: empty until someone types it (a date field
    would start on some day, and a made-up birthday saved by an unwary Save is worse than
    none). The roster refuses an empty, impossible or future one, naming the field."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaxLength(10)
        self.setAccessibleName(name)

    def setDate(self, day: date | None) -> None:  # noqa: N802 (as QDateEdit names it)
        self.setText(day.isoformat() if day else "")

    def day(self) -> tuple[date | None, str | None]:
        """(the date, None), (None, None) when empty, or (None, why it is not a date)."""
        if not self.text().strip():
            return None, None
        try:
            return parse_date(self.text(), field="date_of_birth"), None
        except ValueError as exc:
            return None, str(exc)


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
        self.born = BirthDateEdit(self.tr("Date of birth"))
        self.sex = DeliberateChoice()
        for code, text in (("", self.tr("not given")), ("F", self.tr("female")),
                           ("M", self.tr("male")), ("X", self.tr("other"))):
            self.sex.addItem(text, code)
        self.phone = QLineEdit()
        self.diagnosis = QLineEdit()
        self.physician = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(82)
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText(self.tr("As on an envelope, one line per line; "
                                                "at most 5 lines"))
        self.next_of_kin = QLineEdit()
        self.next_of_kin.setPlaceholderText(self.tr("Whom to call if the patient cannot be reached"))
        self.relationship = QLineEdit()
        self.kin_phone = QLineEdit()
        self.language = QComboBox()
        clinic = self.ctx.roster.settings().language
        names = {"en": "English", "zh": "中文"}  # each in its own language, as language lists are
        self.language.addItem(self.tr("The clinic's (%1)").replace("%1", names.get(clinic, clinic)), "")
        for code, name in names.items():
            self.language.addItem(name, code)
        self.language.setToolTip(self.tr("The language of this patient's letters"))
        e = self.errors
        e.add_row(form, self.tr("&MRN"), self.mrn, "mrn")
        e.add_row(form, self.tr("&Name"), self.name, "name")
        e.add_row(form, self.tr("Date of &birth"), self.born, "date_of_birth")
        e.add_row(form, self.tr("&Sex"), self.sex, "sex")
        e.add_row(form, self.tr("P&hone"), self.phone, "phone")
        e.add_row(form, self.tr("Next of &kin"), self.next_of_kin, "next_of_kin")
        e.add_row(form, self.tr("&Relationship"), self.relationship, "next_of_kin_relationship")
        e.add_row(form, self.tr("Next of kin phon&e"), self.kin_phone, "next_of_kin_phone")
        e.add_row(form, self.tr("&Diagnosis"), self.diagnosis, "diagnosis")
        e.add_row(form, self.tr("Ph&ysician"), self.physician, "physician")
        e.add_row(form, self.tr("&Address"), self.address, "address")
        e.add_row(form, self.tr("&Letter language"), self.language, "language")
        e.add_row(form, self.tr("N&otes"), self.notes, "notes")
        self.treatment: TreatmentFields | None = None
        if self.patient is None:  # the first treatment beside who they are: no scrolling
            second = QFormLayout()
            # the first column is the taller: the treatment stays at the top, not spread out
            top = QVBoxLayout()
            top.addLayout(second)
            top.addStretch(1)
            columns.addLayout(top, 1)
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
        self.born.setDate(p.date_of_birth)
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex)))
        self.phone.setText(p.phone)
        self.diagnosis.setText(p.diagnosis)
        self.physician.setText(p.physician)
        self.notes.setPlainText(p.notes)
        self.address.setPlainText(p.address)
        self.next_of_kin.setText(p.next_of_kin)
        self.relationship.setText(p.next_of_kin_relationship)
        self.kin_phone.setText(p.next_of_kin_phone)
        self.language.setCurrentIndex(max(0, self.language.findData(p.language)))

    def value(self) -> Patient:
        base = self.patient or Patient(mrn="", name="")
        return replace(
            base, mrn=self.mrn.text(), name=self.name.text(), date_of_birth=self.born.day()[0],
            sex=self.sex.currentData(), phone=self.phone.text(), diagnosis=self.diagnosis.text(),
            physician=self.physician.text(), notes=self.notes.toPlainText(),
            address=self.address.toPlainText(), next_of_kin=self.next_of_kin.text(),
            next_of_kin_relationship=self.relationship.text(),
            next_of_kin_phone=self.kin_phone.text(), language=self.language.currentData(),
        )

    def _save(self) -> None:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        patient = self.value()
        _, not_a_date = self.born.day()
        if not_a_date:  # what was typed is no date: say so, with whatever else is wrong
            _, others = roster.check_patient(patient, today)
            self.errors.show([not_a_date, *(r for r in others if not r.startswith("date_of_birth:"))])
            return
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
