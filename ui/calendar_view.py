"""A month of the clinic: how many visits each day, closed days greyed, and the list of a day."""

from __future__ import annotations

import calendar as pycal
from datetime import date
from typing import Any

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.load_when_shown import LoadWhenShown
from cartclinic_ui.models.proxy import RowProxy
from cartclinic_ui.models.small_models import DayModel
from cartclinic_ui.row_actions import RowActions
from cartclinic_ui.visit_actions import VisitActions
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartclinic import views


class CountCalendar(QCalendarWidget):
    """Draws the number of visits in the corner of each day."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.counts: dict[date, int] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setAccessibleName(self.tr("Month calendar"))

    def paintCell(self, painter, rect, qdate: QDate) -> None:  # noqa: N802
        super().paintCell(painter, rect, qdate)
        n = self.counts.get(date(qdate.year(), qdate.month(), qdate.day()), 0)
        if n:
            painter.save()
            painter.setPen(QColor("#0d47a1"))
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(rect.adjusted(2, 2, -4, -2),
                             Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight, str(n))
            painter.restore()


class CalendarPage(QWidget):
    def __init__(self, ctx: AppContext, actions: VisitActions, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._current: Any = None
        self.model = DayModel(self)
        self.proxy = RowProxy(self.model, parent=self)
        self.row_actions = RowActions(self, actions, lambda: self._current)
        layout = QHBoxLayout(self)
        self.calendar = CountCalendar()
        self.calendar.setMinimumWidth(420)
        layout.addWidget(self.calendar, 2)
        right = QVBoxLayout()
        self.day_label = QLabel()
        look.mark(self.day_label, "heading")
        right.addWidget(self.day_label)
        buttons = QHBoxLayout()
        for action in self.row_actions.all():
            b = QToolButton()
            b.setDefaultAction(action)
            buttons.addWidget(b)
        buttons.addStretch()
        right.addLayout(buttons)
        self.table = ListTable(self.proxy, self.tr("Visits of the chosen day"))
        self.table.menu_actions = self.row_actions.all()
        self.table.fit_columns({0: 20, 1: 10, 2: 30, 3: 10})
        right.addWidget(self.table)
        layout.addLayout(right, 3)
        today = ctx.today()
        self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        self.loader = LoadWhenShown(self, self.refresh)
        self._connect()

    def _connect(self) -> None:
        self.ctx.changed.connect(self.loader.changed)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.refresh())
        self.calendar.selectionChanged.connect(self._show_day)
        self.calendar.activated.connect(lambda _d: self.table.setFocus())
        self.table.current.connect(self._set_current)
        self.table.opened.connect(self.row_actions.visits.open_patient)

    def _set_current(self, row: Any) -> None:
        self._current = row
        self.row_actions.update(row)

    def selected_day(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = date(year, month, 1)
        last = date(year, month, pycal.monthrange(year, month)[1])
        roster = self.ctx.roster
        self.calendar.counts = views.month_counts(roster, first, last, self.ctx.today())
        clinic = roster.calendar()
        closed = QTextCharFormat()
        closed.setBackground(QBrush(QColor("#eeeeee")))
        closed.setForeground(QBrush(QColor("#9e9e9e")))
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        for day in range(1, last.day + 1):
            d = date(year, month, day)
            if not clinic.is_open(d):
                self.calendar.setDateTextFormat(QDate(year, month, day), closed)
        self.calendar.updateCells()
        self._show_day()

    def _show_day(self) -> None:
        day = self.selected_day()
        rows = views.day_visits(self.ctx.roster, day, self.ctx.today())
        self.model.set_rows(rows)
        why = self.ctx.roster.calendar().why_closed(day)
        text = self.tr("%s: %d visit(s)") % (labels.day_text(day), len(rows))
        if why:
            text += " — " + self.tr("closed") + f" ({why})"
        self.day_label.setText(text)
        self._set_current(self.table.current_object())  # the same visit, if still that day's
