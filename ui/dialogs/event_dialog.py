"""Record an event (death, withdrawal, lost to follow-up, relapse, progression, allo-HCT). What it
will cancel is said before it is saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused
from cartclinic.model import EVENT_KINDS, Patient
from ui import labels, look
from ui.context import AppContext
from ui.dialogs.form import FieldErrors, date_edit, date_of, save_cancel_buttons


class EventDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient = patient
        self.setWindowTitle(self.tr("Record an event"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{patient.name}</b> · {patient.mrn}"))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in EVENT_KINDS:
            if kind != "re_infusion":  # has its own dialog: a product and protocols
                self.kind.addItem(labels.event_text(kind), kind)
        self.day = date_edit(ctx.today(), self.tr("Event date"))
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
        self._connect()
        self._update_preview()

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._update_preview)
        self.day.dateChanged.connect(self._update_preview)

    def _update_preview(self) -> None:
        try:
            preview = self.ctx.roster.preview_event(
                self.patient.id, self.kind.currentData(), date_of(self.day), self.ctx.today())
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
        return text

    def _save(self) -> None:
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        try:
            self.ctx.write(lambda: roster.record_event(
                self.patient.id, self.kind.currentData(), date_of(self.day), who, today,
                notes=self.notes.toPlainText()))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.accept()
