"""The clinic's settings: name, closed weekdays, holiday region, closures, paper, languages,
idle lock, automatic backups. Saving moves open visits that now fall on a closed day; the nurse
is told how many. On the first run the same dialog also creates the first admin (name and PIN
twice): a roster nobody can sign in to is useless, and one without an admin cannot be set up."""

from __future__ import annotations

from dataclasses import replace

from cartclinic_ui import i18n
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.form import FieldErrors, date_edit, date_of, save_cancel_buttons
from cartclinic_ui.dialogs.moves_confirmation import MovesConfirmation
from cartclinic_ui.dialogs.sign_in import LAST_WHO, pin_edit
from cartclinic_ui.regions import chosen_region, fill_region_box, show_region
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cartclinic.errors import InputRefused
from cartclinic.model import ClinicSettings
from cartclinic.rescheduling import VisitMove
from cartclinic.users import check_pin_format

CONFIGURED = "configured"


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, *, first_run: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.first_run = first_run
        self.moved = 0
        self.moves: list[VisitMove] = []  # the visits the last Save listed and then moved
        self.letters_wanted = False
        self.language_changed = False  # the interface language was switched by this Save
        self.settings = ctx.roster.settings()
        self.setWindowTitle(self.tr("Welcome: set up the clinic") if first_run
                            else self.tr("Settings"))
        self.setMinimumWidth(560)
        self._build()
        self._fill(self.settings)
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        if self.first_run:
            intro = QLabel(self.tr("This roster is new. Tell the program about the clinic; "
                                   "you can change all of this later under Settings."))
            intro.setWordWrap(True)
            layout.addWidget(intro)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        e = self.errors
        self.who = QLineEdit()
        self.pin = pin_edit(self.tr("PIN"))
        self.pin_again = pin_edit(self.tr("PIN again"))
        if self.first_run:
            e.add_row(form, self.tr("&Your name"), self.who, "who", "name")
            self.who.setToolTip(self.tr("Every change is recorded with the name of who made it."))
            e.add_row(form, self.tr("Your &PIN"), self.pin, "pin")
            self.pin.setToolTip(self.tr("4 to 8 digits. You are the first admin: you can add "
                                        "the other nurses under File › Staff."))
            e.add_row(form, self.tr("PIN a&gain"), self.pin_again, "pin again")
        self.name = QLineEdit()
        self.phone = QLineEdit()
        e.add_row(form, self.tr("Clinic &name"), self.name, "clinic name")
        e.add_row(form, self.tr("Clinic &phone"), self.phone, "clinic phone")
        days = QWidget()
        days_layout = QHBoxLayout(days)
        days_layout.setContentsMargins(0, 0, 0, 0)
        self.weekdays: list[QCheckBox] = []
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
                 self.tr("Sat"), self.tr("Sun"))
        for text in names:
            box = QCheckBox(text)
            self.weekdays.append(box)
            days_layout.addWidget(box)
        e.add_row(form, self.tr("Closed &weekdays"), days, "closed weekdays")
        self.region = QComboBox()
        self.region.setEditable(True)
        fill_region_box(self.region)
        self.region.setToolTip(self.tr("Choose a country, or type its code, optionally with a region: "
                                       "CN, US-CA, GB-SCT. "
                                       "Public holidays close the clinic; official make-up "
                                       "workdays open it."))
        e.add_row(form, self.tr("&Holiday region"), self.region, "holiday region", "region")
        closures = QWidget()
        cl = QVBoxLayout(closures)
        cl.setContentsMargins(0, 0, 0, 0)
        self.closures = QListWidget()
        self.closures.setMaximumHeight(90)
        self.closures.setAccessibleName(self.tr("Closure dates"))
        row = QHBoxLayout()
        self.closure_date = date_edit(self.ctx.today(), self.tr("Closure date to add"))
        self.add_closure = QPushButton(self.tr("Add"))
        self.remove_closure = QPushButton(self.tr("Remove"))
        row.addWidget(self.closure_date)
        row.addWidget(self.add_closure)
        row.addWidget(self.remove_closure)
        cl.addWidget(self.closures)
        cl.addLayout(row)
        e.add_row(form, self.tr("&Closures"), closures, "closures")
        self.paper = QComboBox()
        self.paper.addItems(["A4", "Letter"])
        e.add_row(form, self.tr("Pa&per"), self.paper, "paper")
        self.letter_language = QComboBox()
        self.letter_language.addItem("English", "en")
        self.letter_language.addItem("中文", "zh")
        e.add_row(form, self.tr("Patient &letter language"), self.letter_language, "language")
        self.ui_language = QComboBox()
        self.ui_language.addItem("English", "en")
        self.ui_language.addItem("中文", "zh")
        e.add_row(form, self.tr("&Interface language"), self.ui_language, "interface")
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" min"))
        e.add_row(form, self.tr("Lock when idle &after"), self.idle, "idle lock")
        self.backup_every = QSpinBox()
        self.backup_every.setRange(0, 1000)
        self.backup_every.setSuffix(self.tr(" changes"))
        self.backup_every.setSpecialValueText(self.tr("only at start"))
        self.backup_every.setToolTip(self.tr("A checked backup is made each time the program "
                                             "starts, and again after this many changes."))
        e.add_row(form, self.tr("&Back up after every"), self.backup_every, "backup every changes")
        self.jurisdiction = QComboBox()
        for code, text in (("US", self.tr("United States (labels since June 2025)")),
                           ("UK", self.tr("United Kingdom")), ("EU", self.tr("European Union"))):
            self.jurisdiction.addItem(text, code)
        self.jurisdiction.setToolTip(self.tr(
            "Which column of the product table the stay-near-centre, no-driving and "
            "daily-monitoring countdowns read; the treatment's product picks the row."))
        e.add_row(form, self.tr("&Jurisdiction"), self.jurisdiction, "jurisdiction")
        self.antiviral = self._months(self.tr("Review aciclovir/valaciclovir at least this long "
                                              "after day 0, and go on until CD4 > 200/µL."))
        e.add_row(form, self.tr("Antiviral prophylaxis"), self.antiviral, "antiviral months")
        self.pjp = self._months(self.tr("Review co-trimoxazole this long after day 30 "
                                        "(6–12 months), and go on until CD4 > 200/µL."))
        e.add_row(form, self.tr("PJP prophylaxis"), self.pjp, "pjp months")
        self.entecavir = self._months(self.tr("Review entecavir this long after day 0 for a "
                                              "patient whose diagnosis or notes say HBV."))
        e.add_row(form, self.tr("Entecavir (HBV)"), self.entecavir, "entecavir months")
        layout.addLayout(form)
        self.buttons = save_cancel_buttons(self, layout, self._save)

    def _months(self, tip: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, 60)
        box.setSuffix(self.tr(" months"))
        box.setToolTip(tip)
        return box

    def _connect(self) -> None:
        self.add_closure.clicked.connect(self._add_closure)
        self.remove_closure.clicked.connect(
            lambda: self.closures.takeItem(self.closures.currentRow()))

    def _fill(self, s: ClinicSettings) -> None:
        self.who.setText(self.ctx.who or str(QSettings().value(LAST_WHO, "")))
        self.name.setText(s.clinic_name)
        self.phone.setText(s.clinic_phone)
        for i, box in enumerate(self.weekdays):
            box.setChecked(i in s.closed_weekdays)
        show_region(self.region, s.holiday_region)
        for d in sorted(s.closures):
            self.closures.addItem(d.isoformat())
        self.paper.setCurrentText(s.paper)
        self.letter_language.setCurrentIndex(max(0, self.letter_language.findData(s.language)))
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(i18n.current())))
        self.idle.setValue(s.idle_lock_minutes)
        self.backup_every.setValue(s.backup_every_changes)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(s.jurisdiction)))
        self.antiviral.setValue(s.antiviral_months)
        self.pjp.setValue(s.pjp_months)
        self.entecavir.setValue(s.entecavir_months)

    def _add_closure(self) -> None:
        text = date_of(self.closure_date).isoformat()
        if not self.closures.findItems(text, Qt.MatchFlag.MatchExactly):
            self.closures.addItem(QListWidgetItem(text))
            self.closures.sortItems()

    def value(self) -> ClinicSettings:
        from datetime import date

        extra = dict(self.settings.extra)
        if self.first_run:
            extra[CONFIGURED] = "1"
        return replace(
            self.settings, clinic_name=self.name.text(), clinic_phone=self.phone.text(),
            closed_weekdays=tuple(i for i, b in enumerate(self.weekdays) if b.isChecked()),
            holiday_region=chosen_region(self.region),
            closures=tuple(date.fromisoformat(self.closures.item(i).text())
                           for i in range(self.closures.count())),
            paper=self.paper.currentText(), language=self.letter_language.currentData(),
            idle_lock_minutes=self.idle.value(),
            backup_every_changes=self.backup_every.value(),
            jurisdiction=self.jurisdiction.currentData(), antiviral_months=self.antiviral.value(),
            pjp_months=self.pjp.value(), entecavir_months=self.entecavir.value(), extra=extra,
        )

    def _save(self) -> None:
        new = self.value()
        try:
            if self.first_run and self.ctx.staff.needs_first_admin():
                self.moved = self.ctx.write(lambda: self._first_admin_and_settings(new))
            else:
                self.ctx.require_admin()
                moves = self.ctx.roster.preview_settings(new, self.ctx.today())
                if moves and not self._confirm_moves(moves):
                    return
                self.moves = moves
                self.moved = self.ctx.write(lambda: self.ctx.roster.save_settings(
                    new, self.ctx.who, self.ctx.today(),
                    expected_moves=[m.visit.id for m in moves]))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        language = self.ui_language.currentData()
        user = self.ctx.user
        if user is not None and user.id is not None and user.language != language:
            # the signed-in person's own language too (kept with them; see the staff dialog)
            try:
                self.ctx.user = self.ctx.write(
                    lambda: self.ctx.staff.set_language(user.name, language, user))
            except InputRefused as exc:
                self.errors.show(exc.reasons)
                return
        if language != i18n.saved_language():
            i18n.save_language(language)
        if language != i18n.current():
            # at once, no restart: the translation is installed now and the main window, which
            # took its words when it was built, is built again by its caller
            # (`MainWindow.open_settings`); a first run builds the window after this anyway
            self.language_changed = i18n.install(QApplication.instance(), language)
        patients = len({m.visit.patient_id for m in self.moves})
        if self.moves and not self.first_run:
            answer = QMessageBox.question(
                self, self.tr("Visits moved"),
                self.tr("%n open visit(s) moved to the nearest open day in their window.", "",
                        self.moved) + "\n\n"
                + self.tr("Print a \"your date has changed\" letter for each of the %n "
                          "patient(s) now?", "", patients),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            self.letters_wanted = answer == QMessageBox.StandardButton.Yes
        self.accept()

    def _confirm_moves(self, moves: list[VisitMove]) -> bool:
        """Rule 13: the visits a calendar change moves are listed before it is saved."""
        confirmation = MovesConfirmation(
            self.tr("Confirm: visits move"),
            self.tr("With these settings, %n open visit(s) fall on a closed day and move to the "
                    "nearest open day in their window. Nothing is saved until you confirm.",
                    "", len(moves)),
            moves, self.ctx.roster.store.patient, self.tr("&Save and move them"), self)
        self.confirmation = confirmation  # for tests: the dialog on screen
        return confirmation.exec() == QDialog.DialogCode.Accepted


    def _first_admin_and_settings(self, new: ClinicSettings) -> int:
        """The first admin and the clinic's settings, in one transaction: all or nothing."""
        name = self.who.text().strip()
        if not name:
            raise InputRefused(self.tr("who: give your name; the record keeps who changed what"))
        pin = check_pin_format(self.pin.text())
        if self.pin_again.text().strip() != pin:
            raise InputRefused(self.tr("PIN again: the two PINs differ; type the same PIN twice"))
        staff, roster = self.ctx.staff, self.ctx.roster
        with roster.store.write(name):
            user = staff.add(name, pin, "admin", name)
            moved = roster.save_settings(new, name, self.ctx.today())
        self.ctx.sign_in(user)
        QSettings().setValue(LAST_WHO, user.name)
        return moved


def is_configured(settings: ClinicSettings) -> bool:
    return settings.extra.get(CONFIGURED) == "1"
