"""Choose a backup to restore: every backup beside the roster, newest first, each with the result
of its check, so a damaged copy is never chosen by mistake."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cartclinic_ui.list_table import ListTable
from cartclinic_ui.models.base import SORT_ROLE, RowTableModel
from cartclinic_ui.models.proxy import RowProxy
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from cartclinic.store.maintenance import (
    AUTOMATIC,
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    BY_HAND,
    Maintenance,
)

COL_WHEN, COL_KIND, COL_SIZE, COL_CHECK, COL_FILE = range(5)


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    size: int
    check: str  # "ok" or what the store's check says is wrong
    kind: str = BY_HAND  # see cartclinic.store.maintenance

    @property
    def good(self) -> bool:
        return self.check == "ok"


def list_backups(upkeep: Maintenance) -> list[Backup]:
    """The roster's backups, newest first, each checked (read-only)."""
    return [Backup(b.path, b.made, b.size, upkeep.check_backup(b.path), b.kind)
            for b in upkeep.list_backups()]


class BackupsModel(RowTableModel):
    def headers(self) -> list[str]:
        return [self.tr("Made"), self.tr("Kind"), self.tr("Size"), self.tr("Check"),
                self.tr("File")]

    def kind(self, b: Backup) -> str:
        if b.kind == AUTOMATIC:
            return self.tr("automatic")
        if b.kind == BEFORE_RESTORE:
            return self.tr("before a restore")
        if b.kind == BEFORE_UPGRADE:
            return self.tr("before an upgrade")
        return self.tr("by hand")

    def cell(self, b: Backup, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {COL_WHEN: b.made.strftime("%Y-%m-%d %H:%M"), COL_KIND: self.kind(b),
                    COL_SIZE: self.tr("%.1f MB") % (b.size / 1e6),
                    COL_CHECK: self.tr("passes") if b.good else self.tr("damaged: %s") % b.check,
                    COL_FILE: b.path.name}.get(column)
        if role == SORT_ROLE:
            return {COL_WHEN: b.made, COL_SIZE: b.size}.get(
                column, str(self.cell(b, column, Qt.ItemDataRole.DisplayRole)))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_CHECK and not b.good:
            return QBrush(QColor("#b71c1c"))
        return None


class RestoreDialog(QDialog):
    """`chosen` is the backup to restore once accepted."""

    def __init__(self, upkeep: Maintenance, parent=None) -> None:
        super().__init__(parent)
        self.upkeep = upkeep
        local = upkeep.local_file()
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore a backup"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Backups of %s, newest first. Restoring replaces the roster with "
                               "the backup; the current roster is kept as a backup first. "
                               "Changes made after the backup will be missing.")
                       % (local.name if local is not None else upkeep.location))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = BackupsModel(self)
        self.proxy = RowProxy(self.model, parent=self)
        self.table = ListTable(self.proxy, self.tr("Backups"))
        self.table.fit_columns({COL_WHEN: 17, COL_KIND: 16, COL_SIZE: 9, COL_CHECK: 18})
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("&Restore this backup"))
        self.other_button = QPushButton(self.tr("&Other file…"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._choose_selected)
        self.other_button.clicked.connect(self._choose_other)
        self.table.current.connect(self._current)
        self.table.opened.connect(lambda _b: self._choose_selected())
        self.model.set_rows(list_backups(upkeep))
        self.table.sortByColumn(COL_WHEN, Qt.SortOrder.DescendingOrder)
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._current(self.table.current_object())

    def _current(self, backup: Backup | None) -> None:
        self.restore_button.setEnabled(backup is not None and backup.good)

    def _choose_selected(self) -> None:
        backup = self.table.current_object()
        if backup is not None and backup.good:
            self.chosen = backup.path
            self.accept()

    def _choose_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore a backup"),
                                              str(self.upkeep.backup_folder()),
                                              self.tr("Roster backups (*.db)"))
        if path:
            self.chosen = Path(path)
            self.accept()
