"""File › Upgrade protocols…: move existing treatments onto the library's newer protocol versions.

The list (worked out by the core, `cartclinic.protocol_upgrade`) is shown first; nothing is
changed until the admin ticks that they have read it and presses Apply. A backup is written
first, then exactly the listed changes are made in one transaction; a roster changed since the
list was made is refused, with nothing changed."""

from __future__ import annotations

from cartclinic_ui.errors import show_refused
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused, RosterProblem
from cartclinic.protocol_upgrade import UpgradePlan, apply_upgrade, plan_lines, plan_upgrade


class ProtocolUpgradeDialog(QDialog):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.applied: UpgradePlan | None = None
        self.backup = None
        self.setWindowTitle(self.tr("Upgrade protocols"))
        self.resize(900, 560)
        self.plan = plan_upgrade(ctx.roster, ctx.today())
        n = len(self.plan.to_apply)
        self.summary = QLabel(
            self.tr("%n treatment(s) follow an older version of a protocol the program now "
                    "holds in a newer version. Below is every visit the upgrade would add, move, "
                    "change or cancel, and what it keeps. Done, missed, cancelled and hand-moved "
                    "visits are never touched.", "", n))
        self.summary.setWordWrap(True)
        self.listing = QPlainTextEdit()
        self.listing.setReadOnly(True)
        self.listing.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        lines = plan_lines(self.plan, applied=False)
        self.listing.setPlainText("\n".join(lines[:-1]) if self.plan.treatments else self.tr(
            "Every treatment already follows the library's version of its protocols; nothing to "
            "upgrade."))
        self.confirm = QCheckBox(self.tr("I have read the list: apply these changes (a backup "
                                         "of the roster is written first)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setEnabled(False)
        self.confirm.setEnabled(n > 0)
        self.confirm.toggled.connect(self.apply_button.setEnabled)
        self.apply_button.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.listing, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)

    def _apply(self) -> None:
        store = self.ctx.roster.store
        try:
            self.backup = store.maintenance().backup(self.ctx.now())
            self.ctx.note("backup", {"file": str(self.backup), "before": "protocol upgrade"})
            self.applied = self.ctx.write(lambda: apply_upgrade(
                self.ctx.roster, self.ctx.who, self.ctx.today(), expected=self.plan))
        except InputRefused as exc:
            show_refused(self, exc, self.tr("Nothing was upgraded"))
            return
        except (RosterProblem, OSError) as exc:
            QMessageBox.warning(self, self.tr("Nothing was upgraded"), str(exc))
            return
        counts = self.applied.counts()
        QMessageBox.information(
            self, self.tr("Protocols upgraded"),
            self.tr("%1 visit(s) added, %2 moved, %3 changed, %4 cancelled. A backup was "
                    "written first:\n%5").replace("%1", str(counts["add"]))
            .replace("%2", str(counts["move"])).replace("%3", str(counts["change"]))
            .replace("%4", str(counts["cancel"])).replace("%5", str(self.backup)))
        self.accept()
