"""A date that changes only when a person means it to: shown as text, changed from a calendar
opened with its "Change…" button and taken with OK. A QDateEdit is a spin box: Tab lands on its
year, month or day part and an arrow key or the mouse wheel then steps that part silently, which
moved a visit's "Done on" to another month unseen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class CalendarChoice(QDialog):
    """The calendar a date is picked from: arrows move in it, Enter or OK takes the day shown,
    Esc or Cancel leaves the date as it was."""

    def __init__(self, value: date, latest: date | None, title: str, parent=None,
                 window: tuple[date, date] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        if latest is not None:
            self.calendar.setMaximumDate(_qdate(latest))
        self.calendar.setSelectedDate(_qdate(value))
        if window is not None and (window[1] - window[0]).days <= 366:
            # the days a visit is due in, shaded, so a date outside them is seen while choosing
            shade = QTextCharFormat()
            shade.setBackground(QBrush(QColor("#c8e6c9")))
            day = _qdate(window[0])
            while day <= _qdate(window[1]):
                self.calendar.setDateTextFormat(day, shade)
                day = day.addDays(1)
        layout.addWidget(self.calendar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(lambda _d: self.accept())  # Enter or a double click
        self.calendar.setFocus()

    def chosen(self) -> date:
        return _date(self.calendar.selectedDate())


class DateChoice(QWidget):
    """The date as read-only text (not a tab stop) and a "Change…" button (the tab stop)."""

    dateChanged = Signal(object)  # noqa: N815 - the new date

    def __init__(self, value: date, name: str, latest: date | None = None, parent=None) -> None:
        super().__init__(parent)
        self._date = value
        self._latest = latest
        self._name = name
        self.window: tuple[date, date] | None = None  # the days to shade in the calendar
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setAccessibleName(name)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.change_button = QPushButton(self.tr("Change…"))
        self.change_button.setAccessibleName(self.tr("Change %s") % name)
        self.change_button.setAutoDefault(False)  # Enter in the form saves, it does not open this
        layout.addWidget(self.text)
        layout.addWidget(self.change_button)
        layout.addStretch()
        self.setFocusProxy(self.change_button)
        self.change_button.clicked.connect(self.choose)
        self._show()

    def date(self) -> date:
        return self._date

    def set_date(self, value: date) -> None:
        if value != self._date:
            self._date = value
            self._show()
            self.dateChanged.emit(value)

    def choose(self) -> None:
        picker = CalendarChoice(self._date, self._latest, self._name, self, self.window)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.set_date(picker.chosen())

    def _show(self) -> None:
        # the weekday beside the ISO date: a Saturday is seen, not worked out
        self.text.setText(f"<b>{self._date.isoformat()}</b> ({QLocale().toString(_qdate(self._date), 'dddd')})")
