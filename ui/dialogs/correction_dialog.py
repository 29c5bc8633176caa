"""Mark an entry "entered in error" (rule 11): choose the entry (the one selected on the
patient page comes first), see what will be put back, give a reason, save. The entry and the
correction both stay in the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.deliberate_choice import DeliberateChoice
from cartclinic_ui.dialogs.form import FieldErrors, save_cancel_buttons
from cartclinic_ui.models.small_models import COL_EVENT_KIND
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cartclinic.corrections import CorrectableEntry, CorrectionPreview
from cartclinic.errors import InputRefused
from cartclinic.model import Event, Patient, Visit

if TYPE_CHECKING:
    from cartclinic_ui.patient_page import PatientPage


class CorrectionDialog(QDialog):
    def __init__(self, ctx: AppContext, patient: Patient, entries: list[CorrectableEntry],
                 first: CorrectableEntry | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.patient = patient
        self.setWindowTitle(self.tr("Entered in error"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{patient.name}</b> · {patient.mrn}"))
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.entry = DeliberateChoice()
        self.entry.setAccessibleName(self.tr("Entry entered in error"))
        ordered = ([first] if first is not None else []) + [e for e in entries if e != first]
        for e in ordered:
            self.entry.addItem(self.tr("%s: %s") % (self._kind_text(e.kind), e.text), e)
        self.errors.add_row(form, self.tr("&Entry"), self.entry, "kind")
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Why it was entered in error"))
        self.reason.setPlaceholderText(self.tr("e.g. recorded on the wrong patient"))
        self.errors.add_row(form, self.tr("&Reason"), self.reason, "reason")
        layout.addLayout(form)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.changes = QListWidget()  # a death can put back thirty visits: it scrolls
        self.changes.setAccessibleName(self.tr("What will be put back"))
        self.changes.setMaximumHeight(220)
        layout.addWidget(self.changes)
        self.refusal = QLabel()
        look.mark(self.refusal, "warning")
        self.refusal.setWordWrap(True)
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.refusal)
        note = QLabel(self.tr("The entry is not deleted: it stays in the audit trail, marked "
                              "entered in error, with your reason."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = save_cancel_buttons(self, layout, self._save)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Mark entered in error"))
        self.entry.currentIndexChanged.connect(self._update_preview)
        self._update_preview()

    def _kind_text(self, kind: str) -> str:
        return {
            "event": self.tr("event"), "record": self.tr("visit record"),
            "result": self.tr("result"), "missed": self.tr("missed mark"),
            "reschedule": self.tr("reschedule"), "cancellation": self.tr("cancellation"),
            "call": self.tr("call"),
        }.get(kind, kind)

    def chosen(self) -> CorrectableEntry | None:
        return self.entry.currentData()

    def preview_lines(self) -> list[str]:
        """What the dialog says the correction will do: its heading, each visit, any refusal."""
        return [self.heading.text(), *(self.changes.item(i).text()
                                       for i in range(self.changes.count())),
                self.refusal.text()]

    def _update_preview(self) -> None:
        self.changes.clear()
        self.refusal.clear()
        entry = self.chosen()
        if entry is None:
            self._show(self.tr("This patient has no entry to mark."), [], "")
            return
        try:
            preview = self.ctx.roster.preview_correction(entry.kind, entry.entry_id,
                                                         self.ctx.today())
        except InputRefused as exc:
            self._show(self.tr("This entry cannot be marked now:"), [], "\n".join(exc.reasons))
            return
        lines = self._lines(preview)
        head = (self.tr("These visits will be put back as they were without this entry:")
                if lines else self.tr("No visit changes: the entry is marked entered in error."))
        self._show(head, lines, "")

    def _show(self, heading: str, lines: list[str], refusal: str) -> None:
        self.heading.setText(heading)
        self.changes.addItems(lines)
        self.changes.setVisible(bool(lines))
        self.refusal.setText(refusal)
        self.refusal.setVisible(bool(refusal))
        self.save_button.setEnabled(not refusal and self.chosen() is not None)

    def _lines(self, preview: CorrectionPreview) -> list[str]:
        today = self.ctx.today()
        lines = []
        for now, then in preview.visits:
            after = labels.status_text(then.status(today))
            if then.cancelled_reason and then.cancelled_reason != now.cancelled_reason:
                # stays cancelled, by another entry: say which, or "cancelled → cancelled"
                # tells the nurse nothing
                after = self.tr("%s (%s)") % (after, then.cancelled_reason)
            day = then.scheduled.isoformat()
            if now.scheduled != then.scheduled:  # a reschedule put back: from which day
                day = self.tr("%s → %s") % (now.scheduled.isoformat(), day)
            # what changes first, the label last: a long label pushed the change out of sight
            lines.append(self.tr("%s: %s → %s, %s · %s") % (
                then.code, labels.status_text(now.status(today)), after, day,
                labels.visit_label(then)))
        for v in preview.removed:
            lines.append(self.tr("%s · %s (%s): removed") % (v.code, labels.visit_label(v),
                                                             v.scheduled.isoformat()))
        return lines

    def _save(self) -> None:
        entry = self.chosen()
        if entry is None:
            return
        roster, who, today = self.ctx.roster, self.ctx.who, self.ctx.today()
        try:
            self.ctx.write(lambda: roster.correct(entry.kind, entry.entry_id,
                                                  self.reason.text(), who, today))
        except InputRefused as exc:
            self.errors.show(exc.reasons)
            return
        self.accept()


class CorrectionButton(QPushButton):
    """The patient page's "Entered in error…" button, beside its tabs; it offers the entry
    selected in the schedule or the events first."""

    def __init__(self, page: PatientPage) -> None:
        super().__init__()
        self.page = page
        self.setText(self.tr("Entered i&n error…"))
        self.setToolTip(self.tr("Mark the selected event, visit record, missed mark, reschedule, "
                                "cancellation or call as entered in error, with a reason"))
        page.tabs.setCornerWidget(self, Qt.Corner.TopRightCorner)
        # "relapse (entered in error)" is read whole
        page.events_table.horizontalHeader().setSectionResizeMode(
            COL_EVENT_KIND, QHeaderView.ResizeMode.ResizeToContents)
        self.clicked.connect(self.open_dialog)

    def selected(self) -> Any:
        page = self.page
        if page.tabs.currentWidget() is page.events_table:
            return page.events_proxy.object_at(page.events_table.currentIndex())
        return page.table.current_object()

    def open_dialog(self) -> bool:
        page, ctx = self.page, self.page.ctx
        entries = [e for e in ctx.roster.correctable_entries(page.patient_id) if not e.corrected]
        selected = self.selected()
        first = None
        if isinstance(selected, Event):
            first = next((e for e in entries if e.kind == "event" and e.entry_id == selected.id),
                         None)
        elif isinstance(selected, Visit):
            first = next((e for e in entries if e.visit_id == selected.id
                          and e.kind in ("record", "missed", "reschedule", "cancellation")), None)
        parent: QWidget = page
        return CorrectionDialog(ctx, page.patient, entries, first, parent).exec() == 1
