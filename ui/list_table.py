"""A table view set up the same way for every list: whole rows, one at a time, sorted by
clicking a heading, Enter opens the row, a context menu with the row's actions."""

from __future__ import annotations

from typing import Any

from cartclinic_ui import look
from cartclinic_ui.models.proxy import RowProxy
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView


class ListTable(QTableView):
    opened = Signal(object)  # the row object, on Enter or double click
    current = Signal(object)  # the row object now selected (or None)

    def __init__(self, proxy: RowProxy, name: str, parent=None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.setModel(proxy)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table: a sane tab order
        look.list_table(self)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # one height for every row: a reset of 10,000 rows then costs nothing to lay out
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.menu_actions: list[QAction] = []
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.doubleClicked.connect(lambda index: self.opened.emit(self.proxy.object_at(index)))
        self.selectionModel().currentRowChanged.connect(
            lambda now, _old: self.current.emit(self.proxy.object_at(now)))
        # after a sort, filter or reload the selection is on the same object, or on none if it
        # is gone (ui/models/base.py): say which, as the reloaded row object
        proxy.layoutChanged.connect(lambda: self.current.emit(self.current_object()))
        proxy.modelReset.connect(lambda: self.current.emit(self.current_object()))
        # a heading clicked: the chosen row moved, keep it in sight (after the view's own sort)
        header.sortIndicatorChanged.connect(lambda _c, _o: self._show_current())

    def _show_current(self) -> None:
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible)

    def current_object(self) -> Any:
        return self.proxy.object_at(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.current_object())
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        look.focus_frame(self, False)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        look.focus_frame(self, True)
        if not self.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self.setCurrentIndex(self.proxy.index(0, 0))
        self.current.emit(self.current_object())

    def _menu(self, pos) -> None:
        if not self.menu_actions or not self.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addActions(self.menu_actions)
        menu.exec(self.viewport().mapToGlobal(pos))

    def fit_columns(self, widths: dict[int, int]) -> None:
        for column, chars in widths.items():
            # a digit is wider than the average letter, and these columns hold dates and phones
            self.setColumnWidth(column, self.fontMetrics().horizontalAdvance("0") * chars + 16)
