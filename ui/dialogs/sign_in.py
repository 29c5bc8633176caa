"""Who is working: each nurse signs in with their own name and PIN, and every change in the
roster is recorded with that name. Also the way back in after the idle lock: the same person's
PIN, or another person signing in."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from cartclinic_ui.dialogs.form import FieldErrors
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from cartclinic.errors import InputRefused
from cartclinic.model import User
from cartclinic.users import Staff

LAST_WHO = "ui/last_who"


def pin_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(8)
    edit.setAccessibleName(name)
    return edit


class SignInDialog(QDialog):
    def __init__(self, staff: Staff, clinic: str, now: Callable[[], datetime], *,
                 locked_by: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.staff = staff
        self.now = now
        self.locked = locked_by is not None
        self.user: User | None = None
        self.setWindowTitle(self.tr("Locked") if self.locked else self.tr("Sign in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{html.escape(clinic)}</b>")
        layout.addWidget(heading)
        if self.locked:
            text = self.tr("The screen was locked after a while without use. %s can go on with "
                           "their PIN, or another person can sign in.") % locked_by
        else:
            text = self.tr("Sign in with your own name and PIN. Every change you make in the "
                           "roster is recorded with your name.")
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = QLabel()
        self.errors = FieldErrors(general)
        layout.addWidget(general)
        form = QFormLayout()
        self.name = QLineEdit(locked_by if self.locked else str(QSettings().value(LAST_WHO, "")))
        self.pin = pin_edit(self.tr("PIN"))
        self.errors.add_row(form, self.tr("&Name"), self.name, "name")
        self.errors.add_row(form, self.tr("&PIN"), self.pin, "pin")
        layout.addLayout(form)
        buttons = QDialogButtonBox.StandardButton.Ok
        if not self.locked:
            buttons |= QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Unlock") if self.locked else self.tr("&Sign in"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.activateWindow()  # at start nothing else has the keyboard: the PIN is typed at once
        (self.pin if self.name.text().strip() else self.name).setFocus()

    def try_sign_in(self) -> bool:
        """Check the name and PIN; on success the dialog closes with `user` set. A wrong PIN
        or a locked name is said beside the field, and the dialog stays open."""
        try:
            user = self.staff.sign_in(self.name.text(), self.pin.text(), self.now())
        except InputRefused as exc:  # SignInRefused, or a name the core refuses outright
            self.errors.show(exc.why)
            self.pin.clear()
            self.pin.setFocus()
            return False
        self.errors.clear()
        self.user = user
        QSettings().setValue(LAST_WHO, user.name)
        self.accept()
        return True

    def reject(self) -> None:
        if self.locked:  # the lock stays until someone signs in
            return
        super().reject()
