"""Record an event (death, withdrawal, lost to follow-up, relapse, progression, allo-HCT).

Nothing is chosen for the nurse (rule 11): Save stays off until an event is picked. Save first
shows what the event will do, the visits it cancels listed one by one, and the event is written
only when that is confirmed. Escape or closing the window with something typed asks first."""

from __future__ import annotations

from datetime import date

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.deliberate_choice import DeliberateChoice
from cartclinic_ui.dialogs.date_choice import DateChoice
from cartclinic_ui.dialogs.form import FieldErrors, save_cancel_buttons
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cartclinic.errors import InputRefused
from cartclinic.model import EVENT_KINDS, MALIGNANCY_EVENTS, Patient, Visit


def what_goes_on(kind: str) -> str:
    """What an event leaves in place, said on its confirmation. (QCoreApplication.translate
    written out each time: pyside6-lupdate finds the strings only in that form.)"""
    RECORDED = QCoreApplication.translate(
        "EventDialog", "Recorded and shown on the patient's page; every visit goes on.")
    MALIGNANCY = QCoreApplication.translate(
        "EventDialog", "Every visit goes on. A task \"report to the manufacturer and arrange "
        "sample testing\" shows on the patient's page until it is marked done.")
    return {
        "death": QCoreApplication.translate(
            "EventDialog", "Every visit still to come is cancelled. No letter and no visit "
            "action for this patient afterwards; the record and the visits already done stay."),
        "withdrawal": QCoreApplication.translate(
            "EventDialog", "Every visit still to come is cancelled. No letter and no visit "
            "action for this patient afterwards; the record and the visits already done stay."),
        "lost_to_follow_up": QCoreApplication.translate(
            "EventDialog", "The patient stays on the roster. 'Patient is back' on their page "
            "restores the cancelled visits."),
        "relapse": QCoreApplication.translate(
            "EventDialog", "Response assessments are cancelled. Safety, monitoring, long-term "
            "and registry visits go on. The relapse shows on the patient's page until a "
            "response is recorded."),
        "progression": QCoreApplication.translate(
            "EventDialog", "Response assessments are cancelled. Safety, monitoring, long-term "
            "and registry visits go on. The progression shows on the patient's page until a "
            "response is recorded."),
        "allo_hct": QCoreApplication.translate(
            "EventDialog", "The transplant is recorded; every visit goes on. No live vaccine "
            "within 24 months of it."),
        "secondary_malignancy": MALIGNANCY,
        "t_cell_malignancy": MALIGNANCY,
        "serious_infection": RECORDED,
        "hospitalisation": RECORDED,
        "late_neurotoxicity": RECORDED,
        "parkinsonism": RECORDED,
        "cranial_nerve_palsy": RECORDED,
        "immunoglobulin": QCoreApplication.translate(
            "EventDialog", "Recorded; every visit goes on. Inactivated vaccines wait 2 months "
            "after it, live vaccines 8 months."),
        "anti_cd19_cd20": QCoreApplication.translate(
            "EventDialog", "Recorded; every visit goes on. Vaccines wait 6 months after it."),
        "re_infusion": QCoreApplication.translate(
            "EventDialog", "The new treatment starts its own schedule from its day 0; the "
            "fifteen years of long-term follow-up count from it. Visits of the earlier "
            "treatment before that day stay."),
    }.get(kind, "")


class EventConfirmation(QDialog):
    """The last look before an event is written: what, when, the visits it cancels (code,
    label, scheduled date) and what goes on. "Go back" is the default button."""

    def __init__(self, patient: Patient, title: str, visits: tuple[Visit, ...] | list[Visit],
                 goes_on: str, confirm_text: str, parent: QWidget | None = None,
                 day0s: dict[int, date] | None = None) -> None:
        """`day0s` (treatment id: infusion date): with visits of several treatments, each row
        says which (a re-infused patient has two D28s)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirm: %s") % title)
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>{patient.name}</b> · {patient.mrn}")
        layout.addWidget(head)
        what = QLabel(title[:1].upper() + title[1:])
        look.mark(what, "heading")
        layout.addWidget(what)
        ordered = sorted(visits, key=lambda v: (v.scheduled, v.id))
        n = len(ordered)
        self.summary = QLabel(
            self.tr("No visit will be cancelled.") if n == 0
            else self.tr("This visit will be cancelled:") if n == 1
            else self.tr("These %d visits will be cancelled:") % n)
        look.mark(self.summary, "warning")
        layout.addWidget(self.summary)
        several = day0s is not None and len({v.treatment_id for v in ordered}) > 1
        self.visits = QTableWidget(len(ordered), 4 if several else 3)
        self.visits.setAccessibleName(self.tr("Visits that will be cancelled"))
        self.visits.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Visit"),
                                               self.tr("Scheduled"), self.tr("Treatment")])
        self.visits.verticalHeader().hide()
        row_height = self.visits.fontMetrics().height() + 8
        self.visits.verticalHeader().setDefaultSectionSize(row_height)
        # up to fourteen rows in view without scrolling; a death can cancel forty
        self.visits.setMinimumHeight(row_height * (min(n, 14) + 1) + 6)
        self.visits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visits.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.visits.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus stays on "Go back"
        self.visits.setAlternatingRowColors(True)
        for row, v in enumerate(ordered):
            cells = [v.code, labels.visit_label(v), labels.day_text(v.scheduled)]
            if several and day0s is not None:
                cells.append(self.tr("day 0 %s") % day0s[v.treatment_id].isoformat())
            for col, value in enumerate(cells):
                self.visits.setItem(row, col, QTableWidgetItem(value))
        header = self.visits.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.visits.resizeColumnsToContents()
        self.visits.setVisible(bool(ordered))
        layout.addWidget(self.visits)
        self.goes_on = QLabel(goes_on)
        self.goes_on.setWordWrap(True)
        layout.addWidget(self.goes_on)
        buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(confirm_text)
        self.back_button = QPushButton(self.tr("Go &back"))
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.setDefault(True)  # Enter never confirms by accident
        self.back_button.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """The visits as listed: (code, label, scheduled)."""
        return [tuple(self.visits.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.visits.rowCount())]


class EventDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient = patient
        self.confirmation: EventConfirmation | None = None
        self.setWindowTitle(self.tr("Record an event"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{patient.name}</b> · {patient.mrn}"))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.kind = DeliberateChoice()
        self.kind.addItem(self.tr("— choose what happened —"), None)
        for kind in EVENT_KINDS:
            if kind != "re_infusion":  # has its own dialog: a product and protocols
                self.kind.addItem(labels.event_text(kind), kind)
        self.first_day = ctx.today()
        # read-only with a calendar behind "Change…": Tab and an arrow key never move the date
        # of a death; no day after today can be chosen
        self.day = DateChoice(self.first_day, self.tr("Event date"), latest=ctx.today())
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.errors.add_row(form, self.tr("&Event"), self.kind, "event")
        self.errors.add_row(form, self.tr("&Date"), self.day, "event date")
        self.errors.add_row(form, self.tr("N&otes"), self.notes, "notes")
        layout.addLayout(form)
        self.preview = QLabel()
        look.mark(self.preview, "warning")
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("What this event will do"))
        layout.addWidget(self.preview)
        self.buttons = save_cancel_buttons(self, layout, self._save)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save…"))
        self._connect()
        self._update_preview()

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._update_preview)
        self.day.dateChanged.connect(self._update_preview)

    def _update_preview(self) -> None:
        kind = self.kind.currentData()
        self.save_button.setEnabled(kind is not None)
        if kind is None:
            self.save_button.setToolTip(self.tr("Choose what happened first"))
            self.preview.setText(self.tr("Choose what happened. Nothing is saved before you "
                                         "have seen what it cancels and confirmed."))
            return
        self.save_button.setToolTip("")
        try:
            preview = self.ctx.roster.preview_event(
                self.patient.id, kind, self.day.date(), self.ctx.today())
        except InputRefused as exc:
            self.preview.setText("\n".join(exc.reasons))
            return
        self.preview.setText(self._message(preview))

    def _message(self, preview) -> str:
        """The core says it in English; the translation says the same from the same numbers."""
        n = len(preview.visits_to_cancel)
        if n:
            text = self.tr("%n future visit(s) will be cancelled.", "", n)
            if preview.kind in ("relapse", "progression"):
                text += " " + self.tr("Safety, monitoring, long-term and registry visits go on.")
        else:
            text = self.tr("The event is recorded; no visit is cancelled.")
        if "(s)" in text or text.startswith("The event"):
            return preview.message  # no translation loaded: the core's own wording
        if preview.kind in MALIGNANCY_EVENTS:
            text += " " + self.tr("Report to the manufacturer and arrange sample testing: a "
                                  "task on the patient's page until it is marked done.")
        return text

    def has_input(self) -> bool:
        return (self.kind.currentData() is not None or bool(self.notes.toPlainText().strip())
                or self.day.date() != self.first_day)

    def reject(self) -> None:
        """Escape, Cancel and the window's close button: with something entered, ask first."""
        if self.has_input():
            answer = QMessageBox.question(
                self, self.tr("Discard this event?"),
                self.tr("Nothing has been saved. Close and discard what you entered?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _save(self) -> None:
        kind = self.kind.currentData()
        if kind is None:
            return
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        when: date = self.day.date()
        try:
            roster.check_event(self.patient.id, kind, when, today)
            preview = roster.preview_event(self.patient.id, kind, when, today)
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        n = len(preview.visits_to_cancel)
        title = self.tr("%s on %s") % (labels.event_text(kind), when.isoformat())
        confirm = (self.tr("Record it") if n == 0
                   else self.tr("Record it and cancel 1 visit") if n == 1
                   else self.tr("Record it and cancel %d visits") % n)
        day0s = {t.id: t.infusion_date for t in roster.store.treatments(self.patient.id)}
        self.confirmation = EventConfirmation(self.patient, title, preview.visits_to_cancel,
                                              what_goes_on(kind), confirm, self, day0s)
        try:
            if self.confirmation.exec() != QDialog.DialogCode.Accepted:
                return  # back to the form; nothing written
        finally:
            self.confirmation.deleteLater()
            self.confirmation = None
        expected = [v.id for v in preview.visits_to_cancel]
        try:
            self.ctx.write(lambda: roster.record_event(
                self.patient.id, kind, when, who, today, notes=self.notes.toPlainText(),
                expected_cancellations=expected))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.accept()
