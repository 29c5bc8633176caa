"""Who is working: every change in the roster is recorded with this name. Also the lock screen
after the workstation has been left idle."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout


class SignInDialog(QDialog):
    def __init__(self, clinic: str, *, locked: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Locked") if locked else self.tr("Who is working?"))
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{clinic}</b>")
        layout.addWidget(heading)
        text = (self.tr("The screen was locked after a while without use. Give your name to "
                        "go on.") if locked else
                self.tr("Your name is kept with every change you make in the roster."))
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(str(QSettings().value("ui/last_who", "")))
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.selectAll()
        form.addRow(self.tr("&Your name"), self.name)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(380)

    def _accept(self) -> None:
        if self.name.text().strip():
            QSettings().setValue("ui/last_who", self.who())
            self.accept()

    def who(self) -> str:
        return self.name.text().strip()
