"""The one sort/filter proxy every list uses: sorts on the real value of SORT_ROLE (dates as
dates, numbers as numbers) and filters with a search-as-you-type query on the row object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from cartclinic.views import matches
from ui.models.base import OBJECT_ROLE, SORT_ROLE


class RowProxy(QSortFilterProxyModel):
    def __init__(self, source, search_text: Callable[[Any], str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._search_text = search_text
        self._query = ""

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if not self._query or self._search_text is None:
            return True
        obj = self.sourceModel().index(row, 0, parent).data(OBJECT_ROLE)
        return obj is not None and matches(self._search_text(obj), self._query)

    def lessThan(self, left, right) -> bool:  # noqa: N802
        a = self.sourceModel().data(left, SORT_ROLE)
        b = self.sourceModel().data(right, SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def object_at(self, proxy_index: QModelIndex) -> Any:
        if not proxy_index.isValid():
            return None
        return self.mapToSource(proxy_index).data(OBJECT_ROLE)
