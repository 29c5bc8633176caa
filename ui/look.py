"""How the program looks: calm, high-contrast, large enough to read at arm's length on a ward PC.

Each marked label carries its own small style sheet, and lists get their colours from a palette.
An application-wide style sheet (resources/style.qss until this module) made Qt draw every widget
through its style-sheet engine: about a fifth of the program's start, and slower painting of
every table, for a dozen labels."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QTableView

_HEADING = "font-size: 12pt; font-weight: bold; color: #263238;"
LABELS = {
    "today": "font-size: 15pt; font-weight: bold; color: #263238;",
    "heading": _HEADING,
    "patientName": "font-size: 16pt; font-weight: bold; color: #1a237e;",
    "error": "color: #b71c1c;",
    "ok": "",
    "warning": "color: #e65100; font-weight: bold;",
    "flags": "color: #bf360c; background: #fff3e0; border: 1px solid #ffcc80; padding: 4px;",
    "empty": "color: #78909c; padding: 2px 8px; font-style: italic;",
    # rule 12: the patient's state on their page, one badge each
    "stateEnded": "color: white; background: #37474f; padding: 3px 8px; font-weight: bold;",
    "stateLost": "color: #37474f; background: #eceff1; border: 1px solid #90a4ae; "
                 "padding: 3px 8px; font-weight: bold;",
    "stateDisease": "color: #b71c1c; background: #ffebee; border: 1px solid #ef9a9a; "
                    "padding: 3px 8px; font-weight: bold;",
}
# the worklist's section headings: red for overdue, orange for due now, blue for this week
SECTIONS = {
    "overdue": "color: white; background: #c62828;",
    "due_today": "color: white; background: #ef6c00;",
    "this_week": "color: white; background: #1565c0;",
    "next_weeks": "color: #263238; background: #cfd8dc;",
}
SELECTION = QColor("#bbdefb")
GRID = QColor("#e0e0e0")
HEADER = QColor("#eceff1")
FOCUS = QColor("#1565c0")
FRAME = QColor("#cfd8dc")


def mark(label: QLabel, kind: str) -> QLabel:
    """Give `label` the look of its kind (a key of LABELS); kept as its objectName too."""
    label.setObjectName(kind)
    label.setStyleSheet(LABELS[kind])
    return label


def section_heading(label: QLabel, section: str) -> QLabel:
    label.setObjectName(f"section_{section}")
    label.setStyleSheet(f"font-size: 12pt; font-weight: bold; padding: 3px 8px; {SECTIONS[section]}")
    return label


def list_table(table: QTableView) -> None:
    """Selection in light blue with black text, light grid lines, bold headings."""
    palette = table.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, SELECTION)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("black"))
    palette.setColor(QPalette.ColorRole.Mid, GRID)  # the grid's colour in Qt's own styles
    table.setPalette(palette)
    header = table.horizontalHeader()
    font = QFont(header.font())
    font.setBold(True)
    header.setFont(font)
    header_palette = header.palette()
    header_palette.setColor(QPalette.ColorRole.Button, HEADER)
    header.setPalette(header_palette)
    # a plain 2-pixel frame, blue while the table has the keyboard (see `focus_frame`)
    table.setFrameShape(QFrame.Shape.Box)
    table.setFrameShadow(QFrame.Shadow.Plain)
    table.setLineWidth(2)
    focus_frame(table, False)


def focus_frame(table: QTableView, focused: bool) -> None:
    """A plain frame is drawn in the WindowText colour: blue with the keyboard, grey without."""
    palette = table.palette()
    palette.setColor(QPalette.ColorRole.WindowText, FOCUS if focused else FRAME)
    table.setPalette(palette)
