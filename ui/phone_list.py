"""The phone list: one line per patient with every overdue visit of theirs, the patient's
number and the calls made so far (reached, no answer, message left), kept in the roster with
the day and who called. A call that reached the patient goes straight on to rebooking those
visits."""

from __future__ import annotations

import html

from cartclinic_ui import labels, look
from cartclinic_ui.context import AppContext
from cartclinic_ui.dialogs.call_dialog import CallDialog
from cartclinic_ui.dialogs.rebook_dialog import RebookDialog
from cartclinic_ui.list_table import ListTable
from cartclinic_ui.load_when_shown import LoadWhenShown
from cartclinic_ui.models import small_models as m
from cartclinic_ui.models.proxy import RowProxy
from cartclinic_ui.visit_actions import VisitActions
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cartclinic import views


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
        # the core's triage order (rule 15) until a nurse clicks a heading
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.fit_columns({m.COL_CALL_PATIENT: 26, m.COL_CALL_PHONE: 18, m.COL_CALL_VISIT: 60,
                                m.COL_CALL_LATE: 9, m.COL_CALL_LAST: 26})
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
        self.heading.setText(self.tr("Patients to call: %d (overdue visits: %d)")
                             % (len(rows), sum(len(r.entries) for r in rows)))
        self._show_history(self.table.current_object())  # the same patient, if still to call

    def _show_history(self, row) -> None:
        if not row:
            self.history.clear()
            return
        calls = row.calls
        # whom else to call when the patient does not answer, above the calls made so far
        kin = html.escape(labels.next_of_kin_text(row.patient))
        self.history.setText(kin + "<br>" + ("<br>".join(
            f"{c.called_on} · {labels.call_text(c.outcome)} · {c.who} {c.notes}" for c in calls)
            or self.tr("No call yet.")))

    def _call(self) -> None:
        row = self.table.current_object()
        if not row:
            return
        visits = [e.visit for e in row.entries]
        call = CallDialog(self.ctx, row.patient, visits[0], self, visits=visits)
        if call.exec() == QDialog.DialogCode.Accepted and call.saved_outcome == "reached":
            RebookDialog(self.ctx, row.patient, visits, self).exec()

    def _open(self) -> None:
        row = self.table.current_object()
        if row:
            self.actions.open_patient(row.entries[0])
