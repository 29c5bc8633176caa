"""What every table model shares: a sort role that returns the real value (a date sorts as a
date) and an object role that returns the core object behind a row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """A table over a list of row objects. Subclasses give the headers and `cell(row, col, role)`."""

    # The roles a subclass answers, when it says so: the others are empty without asking it
    # (five of the seven a delegate asks for, on every painted cell). None: ask it every role.
    ROLES: frozenset[int] | None = None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[Any] = []  # every row object
        self._rows: list[Any] = []  # the ones shown: filtered and sorted here, in Python
        self._select: Callable[[list[Any]], list[Any]] | None = None
        self._order: tuple[int, Qt.SortOrder] | None = None
        self._ordered: list[Any] = []  # _all in the current order
        self._column_count: int | None = None
        self._headings: list[str] | None = None

    # subclasses ---------------------------------------------------------------------------
    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    # the model ----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows (a reload after a write or a timer): a selected row stays selected if
        its object (by `row_key`) is still listed, and is dropped otherwise, never left on
        whatever object now has its row number."""
        def change() -> None:
            self._all = list(rows)
            self._ordered = self._in_order()
            self._rows = self._shown()
        self._relayout(change, by_key=True)

    def set_filter(self, select: Callable[[list[Any]], list[Any]] | None) -> None:
        """Show only the rows `select` keeps: it is given every row in the current order and
        returns the ones to show, in that order; it is asked again after a sort and when the
        rows are set anew. Filtering here, in one Python pass, instead of in a proxy's
        filterAcceptsRow keeps a keystroke of search fast on 10,000 patients: Qt would call
        back into Python once per row. The selection stays on its object while it is shown."""
        def change() -> None:
            self._select = select
            self._rows = self._shown()
        self._relayout(change, by_key=False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the real value of SORT_ROLE (dates as dates), with one key per row. The
        selection moves with its object, as in Qt's own sorting proxy."""
        def change() -> None:
            self._order = None if column < 0 else (column, order)
            self._ordered = self._in_order()
            self._rows = self._shown()
        self._relayout(change, by_key=False)

    def row_key(self, row: Any) -> Any:
        """What a row stands for across a reload (its id in the roster), so that a selection
        follows the patient or visit and not the row number; None: nothing to follow, the
        selection of such a row is dropped on a reload. Lists of other objects say theirs."""
        return getattr(row, "id", None)

    def _relayout(self, change: Callable[[], None], *, by_key: bool) -> None:
        """Change the rows shown and move every persistent index (a view's current row and
        selection) to the row of the same object, or make it invalid if that object is no
        longer shown: layoutAboutToBeChanged / changePersistentIndexList / layoutChanged, as
        QSortFilterProxyModel does. `by_key`: the rows are new objects (a reload), matched by
        `row_key`; otherwise the same objects, matched by identity."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [self._rows[i.row()] if 0 <= i.row() < len(self._rows) else None for i in before]
        change()
        if before:
            if by_key:
                wanted = {self.row_key(obj) for obj in held if obj is not None} - {None}
                where = {}
                for n, obj in enumerate(self._rows):
                    k = self.row_key(obj)
                    if k in wanted and k not in where:
                        where[k] = n

                def place(obj: Any) -> int | None:
                    k = self.row_key(obj)
                    return None if k is None else where.get(k)
            else:
                ids = {id(obj) for obj in held if obj is not None}
                found: dict[int, int] = {}
                for n, obj in enumerate(self._rows):  # a few objects held: stop when all are found
                    if id(obj) in ids:
                        found[id(obj)] = n
                        if len(found) == len(ids):
                            break

                def place(obj: Any) -> int | None:
                    return found.get(id(obj))
            after = []
            for index, obj in zip(before, held, strict=True):
                n = None if obj is None else place(obj)
                after.append(QModelIndex() if n is None else self.index(n, index.column()))
            self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _shown(self) -> list[Any]:
        # filtering keeps the sorted order, so a keystroke never sorts again
        if self._select is None:
            return list(self._ordered)
        return self._select(self._ordered)

    def _in_order(self) -> list[Any]:
        if self._order is None:
            return list(self._all)
        column, order = self._order
        descending = order == Qt.SortOrder.DescendingOrder

        def key(row: Any) -> tuple[bool, Any]:
            value = self.cell(row, column, SORT_ROLE)
            return (value is None, value if value is not None else 0)

        try:
            return sorted(self._all, key=key, reverse=descending)
        except TypeError:  # mixed types in one column: sort on their text
            return sorted(self._all, key=lambda r: str(self.cell(r, column, SORT_ROLE)),
                          reverse=descending)

    def rows(self) -> list[Any]:
        return list(self._rows)

    def all_rows(self) -> list[Any]:
        """Every row object, shown or filtered out (the same list until the rows are set anew)."""
        return self._all

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        # asked for on every paint: the headings are translated once, not thousands of times
        if self._column_count is None:
            self._column_count = len(self.headers())
        return 0 if parent.isValid() else self._column_count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.value(self._rows[index.row()], index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802, N803
        """Every role a delegate asks for to paint one cell, in one call from Qt.

        QStyledItemDelegate asks for seven roles per cell (font, alignment, colours, check state,
        icon, text, background); through data() each is a call from C++ into Python, about
        1,700 for one page of the roster on every keystroke of search. The values are the ones
        data() gives: both read `value`."""
        row = index.row()
        found = index.isValid() and 0 <= row < len(self._rows)
        obj = self._rows[row] if found else None
        column, value, roles = index.column(), self.value, self.ROLES
        for i in range(len(roleDataSpan)):
            item = roleDataSpan[i]
            role = item.role()
            if found and (roles is None or role in roles):
                result = value(obj, column, role)
                if result is not None:
                    item.setData(result)
                    continue
            item.clearData()  # the delegate reuses its span from cell to cell: no stale value

    def value(self, row: Any, column: int, role: int) -> Any:
        """What data() and multiData() give for a row object: the object for OBJECT_ROLE,
        otherwise the subclass's cell."""
        if self.ROLES is not None and role not in self.ROLES:
            return None
        if role == OBJECT_ROLE:
            return row
        return self.cell(row, column, role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if self._headings is None:
                self._headings = list(self.headers())
            if 0 <= section < len(self._headings):
                return self._headings[section]
        return super().headerData(section, orientation, role)
