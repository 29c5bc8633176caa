"""Every patient of the roster with their next checkup and what is overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

from cartclinic_ui import labels
from cartclinic_ui.models.base import OBJECT_ROLE, SORT_ROLE, RowTableModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from cartclinic.roster import PatientSummary
from cartclinic.status import VisitStatus

COL_NAME, COL_MRN, COL_BORN, COL_PHONE, COL_DIAGNOSIS, COL_NEXT, COL_NEXT_VISIT, COL_OVERDUE, COL_STATE = range(9)
# Patients without a next checkup sort after every date.
NO_DATE = date.max
DISPLAY, FOREGROUND = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole)


class RosterModel(RowTableModel):
    ROLES = frozenset({DISPLAY, FOREGROUND, SORT_ROLE, OBJECT_ROLE})

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("MRN"), self.tr("Born"), self.tr("Phone"),
                self.tr("Diagnosis"), self.tr("Next checkup"), self.tr("Next visit"),
                self.tr("Overdue"), self.tr("Status")]

    def row_key(self, s: PatientSummary) -> Any:
        return s.patient.id

    def set_rows(self, rows) -> None:
        # the texts of a row are made once, when first shown or sorted on, not on every paint
        self._display: dict[int, tuple[str, ...]] = {}
        self._sort_keys: dict[int, tuple[Any, ...]] = {}
        super().set_rows(rows)

    def cell(self, s: PatientSummary, column: int, role: int) -> Any:
        # asked seven roles for each painted cell: the roles are compared as plain ints
        if role == DISPLAY:
            texts = self._display.get(id(s))
            if texts is None:
                texts = self._display[id(s)] = self._texts(s)
            return texts[column] if 0 <= column < len(texts) else None
        if role == SORT_ROLE:
            keys = self._sort_keys.get(id(s))
            if keys is None:
                keys = self._sort_keys[id(s)] = self._keys(s)
            return keys[column] if 0 <= column < len(keys) else None
        if role == FOREGROUND:
            if column == COL_OVERDUE and s.overdue:
                return QBrush(labels.STATUS_COLOURS[VisitStatus.OVERDUE])
            if s.state != "active":
                return QBrush(labels.STATUS_COLOURS[VisitStatus.CANCELLED])
        return None

    @staticmethod
    def _texts(s: PatientSummary) -> tuple[str, ...]:
        p, nxt = s.patient, s.next_checkup
        return (
            p.name,
            p.mrn,
            p.date_of_birth.isoformat() if p.date_of_birth else "",
            p.phone,
            p.diagnosis,
            labels.day_text(nxt.scheduled) if nxt else "",
            labels.visit_name(nxt) if nxt else "",
            ", ".join(v.code for v in s.overdue),
            labels.state_since_text(s.state, s.standing.since),
        )

    @staticmethod
    def _keys(s: PatientSummary) -> tuple[Any, ...]:
        p, nxt = s.patient, s.next_checkup
        return (
            p.name.casefold(),
            p.mrn,
            p.date_of_birth or NO_DATE,
            p.phone,
            p.diagnosis.casefold(),
            nxt.scheduled if nxt else NO_DATE,
            nxt.code if nxt else "",
            len(s.overdue),
            s.state,
        )

    def search_text(self, s: PatientSummary) -> str:
        return " ".join((s.patient.name, s.patient.mrn, s.patient.phone))
