"""Pieces every form dialog uses: a date field that shows ISO dates, the Save/Cancel buttons,
and the messages shown beside the field at fault when the roster refuses the input (the
field is the reason's own `field`, its words said in the interface's language)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from cartclinic_ui import look
from cartclinic_ui.reasons import said
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cartclinic.reasons import Reason


def date_edit(value: date, name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setDate(QDate(value.year, value.month, value.day))
    edit.setAccessibleName(name)
    return edit


def date_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def save_cancel_buttons(dialog: QDialog, layout: QBoxLayout, on_save: Callable[[], None]
                        ) -> QDialogButtonBox:
    """Save and Cancel at the foot of a form: Save runs `on_save` (which closes the dialog only
    when the roster took the change), Cancel and Esc close it."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons


class FieldErrors:
    """Red messages under the fields of a QFormLayout, keyed by the core's field names."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self.labels: dict[str, QLabel] = {}
        look.mark(general, "error")
        general.setWordWrap(True)
        general.hide()

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, *fields: str) -> QLabel:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(widget)
        lay.addLayout(row)
        message = QLabel()
        look.mark(message, "error")
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        message.hide()
        lay.addWidget(message)
        form.addRow(label, box)
        for f in fields:
            self.labels[f] = message
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", ""))
        return message

    def clear(self) -> None:
        for message in (*self.labels.values(), self.general):
            message.clear()
            message.hide()

    def show(self, reasons: Sequence[Reason | str]) -> QLabel | None:
        """Put each reason beside its field (`Reason.field`), or above the form when it has no
        field here; returns the first label used (to focus near it)."""
        self.clear()
        first = None
        for reason in reasons:
            target = self.labels.get(reason.field or "") if isinstance(reason, Reason) else None
            if target is None:
                target, text = self.general, said(reason)
            else:
                text = said(reason, beside_field=True)
            target.setText((target.text() + "\n" if target.text() else "") + text)
            target.show()
            first = first or target
        return first
