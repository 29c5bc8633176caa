"""The fields of one treatment (product, target, infusion date, protocols, tracked from), shared
by the new-patient dialog, "add treatment" and "re-infusion"."""

from __future__ import annotations

from datetime import date

from cartclinic_ui import i18n
from cartclinic_ui.dialogs.form import FieldErrors, date_edit, date_of
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QListWidget, QListWidgetItem

from cartclinic.protocol import ProtocolLibrary
from cartclinic.roster import NewTreatment

KNOWN_PRODUCTS = (
    "tisagenlecleucel (Kymriah)", "axicabtagene (Yescarta)", "brexucabtagene (Tecartus)",
    "lisocabtagene (Breyanzi)", "idecabtagene (Abecma)", "ciltacabtagene (Carvykti)",
    "obecabtagene (Aucatzyl)",
)


class TreatmentFields:
    def __init__(self, form: QFormLayout, errors: FieldErrors, library: ProtocolLibrary,
                 today: date) -> None:

        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.addItems(KNOWN_PRODUCTS)
        self.product.setCurrentText("")
        self.target = QLineEdit()
        self.target.setPlaceholderText("CD19, BCMA, CD19/CD22 …")
        self.infusion = date_edit(today, QCoreApplication.translate("TreatmentFields", "Infusion date (day 0)"))
        self.protocols = QListWidget()
        self.protocols.setMinimumWidth(380)
        self.protocols.setMaximumHeight(120)
        for p in library.all():
            item = QListWidgetItem(f"{p.id} — {p.name_in(i18n.current())}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.protocols.addItem(item)
        self.tracked = date_edit(today, QCoreApplication.translate("TreatmentFields", "Tracked from"))
        self.tracked.setToolTip(QCoreApplication.translate("TreatmentFields", "Visits whose window closed before this day are history, "
                                   "not work. Usually the day the patient is entered."))
        errors.add_row(form, QCoreApplication.translate("TreatmentFields", "&Product"), self.product, "product")
        errors.add_row(form, QCoreApplication.translate("TreatmentFields", "&Target"), self.target, "target")
        errors.add_row(form, QCoreApplication.translate("TreatmentFields", "&Infusion date (day 0)"), self.infusion, "infusion_date")
        errors.add_row(form, QCoreApplication.translate("TreatmentFields", "Pro&tocols"), self.protocols, "protocol")
        errors.add_row(form, QCoreApplication.translate("TreatmentFields", "Tracked &from"), self.tracked, "tracked_from")
        self.product.setAccessibleName(QCoreApplication.translate("TreatmentFields", "Product"))
        self.protocols.setAccessibleName(QCoreApplication.translate("TreatmentFields", "Protocols"))

    def check_protocol(self, protocol_id: str) -> None:
        for i in range(self.protocols.count()):
            item = self.protocols.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == protocol_id:
                item.setCheckState(Qt.CheckState.Checked)

    def value(self) -> NewTreatment:
        chosen = tuple(
            self.protocols.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.protocols.count())
            if self.protocols.item(i).checkState() == Qt.CheckState.Checked
        )
        return NewTreatment(
            product=self.product.currentText(), infusion_date=date_of(self.infusion),
            protocols=chosen, target=self.target.text(), tracked_from=date_of(self.tracked),
        )
