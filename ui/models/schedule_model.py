"""A patient's whole schedule as one list, grouped by treatment and phase: a heading row starts
each group (its object is None), then the visits in date order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cartclinic_ui import labels
from cartclinic_ui.models.base import OBJECT_ROLE, SORT_ROLE, RowTableModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from cartclinic import views
from cartclinic.model import Treatment, Visit
from cartclinic.status import VisitStatus

COL_CODE, COL_LABEL, COL_KIND, COL_TARGET, COL_WINDOW, COL_SCHEDULED, COL_STATUS, COL_NOTE = range(8)


@dataclass(frozen=True)
class Heading:
    text: str


class ScheduleModel(RowTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_schedule(self, visits: list[Visit], treatments: list[Treatment], today: date) -> None:
        self.today = today
        rows: list[Any] = []
        for t, phase, group in views.schedule_by_phase(visits, treatments):
            title = labels.phase_text(phase)
            if len(treatments) > 1:
                title = f"{t.product} ({t.infusion_date.isoformat()}) — {title}"
            rows.append(Heading(title))
            rows += group
        self.set_rows(rows)

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Visit"), self.tr("Kind"), self.tr("Target"),
                self.tr("Window"), self.tr("Scheduled"), self.tr("Status"), self.tr("Note")]

    def value(self, row: Any, column: int, role: int) -> Any:
        if role == OBJECT_ROLE and isinstance(row, Heading):
            return None
        return super().value(row, column, role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        if isinstance(row, Heading):
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return row.text
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        v: Visit = row
        status = v.status(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_CODE: v.code,
                COL_LABEL: labels.visit_label(v),
                COL_KIND: labels.kind_text(v.kind),
                COL_TARGET: v.target.isoformat(),
                COL_WINDOW: labels.window_text(v.window_start, v.window_end),
                COL_SCHEDULED: labels.day_text(v.scheduled),
                COL_STATUS: self._status(v, status),
                COL_NOTE: v.cancelled_reason or v.moved_reason or ", ".join(v.flags),
            }.get(column)
        if role == SORT_ROLE:
            return {COL_TARGET: v.target, COL_SCHEDULED: v.scheduled,
                    COL_WINDOW: v.window_start}.get(column, v.scheduled)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return QBrush(labels.STATUS_COLOURS[status])
        return None

    def _status(self, v: Visit, status: VisitStatus) -> str:
        text = labels.status_text(status)
        if status == VisitStatus.DONE and v.done_on:
            return f"{text} {v.done_on.isoformat()}"
        late = v.days_late(self.today)
        if late:
            return self.tr("%s, %n day(s) late", "", late) % text
        return text
