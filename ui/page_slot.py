"""A tab's place whose page is built the first time it is shown or asked for. The roster, phone
list and calendar pages are not needed to show the worklist: building them (a calendar widget,
three more tables, their styles) at start cost the nurse time before anything was on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

P = TypeVar("P", bound=QWidget)


class PageSlot(QWidget, Generic[P]):
    def __init__(self, build: Callable[[], P], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._page: P | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def page(self) -> P:
        if self._page is None:
            self._page = self._build()
            self.layout().addWidget(self._page)
            self._page.show()  # shown with the slot, not one event later
        return self._page

    def built(self) -> bool:
        return self._page is not None

    def showEvent(self, event) -> None:  # noqa: N802
        self.page  # noqa: B018 - built before the first paint
        super().showEvent(event)
