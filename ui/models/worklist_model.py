"""The visits of one worklist section: who, which visit, when, how late, how to reach them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from cartclinic.roster import WorklistEntry
from ui import labels
from ui.models.base import SORT_ROLE, RowTableModel

COL_PATIENT, COL_MRN, COL_VISIT, COL_SCHEDULED, COL_WINDOW, COL_LATE, COL_PHONE, COL_PROTOCOL = range(8)


class WorklistModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Patient"), self.tr("MRN"), self.tr("Visit"), self.tr("Scheduled"),
                self.tr("Window"), self.tr("Days late"), self.tr("Phone"), self.tr("Protocol")]

    def cell(self, e: WorklistEntry, column: int, role: int) -> Any:
        v = e.visit
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_PATIENT: e.patient.name,
                COL_MRN: e.patient.mrn,
                COL_VISIT: f"{v.code} · {v.label}",
                COL_SCHEDULED: labels.day_text(v.scheduled),
                COL_WINDOW: labels.window_text(v.window_start, v.window_end),
                COL_LATE: str(e.days_late) if e.days_late else "",
                COL_PHONE: e.patient.phone,
                COL_PROTOCOL: v.protocol_id,
            }.get(column)
        if role == SORT_ROLE:
            return {
                COL_PATIENT: e.patient.name.casefold(),
                COL_MRN: e.patient.mrn,
                COL_VISIT: v.code,
                COL_SCHEDULED: v.scheduled,
                COL_WINDOW: v.window_end,
                COL_LATE: e.days_late,
                COL_PHONE: e.patient.phone,
                COL_PROTOCOL: v.protocol_id,
            }.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_LATE and e.days_late:
            return QBrush(labels.STATUS_COLOURS[e.status])
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_VISIT:
            return "\n".join(v.assessments)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
