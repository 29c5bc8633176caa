"""The visits of one worklist section: who, which visit, when, how late, how to reach them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cartclinic_ui import labels
from cartclinic_ui.models.base import SORT_ROLE, RowTableModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from cartclinic.roster import WorklistLine

COL_PATIENT, COL_MRN, COL_VISIT, COL_SCHEDULED, COL_WINDOW, COL_LATE, COL_PHONE, COL_PROTOCOL = range(8)


class WorklistModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Patient"), self.tr("MRN"), self.tr("Visit"), self.tr("Scheduled"),
                self.tr("Window"), self.tr("Days late"), self.tr("Phone"), self.tr("Protocol")]

    def row_key(self, e: WorklistLine) -> Any:
        return e.visit.id

    def cell(self, e: WorklistLine, column: int, role: int) -> Any:
        # one small function per column, not a dict of all eight built per call: the sort at
        # every refresh asks each of the 5,000 lines of the start's worklist for one key
        if role == Qt.ItemDataRole.DisplayRole:
            return _DISPLAY[column](e) if 0 <= column < len(_DISPLAY) else None
        if role == SORT_ROLE:
            return _SORT[column](e) if 0 <= column < len(_SORT) else None
        v = e.visit
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_LATE and e.days_late:
            return QBrush(labels.STATUS_COLOURS[e.status])
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_VISIT:
            return "\n".join(labels.visit_assessments(v))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LATE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


_Cell = Callable[[WorklistLine], Any]
_DISPLAY: tuple[_Cell, ...] = (
    lambda e: e.visit.patient_name,
    lambda e: e.visit.mrn,
    lambda e: labels.visit_name(e.visit),
    lambda e: labels.day_text(e.visit.scheduled),
    lambda e: labels.window_text(e.visit.window_start, e.visit.window_end),
    lambda e: str(e.days_late) if e.days_late else "",
    lambda e: e.visit.phone,
    lambda e: e.visit.protocol_id,
)
_SORT: tuple[_Cell, ...] = (
    lambda e: e.visit.patient_name.casefold(),
    lambda e: e.visit.mrn,
    lambda e: e.visit.code,
    lambda e: e.visit.scheduled,
    lambda e: e.visit.window_end,
    lambda e: e.days_late,
    lambda e: e.visit.phone,
    lambda e: e.visit.protocol_id,
)
