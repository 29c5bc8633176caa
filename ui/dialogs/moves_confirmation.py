"""The last look before visits are moved (rule 13): each visit with its patient, the day it is
booked on now and the day it will be, and what must be confirmed (a closed day, a day out of
window). "Go back" is the default button, so Enter never moves forty visits by accident."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
from ui import labels, look


class MovesConfirmation(QDialog):
    def __init__(self, title: str, summary: str, moves: Sequence[VisitMove],
                 patient_of: Callable[[int], Patient], confirm_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary)
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
            cells = [p.name, p.mrn, f"{m.visit.code} · {m.visit.label}",
                     labels.day_text(m.visit.scheduled), labels.day_text(m.scheduled),
                     "; ".join(m.warnings)]
            for col, value in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
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
