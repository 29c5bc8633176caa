"""The phone list: every overdue visit with the patient's number and the calls made so far
(reached, no answer, message left), kept in the roster with the day and who called."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cartclinic import views
from ui import labels, look
from ui.context import AppContext
from ui.dialogs.call_dialog import CallDialog
from ui.list_table import ListTable
from ui.load_when_shown import LoadWhenShown
from ui.models import small_models as m
from ui.models.proxy import RowProxy
from ui.visit_actions import VisitActions


class PhoneListPage(QWidget):
    def __init__(self, ctx: AppContext, actions: VisitActions, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actions = actions
        self.model = m.CallsModel(self)
        self.proxy = RowProxy(self.model, parent=self)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = QLabel()
        look.mark(self.heading, "heading")
        top.addWidget(self.heading, 1)
        self.call_action = QAction(self.tr("Note a &call…"), self)
        self.call_action.setShortcut(QKeySequence("Ctrl+L"))
        self.call_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.call_action)
        self.call_button = QPushButton(self.tr("Note a call… (Ctrl+L)"))
        self.open_button = QPushButton(self.tr("Open patient"))
        top.addWidget(self.call_button)
        top.addWidget(self.open_button)
        layout.addLayout(top)
        self.table = ListTable(self.proxy, self.tr("Overdue patients to call"))
        self.table.sortByColumn(m.COL_CALL_LATE, Qt.SortOrder.DescendingOrder)
        self.table.fit_columns({m.COL_CALL_PATIENT: 26, m.COL_CALL_PHONE: 18, m.COL_CALL_VISIT: 40,
                                m.COL_CALL_LATE: 9, m.COL_CALL_LAST: 34})
        self.table.menu_actions = [self.call_action]
        layout.addWidget(self.table)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setAccessibleName(self.tr("Calls to this patient"))
        layout.addWidget(self.history)
        self.loader = LoadWhenShown(self, self.refresh)
        self._connect()

    def _connect(self) -> None:
        self.ctx.changed.connect(self.loader.changed)
        self.call_action.triggered.connect(self._call)
        self.call_button.clicked.connect(self._call)
        self.open_button.clicked.connect(self._open)
        self.table.opened.connect(lambda _row: self._call())
        self.table.current.connect(self._show_history)

    def refresh(self) -> None:
        rows = views.overdue_calls(self.ctx.roster, self.ctx.today())
        self.model.set_rows(rows)
        self.heading.setText(self.tr("Overdue visits to call: %d") % len(rows))
        self._show_history(self.table.current_object())  # the same visit, if still overdue

    def _show_history(self, row) -> None:
        if not row:
            self.history.clear()
            return
        calls = row[1]
        self.history.setText("<br>".join(
            f"{c.called_on} · {labels.call_text(c.outcome)} · {c.who} {c.notes}" for c in calls)
            or self.tr("No call yet."))

    def _call(self) -> None:
        row = self.table.current_object()
        if row:
            CallDialog(self.ctx, row[0].patient, row[0].visit, self).exec()

    def _open(self) -> None:
        row = self.table.current_object()
        if row:
            self.actions.open_patient(row[0])
