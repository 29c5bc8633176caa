"""The home page: who is overdue, who is due today, this week and in the next weeks."""

from __future__ import annotations

from typing import Any

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.models import worklist_model as wm
from cartclinic_ui.models.proxy import RowProxy
from cartclinic_ui.row_actions import RowActions
from cartclinic_ui.visit_actions import VisitActions
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartclinic import views


class WorklistSection(QWidget):
    def __init__(self, key: str, parent=None) -> None:
        super().__init__(parent)
        self.key = key
        self.model = wm.WorklistModel(self)
        self.proxy = RowProxy(self.model, parent=self)
        self.heading = QLabel()
        look.section_heading(self.heading, key)
        self.table = ListTable(self.proxy, "")
        # the core's triage order (rule 15) until a nurse clicks a heading
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.fit_columns({wm.COL_PATIENT: 20, wm.COL_MRN: 10, wm.COL_VISIT: 38,
                                wm.COL_SCHEDULED: 16, wm.COL_WINDOW: 24, wm.COL_LATE: 9,
                                wm.COL_PHONE: 19})
        self.empty = QLabel()
        look.mark(self.empty, "empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)

    def set_entries(self, title: str, entries: list) -> None:
        self.model.set_rows(entries)
        self.heading.setText(f"{title} ({len(entries)})")
        self.table.setAccessibleName(title)
        self.table.setVisible(bool(entries))
        self.empty.setVisible(not entries)
        self.empty.setText(self.tr("Nothing here."))


class WorklistPage(QWidget):
    openCallList = Signal()  # noqa: N815
    printDay = Signal()  # noqa: N815

    def __init__(self, ctx: AppContext, actions: VisitActions, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._current: Any = None
        self._current_table: ListTable | None = None  # the section whose row is acted on
        self.sections = {key: WorklistSection(key, self) for key in views.SECTIONS}
        self.row_actions = RowActions(self, actions, lambda: self._current)
        self._build()
        self._connect()
        self.refresh()

    def titles(self) -> dict[str, str]:
        # the English words are the core's (views.SECTION_TITLES): `due` and the day list
        # print the same names (rule 14)
        return {
            views.OVERDUE: self.tr("Overdue"),
            views.DUE_TODAY: self.tr("Due now (today, or late with the window still open)"),
            views.THIS_WEEK: self.tr("This week (next 7 days)"),
            views.NEXT_WEEKS: self.tr("Next weeks (days 8–28)"),
        }

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.today_label = QLabel()
        look.mark(self.today_label, "today")
        top.addWidget(self.today_label)
        top.addStretch()
        for action in self.row_actions.all():
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            top.addWidget(button)
        self.calls_button = QPushButton(self.tr("Phone list of overdue…"))
        self.day_button = QPushButton(self.tr("Print today's list…"))
        top.addWidget(self.calls_button)
        top.addWidget(self.day_button)
        layout.addLayout(top)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        for section in self.sections.values():
            self.splitter.addWidget(section)
            section.table.menu_actions = self.row_actions.all()
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.ctx.changed.connect(self.refresh)
        for section in self.sections.values():
            section.table.current.connect(
                lambda row, table=section.table: self._table_current(table, row))
            section.table.opened.connect(self.row_actions.visits.open_patient)
        self.calls_button.clicked.connect(self.openCallList)
        self.day_button.clicked.connect(self.printDay)

    def _table_current(self, table: ListTable, row: Any) -> None:
        # a section that holds no selection says None on every reload: only the section whose
        # row was chosen last speaks for the page
        if row is not None:
            self._current_table = table
        elif table is not self._current_table:
            return
        self._set_current(row)

    def _set_current(self, row: Any) -> None:
        self._current = row
        self.row_actions.update(row)

    def refresh(self) -> None:
        today = self.ctx.today()
        self.today_label.setText(self.tr("Today: %s") % labels.day_text(today))
        split = views.worklist_sections(self.ctx.roster, today)
        titles = self.titles()
        for key, section in self.sections.items():
            section.set_entries(titles[key], split[key])
        # the sections share the height by what they hold; overdue and due now first
        weight = {views.OVERDUE: 10, views.DUE_TODAY: 10, views.THIS_WEEK: 6, views.NEXT_WEEKS: 4}
        sizes = [(min(len(split[k]), weight[k]) + 2) * 28 for k in views.SECTIONS]
        self.splitter.setSizes(sizes)
        # the chosen line stays chosen if its visit is still listed (ui/models/base.py)
        table = self._current_table
        self._set_current(table.current_object() if table is not None else None)

    def counts(self) -> dict[str, int]:
        return {key: s.model.rowCount() for key, s in self.sections.items()}

    def first_table(self) -> ListTable:
        for section in self.sections.values():
            if section.model.rowCount():
                return section.table
        return self.sections[views.OVERDUE].table
