"""The visit actions as QActions with shortcuts, for a page that lists visits (worklist, calendar
day, patient schedule). They act on the page's current row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cartclinic_ui.visit_actions import VisitActions, visit_id_of
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class RowActions:
    def __init__(self, page: QWidget, actions: VisitActions, current: Callable[[], Any]) -> None:
        self.page = page
        self.current = current
        self.visits = actions

        def make(text: str, shortcut: str, slot: Callable[[], Any]) -> QAction:
            action = QAction(text, page)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            page.addAction(action)
            return action

        self.open = make(QCoreApplication.translate("RowActions", "&Open patient"), "", lambda: actions.open_patient(current()))
        self.record = make(QCoreApplication.translate("RowActions", "&Record visit…"), "Ctrl+R",
                           lambda: actions.record(current(), page))
        self.reschedule = make(QCoreApplication.translate("RowActions", "Re&schedule…"), "Ctrl+D",
                               lambda: actions.reschedule(current(), page))
        self.missed = make(QCoreApplication.translate("RowActions", "Mark &missed…"), "Ctrl+M",
                           lambda: actions.mark_missed(current(), page))
        self.sheet = make(QCoreApplication.translate("RowActions", "Print visit &sheet…"), "Ctrl+Shift+P",
                          lambda: actions.print_sheet(current()))
        self.open.setToolTip(QCoreApplication.translate("RowActions", "Open the patient's page (Enter)"))

    def all(self) -> list[QAction]:
        return [self.open, self.record, self.reschedule, self.missed, self.sheet]

    def update(self, row: Any = None) -> None:
        enabled = visit_id_of(row if row is not None else self.current()) is not None
        for action in self.all():
            action.setEnabled(enabled)
