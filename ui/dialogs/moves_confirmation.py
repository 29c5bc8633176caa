"""The last look before visits are moved (rule 13): each visit with its patient, the day it is
booked on now and the day it will be, and what must be confirmed (a closed day, a day out of
window). "Go back" is the default button, so Enter never moves forty visits by accident."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from cartclinic_ui import labels, look
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cartclinic.model import Patient
from cartclinic.rescheduling import VisitMove
from cartclinic.schedule import CLOSED_DAY, OUT_OF_WINDOW


class MovesConfirmation(QDialog):
    def __init__(self, title: str, summary: str, moves: Sequence[VisitMove],
                 patient_of: Callable[[int], Patient], confirm_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(860)
        layout = QVBoxLayout(self)
        warnings = [w for m in moves for w in m.warnings]
        if warnings:  # said above the list too: the table's last column may need a scroll
            summary += "<br>" + "<br>".join("⚠ " + escape(w) for w in warnings)
        self.summary = QLabel(summary)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        look.mark(self.summary, "warning")
        layout.addWidget(self.summary)
        headings = [self.tr("Patient"), self.tr("MRN"), self.tr("Visit"), self.tr("Booked on"),
                    self.tr("Moves to"), self.tr("To confirm")]
        self.table = QTableWidget(len(moves), len(headings))
        self.table.setAccessibleName(self.tr("Visits that will move"))
        self.table.setHorizontalHeaderLabels(headings)
        self.table.verticalHeader().hide()
        row_height = self.table.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setMinimumHeight(row_height * (min(len(moves), 14) + 1) + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus stays on "Go back"
        self.table.setAlternatingRowColors(True)
        patients: dict[int, Patient] = {}
        for row, m in enumerate(moves):
            pid = m.visit.patient_id
            if pid not in patients:
                patients[pid] = patient_of(pid)
            p = patients[pid]
            # the full sentences are above the list; a cell says which
            confirm = [text for flag, text in ((OUT_OF_WINDOW, self.tr("out of window")),
                                               (CLOSED_DAY, self.tr("closed day")))
                       if m.warnings and flag in m.flags]
            cells = [p.name, p.mrn, labels.visit_name(m.visit),
                     labels.day_text(m.visit.scheduled), labels.day_text(m.scheduled),
                     ", ".join(confirm)]
            for col, value in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        for col in range(len(headings)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == 2
                                        else QHeaderView.ResizeMode.ResizeToContents)
        if len(patients) == 1:  # one patient's visits: named once, above the list
            (p,) = patients.values()
            self.table.setColumnHidden(0, True)
            self.table.setColumnHidden(1, True)
            self.summary.setText(f"<b>{escape(p.name)}</b> · {escape(p.mrn)}<br>"
                                 + self.summary.text())
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(confirm_text)
        self.back_button = QPushButton(self.tr("Go &back"))
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.setDefault(True)
        self.back_button.setFocus()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
